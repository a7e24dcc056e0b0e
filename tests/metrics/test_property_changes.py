"""Random histories with random file changes and components, against a naive reference.

The reference asks git the plain way, one commit at a time (`git diff-tree --numstat` on each
non-merge commit `git rev-list` names, its text output rather than the `-z` stream deckgen
parses), matches paths with `fnmatch`, and counts with sets and sums: it shares no code with
`history/changes.py` or `metrics/changes.py`, only the definitions of docs/metrics.md.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.fastimport import Person
from deckgen.metrics import Metrics
from tests.gitrepos import (
    ALICE,
    BOB,
    BOT_PERSON,
    CAROL,
    Change,
    grow,
    make_outline,
    make_repo,
    measure,
)

AS_OF = date(2021, 12, 31)
START = datetime(2019, 1, 1, 12, tzinfo=UTC)
PEOPLE = (ALICE, BOB, CAROL, BOT_PERSON)
PATHS = ("src/a/x.c", "src/a/y.c", "src/b/z.c", "docs/r.rst", "top.txt", "logo.bin")
GLOBS = ("src/a/", "src/*", "*.rst", "docs/", "src/b/z.c", "*.bin", "src/?/y.c", "nope/")
NAMES = ("one", "two", "three")


@dataclass(frozen=True)
class Drawn:
    base: list[Change]
    merges: list[tuple[Person, datetime]]
    extra: list[Change]
    """Commits only the fork has."""
    group: dict[str, list[str]]
    own: dict[str, list[str]]
    """The fork's own components."""
    since: date
    until: date


@st.composite
def changes(draw: st.DrawFn, count: int) -> list[Change]:
    out = []
    for _ in range(count):
        files = {}
        for path in draw(st.sets(st.sampled_from(PATHS), min_size=1, max_size=3)):
            if path.endswith(".bin"):
                files[path] = "\x00" + draw(st.text("xy", max_size=3))
            else:
                lines = draw(st.lists(st.sampled_from("abcd"), max_size=5))
                files[path] = "".join(f"{line}\n" for line in lines)
        when = START + timedelta(days=draw(st.integers(0, 1000)), minutes=draw(st.integers(0, 99)))
        out.append(Change(draw(st.sampled_from(PEOPLE)), when, files=files))
    return out


@st.composite
def components(draw: st.DrawFn) -> dict[str, list[str]]:
    names = draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=3))
    return {n: draw(st.lists(st.sampled_from(GLOBS), min_size=1, max_size=2)) for n in names}


@st.composite
def drawn(draw: st.DrawFn) -> Drawn:
    base = draw(changes(draw(st.integers(1, 12))))
    merges = [
        (draw(st.sampled_from(PEOPLE)), START + timedelta(days=draw(st.integers(0, 1000))))
        for _ in range(draw(st.integers(0, 2)))
    ]
    since = START.date() + timedelta(days=draw(st.integers(0, 900)))
    until = min(since + timedelta(days=draw(st.integers(0, 400))), AS_OF)
    group = draw(components().filter(bool))
    return Drawn(
        base,
        merges,
        draw(changes(draw(st.integers(0, 4)))),
        group,
        draw(components()),
        since,
        until,
    )


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


@dataclass(frozen=True)
class Commit:
    email: str
    name: str
    day: date
    files: dict[str, tuple[int, int]]


def commits(repo: Path) -> dict[str, Commit]:
    """Return every non-merge commit of `repo`, asked one by one."""
    out = {}
    for line in git(
        repo, "rev-list", "--no-merges", "--format=%H %at %ae %an", "main"
    ).splitlines():
        if line.startswith("commit "):
            continue
        sha, stamp, email, name = line.split(" ", 3)
        files = {}
        diff = git(repo, "diff-tree", "--root", "--no-commit-id", "-r", "--numstat", sha)
        for row in diff.splitlines():
            plus, minus, path = row.split("\t")
            files[path] = (0 if plus == "-" else int(plus), 0 if minus == "-" else int(minus))
        when = datetime.fromtimestamp(int(stamp), UTC).date()
        out[sha] = Commit(email.lower(), name, when, files)
    return out


def matches(glob: str, path: str) -> bool:
    return fnmatchcase(path, glob + "*" if glob.endswith("/") else glob)


def reference(
    repos: list[tuple[dict[str, Commit], dict[str, list[str]]]], since: date, until: date
) -> tuple[dict[str, tuple[int, int]], tuple[int, int, dict[str, tuple[int, int, int]]]]:
    """Return component → (commits, authors) and (insertions, deletions, person → counts)."""
    names: list[str] = []
    for _, comps in repos:
        names += [n for n in comps if n not in names]
    touched: dict[str, set[str]] = {n: set() for n in names}
    kept: dict[str, Commit] = {}
    for found, comps in repos:
        for sha, c in found.items():
            if not since <= c.day <= until or "[bot]" in c.email:
                continue
            kept.setdefault(sha, c)
            for name, globs in comps.items():
                if any(matches(g, p) for g in globs for p in c.files):
                    touched[name].add(sha)
    result = {n: (len(s), len({kept[x].email for x in s})) for n, s in touched.items()}
    people: dict[str, tuple[int, int, int]] = {}
    for c in kept.values():
        n, plus, minus = people.get(c.name, (0, 0, 0))
        people[c.name] = (
            n + 1,
            plus + sum(a for a, _ in c.files.values()),
            minus + sum(d for _, d in c.files.values()),
        )
    total = (sum(p[1] for p in people.values()), sum(p[2] for p in people.values()))
    return result, (*total, people)


def actual(metrics: Metrics, scope: str) -> tuple[object, object]:
    s = metrics.scope(scope)
    assert s.components is not None and s.lines is not None
    comps = {n: (c.commits, c.authors) for n, c in s.components.items()}
    people = {p.name: (p.commits, p.insertions, p.deletions) for p in s.lines.people}
    return comps, (s.lines.insertions, s.lines.deletions, people)


@pytest.mark.slow  # a git process per commit in the reference: about a second an example
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn())
def test_components_and_lines_match_the_reference(case: Drawn) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        base = make_repo(root / "base", case.base, merges=case.merges)
        fork = root / "fork"
        subprocess.run(["git", "clone", "-q", "--bare", str(base), str(fork)], check=True)
        if case.extra:
            grow(fork, case.extra)
        outline = make_outline(
            {"core": [base, {"path": fork, "components": case.own}]},
            identity={"bots": [r"\[bot\]"]},
            components={"core": case.group},
            period={"since": case.since, "until": case.until},
            lines=True,
        )
        metrics = measure(outline, AS_OF, cache_dir=root / "cache")
        found = {"base": commits(base), "fork": commits(fork)}
    mine = {**case.group, **case.own}
    scopes = {
        "repo:base": [(found["base"], case.group)],
        "repo:fork": [(found["fork"], mine)],
        "all": [(found["base"], case.group), (found["fork"], mine)],
    }
    for scope, repos in scopes.items():
        assert actual(metrics, scope) == reference(repos, case.since, case.until), scope
    assert Metrics.from_json(metrics.to_json()) == metrics
