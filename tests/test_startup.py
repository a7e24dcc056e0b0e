"""A cold `deckgen metrics` starts git early: what only the stages after git need is imported
after git starts (or meanwhile), and rich not at all when the table goes to a file."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitrepos import ALICE, make_repo, utc

CODE = """
import subprocess, sys
seen = []
spawn = subprocess.Popen.__init__
def first_git(self, args, *rest, **kwargs):
    if not seen and args and str(args[0]).endswith("git"):
        seen.append(sorted(sys.modules))
    return spawn(self, args, *rest, **kwargs)
subprocess.Popen.__init__ = first_git
from deckgen.cli import main
try:
    main(["metrics", sys.argv[1], "--as-of", "2020-06-30"])
except SystemExit as exit:
    assert not exit.code, exit.code
print("before git:", seen[0], file=sys.stderr)
print("at the end:", sorted(sys.modules), file=sys.stderr)
"""

LATER = ("deckgen.findings", "deckgen.metrics.model", "deckgen.news", "deckgen.text.render",
         "deckgen.charts", "numpy", "rich")  # fmt: skip
"""Modules that a `deckgen metrics` without chart slides needs only after git has started."""


def run_metrics(outline: Path, cache: Path) -> tuple[set[str], set[str], str]:
    """Run `deckgen metrics` with stdout a pipe; return the modules imported before its first
    git spawn, those imported by its end, and what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", CODE, str(outline)],
        cwd=Path(__file__).parents[1],
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    before, end = done.stderr.strip().splitlines()[-2:]
    assert before.startswith("before git: ") and end.startswith("at the end: "), done.stderr
    return (
        set(ast.literal_eval(before.removeprefix("before git: "))),
        set(ast.literal_eval(end.removeprefix("at the end: "))),
        done.stdout,
    )


@pytest.fixture
def outline(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2020, 2, 1))])
    outline = tmp_path / "talk.yaml"
    outline.write_text(
        "title: T\nspeaker: {name: S}\nevent: {name: E}\n"
        f"repos:\n  core:\n    - {repo}\nslides:\n  - kind: title\n"
    )
    return outline


def test_what_only_the_counting_needs_is_imported_after_git_starts(
    outline: Path, tmp_path: Path
) -> None:
    before, end, printed = run_metrics(outline, tmp_path / "cache")
    assert "deckgen.outline.schema" in before and "jinja2" in before  # checked before git
    assert not {m for m in before if m.split(".")[0] in LATER or m.startswith(LATER)}
    assert {"deckgen.findings", "deckgen.text.render", "numpy"} <= end  # used, after git
    assert "rich" not in {m.split(".")[0] for m in end}  # the table went to a pipe
    lines = printed.splitlines()
    assert lines[0].strip() == "T — 2020-01-01 to 2020-06-30" and lines[1].startswith("┏━")
    assert lines[-2].startswith("│ repo:core │       1 │")
