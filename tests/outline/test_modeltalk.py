"""The model talk an outline of only `repos:` gets: its slides, and texts true for any project.

The texts are checked for every count that changes a word (0, 1, many), a project with no
release at all, and a period that is not the calendar year.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from deckgen.metrics.model import (
    CONTEXT_METRICS,
    MetricContext,
    Metrics,
    Period,
    PeriodCounts,
    Release,
    Releases,
    ScopeContext,
    ScopeMetrics,
    YearStats,
)
from deckgen.outline import parse_outline
from deckgen.outline.schema import ChartSlide, StatsSlide
from deckgen.text import check_templates, render_slides

ONLY_REPOS = "repos:\n  core: [../src/libfoo]\n  bindings: [../src/libfoo-go]\n"
PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))


def first_year(metric: str, value: int) -> MetricContext:
    """The context of `value` in a scope's first year: nothing earlier to compare."""
    return MetricContext(
        metric=metric,
        span="year_to_date",
        value=value,
        previous=0,
        change=value,
        change_pct=None,
        rank=1,
        years=0,
        first_year=None,
        last_higher=None,
        last_as_high=None,
        record=False,
        last_lower=None,
        last_as_low=None,
        low_record=False,
        trend=None,
        trend_slope=None,
        trend_years=(),
        projected=None,
        projected_rank=None,
        full_years=0,
        by_year={2026: value},
        full_by_year={},
    )


def metrics(
    *,
    releases: tuple[Release, ...] = (),
    cadence: float | None = None,
    projected: int | None = None,
    people: int = 0,
    new: int = 0,
    commits: int = 0,
    by_new: int = 0,
    bots: int = 0,
    projected_commits: int | None = 0,
    this_year: YearStats | None = None,
) -> Metrics:
    """Return metrics of the period 1 January .. 30 June 2026 with the counts given."""
    counted = Releases(
        len(releases), len(releases) if projected is None else projected, cadence, releases
    )
    years = {2026: this_year} if this_year else {}
    scope = ScopeMetrics(
        name="all",
        commits=commits,
        contributors=people,
        new_contributors=new,
        commits_by_new=by_new,
        commits_by_new_to_repo=by_new,
        bot_commits=bots,
        projected_commits=projected_commits,
        releases=counted,
        previous=PeriodCounts(date(2025, 1, 1), date(2025, 6, 30), 0, 0, 0, 0, 0, 0, 0),
        by_year=years,
    )
    values = {
        "commits": commits,
        "contributors": people,
        "new_contributors": new,
        "commits_by_new": by_new,
        "releases": len(releases),
    }
    context = ScopeContext(*(first_year(m, values[m]) for m in CONTEXT_METRICS))
    scope = replace(scope, context=context)
    return Metrics(date(2026, 6, 30), PERIOD, scope, {"core": scope}, {"libfoo": scope}, counted)


def slides(tmp_path: Path, numbers: Metrics) -> list[object]:
    document = parse_outline(ONLY_REPOS, tmp_path / "talk.yaml")
    return [r.spec for r in render_slides(document, numbers)]


def test_an_outline_of_only_repos_is_the_model_talk(tmp_path: Path) -> None:
    document = parse_outline(ONLY_REPOS, tmp_path / "talk.yaml")
    check_templates(document)
    outline = document.outline
    assert (outline.title, outline.speaker, outline.event, outline.footer) == (None,) * 4
    assert [(s.kind, s.id) for s in outline.slides] == [
        ("title", "title"),
        ("stats", "releases"),
        ("stats", "contributors"),
        ("chart", "commits-by-year"),
        ("chart", "authors-by-year"),
        ("closing", "closing"),
    ]
    charts = [s.chart for s in outline.slides if isinstance(s, ChartSlide)]
    assert charts == ["commits_by_year", "authors_by_year"]
    titles = [s.spec.title for s in render_slides(document, metrics())]
    assert titles == [
        "State of libfoo",
        "Releases",
        "Contributors and commits",
        "Commits per year",
        "Authors per year",
        "Thank you",
    ]


def test_overlays_select_the_model_talks_slides_by_id(tmp_path: Path) -> None:
    text = ONLY_REPOS + "skip: [authors-by-year]\nslides_patch: {releases: {title: Tags}}\n"
    outline = parse_outline(text, tmp_path / "talk.yaml").outline
    assert [s.id for s in outline.slides] == [
        "title",
        "releases",
        "contributors",
        "commits-by-year",
        "closing",
    ]
    assert outline.slides[1].title == "Tags"


def stats_texts(spec: object) -> tuple[list[tuple[str, str]], str, str | None]:
    assert isinstance(spec, StatsSlide)
    return [(t.value, t.caption) for t in spec.tiles], spec.text, spec.notes


V1 = Release("v1.0", date(2026, 3, 3))
V2 = Release("v1.1", date(2026, 4, 14))


