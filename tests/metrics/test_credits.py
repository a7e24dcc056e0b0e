"""Credit trailers and `identity.key`, on a fixture repository counted by hand.

The history (period: 2024):

    2023-05-01  Alice          Reviewed-by: Bob                       (before the period)
    2024-02-01  Alice          Reviewed-by: J D <jd@old.example>      (Jane, by the .mailmap)
                               Tested-by: Carol
    2024-03-01  Bob            Reviewed-by: Alice, Reviewed-by: Jane, Tested-by: Dave (no e-mail)
    2024-04-01  Carol          Reviewed-by: Carol                     (her own: not a review)
    2024-05-01  dependabot     Reviewed-by: Erin                      (a bot's commit: not counted)
    2024-06-01  Alice          Acked-by: Bob, Reviewed-by: dependabot (a bot: nobody)
    2024-07-01  Alice          Reviewed-by: Frank <frank@x            (malformed: nobody)
    2024-08-01  Alice (work)   (the side branch of the merge below)
    2024-08-02  Alice          a merge, Reviewed-by: Gina             (a merge: not counted)

Alice writes as alice@example.org and alice@work.example under one name: two people by e-mail,
one by name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from deckgen.fastimport import FastImport, Person
from deckgen.findings import find_warnings
from deckgen.history import read_history
from deckgen.metrics import compute_metrics, resolve_period
from deckgen.metrics.model import Credited, CreditStats, Metrics
from tests.gitrepos import ALICE, BOB, BOT_PERSON, CAROL, git, make_outline, utc

AS_OF = date(2024, 12, 31)
WORK = Person(ALICE.name, "alice@work.example")
TRAILERS = ["Reviewed-by", "Tested-by", "Acked-by"]
MAILMAP = "Jane Doe <jane@example.org> <jd@old.example>\n"


def fixture(path: Path) -> Path:
    bot = f"{BOT_PERSON.name} <{BOT_PERSON.email}>"
    history = [
        (ALICE, utc(2023, 5, 1), "Old work\n\nReviewed-by: Bob Builder <bob@example.org>\n"),
        (
            ALICE,
            utc(2024, 2, 1),
            "Fix\n\nReviewed-by: J D <jd@old.example>\n"
            "Tested-by: Carol Danvers <carol@example.org>\n",
        ),
        (
            BOB,
            utc(2024, 3, 1),
            "Feature\n\nSome words.\n\nReviewed-by: Alice Liddell <alice@example.org>\n"
            "reviewed-by: Jane Doe <jane@example.org>\nTested-by: Dave\n",
        ),
        (CAROL, utc(2024, 4, 1), "Self\n\nReviewed-by: Carol Danvers <carol@example.org>\n"),
        (BOT_PERSON, utc(2024, 5, 1), "Bump\n\nReviewed-by: Erin <erin@example.org>\n"),
        (
            ALICE,
            utc(2024, 6, 1),
            f"Acked\n\nAcked-by: Bob Builder <bob@example.org>\nReviewed-by: {bot}\n",
        ),
        (ALICE, utc(2024, 7, 1), "Broken\n\nReviewed-by: Frank <frank@x\n"),
    ]
    with FastImport(path) as fi:
        tip = 0
        for n, (who, when, message) in enumerate(history):
            files = {".mailmap": MAILMAP} if n == 0 else {f"f{n}": "x\n"}
            tip = fi.commit(
                author=who, when=when, message=message, files=files, parents=(tip,) if tip else ()
            )
        side = fi.commit(
            author=WORK, when=utc(2024, 8, 1), message="Side\n", files={"s": "x\n"}, parents=(tip,)
        )
        fi.commit(
            author=ALICE,
            when=utc(2024, 8, 2),
            message="Merge\n\nReviewed-by: Gina <gina@example.org>\n",
            parents=(side, tip),
        )
    return path


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture(tmp_path_factory.mktemp("credits") / "core")


def metrics_of(repo: Path, cache: Path, **identity: object) -> tuple[Metrics, tuple[str, ...]]:
    outline = make_outline({"core": [repo]}, identity={"bots": [r"\[bot\]"], **identity})
    history = read_history(outline, cache_dir=cache)
    metrics = compute_metrics(outline, history, resolve_period(outline, AS_OF), AS_OF)
    return metrics, find_warnings(outline, history, metrics)


def test_credited_people_are_contributors_by_email(repo: Path, tmp_path: Path) -> None:
    m, _ = metrics_of(repo, tmp_path, credit_trailers=TRAILERS)
    s = m.all
    assert (s.commits, s.bot_commits, s.authors) == (6, 1, 4)
    assert (s.contributors, s.new_contributors) == (6, 4)
    assert s.new_contributor_names == (
        "Alice Liddell (work.example)",
        "Carol Danvers",
        "Dave",
        "Jane Doe",
    )
    assert s.commits_by_new == 2  # Carol's and Alice's work one; Bob was credited in 2023
    assert s.reviewed_share == pytest.approx(3 / 6)
    assert {k: (c.occurrences, c.people) for k, c in s.credits.items()} == {
        "Reviewed-by": (4, 3),
        "Tested-by": (2, 2),
        "Acked-by": (1, 1),
    }
    assert s.credits["Reviewed-by"].top == (
        Credited("Jane Doe", 2),
        Credited("Alice Liddell (example.org)", 1),
        Credited("Carol Danvers", 1),
    )
    assert s.credits_by_year == {
        2023: {"Reviewed-by": 1, "Tested-by": 0, "Acked-by": 0},
        2024: {"Reviewed-by": 4, "Tested-by": 2, "Acked-by": 1},
    }
    assert Metrics.from_json(m.to_json()) == m


def test_credited_people_by_name(repo: Path, tmp_path: Path) -> None:
    m, _ = metrics_of(repo, tmp_path, credit_trailers=TRAILERS, key="name")
    s = m.all
    assert (s.commits, s.authors, s.contributors, s.new_contributors) == (6, 3, 5, 3)
    assert s.new_contributor_names == ("Carol Danvers", "Dave", "Jane Doe")
    assert s.credits["Reviewed-by"].top[1] == Credited("Alice Liddell", 1)


def test_contributors_by_name_are_git_shortlog_s_lines(repo: Path, tmp_path: Path) -> None:
    """The whole history as the period: git's own grouping is the oracle."""
    groups = ["--group=author", *(f"--group=trailer:{t.lower()}" for t in TRAILERS)]
    shortlog = ["-c", "mailmap.blob=main:.mailmap", "shortlog", "-s", "--no-merges"]
    lines = git(repo, *shortlog, *groups, "main").splitlines()
    names = {line.split("\t", 1)[1] for line in lines}
    # shortlog counts what deckgen leaves out: bots, a bot's commit's trailers, a malformed value
    names -= {BOT_PERSON.name, "Erin", "Frank <frank@x"}
    outline = make_outline(
        {"core": [repo]},
        identity={"credit_trailers": TRAILERS, "key": "name", "bots": [r"\[bot\]"]},
        period={"since": date(2023, 1, 1), "until": AS_OF},
    )
    history = read_history(outline, cache_dir=tmp_path)
    s = compute_metrics(outline, history, resolve_period(outline, AS_OF), AS_OF).all
    assert s.contributors == len(names) == 5
    authors = git(repo, *shortlog, "main").splitlines()
    assert s.authors == len(authors) - 1  # less the bot


