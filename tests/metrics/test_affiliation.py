"""Affiliations: commits by organisation (gitdm's EmailMap rules) and the elephant factor."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from deckgen.fastimport import Person
from deckgen.metrics import OrgStats
from deckgen.metrics.affiliation import elephant_factor, email_map, organisation_of
from deckgen.metrics.period import start_of
from deckgen.outline.schema import Affiliation
from tests.gitrepos import ALICE, BOB, make_outline, make_repo, measure, utc

AS_OF = date(2020, 12, 31)
ANN = Person("Ann", "ann@redhat.com")
BEN = Person("Ben", "ben@us.ibm.com")
CID = Person("Cid", "cid@gmail.com")
DOT = Person("Dot", "dot@research.redhat.com")


def affiliations(*entries: tuple[str, str, date | None]) -> list[Affiliation]:
    return [Affiliation(match=m, organisation=o, until=u) for m, o, u in entries]


RULES = affiliations(
    ("redhat.com", "Red Hat", None),
    ("ibm.com", "IBM", None),
    ("research.redhat.com", "Red Hat Research", None),
    ("ann@redhat.com", "Independent", date(2020, 3, 31)),
    ("ann@redhat.com", "Acme", date(2020, 6, 30)),
)


@pytest.mark.parametrize(
    ("email", "day", "organisation"),
    [
        ("ann@redhat.com", date(2020, 3, 31), "Independent"),  # address wins over domain
        ("ann@redhat.com", date(2020, 4, 1), "Acme"),  # after `until`: the next entry
        ("ann@redhat.com", date(2020, 7, 1), "Red Hat"),  # past the address: the domain
        ("ANN@RedHat.com", date(2020, 1, 1), "Independent"),  # compared lower-cased
        ("ben@us.ibm.com", date(2020, 1, 1), "IBM"),  # a subdomain matches its domain
        ("dot@research.redhat.com", date(2020, 1, 1), "Red Hat Research"),  # longest suffix
        ("cid@gmail.com", date(2020, 1, 1), "Unknown"),
        ("eve@notredhat.com", date(2020, 1, 1), "Unknown"),  # whole labels only
        ("", date(2020, 1, 1), "Unknown"),
    ],
)
def test_email_map_picks_the_organisation(email: str, day: date, organisation: str) -> None:
    table = email_map(RULES)
    assert table is not None
    found = organisation_of(table.rules(email), start_of(day) + 43200)
    assert table.organisations[found] == organisation


def test_an_expired_domain_falls_to_unknown() -> None:
    table = email_map(affiliations(("example.com", "Example", date(2019, 12, 31))))
    assert table is not None
    rules = table.rules("a@example.com")
    assert table.organisations[organisation_of(rules, start_of(date(2019, 12, 31)))] == "Example"
    assert organisation_of(rules, start_of(date(2020, 1, 1))) == 0


def test_no_affiliations_no_map() -> None:
    assert email_map([]) is None


@pytest.mark.parametrize(
    ("commits", "factor"),
    [
        ([1000, 202, 90, 33, 332, 343, 42, 433], 2),  # CHAOSS's worked example
        ([1] * 8, 4),  # eight organisations of 12.5% each
        ([5, 1, 1, 1, 1, 1], 1),  # exactly half
        ([], None),
    ],
)
def test_elephant_factor_follows_chaoss(commits: list[int], factor: int | None) -> None:
    stats = {f"org{i}": OrgStats(n, 1) for i, n in enumerate(commits)}
    assert elephant_factor(stats) == factor


def test_unknown_is_not_an_organisation() -> None:
    stats = {"Unknown": OrgStats(100, 9), "A": OrgStats(3, 1), "B": OrgStats(2, 1)}
    assert elephant_factor(stats) == 1
    assert elephant_factor({"Unknown": OrgStats(100, 9)}) is None


def test_scope_reports_organisations_and_elephant_factor(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "core",
        [
            (ANN, utc(2019, 6, 1)),  # before the period
            (ANN, utc(2020, 2, 1)),  # Independent
            (ANN, utc(2020, 5, 1)),  # Acme
            (ANN, utc(2020, 8, 1)),  # Red Hat
            (BEN, utc(2020, 2, 2)),
            (BEN, utc(2020, 3, 2)),
            (BEN, utc(2020, 4, 2)),
            (DOT, utc(2020, 5, 2)),
            (CID, utc(2020, 6, 2)),
            (CID, utc(2020, 7, 2)),
        ],
        merges=[(DOT, utc(2020, 9, 1))],  # the merge is not counted, its side commit is
    )
    entries = [r.model_dump() for r in RULES]
    m = measure(make_outline({"core": [repo]}, identity={"affiliations": entries}), AS_OF)
    assert dict(m.all.organisations) == {
        "IBM": OrgStats(3, 1),
        "Red Hat Research": OrgStats(2, 1),
        "Unknown": OrgStats(2, 1),
        "Acme": OrgStats(1, 1),
        "Independent": OrgStats(1, 1),
        "Red Hat": OrgStats(1, 1),
    }
    assert list(m.all.organisations)[:3] == ["IBM", "Red Hat Research", "Unknown"]
    assert m.all.elephant_factor == 2  # 8 known commits: IBM 3 + Red Hat Research 2 >= 4
    assert m.repos["core"].organisations == m.all.organisations
    data = m.to_json()["all"]
    assert data["organisations"]["IBM"] == {"commits": 3, "contributors": 1}
    assert data["elephant_factor"] == 2


def test_without_affiliations_there_are_no_organisations(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2020, 2, 1)), (BOB, utc(2020, 3, 1))])
    m = measure(make_outline({"core": [repo]}), AS_OF)
    assert (dict(m.all.organisations), m.all.elephant_factor) == ({}, None)
    assert m.to_json()["all"]["organisations"] == {}
