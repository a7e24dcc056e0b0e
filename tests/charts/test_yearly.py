"""One-series bars per year and the contributors trend: numbers, words, pictures."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from PIL import Image

from deckgen.charts import CHART_KINDS, draw_chart
from deckgen.charts.yearly import (
    ContributorsTrend,
    NewContributorsByYear,
    ReleasesByYear,
    ReviewsByYear,
)
from deckgen.metrics.model import Period, Release, Releases, ScopeMetrics
from tests.charts.chartdata import AS_OF, Palette, make_metrics, make_scope

RELEASES = Releases(
    5,
    10,
    36.0,
    (
        Release("8.0.0", date(2024, 3, 1)),
        Release("8.1.0", date(2025, 2, 1)),
        Release("8.2.0", date(2025, 9, 1)),
        Release("9.0.0", date(2026, 1, 15)),
        Release("9.1.0", date(2026, 4, 15)),
    ),
)


def test_new_contributors_per_year_fill_gaps() -> None:
    scope = make_scope({2023: (1, 1, 3, 4), 2025: (1, 1, 5, 7), 2026: (1, 1, 6, 2)})
    bars = NewContributorsByYear().bars(scope, AS_OF)
    assert (bars.years, bars.values, bars.partial_year) == (
        (2023, 2024, 2025, 2026),
        (4, 0, 7, 2),
        2026,
    )


def test_releases_per_year_of_the_period(scope: ScopeMetrics) -> None:
    metrics = make_metrics(scope, releases=RELEASES, period=Period(date(2024, 1, 1), AS_OF))
    bars = ReleasesByYear().bars(metrics, "all")
    assert (bars.years, bars.values, bars.partial_year) == ((2024, 2025, 2026), (1, 2, 2), 2026)


def test_trend_lines(scope: ScopeMetrics) -> None:
    trend = ContributorsTrend().trend(scope, AS_OF)
    assert trend.contributors[-1] == 180 and trend.new[-1] == 60
    assert ContributorsTrend().alt_text(trend) == (
        "Lines of contributors and new contributors per year, 2005–2026; 2026 to date: "
        "180 contributors, 60 of them new; the most contributors, 190, in 2025."
    )


@pytest.mark.parametrize(
    ("name", "alt", "style"),
    [
        (
            "new_contributors_by_year",
            "Bars of new contributors per year, 2005–2026; 2026 to date: 60 new contributors; "
            "the most, 60, in 2026.",
            "bars",
        ),
        (
            "releases_by_year",
            "Bars of releases per year, 2024–2026; 2026 to date: 2 releases; the most, 2, in 2026.",
            "bars",
        ),
        ("contributors_trend", None, "lines"),
    ],
)
def test_pictures_words_and_native_numbers(
    name: str, alt: str | None, style: str, scope: ScopeMetrics, palette: Palette
) -> None:
    metrics = make_metrics(scope, releases=RELEASES, period=Period(date(2024, 1, 1), AS_OF))
    image = draw_chart(name, metrics, "all", palette, (11.8, 4.5))
    with Image.open(io.BytesIO(image.png)) as png:
        assert png.size == (2360, 900)
    if alt is not None:
        assert image.alt_text == alt
    assert image.native is not None and image.native.style == style
    assert image.native.categories[-1] == "2026 so far"
    again = draw_chart(name, metrics, "all", palette, (11.8, 4.5))
    assert again.png == image.png


def test_kinds_are_registered() -> None:
    assert isinstance(CHART_KINDS["new_contributors_by_year"], NewContributorsByYear)
    assert isinstance(CHART_KINDS["releases_by_year"], ReleasesByYear)
    assert isinstance(CHART_KINDS["contributors_trend"], ContributorsTrend)


def test_review_credits_per_year_count_reviews_only(palette: Palette) -> None:
    scope = replace(
        make_scope({2024: (1, 1, 1, 1), 2025: (1, 1, 1, 1), 2026: (1, 1, 1, 1)}),
        credits_by_year={
            2024: {"Reviewed-by": 3, "acked-by": 1, "Tested-by": 9},
            2026: {"Reviewed-by": 5, "acked-by": 0, "Tested-by": 2},
        },
    )
    bars = ReviewsByYear().bars(scope, AS_OF)
    assert (bars.years, bars.values, bars.partial_year) == ((2024, 2025, 2026), (4, 0, 5), 2026)
    image = draw_chart("reviews_by_year", make_metrics(scope), "all", palette, (11.8, 4.5))
    assert image.alt_text == (
        "Bars of review credits per year, 2024–2026; 2026 to date: 5 review credits; "
        "the most, 5, in 2026."
    )
    assert image.native is not None and image.native.series[0].values == (4.0, 0.0, 5.0)


def test_review_credits_chart_without_reviews(palette: Palette) -> None:
    scope = replace(make_scope({2026: (1, 1, 1, 1)}), credits_by_year={2026: {"Tested-by": 2}})
    image = draw_chart("reviews_by_year", make_metrics(scope), "all", palette, (11.8, 4.5))
    assert image.empty == "No review credits yet"
