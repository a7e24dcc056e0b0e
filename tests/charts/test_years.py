"""Per-year stacked bars: the series, the projection, the words and the picture."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from deckgen.charts import CHART_KINDS, draw_chart
from deckgen.charts.years import StackedYears
from deckgen.metrics.model import ScopeMetrics
from tests.charts.chartdata import AS_OF, Palette, make_metrics, make_scope

COMMITS = CHART_KINDS["commits_by_year"]
AUTHORS = CHART_KINDS["authors_by_year"]


def test_series_fills_gaps_and_projects_the_partial_year() -> None:
    scope = make_scope({2020: (10, 5, 3, 2), 2022: (100, 20, 8, 4), 2026: (150, 31, 9, 3)})
    assert isinstance(COMMITS, StackedYears)
    series = COMMITS.series(scope, AS_OF)
    assert series.years == (2020, 2021, 2022, 2023, 2024, 2025, 2026)
    assert series.old == (10, 0, 100, 0, 0, 0, 150)
    assert series.new == (5, 0, 20, 0, 0, 0, 31)
    assert series.partial_year == 2026
    assert series.projected == round(181 * 365 / 181)


def test_authors_are_not_projected() -> None:
    scope = make_scope({2025: (1, 1, 5, 5), 2026: (1, 1, 6, 2)})
    assert isinstance(AUTHORS, StackedYears)
    series = AUTHORS.series(scope, AS_OF)
    assert (series.partial_year, series.projected) == (2026, None)
    assert series.old == (5, 6)


def test_the_first_weeks_of_a_year_are_not_projected() -> None:
    """Four weeks of commits are the least a hatched 'at the current rate' bar stands on."""
    scope = make_scope({2025: (10, 2, 1, 1), 2026: (30, 10, 4, 2)})
    assert isinstance(COMMITS, StackedYears)
    assert COMMITS.series(scope, date(2026, 1, 27)).projected is None
    assert COMMITS.series(scope, date(2026, 1, 28)).projected == 521  # 40 × 365 / 28 = 521.4


def test_a_finished_year_is_not_partial() -> None:
    scope = make_scope({2025: (10, 2, 1, 1)})
    assert isinstance(COMMITS, StackedYears)
    series = COMMITS.series(scope, date(2025, 12, 31))
    assert (series.partial_year, series.projected) == (None, None)


def test_alt_text_reads_the_latest_year(scope: ScopeMetrics) -> None:
    assert isinstance(COMMITS, StackedYears) and isinstance(AUTHORS, StackedYears)
    assert COMMITS.alt_text(COMMITS.series(scope, AS_OF)) == (
        "Stacked bars of commits per year, old authors and new authors, 2005–2026; "
        "in 2026 to date, 2,000 commits, 300 from new authors, "
        "projected 4,033 for the full year."
    )
    assert AUTHORS.alt_text(AUTHORS.series(scope, date(2026, 12, 31))) == (
        "Stacked bars of authors per year, old authors and new authors, 2005–2026; "
        "in 2026, 180 authors, 60 from new authors."
    )


@pytest.mark.parametrize(
    "name", ["commits_by_year", "authors_by_year", "new_contributors_by_year", "contributors_trend"]
)
def test_an_empty_scope_says_no_commits_yet(name: str, palette: Palette) -> None:
    image = draw_chart(name, make_metrics(make_scope({}, "bindings")), "all", palette, (8, 4))
    assert (image.empty, image.png, image.native) == ("No commits yet", b"", None)
    assert (image.width_in, image.height_in) == (8, 4)
    assert image.alt_text == "No chart: no commits yet."


def test_no_release_yet(palette: Palette) -> None:
    image = draw_chart("releases_by_year", make_metrics(make_scope({})), "all", palette, (8, 4))
    assert (image.empty, image.png) == ("No releases yet", b"")


@pytest.mark.parametrize("name", ["commits_by_year", "authors_by_year"])
def test_png_has_the_asked_size_at_200_dpi(
    name: str, scope: ScopeMetrics, palette: Palette
) -> None:
    image = draw_chart(name, make_metrics(scope), "all", palette, (11.8, 4.5))
    assert (image.width_in, image.height_in) == (11.8, 4.5)
    with Image.open(io.BytesIO(image.png)) as png:
        assert png.format == "PNG"
        assert png.size == (2360, 900)
        dpi = png.info["dpi"]
        assert round(dpi[0]) == round(dpi[1]) == 200
    assert image.alt_text.startswith(f"Stacked bars of {name.split('_')[0]} per year")


DRAW_IN_A_NEW_PROCESS = """
import hashlib, sys
from deckgen.charts import draw_chart
from tests.charts.chartdata import Palette, make_metrics, plateau
image = draw_chart("commits_by_year", make_metrics(plateau()), "all", Palette(), (10, 4))
sys.stdout.write(hashlib.sha256(image.png).hexdigest())
"""


def test_png_bytes_are_deterministic(scope: ScopeMetrics, palette: Palette) -> None:
    """The same chart gives the same bytes in this process and in two fresh ones (font cache,
    hash seed, import order): rebuilt decks do not change for nothing, and the chart cache
    can trust a digest of its inputs."""
    first = draw_chart("commits_by_year", make_metrics(scope), "all", palette, (10, 4))
    assert b"Software" not in first.png
    digests = {
        subprocess.run(
            [sys.executable, "-c", DRAW_IN_A_NEW_PROCESS],
            capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2],
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }  # fmt: skip
    assert digests == {hashlib.sha256(first.png).hexdigest()}


def test_legend_wraps_on_narrow_charts() -> None:
    from deckgen.charts.plot import legend_columns

    labels = ["Old authors", "New authors", "2026 at the current rate: ≈4,033"]
    assert legend_columns(labels, 11.8) == 3
    assert legend_columns(labels, 6.0) == 1


def test_native_numbers_are_the_bars(scope: ScopeMetrics, palette: Palette) -> None:
    image = draw_chart("commits_by_year", make_metrics(scope), "all", palette, (10, 4))
    assert image.native is not None
    assert image.native.style == "stacked_bars"
    assert image.native.categories[-2:] == ("2025", "2026 so far")
    assert [s.name for s in image.native.series] == ["Old authors", "New authors"]
    assert image.native.series[0].values[-1] == 1700.0
