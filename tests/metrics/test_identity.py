"""Folding identities into people: lower-cased e-mails, aliases, bots, merge by name."""

from __future__ import annotations

import re
from array import array
from pathlib import Path

from deckgen.history import Commits, History, Identity, RepoHistory
from deckgen.metrics.identity import BOT_PERSON, People, resolve_people
from deckgen.outline.schema import IdentitySpec

Row = tuple[str, str, int]
"""One commit: author name, author e-mail, author time."""


def repo(name: str, rows: list[Row]) -> RepoHistory:
    ids: dict[Identity, int] = {}
    authors = array("I", (ids.setdefault(Identity(n, e), len(ids)) for n, e, _ in rows))
    times = array("q", (t for _, _, t in rows))
    commits = Commits(
        hash_size=20,
        hashes=b"".join(i.to_bytes(20, "big") for i in range(len(rows))),
        parents=array("B", [1] * len(rows)),
        authors=authors,
        authored=times,
        committed=times,
    )
    return RepoHistory("core", name, Path(name), "HEAD", "0" * 40, tuple(ids), commits)


def people_of(rows: dict[str, list[Row]], **spec: object) -> People:
    history = History(tuple(repo(name, r) for name, r in rows.items()))
    identity = IdentitySpec.model_validate(spec)
    return resolve_people(identity, history, [re.compile(bot) for bot in identity.bots])


def who(people: People, repo: str) -> list[int]:
    return list(people.of_repo[repo])


def test_emails_are_compared_lower_cased() -> None:
    people = people_of({"a": [("Ann", "Ann@X.org", 1), ("Ann B", "ann@x.org", 2)]})
    assert who(people, "a") == [0, 0]
    assert people.names == ("Ann B",)


def test_display_name_is_the_most_recent_author_name_across_repositories() -> None:
    people = people_of({"a": [("Ann Old", "ann@x.org", 1)], "b": [("Ann New", "ANN@x.org", 9)]})
    assert who(people, "a") == who(people, "b") == [0]
    assert people.names == ("Ann New",)


def test_aliases_join_emails_and_names_under_their_name() -> None:
    rows: dict[str, list[Row]] = {
        "a": [("Ann", "ann@x.org", 1), ("Ann", "ann@work.example", 2), ("Annie", "a@b.c", 3)],
        "b": [("Bob", "bob@x.org", 4)],
    }
    alias = {"name": "Ann Example", "emails": ["ANN@x.org", "ann@work.example"], "names": ["annie"]}
    people = people_of(rows, aliases=[alias])
    assert who(people, "a") == [0, 0, 0]
    assert people.names[0] == "Ann Example"
    assert people.names[who(people, "b")[0]] == "Bob"


def test_same_name_is_two_people_unless_merge_by_name() -> None:
    rows: dict[str, list[Row]] = {
        "a": [("Ann  Example", "a@x.org", 1), ("ann example", "a@y.org", 2)]
    }
    assert who(people_of(rows), "a") == [0, 1]
    merged = people_of(rows, merge_by_name=True)
    assert who(merged, "a") == [0, 0]
    assert merged.names == ("ann example",)


def test_empty_email_falls_back_to_the_name() -> None:
    people = people_of({"a": [("Ann", "", 1), ("Bob", "", 2), ("ann", " ", 3)]})
    assert who(people, "a") == [0, 1, 0]


def test_bots_match_name_or_email_and_are_nobody() -> None:
    rows: dict[str, list[Row]] = {
        "a": [
            ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", 1),
            ("CI", "ci-robot@x.org", 2),
            ("Ann", "ann@x.org", 3),
        ]
    }
    people = people_of(rows, bots=[r"\[bot\]", "^ci-robot@"])
    assert who(people, "a") == [BOT_PERSON, BOT_PERSON, 0]
    assert people.names == ("Ann",)


def test_an_empty_author_name_falls_back_to_the_email_local_part() -> None:
    people = people_of({"a": [("", "jan.novak@example.org", 1), ("  ", "x@y.org", 2), ("", "", 3)]})
    assert people.names == ("jan.novak", "x", "anonymous")


def test_a_name_beats_a_newer_empty_one() -> None:
    people = people_of({"a": [("Ann", "ann@x.org", 1), ("", "ann@x.org", 9)]})
    assert people.names == ("Ann",)


def test_people_sharing_a_name_are_told_apart_by_domain_then_email() -> None:
    people = people_of(
        {
            "a": [("Jan Novák", "jan@redhat.com", 1), ("jan  novák", "jan@gmail.com", 2)],
            "b": [("Jan Novák", "jnovak@gmail.com", 3), ("Eva", "eva@redhat.com", 4)],
        }
    )
    assert people.names == (
        "Jan Novák (redhat.com)",
        "jan  novák (jan@gmail.com)",
        "Jan Novák (jnovak@gmail.com)",
        "Eva",
    )


def test_under_key_name_names_differing_in_case_are_shown_as_written() -> None:
    # git.git has both "Karthik Nayak" and "karthik nayak" (one e-mail): git shortlog lists two
    # people, and deckgen showed them as "Karthik Nayak (1)" and "karthik nayak (2)"
    rows: dict[str, list[Row]] = {
        "a": [("Karthik Nayak", "k@x.org", 1), ("karthik nayak", "k@x.org", 2)],
        "b": [("Jan Novák", "jan@redhat.com", 3), ("Jan Novák", "jan@gmail.com", 4)],
    }
    people = people_of(rows, key="name")
    assert people.names == ("Karthik Nayak", "karthik nayak", "Jan Novák")
    # by e-mail they are one person, and two people share "Jan Novák"
    assert people_of(rows).names == (
        "karthik nayak",
        "Jan Novák (redhat.com)",
        "Jan Novák (gmail.com)",
    )
