"""Progress through a whole build: the history, then every later stage, in pipeline order.

The fixture project is described in tests/project.py.
"""

from __future__ import annotations

import io
import re
from datetime import date
from itertools import groupby
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from rich.console import Console

import deckgen.cli
from deckgen.build import OutlineSource, build
from deckgen.cli import main

AS_OF = date(2026, 6, 30)
COMMITS = {"core": 11, "python": 3}
"""Every commit of each fixture repository: what the history stage ends with."""
STAGES = ["history", "metrics", "text", "charts", "deck", "write"]


Event = tuple[str, str | int, int]


def build_recorded(project: Path, output: Path) -> tuple[list[Event], int]:
    """Build the fixture deck; return every progress event and the number of chart slides."""
    events: list[Event] = []
    build(
        OutlineSource(project / "talk.yaml"),
        output,
        as_of=AS_OF,
        progress=lambda name, commits: events.append(("history", name, commits)),
        steps=lambda stage, done, total: events.append((stage, done, total)),
    )
    deck = Presentation(str(output))
    charts = sum(
        any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes) for slide in deck.slides
    )
    return events, charts


@pytest.mark.parametrize("runs", [1, 2], ids=["cold", "warm"])
def test_build_reports_every_stage_in_pipeline_order(
    project: Path, tmp_path: Path, runs: int
) -> None:
    for n in range(runs):  # the second build reads the history and metrics from the cache
        events, charts = build_recorded(project, tmp_path / f"foo{n}.pptx")

    assert [stage for stage, _ in groupby(e[0] for e in events)] == STAGES
    last = {name: commits for stage, name, commits in events if stage == "history"}
    assert last == COMMITS
    assert charts == 2
    assert [(done, total) for stage, done, total in events if stage == "charts"] == [
        (0, charts),
        (1, charts),
        (2, charts),
    ]
    for stage in STAGES[2:]:
        counts = [(done, total) for s, done, total in events if s == stage]
        assert counts[0][0] == 0 and counts[-1][0] == counts[-1][1], stage
    scopes = len(COMMITS) + 2 + 1  # each repository, each group (core, bindings), all
    total = 3 * scopes  # three steps per scope
    counted = [(n, total) for n in range(total + 1)]
    from_cache = [(0, total), (total, total)]
    metrics = [(done, total) for stage, done, total in events if stage == "metrics"]
    assert metrics == (counted if runs == 1 else from_cache)


def test_build_shows_the_stages_on_a_terminal(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100, highlight=False)
    monkeypatch.setattr(deckgen.cli, "stderr", terminal)
    monkeypatch.delenv("CI", raising=False)
    out = tmp_path / "foo.pptx"
    result = CliRunner().invoke(
        main, ["build", str(project / "talk.yaml"), "-o", str(out), "--as-of", str(AS_OF)]
    )
    assert result.exit_code == 0, result.output
    assert re.search(
        r"\(6 slides; 14 commits read from 2 repositories; [\d.]+ s\)\n", result.stdout
    )
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())
    assert re.search(r"core +11 commits", shown)
    assert re.search(r"python +3 commits", shown)
    assert re.search(r"write +1/1", shown)  # the last frame, before the display is erased


def test_the_summary_line_counts_in_words() -> None:
    reading = deckgen.cli._BuildProgress()
    reading("core", 1200)
    assert reading.summary() == "1,200 commits read from 1 repository"
    reading("python", 3)
    assert reading.summary() == "1,203 commits read from 2 repositories"
