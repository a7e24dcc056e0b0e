"""The `story` and `ranked` filters: one exact sentence for every case of a number's history."""

from __future__ import annotations

import pytest

from deckgen.metrics.model import MetricContext
from deckgen.text.filters import FILTERS
from deckgen.text.story import ordinal, ranked, story


def ctx(
    by_year: dict[int, int], metric: str = "new_contributors", span: str = "year_to_date"
) -> MetricContext:
    """A context whose fields are worked out here from `by_year` (the last year is this one)."""
    year = max(by_year)
    value = by_year[year]
    earlier = {y: v for y, v in by_year.items() if y < year}
    previous = earlier.get(year - 1, 0)
    return MetricContext(
        metric=metric,
        span=span,
        value=value,
        previous=previous,
        change=value - previous,
        change_pct=None,
        rank=1 + sum(v > value for v in earlier.values()),
        years=len(earlier),
        first_year=min(earlier, default=None),
        last_higher=max((y for y, v in earlier.items() if v > value), default=None),
        last_as_high=max((y for y, v in earlier.items() if v >= value), default=None),
        record=bool(earlier) and all(v < value for v in earlier.values()),
        last_lower=max((y for y, v in earlier.items() if v < value), default=None),
        last_as_low=max((y for y, v in earlier.items() if v <= value), default=None),
        low_record=bool(earlier) and all(v > value for v in earlier.values()),
        trend=None,
        trend_slope=None,
        trend_years=(),
        projected=None,
        projected_rank=None,
        full_years=0,
        by_year=by_year,
        full_by_year={},
    )


@pytest.mark.parametrize(
    ("by_year", "sentence"),
    [
        (
            {2024: 30, 2025: 37, 2026: 87},
            "87 new contributors so far: the most ever at this point of the year, "
            "up 50 on last year's 37",
        ),
        (
            {2024: 87, 2025: 37, 2026: 87},
            "87 new contributors so far: as many as in 2024, the joint most at this point "
            "of the year, up 50 on last year's 37",
        ),
        (
            {2024: 30, 2025: 87, 2026: 87},
            "87 new contributors so far: as many as last year, the joint most at this point "
            "of the year",
        ),
        (
            {2012: 90, 2024: 30, 2025: 37, 2026: 87},
            "87 new contributors so far: the most since 2012, up 50 on last year's 37",
        ),
        (
            {2024: 30, 2025: 37, 2026: 3},
            "3 new contributors so far: the fewest ever at this point of the year, "
            "down 34 on last year's 37",
        ),
        (
            {2024: 3, 2025: 37, 2026: 3},
            "3 new contributors so far: as many as in 2024, the joint fewest at this point "
            "of the year, down 34 on last year's 37",
        ),
        (
            {2024: 30, 2025: 3, 2026: 3},
            "3 new contributors so far: as many as last year, the joint fewest at this point "
            "of the year",
        ),
        (
            {2019: 2, 2024: 30, 2025: 37, 2026: 3},
            "3 new contributors so far: the fewest since 2019, down 34 on last year's 37",
        ),
        (
            {2024: 30, 2025: 10, 2026: 10, 2023: 1},
            "10 new contributors so far: the same as last year",
        ),
        (
            {2024: 5, 2025: 5, 2026: 5},
            "5 new contributors so far: as many as at this point of every year since 2024",
        ),
        ({2025: 37, 2026: 87}, "87 new contributors so far: up 50 on last year's 37"),
        ({2025: 37, 2026: 1}, "1 new contributor so far: down 36 on last year's 37"),
        ({2025: 4, 2026: 4}, "4 new contributors so far: the same as last year"),
        ({2026: 1}, "1 new contributor so far; no earlier year to compare with"),
    ],
)
def test_story_tells_each_case(by_year: dict[int, int], sentence: str) -> None:
    assert story(ctx(by_year)) == sentence


def test_story_words_the_span_and_the_noun() -> None:
    whole = ctx({2024: 3000, 2025: 1200, 2026: 4100}, metric="commits", span="year")
    assert story(whole) == "4,100 commits: the most ever in a year, up 2,900 on last year's 1,200"
    window = ctx({2024: 1, 2025: 1, 2026: 1}, metric="releases", span="window")
    assert story(window) == "1 release: as many as in this window of every year since 2024"
    assert story(ctx({2025: 1, 2026: 2}), "newcomer") == "2 newcomers so far: up 1 on last year's 1"
    by_new = ctx({2026: 1}, metric="commits_by_new")
    assert story(by_new) == "1 commit by new contributors so far; no earlier year to compare with"


@pytest.mark.parametrize(
    ("by_year", "text"),
    [
        ({2005: 9, 2025: 30, 2026: 20}, "2nd highest since 2005"),
        ({2005: 9, 2025: 30, 2026: 31}, "highest ever"),
        ({2005: 31, 2025: 30, 2026: 31}, "joint highest ever"),
        ({2005: 31, 2025: 30, 2026: 3}, "lowest ever"),
        ({2005: 31, 2013: 2, 2025: 0, 2026: 0}, "joint lowest ever"),
        ({2005: 3, 2026: 3}, "same as every year since 2005"),
        ({2026: 3}, "no earlier year to compare"),
    ],
)
def test_ranked(by_year: dict[int, int], text: str) -> None:
    assert ranked(ctx(by_year)) == text


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st",
        "111th",
    ]  # fmt: skip


def test_story_is_a_filter_and_refuses_a_number() -> None:
    assert FILTERS["story"] is story and FILTERS["ranked"] is ranked
    with pytest.raises(
        TypeError, match=r"story needs a context such as all\.context\.commits, got int"
    ):
        story(12)