@pytest.mark.parametrize(
    ("numbers", "tiles", "text", "notes"),
    [
        (
            metrics(),
            [
                ("0", "releases since 1 January 2026"),
                ("–", "expected by 31 December 2026"),
                ("–", "days between releases (median)"),
            ],
            "No release between 1 January 2026 and 30 June 2026.",
            "No releases between 1 January 2026 and 30 June 2026. There are too few releases "
            "yet to tell a pace.",
        ),
        (
            metrics(releases=(V1,)),
            [
                ("1", "release since 1 January 2026"),
                ("–", "expected by 31 December 2026"),
                ("–", "days between releases (median)"),
            ],
            "The latest: v1.0, on 3 March 2026.",
            "1 release between 1 January 2026 and 30 June 2026. There are too few releases yet "
            "to tell a pace.",
        ),
        (
            metrics(releases=(V1,), cadence=1.0, projected=185),
            [
                ("1", "release since 1 January 2026"),
                ("185", "expected by 31 December 2026"),
                ("1", "day between releases (median)"),
            ],
            "The latest: v1.0, on 3 March 2026.",
            "1 release between 1 January 2026 and 30 June 2026. Releases come every 1 day (the "
            "median gap); at that pace we will have 185 by 31 December.",
        ),
        (
            metrics(releases=(V1, V2), cadence=41.5, projected=6),
            [
                ("2", "releases since 1 January 2026"),
                ("6", "expected by 31 December 2026"),
                ("42", "days between releases (median)"),
            ],
            "The latest: v1.1, on 14 April 2026.",
            "2 releases between 1 January 2026 and 30 June 2026. Releases come every 42 days "
            "(the median gap); at that pace we will have 6 by 31 December.",
        ),
    ],
)
def test_the_releases_slide_reads_right_for_any_count(
    tmp_path: Path, numbers: Metrics, tiles: list[tuple[str, str]], text: str, notes: str
) -> None:
    assert stats_texts(slides(tmp_path, numbers)[1]) == (tiles, text, notes)


@pytest.mark.parametrize(
    ("numbers", "tiles", "text", "notes"),
    [
        (
            metrics(),
            [
                ("0", "contributors"),
                ("0", "new contributors"),
                ("0", "commits since 1 January 2026"),
            ],
            "",
            "0 people committed between 1 January 2026 and 30 June 2026. 0 contributors so "
            "far; no earlier year to compare with.",
        ),
        (
            metrics(people=1, new=1, commits=1, by_new=1, bots=1, projected_commits=2),
            [
                ("1", "contributor"),
                ("1", "of them new"),
                ("1", "commit since 1 January 2026"),
            ],
            "If the current rate continues: about 2 commits by 31 December 2026.",
            "1 person committed between 1 January 2026 and 30 June 2026; 1 of them made their "
            "first commit in that time, 1 commit in all. Bots made 1 more commit, left out of "
            "these counts. 1 contributor so far; no earlier year to compare with.",
        ),
        (
            metrics(people=1, commits=1, projected_commits=None),
            [
                ("1", "contributor"),
                ("0", "new contributors"),
                ("1", "commit since 1 January 2026"),
            ],
            "",
            "1 person committed between 1 January 2026 and 30 June 2026. 1 contributor so "
            "far; no earlier year to compare with.",
        ),
        (
            metrics(people=1, commits=1, projected_commits=1),
            [
                ("1", "contributor"),
                ("0", "new contributors"),
                ("1", "commit since 1 January 2026"),
            ],
            "",
            "1 person committed between 1 January 2026 and 30 June 2026. 1 contributor so "
            "far; no earlier year to compare with.",
        ),
        (
            metrics(people=1234, new=56, commits=4123, by_new=388, bots=7, projected_commits=8291),
            [
                ("1,234", "contributors"),
                ("56", "of them new"),
                ("4,123", "commits since 1 January 2026"),
            ],
            "If the current rate continues: about 8,300 commits by 31 December 2026.",
            "1,234 people committed between 1 January 2026 and 30 June 2026; 56 of them made "
            "their first commit in that time, 388 commits in all. Bots made 7 more commits, "
            "left out of these counts. 1,234 contributors so far; no earlier year to compare "
            "with.",
        ),
    ],
)
def test_the_contributors_slide_reads_right_for_any_count(
    tmp_path: Path, numbers: Metrics, tiles: list[tuple[str, str]], text: str, notes: str
) -> None:
    assert stats_texts(slides(tmp_path, numbers)[2]) == (tiles, text, notes)


@pytest.mark.parametrize(
    ("year", "notes"),
    [
        (None, ""),
        (YearStats(2026, 1, 0, 1, 1, 0, 1), " Up to 30 June 2026: 1 author, 1 of them new."),
        (YearStats(2026, 90, 80, 10, 12, 9, 3), " Up to 30 June 2026: 12 authors, 3 of them new."),
    ],
)
def test_the_authors_chart_notes_read_right(
    tmp_path: Path, year: YearStats | None, notes: str
) -> None:
    authors = slides(tmp_path, metrics(this_year=year))[4]
    assert isinstance(authors, ChartSlide)
    lead = "Everyone who committed in a year; the new ones made their first commit that year."
    story = " 0 new authors so far; no earlier year to compare with."
    assert authors.notes == lead + notes + story


@pytest.mark.parametrize(
    ("people", "notes"),
    [(0, "Thank you."), (1, "Thank you to the 1 person who made these numbers."),
     (3, "Thank you to the 3 people who made these numbers.")],
)  # fmt: skip
def test_the_closing_notes_thank_the_right_number(tmp_path: Path, people: int, notes: str) -> None:
    closing = slides(tmp_path, metrics(people=people))[5]
    assert closing.notes == notes  # type: ignore[attr-defined]
