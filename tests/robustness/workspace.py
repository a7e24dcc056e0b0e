"""A talk folder with the fixture project of tests/project.py and the bad inputs the robustness
tests point outlines at: an empty, a shallow and a not-git repository, one whose commits carry a
credit trailer without an e-mail and a malformed one, a template whose layouts are renamed, a file
that is not a picture, an `extends` cycle.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import main
from deckgen.deck.theme import DEFAULT_TEMPLATE
from deckgen.fastimport import FastImport, Person
from tests.project import OUTLINE, make_project

AS_OF = "2026-06-30"


def make_workspace(root: Path) -> Path:
    """Fill `root` (the talk folder) and return it."""
    make_project(root / "repos")
    (root / "talk.yaml").write_text(OUTLINE)
    (root / "out").mkdir()
    (root / "plain").mkdir()
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "--quiet", str(root / "empty")], check=True)
    core = (root / "repos" / "core").resolve()
    subprocess.run(
        [*git, "clone", "--quiet", "--depth", "2", f"file://{core}", str(root / "shallow")],
        check=True,
    )
    with FastImport(root / "credited") as fi:
        ann, when = Person("Ann Example", "ann@example.org"), datetime(2026, 3, 2, 12, tzinfo=UTC)
        tip = fi.commit(author=ann, when=when, message="Fix\n\nTested-by: Bo\n")
        message = "Port\n\nReviewed-by: Bo <bo@example.org\n"
        fi.commit(author=ann, when=when + timedelta(days=1), message=message, parents=(tip,))
    template = Presentation(str(DEFAULT_TEMPLATE))
    for layout in template.slide_layouts:
        layout.name = f"Old {layout.name}"
    template.save(str(root / "renamed.pptx"))
    (root / "notes.png").write_text("meeting notes, not a picture\n")
    (root / "a.yaml").write_text("extends: b.yaml\n")
    (root / "b.yaml").write_text("extends: a.yaml\n")
    return root


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; an exception that is not a user error escapes (a failed test)."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr
