"""`deckgen metrics` stays light: it never imports matplotlib or python-pptx, and metrics read
back from the cache do not import numpy (only counting needs it)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from tests.gitrepos import ALICE, make_repo, utc

CODE = """
import sys
from deckgen.cli import main
try:
    main(["metrics", sys.argv[1], "--as-of", "2020-06-30", "--json"])
except SystemExit as exit:
    assert not exit.code, exit.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"matplotlib", "pptx", "numpy"})
print("heavy:", heavy, file=sys.stderr)
"""


def run_metrics(outline: Path, cache: Path) -> list[str]:
    """Run `deckgen metrics --json` in a fresh interpreter; return the heavy modules it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", CODE, str(outline)],
        cwd=Path(__file__).parents[2],
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"commits": 1' in done.stdout
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("heavy: "), done.stderr
    return list(ast.literal_eval(last.removeprefix("heavy: ")))


def test_metrics_command_imports_neither_matplotlib_nor_pptx(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2020, 2, 1))])
    outline = tmp_path / "talk.yaml"
    outline.write_text(
        "title: T\nspeaker: {name: S}\nevent: {name: E}\n"
        f"repos:\n  core:\n    - {repo}\nslides:\n  - kind: title\n"
    )
    assert run_metrics(outline, tmp_path / "cache") == ["numpy"]  # counted: numpy, nothing else
    assert run_metrics(outline, tmp_path / "cache") == []  # from the metrics cache
