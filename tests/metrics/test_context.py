"""`context`: each headline number against the same calendar window of every earlier year.

A fixture counted by hand pins the leap day, 1 January, 31 December and December; a property test
checks random histories against a naive reference that reads `git log` output and counts windows
with plain Python (it shares only the definitions of docs/metrics.md with the code).
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.metrics import Metrics
from deckgen.metrics.model import CONTEXT_METRICS, MetricContext, ScopeMetrics
from tests.gitrepos import ALICE, BOB, CAROL, DAVE, Change, make_outline, make_repo, measure, utc


@pytest.fixture(scope="module")
def counted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Commits whose windows were counted by hand (see the tests)."""
    path = tmp_path_factory.mktemp("context") / "core"
    return make_repo(
        path,
        [
            Change(ALICE, utc(2020, 1, 10)),
            Change(BOB, utc(2020, 2, 29)),  # in 2020's window for 29 Feb 2024 (a leap year too)
            Change(ALICE, utc(2021, 2, 28)),
            Change(ALICE, utc(2021, 3, 1)),
            Change(CAROL, utc(2022, 1, 1)),
            Change(ALICE, utc(2022, 1, 5), tag="v1.0"),
            Change(BOB, utc(2022, 1, 6)),
            Change(ALICE, utc(2023, 2, 28)),
            Change(DAVE, utc(2023, 3, 1)),
            Change(BOB, utc(2024, 1, 15), tag="v1.1"),
            Change(ALICE, utc(2024, 2, 29)),
            Change(DAVE, utc(2024, 2, 29, 13)),
        ],
    )


def context(path: Path, as_of: date, metric: str) -> MetricContext:
    scope = measure(make_outline({"core": [path]}), as_of).all
    assert scope.context is not None
    return scope.context.of(metric)


def test_leap_day_compares_29_february_with_28_february_and_with_29_february(counted: Path) -> None:
    c = context(counted, date(2024, 2, 29), "commits")
    assert c.by_year == {2020: 2, 2021: 1, 2022: 3, 2023: 1, 2024: 3}
    assert (c.value, c.previous, c.change, c.change_pct) == (3, 1, 2, 200.0)
    assert (c.rank, c.years, c.first_year) == (1, 4, 2020)
    assert (c.last_higher, c.last_as_high, c.record) == (None, 2022, False)
    assert (c.last_lower, c.last_as_low, c.low_record) == (2023, 2023, False)
    assert c.full_by_year == {2020: 2, 2021: 2, 2022: 3, 2023: 2}
    # slope of 2, 2, 3, 2 is 0.1 a year: 0.3 over the years fitted, more than a tenth of 2.25
    assert (c.trend, c.trend_slope, c.trend_years) == ("rising", 0.1, (2020, 2021, 2022, 2023))
    assert c.span == "year_to_date"
    assert (c.projected, c.projected_rank, c.full_years) == (18, 1, 4)  # 3 × 366 / 60 days


def test_new_contributors_and_releases_on_the_leap_day(counted: Path) -> None:
    new = context(counted, date(2024, 2, 29), "new_contributors")
    assert new.by_year == {2020: 2, 2021: 0, 2022: 1, 2023: 0, 2024: 0}
    assert (new.value, new.previous, new.change_pct, new.rank) == (0, 0, None, 3)
    assert (new.last_higher, new.last_as_high, new.last_lower, new.last_as_low) == (
        2022,
        2023,
        None,
        2023,
    )
    assert not new.record and not new.low_record
    releases = context(counted, date(2024, 2, 29), "releases")
    assert releases.by_year == {2020: 0, 2021: 0, 2022: 1, 2023: 0, 2024: 1}
    assert (releases.rank, releases.last_as_high, releases.last_higher) == (1, 2022, None)


def test_31_december_compares_whole_years(counted: Path) -> None:
    c = context(counted, date(2023, 12, 31), "commits")
    assert c.by_year == {2020: 2, 2021: 2, 2022: 3, 2023: 2}
    assert (c.value, c.previous, c.change, c.change_pct) == (2, 3, -1, -33.3)
    assert (c.rank, c.last_higher, c.last_as_low, c.last_lower) == (2, 2022, 2021, None)
    assert (c.span, c.projected, c.projected_rank) == ("year", 2, 2)
    assert (c.trend, c.trend_slope) == ("rising", 0.5)


def test_december_ties_the_best_year(counted: Path) -> None:
    c = context(counted, date(2024, 12, 15), "contributors")
    assert c.by_year == {2020: 2, 2021: 1, 2022: 3, 2023: 2, 2024: 3}
    assert (c.rank, c.record, c.last_as_high, c.last_higher) == (1, False, 2022, None)


def test_1_january_leaves_out_the_windows_before_the_first_commit(counted: Path) -> None:
    c = context(counted, date(2024, 1, 1), "commits")
    assert c.by_year == {2021: 0, 2022: 1, 2023: 0, 2024: 0}  # 1 Jan 2020 is before 10 Jan 2020
    assert (c.years, c.first_year, c.rank, c.last_higher, c.last_lower) == (3, 2021, 2, 2022, None)
    assert c.projected is None  # one day is too few to project


def test_a_first_year_has_nothing_to_compare(tmp_path: Path) -> None:
    path = make_repo(tmp_path / "r", [Change(ALICE, utc(2024, 3, 1))])
    c = context(path, date(2024, 6, 1), "commits")
    assert (c.years, c.rank, c.record, c.low_record, c.first_year) == (0, 1, False, False, None)
    assert (c.previous, c.by_year, c.trend) == (0, {2024: 1}, None)


