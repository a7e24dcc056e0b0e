"""A scope's view: distinct commits by hash, bots apart, releases one per name."""

from __future__ import annotations

from array import array
from pathlib import Path

from deckgen.history import Commits, Identity, RepoHistory, Tag
from deckgen.metrics.identity import People
from deckgen.metrics.scope import repo_columns, scope_releases, scope_view

PEOPLE = (Identity("Ann", "ann@x.org"), Identity("bot", "bot@x.org"))


def repo(name: str, rows: list[tuple[int, int, int]], tags: tuple[Tag, ...] = ()) -> RepoHistory:
    """A repository of `rows`: (hash number, identity index, author time); no merges, the first
    row its root commit."""
    commits = Commits(
        hash_size=20,
        hashes=b"".join(h.to_bytes(20, "big") for h, _, _ in rows),
        parents=array("B", [0] + [1] * (len(rows) - 1) if rows else []),
        authors=array("I", [w for _, w, _ in rows]),
        authored=array("q", [t for _, _, t in rows]),
        committed=array("q", [t for _, _, t in rows]),
    )
    return RepoHistory("g", name, Path(name), "HEAD", None, PEOPLE, commits, tags)


def test_shared_commits_and_shared_bot_commits_count_once() -> None:
    big = repo("big", [(1, 0, 10), (2, 1, 20), (3, 0, 30), (4, 0, 40)])
    small = repo("small", [(1, 0, 10), (2, 1, 20), (5, 0, 5)])
    people = People(("Ann",), {"big": array("i", [0, -1]), "small": array("i", [0, -1])})
    columns = {r.name: repo_columns(r, people) for r in (big, small)}
    view = scope_view([big, small], columns, 1)
    assert sorted(view.times) == [5, 10, 30, 40]
    assert list(view.bot_times) == [20]
    assert list(view.first) == [5]
    firsts = {n: dict(zip(c.first_people, c.first_times, strict=True)) for n, c in columns.items()}
    assert firsts == {"big": {0: 10}, "small": {0: 5}}
    assert dict(zip(view.times, view.repo_first, strict=True))[10] == 10


def test_releases_are_one_per_name_earliest_first() -> None:
    a = repo("a", [], (Tag("v1.0", 100), Tag("v1.1", 300)))
    b = repo("b", [], (Tag("v1.0", 50), Tag("v0.9", 200)))
    assert scope_releases([a, b]) == (Tag("v1.0", 50), Tag("v0.9", 200), Tag("v1.1", 300))


def test_repositories_without_a_common_root_are_not_looked_up_in_each_other() -> None:
    """Two histories can only share a commit if they share its roots; unrelated ones are
    added whole, without holding a single hash (the memory of a 50-repository project)."""
    core = repo("core", [(1, 0, 10), (2, 0, 20)])
    fork = repo("fork", [(1, 0, 10), (3, 0, 30)])
    other = repo("other", [(7, 0, 10), (2, 0, 20)])  # made up: in git, hash 2 brings root 1
    people = People(("Ann",), {n: array("i", [0, -1]) for n in ("core", "fork", "other")})
    columns = {r.name: repo_columns(r, people) for r in (core, fork, other)}
    view = scope_view([core, fork, other], columns, 1)
    assert sorted(view.times) == [10, 10, 20, 20, 30]


def test_the_copy_read_first_decides_the_author_of_a_shared_commit() -> None:
    """Mailmaps may differ between repositories: the shared commits take the author of the
    first repository in outline order, the largest of the family read last; the others keep
    their own. Hashes share their first bytes (all below 2**64), so only whole hashes compare."""
    shared = [(h, 0, 10 * h) for h in range(1, 41)]
    big = repo("big", [*shared, (99, 0, 990)])
    x, y = repo("x", shared[:30]), repo("y", shared)
    people = People(
        ("Big", "X", "Y"),
        {"big": array("i", [0, 0]), "x": array("i", [1, 0]), "y": array("i", [2, 0])},
    )
    columns = {r.name: repo_columns(r, people) for r in (big, x, y)}
    view = scope_view([big, y, x], columns, 3)
    by_time = dict(zip(view.times.tolist(), view.people.tolist(), strict=True))
    assert len(by_time) == len(view.times) == 41
    assert {by_time[10 * h] for h in range(1, 41)} == {2}  # y: first after the largest
    assert by_time[990] == 0
    view = scope_view([x, big], columns, 3)
    assert dict(zip(view.times.tolist(), view.people.tolist(), strict=True)) == {
        **{10 * h: 1 for h in range(1, 31)},
        **{10 * h: 0 for h in range(31, 41)},
        990: 0,
    }
