"""The painter process: the bytes drawn here, each picture once, and drawing here when it fails."""

from __future__ import annotations

import shutil
import signal
import sys
from pathlib import Path

import pytest

from deckgen.charts import ChartCache, paint_sketches, sketch_chart
from deckgen.charts.painter import Painter
from tests.charts.chartdata import Palette, make_metrics, plateau

SIZE = (8.0, 4.5)
NAMES = ("commits_by_year", "contributors_trend", "commits_by_year")


def sketches() -> list:  # type: ignore[type-arg]
    metrics = make_metrics(plateau())
    return [sketch_chart(name, metrics, "all", SIZE) for name in NAMES]


def test_the_painter_draws_the_bytes_drawn_here(tmp_path: Path, painted: list[str]) -> None:
    here, _ = paint_sketches(sketches(), Palette(), ChartCache(tmp_path / "here"), workers=1)
    assert painted == ["stacked_bars", "lines"]  # the repeated picture drawn once
    painter = Painter.start(Palette().body_font, 2)
    assert painter is not None
    done: list[tuple[int, int]] = []
    meanwhile: list[str] = []
    cache = ChartCache(tmp_path / "charts")
    there, warnings = paint_sketches(
        sketches(),
        Palette(),
        cache,
        progress=lambda d, n: done.append((d, n)),
        painter=painter,
        meanwhile=lambda: meanwhile.append("ran"),
    )
    painter.close()
    assert painted == ["stacked_bars", "lines"]  # nothing more drawn here
    assert [i.png for i in there] == [i.png for i in here]
    assert (warnings, meanwhile, done) == ((), ["ran"], [(i, 3) for i in range(4)])
    assert len(list(cache.folder.glob("*.chart"))) == 2  # kept as if drawn here


def test_what_a_painter_that_cannot_run_would_draw_is_drawn_here(
    monkeypatch: pytest.MonkeyPatch, painted: list[str]
) -> None:
    here, _ = paint_sketches(sketches(), Palette(), None, workers=1)
    drawn = list(painted)
    false = shutil.which("false")
    assert false is not None
    monkeypatch.setattr(sys, "executable", false)  # starts, and exits at once with status 1
    painter = Painter.start(Palette().body_font, 2)
    assert painter is not None
    again, warnings = paint_sketches(sketches(), Palette(), None, workers=1, painter=painter)
    painter.close()
    assert painted == drawn * 2
    assert ([i.png for i in again], warnings) == ([i.png for i in here], ())


def test_a_painter_given_nothing_to_draw_is_stopped_at_once() -> None:
    painter = Painter.start(Palette().body_font, 2)
    assert painter is not None
    painter.close()  # a build that failed before its charts: not waiting for matplotlib
    assert painter._process.returncode == -signal.SIGKILL