def test_a_window_across_new_year_is_shifted_whole(counted: Path) -> None:
    outline = make_outline(
        {"core": [counted]}, period={"since": date(2022, 12, 1), "until": date(2023, 3, 1)}
    )
    scope = measure(outline, date(2023, 3, 1)).all
    assert scope.context is not None
    c = scope.context.commits
    assert c.span == "window" and c.projected is None
    # 1 Dec 2019–1 Mar 2020 holds 10 Jan and 29 Feb; … 1 Dec 2022–1 Mar 2023 holds 28 Feb, 1 Mar
    assert c.by_year == {2020: 2, 2021: 2, 2022: 3, 2023: 2}


# The naive reference: `git log` output and plain Python.


def git_rows(path: Path) -> list[tuple[str, int]]:
    out = subprocess.run(
        ["git", "-C", str(path), "log", "--no-merges", "--format=%ae %at"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(e.lower(), int(t)) for e, t in (line.split() for line in out.splitlines())]


def naive_window(rows: list[tuple[str, int]], since: date, until: date) -> dict[str, int]:
    def ts(day: date) -> int:
        return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())

    start, end = ts(since), ts(until + timedelta(days=1))
    first: dict[str, int] = {}
    for email, t in rows:
        first[email] = min(first.get(email, t), t)
    inside = [(e, t) for e, t in rows if start <= t < end]
    return {
        "commits": len(inside),
        "contributors": len({e for e, _ in inside}),
        "new_contributors": len({e for e, _ in inside if first[e] >= start}),
        "commits_by_new": sum(1 for e, _ in inside if first[e] >= start),
    }


def same_day(day: date, year: int) -> date:
    if (day.month, day.day) == (2, 29) and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        return date(year, 2, 28)
    return date(year, day.month, day.day)


@dataclass
class Naive:
    by_year: dict[int, int]
    value: int
    previous: int


def naive(rows: list[tuple[str, int]], metric: str, until: date) -> Naive:
    since = date(until.year, 1, 1)
    first_day = min(datetime.fromtimestamp(t, UTC).date() for _, t in rows)
    by_year = {until.year: naive_window(rows, since, until)[metric]}
    year = until.year - 1
    while same_day(until, year) >= first_day:
        by_year[year] = naive_window(rows, date(year, 1, 1), same_day(until, year))[metric]
        year -= 1
    previous = naive_window(rows, date(until.year - 1, 1, 1), same_day(until, until.year - 1))
    return Naive(dict(sorted(by_year.items())), by_year[until.year], previous[metric])


PEOPLE = [ALICE, BOB, CAROL, DAVE]
START = date(2016, 1, 1)
AS_OF = [date(2024, 1, 1), date(2024, 2, 29), date(2023, 12, 31), date(2024, 12, 15)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    commits=st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 3287), st.integers(0, 23)),
        min_size=1,
        max_size=40,
    ),
    as_of=st.one_of(st.sampled_from(AS_OF), st.dates(date(2017, 1, 1), date(2024, 12, 31))),
)
def test_context_against_git_log(commits: list[tuple[int, int, int]], as_of: date) -> None:
    dated = sorted(
        (datetime(2016, 1, 1, hour, tzinfo=UTC) + timedelta(days=day), who)
        for who, day, hour in commits
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = make_repo(Path(tmp) / "r", [Change(PEOPLE[who], when) for when, who in dated])
        rows = [(e, t) for e, t in git_rows(path) if t < as_of_end(as_of)]
        scope = measure(make_outline({"core": [path]}), as_of).all
    assert scope.context is not None
    for metric in CONTEXT_METRICS[:4]:
        c = scope.context.of(metric)
        if not rows:
            assert c.years == 0 and c.value == 0
            continue
        ref = naive(rows, metric, as_of)
        assert c.by_year == ref.by_year, metric
        assert (c.value, c.previous) == (ref.value, ref.previous), metric
        earlier = {y: v for y, v in ref.by_year.items() if y < as_of.year}
        assert c.years == len(earlier)
        assert c.rank == 1 + sum(v > ref.value for v in earlier.values())
        assert c.last_higher == max((y for y, v in earlier.items() if v > ref.value), default=None)
        assert c.last_as_high == max(
            (y for y, v in earlier.items() if v >= ref.value), default=None
        )
        assert c.record == (bool(earlier) and all(v < ref.value for v in earlier.values()))
        assert c.low_record == (bool(earlier) and all(v > ref.value for v in earlier.values()))
        assert c.last_lower == max((y for y, v in earlier.items() if v < ref.value), default=None)
        check_previous(scope, metric, c)


def as_of_end(as_of: date) -> int:
    return int(datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC).timestamp()) + 86400


def check_previous(scope: ScopeMetrics, metric: str, c: MetricContext) -> None:
    """`value` and `previous` are the scope's own numbers of the period and the year before."""
    assert c.value == getattr(scope, metric)
    assert c.previous == getattr(scope.previous, metric)


def test_json_carries_context_for_every_scope(counted: Path) -> None:
    metrics = measure(make_outline({"core": [counted]}), date(2024, 2, 29))
    doc = metrics.to_json()
    for scope in (doc["all"], doc["groups"]["core"], doc["repos"]["core"]):
        assert set(scope["context"]) == set(CONTEXT_METRICS)
        assert scope["context"]["commits"]["by_year"]["2020"] == 2
    assert Metrics.from_json(doc) == metrics
    scope = metrics.all
    assert scope.context is not None
    assert scope.context.releases.value == scope.releases.count
    assert scope.context.releases.previous == scope.previous.releases
