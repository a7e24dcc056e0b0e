"""Known answers for every scope, on small fixture repositories built with fast-import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from deckgen.errors import OutlineError
from deckgen.fastimport import Person
from deckgen.metrics import Period, Release
from deckgen.metrics.compute import projected
from tests.gitrepos import (
    ALICE,
    BOB,
    BOT_PERSON,
    CAROL,
    DAVE,
    Change,
    at,
    make_outline,
    make_repo,
    measure,
    utc,
)

AS_OF = date(2020, 6, 30)


def test_merges_are_left_out(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "core",
        [(ALICE, utc(2020, 1, 10)), (ALICE, utc(2020, 2, 10))],
        merges=[(CAROL, utc(2020, 3, 10)), (CAROL, utc(2020, 4, 10))],
    )
    core = measure(make_outline({"core": [repo]}), AS_OF).all
    assert (core.commits, core.contributors) == (4, 2)


def test_case_different_emails_are_one_contributor(tmp_path: Path) -> None:
    shouty = Person("ALICE", "Alice@Example.ORG")
    repo = make_repo(tmp_path / "core", [(shouty, utc(2019, 5, 1)), (ALICE, utc(2020, 5, 1))])
    m = measure(make_outline({"core": [repo]}), AS_OF).all
    assert (m.commits, m.contributors, m.new_contributors) == (1, 1, 0)
    assert m.previous.commits == 1


def test_mailmap_in_the_repository_joins_identities(tmp_path: Path) -> None:
    old = Person("alice", "alice@old.example")
    mailmap = f"{ALICE.name} <{ALICE.email}> <{old.email}>\n"
    repo = make_repo(
        tmp_path / "core",
        [
            Change(old, utc(2019, 5, 1), files={".mailmap": mailmap}),
            Change(ALICE, utc(2020, 5, 1)),
            Change(BOB, utc(2020, 5, 2)),
        ],
    )
    m = measure(make_outline({"core": [repo]}), AS_OF).all
    assert (m.commits, m.contributors, m.new_contributors) == (2, 2, 1)
    assert m.new_contributor_names == (BOB.name,)


def test_bots_are_counted_apart(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "core",
        [
            (BOT_PERSON, utc(2019, 5, 1)),
            (BOT_PERSON, utc(2020, 2, 1)),
            (BOT_PERSON, utc(2020, 3, 1)),
            (BOB, utc(2020, 4, 1)),
        ],
    )
    outline = make_outline({"core": [repo]}, identity={"bots": [r"\[bot\]@"]})
    m = measure(outline, AS_OF).all
    assert (m.commits, m.contributors, m.bot_commits, m.previous.bot_commits) == (1, 1, 2, 1)
    assert m.new_contributor_names == (BOB.name,)
    assert m.first_year == 2020
    plain = measure(make_outline({"core": [repo]}), AS_OF).all
    assert (plain.commits, plain.contributors, plain.bot_commits) == (3, 2, 0)


def test_aliases_make_one_person_shown_by_alias_name(tmp_path: Path) -> None:
    work = Person("Alice L", "alice@corp.example")
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2019, 5, 1)), (work, utc(2020, 5, 1))])
    alias = {"name": "Alice", "emails": [ALICE.email, work.email]}
    m = measure(make_outline({"core": [repo]}, identity={"aliases": [alias]}), AS_OF).all
    assert (m.contributors, m.new_contributors) == (1, 0)
    m = measure(make_outline({"core": [repo]}), AS_OF).all
    assert m.new_contributor_names == ("Alice L",)


def test_commits_in_several_repositories_count_once(tmp_path: Path) -> None:
    shared = [(ALICE, utc(2019, 3, 1)), (BOB, utc(2020, 3, 1)), (ALICE, utc(2020, 4, 1))]
    a = make_repo(tmp_path / "a", shared)
    b = make_repo(tmp_path / "b", [*shared, (CAROL, utc(2020, 5, 1))])
    m = measure(make_outline({"core": [a], "bindings": [b, {"path": a, "name": "a2"}]}), AS_OF)
    assert (m.repos["a"].commits, m.repos["b"].commits, m.repos["a2"].commits) == (2, 3, 2)
    assert (m.groups["bindings"].commits, m.all.commits) == (3, 3)
    assert m.all.contributors == 3
    assert m.all.by_year[2019].commits == 1
    assert m.all.new_contributor_names == (BOB.name, CAROL.name)
    assert (m.all.commits_by_new, m.all.commits_by_new_to_repo) == (2, 2)


def test_shared_commit_is_by_someone_new_when_new_to_any_repository_holding_it(
    tmp_path: Path,
) -> None:
    shared = [(ALICE, utc(2020, 3, 1))]
    a = make_repo(tmp_path / "a", shared)
    b = make_repo(tmp_path / "b", [*shared, (ALICE, utc(2019, 5, 1))])
    m = measure(make_outline({"core": [a, b]}), AS_OF)
    assert (m.repos["a"].commits_by_new_to_repo, m.repos["b"].commits_by_new_to_repo) == (1, 0)
    assert (m.all.commits, m.all.commits_by_new_to_repo, m.all.commits_by_new) == (1, 1, 0)


def test_author_new_to_a_binding_but_old_to_the_project(tmp_path: Path) -> None:
    core = make_repo(tmp_path / "core", [(ALICE, utc(2015, 1, 1)), (BOB, utc(2020, 2, 1))])
    binding = make_repo(
        tmp_path / "python",
        [(CAROL, utc(2018, 1, 1)), (ALICE, utc(2020, 3, 1)), (ALICE, utc(2020, 3, 2))],
    )
    go = make_repo(tmp_path / "go", [(DAVE, utc(2020, 4, 1))])
    m = measure(make_outline({"core": [core], "bindings": [binding, go]}), AS_OF)
    bindings = m.groups["bindings"]
    assert (bindings.commits, bindings.new_contributors, bindings.commits_by_new) == (3, 2, 3)
    assert bindings.new_contributor_names == (ALICE.name, DAVE.name)
    assert (m.all.commits, m.all.new_contributors, m.all.commits_by_new) == (4, 2, 2)
    assert m.all.commits_by_new_to_repo == 4
    assert m.all.new_contributor_names == (BOB.name, DAVE.name)
    assert m.repos["python"].new_contributors == 1


def test_author_date_decides_not_commit_date(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "core",
        [
            Change(ALICE, utc(2019, 12, 20), committed=utc(2020, 1, 5)),
            Change(BOB, utc(2020, 1, 6), committed=utc(2021, 1, 1)),
        ],
    )
    m = measure(make_outline({"core": [repo]}), AS_OF).all
    assert (m.commits, m.contributors, m.previous.commits) == (1, 1, 0)
    assert {y.year: y.commits for y in m.years} == {2019: 1, 2020: 1}


def test_days_are_bucketed_in_utc(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "core",
        [
            (ALICE, at(2019, 12, 31, 23, tz=-5)),  # 2020-01-01 04:00 UTC
            (BOB, at(2020, 1, 1, 0, tz=2)),  # 2019-12-31 22:00 UTC
            (CAROL, at(2020, 6, 30, 23, tz=-1)),  # 2020-07-01 00:00 UTC: after the period
        ],
    )
    m = measure(make_outline({"core": [repo]}), AS_OF).all
    assert (m.commits, m.new_contributor_names) == (1, (ALICE.name,))
    assert {y.year: y.commits for y in m.years} == {2019: 1, 2020: 1}


def test_period_days_are_inclusive(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "core",
        [(ALICE, at(2020, 3, 1, 0)), (BOB, at(2020, 3, 31, 23, 59)), (CAROL, at(2020, 4, 1, 0))],
    )
    outline = make_outline({"core": [repo]}, period={"since": "2020-03-01", "until": "2020-03-31"})
    assert measure(outline, AS_OF).all.commits == 2


def test_per_year_series_splits_old_and_new_authors(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "core",
        [
            (ALICE, utc(2017, 1, 1)),
            (ALICE, utc(2017, 12, 31)),
            (ALICE, utc(2018, 1, 1)),  # exactly 365 days after her first commit: still new
            (ALICE, utc(2018, 1, 2)),
            (BOB, utc(2018, 3, 1)),
            (BOB, utc(2019, 2, 1)),
            (ALICE, utc(2020, 2, 1)),
        ],
    )
    m = measure(make_outline({"core": [repo]}), AS_OF).all
    assert m.first_year == 2017
    assert [(y.year, y.commits, y.commits_old, y.commits_new) for y in m.years] == [
        (2017, 2, 0, 2),
        (2018, 3, 1, 2),
        (2019, 1, 0, 1),
        (2020, 1, 1, 0),
    ]
    assert [(y.authors, y.authors_old, y.authors_new) for y in m.years] == [
        (1, 0, 1),
        (2, 1, 1),
        (1, 1, 0),
        (1, 1, 0),
    ]


def test_years_without_commits_are_in_the_series(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2016, 1, 1)), (ALICE, utc(2019, 1, 1))])
    m = measure(make_outline({"core": [repo]}), AS_OF).all
    assert [y.year for y in m.years] == [2016, 2017, 2018, 2019, 2020]
    assert m.by_year[2017].commits == m.by_year[2020].commits == 0


def test_empty_repository_gives_zeros(tmp_path: Path) -> None:
    empty = make_repo(tmp_path / "empty.git", bare=True)
    full = make_repo(tmp_path / "core", [(ALICE, utc(2020, 1, 2))])
    m = measure(make_outline({"core": [full], "bindings": [empty]}), AS_OF)
    scope = m.repos["empty"]
    assert (scope.commits, scope.contributors, scope.projected_commits) == (0, 0, 0)
    assert (scope.by_year, scope.first_year, scope.releases.count) == ({}, None, 0)
    assert m.all.commits == 1


def test_projection_scales_to_the_end_of_the_year() -> None:
    assert projected(10, Period(date(2020, 1, 1), date(2020, 3, 31))) == 40  # 10 × 366 / 91
    assert projected(7, Period(date(2020, 1, 1), date(2020, 12, 31))) == 7
    assert projected(1, Period(date(2021, 1, 1), date(2021, 2, 3))) == 11  # 10.5 rounds up
    assert projected(3, Period(date(2021, 12, 30), date(2021, 12, 31))) == 3  # the year is over


@pytest.mark.parametrize(
    ("until", "expected"), [(date(2021, 1, 27), None), (date(2021, 1, 28), 65)]
)
def test_too_few_days_are_not_projected(until: date, expected: int | None) -> None:
    """On 2 January one busy day would promise 180 times its commits: four weeks are needed."""
    assert projected(5, Period(date(2021, 1, 1), until)) == expected  # 5 × 365 / 28 = 65.2
    assert projected(5, Period(date(2021, 1, 1), date(2021, 1, 2))) is None


def test_projected_commits_of_a_scope(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2020, 1, d)) for d in range(1, 11)])
    outline = make_outline({"core": [repo]}, period={"until": "2020-03-31"})
    assert measure(outline, AS_OF).all.projected_commits == 40


def test_previous_window_counts(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "core",
        [
            Change(ALICE, utc(2018, 6, 1)),
            Change(ALICE, utc(2019, 2, 1), tag="v1.0"),
            Change(BOB, utc(2019, 6, 30), tag="v1.1"),
            Change(CAROL, utc(2019, 7, 1)),
            Change(BOB, utc(2020, 2, 1)),
        ],
    )
    prev = measure(make_outline({"core": [repo]}), AS_OF).all.previous
    assert (prev.since, prev.until) == (date(2019, 1, 1), date(2019, 6, 30))
    assert (prev.commits, prev.contributors, prev.new_contributors) == (2, 2, 1)
    assert (prev.commits_by_new, prev.commits_by_new_to_repo, prev.releases) == (1, 1, 2)


def test_project_releases_are_those_of_the_release_group(tmp_path: Path) -> None:
    core = make_repo(
        tmp_path / "core",
        [Change(ALICE, utc(2020, m, 1), tag=f"v6.{m}.0") for m in range(1, 6)],
    )
    binding = make_repo(tmp_path / "python", [Change(BOB, utc(2020, 3, 3), tag="v1.0")])
    outline = make_outline({"core": [core], "bindings": [binding]})
    m = measure(outline, AS_OF)
    assert m.releases == m.groups["core"].releases
    assert m.releases.list[0] == Release("v6.1.0", date(2020, 1, 1), 1, 1, 1)
    assert m.releases.list[1] == Release("v6.2.0", date(2020, 2, 1), 1, 1, 0)
    assert (m.releases.count, m.all.releases.count) == (5, 6)
    other = make_outline({"core": [core], "bindings": [binding]}, releases={"group": "bindings"})
    assert measure(other, AS_OF).releases.count == 1


def test_unknown_release_group_is_an_outline_error(tmp_path: Path) -> None:
    core = make_repo(tmp_path / "core", [(ALICE, utc(2020, 1, 1))])
    with pytest.raises(OutlineError) as err:
        make_outline({"core": [core]}, releases={"group": "bindings"})
    assert str(err.value) == "releases.group: expected one of the groups 'core', got 'bindings'"


def test_metrics_export_to_json(tmp_path: Path) -> None:
    core = make_repo(tmp_path / "core", [Change(ALICE, utc(2020, 1, 1), tag="v1.0")])
    doc = measure(make_outline({"core": [core]}), AS_OF).to_json()
    assert doc["period"] == {"since": "2020-01-01", "until": "2020-06-30", "range": None}
    assert doc["all"]["by_year"]["2020"]["commits"] == 1
    assert doc["releases"]["list"] == [
        {
            "name": "v1.0",
            "date": "2020-01-01",
            "commits": 1,
            "contributors": 1,
            "new_contributors": 1,
        }
    ]
    assert doc["releases"]["last"] == []
    assert set(doc["repos"]) == {"core"}