def test_without_credit_trailers_only_authors_count(repo: Path, tmp_path: Path) -> None:
    m, warnings = metrics_of(repo, tmp_path)
    s = m.all
    assert (s.commits, s.authors, s.contributors, s.new_contributors) == (6, 4, 4, 3)
    assert (s.credits, s.reviewed_share, s.credits_by_year) == ({}, None, {})
    assert not any("credit" in w for w in warnings)


def test_reviewed_share_needs_a_review_trailer(repo: Path, tmp_path: Path) -> None:
    m, _ = metrics_of(repo, tmp_path, credit_trailers=["Tested-by"])
    assert m.all.reviewed_share is None
    assert m.all.credits == {
        "Tested-by": CreditStats(2, 2, (Credited("Carol Danvers", 1), Credited("Dave", 1)))
    }
    assert m.all.contributors == 5  # the four authors and Dave (Carol is an author too)


def test_credited_people_with_their_organisation(repo: Path, tmp_path: Path) -> None:
    affiliations = [{"match": "example.org", "organisation": "Example"}]
    m, _ = metrics_of(repo, tmp_path, credit_trailers=TRAILERS, affiliations=affiliations)
    top = m.all.credits["Tested-by"].top
    assert top == (Credited("Carol Danvers", 1, "Example"), Credited("Dave", 1, "Unknown"))


def test_trailers_without_an_email_or_malformed_are_warned(repo: Path, tmp_path: Path) -> None:
    _, warnings = metrics_of(repo, tmp_path, credit_trailers=TRAILERS)
    credits = [w for w in warnings if "credit" in w]
    dave = git(repo, "log", "--format=%h", "--grep=Feature", "main").strip()
    frank = git(repo, "log", "--format=%h", "--grep=Broken", "main").strip()
    assert credits == [
        f"repository 'core': 1 credit trailer is malformed (the first: 'Reviewed-by: Frank "
        f"<frank@x' in {frank}); counted for nobody",
        f"repository 'core': 1 credit trailer names no e-mail (the first: 'Tested-by: Dave' in "
        f"{dave}); counted by that name, as git shortlog does",
    ]


@pytest.mark.parametrize("trailers", [[], TRAILERS])
def test_an_empty_group_counts_nothing(repo: Path, tmp_path: Path, trailers: list[str]) -> None:
    """A group without repositories is a scope of no commits (it once failed to join its
    repositories' credits: numpy cannot concatenate nothing)."""
    outline = make_outline({"core": [repo], "bindings": []}, identity={"credit_trailers": trailers})
    history = read_history(outline, cache_dir=tmp_path)
    metrics = compute_metrics(outline, history, resolve_period(outline, AS_OF), AS_OF)
    empty = metrics.groups["bindings"]
    assert (empty.commits, empty.contributors, empty.authors) == (0, 0, 0)
    assert metrics.all.commits == metrics.groups["core"].commits > 0
