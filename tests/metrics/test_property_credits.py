"""Random histories with random credit trailers, by e-mail and by name, against a naive reference.

The reference reads the repository with a plain `git log` (authors as git mailmaps them, the
raw message), finds the trailers in each message itself (the last paragraph's `Key: value`
lines), maps their people through the `.mailmap` text it wrote, and counts the definitions of
docs/metrics.md the obvious way, with sets and loops. It shares no code with deckgen's history
or metrics stages.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deckgen.fastimport import FastImport, Person
from deckgen.metrics import ScopeMetrics
from tests.gitrepos import ALICE, BOB, BOT_PERSON, CAROL, make_outline, measure

AS_OF = date(2021, 6, 30)
KINDS = ["Reviewed-by", "Tested-by", "Acked-by", "Co-authored-by"]
OLD_ALICE = Person("alice", "Alice@Old.example")
"""Alice before the mailmap: `Alice Liddell <alice@example.org> <alice@old.example>`."""
MAILMAP = f"{ALICE.name} <{ALICE.email}> <alice@old.example>\n"
PEOPLE = [
    ALICE,
    OLD_ALICE,
    Person(ALICE.name, "alice@work.example"),  # one person by name, two by e-mail
    BOB,
    Person("Robert Builder", "rb@redhat.com"),  # Bob, by the alias's e-mails
    CAROL,
    Person("carol danvers", "cd@example.org"),  # another name by case only: two by name
    BOT_PERSON,
]
ALIAS = {"name": "Bob the Builder", "emails": ["bob@example.org", "RB@redhat.com"]}
EPOCH = datetime(2019, 1, 1, tzinfo=UTC)
SPAN = int((datetime(2021, 6, 30, tzinfo=UTC) - EPOCH).total_seconds())


@dataclass(frozen=True)
class Drawn:
    commits: list[tuple[Person, int, list[tuple[str, str]], bool]]
    """Author, seconds after EPOCH, trailers (key as written, value), whether a merge."""
    kinds: list[str]
    key: str
    since: date
    until: date


values = st.one_of(
    st.sampled_from(PEOPLE).map(lambda p: f"{p.name} <{p.email}>"),
    st.sampled_from(PEOPLE).map(lambda p: p.name),  # no e-mail: counted by name
)
trailers = st.lists(
    st.tuples(st.sampled_from([*KINDS, "reviewed-by", "Signed-off-by"]), values), max_size=3
)
commits = st.lists(
    st.tuples(st.sampled_from(PEOPLE), st.integers(0, SPAN), trailers, st.booleans()),
    min_size=1,
    max_size=12,
)


@st.composite
def drawn(draw: st.DrawFn) -> Drawn:
    since = date(2020, 1, 1) + timedelta(days=draw(st.integers(0, 400)))
    until = since + timedelta(days=draw(st.integers(0, (AS_OF - since).days)))
    return Drawn(
        draw(commits),
        draw(st.lists(st.sampled_from(KINDS), unique=True, min_size=1, max_size=4)),
        draw(st.sampled_from(["email", "name"])),
        since,
        until,
    )


def build(path: Path, d: Drawn) -> None:
    """Write the commits in time order; a merge joins a one-commit side branch."""
    with FastImport(path) as fi:
        tip = 0
        ordered = sorted(d.commits, key=lambda c: c[1])
        for n, (who, at, lines, merge) in enumerate(ordered):
            when = EPOCH + timedelta(seconds=at)
            body = "".join(f"{k}: {v}\n" for k, v in lines)
            message = f"Change {n}\n\n{body}" if body else f"Change {n}\n"
            files = {".mailmap": MAILMAP} if n == 0 else {f"f{n % 3}": f"{n}\n"}
            parents = (tip,) if tip else ()
            if merge and tip:
                side = fi.commit(
                    author=who,
                    when=when,
                    message=f"Side {n}\n",
                    files={f"s{n}": "x\n"},
                    parents=(tip,),
                    ref=f"side{n}",
                )
                parents = (tip, side)
                files = {}
            tip = fi.commit(author=who, when=when, message=message, files=files, parents=parents)


# --- the reference ------------------------------------------------------------------------------


def git_log(path: Path) -> list[tuple[int, str, str, str]]:
    """Return the non-merge commits: author time, mailmapped author name and e-mail, message."""
    out = subprocess.run(
        [
            "git",
            "-C",
            str(path),
            "-c",
            "mailmap.blob=main:.mailmap",
            "log",
            "--no-merges",
            "--format=%at%x1f%aN%x1f%aE%x1f%B%x1e",
            "main",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rows = []
    for record in out.split("\x1e"):
        if record.strip():
            at, name, email, message = record.lstrip("\n").split("\x1f")
            rows.append((int(at), name, email, message))
    return rows


def message_trailers(message: str) -> list[tuple[str, str]]:
    """Return the `Key: value` lines of the last paragraph, when every line of it is one."""
    paragraphs = [p for p in message.strip().split("\n\n") if p.strip()]
    if len(paragraphs) < 2:
        return []
    lines = paragraphs[-1].splitlines()
    found = [re.match(r"^([A-Za-z0-9-]+): (.*)$", line) for line in lines]
    if not all(found):
        return []
    return [(m.group(1), m.group(2).strip()) for m in found if m]


def mailmapped(value: str) -> tuple[str, str]:
    """Return the name and e-mail a trailer value names, through MAILMAP (by e-mail, any case)."""
    found = re.match(r"^(.*?)\s*<(.*)>$", value)
    if not found:
        return value, ""
    proper = re.match(r"^(.*) <(.*)> <(.*)>$", MAILMAP.strip())
    assert proper
    if found.group(2).lower() == proper.group(3):
        return proper.group(1), proper.group(2)
    return found.group(1), found.group(2)


def labels(name: str, email: str, key: str) -> set[str]:
    """Return what joins an identity to others: its key, and the alias when it names it."""
    if key == "name" and name:
        mine = {f"x:{name}"}
    elif email:
        mine = {f"e:{email.lower()}"}
    else:
        mine = {f"n:{' '.join(name.split()).casefold()}"}
    if email.lower() in [e.lower() for e in ALIAS["emails"]]:
        mine.add("alias")
    return mine


def reference(path: Path, d: Drawn) -> dict[str, object]:
    counted = [k.lower() for k in d.kinds]
    events = []  # (time, identity, kind or None for the author, commit number)
    for n, (at, name, email, message) in enumerate(git_log(path)):
        if "[bot]" in name or "[bot]" in email:
            continue
        events.append((at, (name, email), None, n))
        for key, value in message_trailers(message):
            if key.lower() in counted:
                who = mailmapped(value)
                if "[bot]" not in who[0] and "[bot]" not in who[1]:
                    events.append(
                        (at, who, KINDS[[k.lower() for k in KINDS].index(key.lower())], n)
                    )
    groups: list[set[str]] = []
    for _, (name, email), _, _ in events:  # people: identities sharing a label, to a fixpoint
        mine = labels(name, email, d.key)
        joined = [g for g in groups if g & mine]
        for g in joined:
            groups.remove(g)
            mine |= g
        groups.append(mine)

    def person(who: tuple[str, str]) -> int:
        mine = labels(*who, d.key)
        return next(i for i, g in enumerate(groups) if g & mine)

    def inside(at: int) -> bool:
        return d.since <= datetime.fromtimestamp(at, UTC).date() <= d.until

    first: dict[int, int] = {}
    for at, who, _, _ in events:
        p = person(who)
        first[p] = min(first.get(p, at), at)
    now = [(at, person(who), kind, n) for at, who, kind, n in events if inside(at)]
    authors = {p for _, p, kind, _ in now if kind is None}
    commits = {n for _, _, kind, n in now if kind is None}
    contributors = {p for _, p, _, _ in now}
    start = int(datetime(d.since.year, d.since.month, d.since.day, tzinfo=UTC).timestamp())
    author_of = {n: p for _, p, kind, n in now if kind is None}
    reviewed = {
        n for _, p, kind, n in now if kind in ("Reviewed-by", "Acked-by") and p != author_of[n]
    }
    has_review = any(k in ("Reviewed-by", "Acked-by") for k in d.kinds)
    return {
        "commits": len(commits),
        "authors": len(authors),
        "contributors": len(contributors),
        "new": sum(1 for p in contributors if first[p] >= start),
        "credits": {
            kind: (
                sum(1 for _, _, k, _ in now if k == kind),
                len({p for _, p, k, _ in now if k == kind}),
            )
            for kind in d.kinds
        },
        "reviewed_share": len(reviewed) / len(commits) if has_review and commits else None,
    }


def actual(s: ScopeMetrics) -> dict[str, object]:
    return {
        "commits": s.commits,
        "authors": s.authors,
        "contributors": s.contributors,
        "new": s.new_contributors,
        "credits": {kind: (c.occurrences, c.people) for kind, c in s.credits.items()},
        "reviewed_share": s.reviewed_share,
    }


SHAPES = [  # what random draws reach only now and then: a mailmapped reviewer, names by case
    (
        BOB,
        100,
        [("Reviewed-by", f"alice <{OLD_ALICE.email}>"), ("Tested-by", "carol danvers")],
        False,
    ),
    (CAROL, 50_000_000, [("reviewed-by", f"{CAROL.name} <{CAROL.email}>")], False),
    (ALICE, 50_000_050, [], False),
    (PEOPLE[6], 50_000_100, [("Acked-by", f"{ALICE.name} <alice@work.example>")], True),
]


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(Drawn(SHAPES, ["Reviewed-by", "Tested-by"], "name", date(2019, 1, 1), AS_OF))
@example(Drawn(SHAPES, ["Reviewed-by", "Acked-by"], "email", date(2020, 7, 1), AS_OF))
@given(drawn())
def test_credits_and_names_match_the_reference(d: Drawn) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "core"
        build(path, d)
        outline = make_outline(
            {"core": [path]},
            identity={
                "key": d.key,
                "credit_trailers": d.kinds,
                "bots": [r"\[bot\]"],
                "aliases": [ALIAS],
            },
            period={"since": d.since, "until": d.until},
        )
        metrics = measure(outline, AS_OF, cache_dir=Path(tmp) / "cache")
        assert actual(metrics.all) == reference(path, d)
