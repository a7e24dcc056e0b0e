"""Counts of one in the CLI's messages: '1 slide', '1 commit from 1 repository'."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from deckgen.cli import main
from tests.gitrepos import ALICE, make_repo, utc

OUTLINE = """\
title: One of everything
speaker: {name: Alice}
event: {name: Meetup}
repos: {core: [one]}
slides:
  - kind: title
"""


def test_one_slide_one_commit_one_repository(tmp_path: Path) -> None:
    make_repo(tmp_path / "one", [(ALICE, utc(2026, 3, 1))])
    (tmp_path / "talk.yaml").write_text(OUTLINE)
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(tmp_path / "talk.yaml")])
    assert result.stdout == f"{tmp_path / 'talk.yaml'}: valid (1 slide)\n"
    out = tmp_path / "talk.pptx"
    args = ["build", str(tmp_path / "talk.yaml"), "-o", str(out), "--as-of", "2026-06-30"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    expected = (
        rf"wrote {re.escape(str(out))} \(1 slide; 1 commit read from 1 repository; [\d.]+ s\)\n"
    )
    assert re.fullmatch(expected, result.stdout)
