"""Choosing the entries of the releases made in the period."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from deckgen.metrics.model import Release
from deckgen.news import NewsError, parse_conventional_commits, parse_rst, select_entries

NEWS = textwrap.dedent(
    """\
    v6.9.0 (unreleased)
    ===================

    * **New features**

      * Upcoming

    6.8.0 (2020-10-01)
    ==================

    * **New features**

      * Written without v, tagged with v

    v6.7.0
    ======

    * **New features**

      * No date in the file

    v6.6.0 (2020-08-02)
    ===================

    * **New features**

      * Dated in the file only

    v5.0.0 (2019-01-15)
    ===================

    * **New features**

      * Last year
    """
)
SINCE, UNTIL = date(2020, 1, 1), date(2020, 12, 31)


def _titles(**kwargs: object) -> list[str]:
    entries = select_entries(parse_rst(NEWS), SINCE, UNTIL, **kwargs)  # type: ignore[arg-type]
    return [e.title for e in entries]


def test_dates_written_in_the_file() -> None:
    assert _titles() == ["Written without v, tagged with v", "Dated in the file only"]


def test_release_list_matches_with_or_without_v() -> None:
    releases = [Release("v6.8.0", date(2020, 10, 2)), Release("6.7.0", date(2020, 9, 1))]
    assert _titles(releases=releases) == [
        "Written without v, tagged with v",
        "No date in the file",
        "Dated in the file only",
    ]


def test_tag_date_wins_over_file_date() -> None:
    releases = [Release("v6.8.0", date(2021, 1, 3))]
    assert _titles(releases=releases) == ["Dated in the file only"]


def test_unreleased_only_when_asked() -> None:
    assert _titles(include_unreleased=True)[0] == "Upcoming"


def test_period_bounds_are_inclusive() -> None:
    entries = parse_rst(NEWS)
    kept = select_entries(entries, date(2020, 8, 2), date(2020, 10, 1))
    assert [e.release for e in kept] == ["6.8.0", "v6.6.0"]


def test_commit_entries_by_their_date() -> None:
    entries = parse_conventional_commits(
        [("feat: in", date(2020, 5, 1)), ("feat: out", date(2019, 5, 1)), ("feat: none", None)]
    )
    assert [e.title for e in select_entries(entries, SINCE, UNTIL, releases=[])] == ["in"]


def test_reversed_period() -> None:
    with pytest.raises(NewsError) as caught:
        select_entries([], UNTIL, SINCE)
    assert str(caught.value) == "news period ends before it starts: 2020-12-31 to 2020-01-01"
