"""A scope's own history: its distinct commits (by hash), who made them, and when they started.

Merges are dropped and bots set aside here, once, so every count downstream reads three parallel
columns. A commit held by several repositories of the scope counts once; its author is "new to the
repository" when new to any repository holding it (the latest of those first commits).
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from deckgen.history import RepoHistory, Tag
from deckgen.metrics.affiliation import Rules, organisation_of
from deckgen.metrics.identity import BOT, People

NEVER = 2**62


@dataclass(frozen=True, eq=False)
class ScopeView:
    """The distinct non-merge commits of a scope, column by column."""

    times: array[int]
    """Author time of each commit by a person."""
    people: array[int]
    """Person number of each commit."""
    repo_first: array[int]
    """First commit time of the author in the repository holding the commit (see module doc)."""
    bot_times: array[int]
    """Author time of each commit by a bot."""
    first: dict[int, int]
    """Person → time of their first commit in the scope."""
    releases: tuple[Tag, ...]
    """Release tags of the scope, one per name (the earliest), oldest first."""
    orgs: array[int]
    """Organisation number of each commit by a person; empty without affiliations."""


def firsts(repo: RepoHistory, people: People, skip: frozenset[int] = frozenset()) -> dict[int, int]:
    """Return person → time of their first non-merge commit in `repo`, leaving out the rows in
    `skip` (commits with a wrong clock, see `stray`)."""
    persons = people.of_repo[repo.name]
    c = repo.commits
    first: dict[int, int] = {}
    get = first.get
    for i, (parents, who, when) in enumerate(zip(c.parents, c.authors, c.authored, strict=True)):
        if parents > 1 or (skip and i in skip):
            continue
        p = persons[who]
        if p != BOT and when < get(p, NEVER):
            first[p] = when
    return first


def scope_view(
    repos: Sequence[RepoHistory],
    people: People,
    repo_firsts: dict[str, dict[int, int]],
    rules: Mapping[str, Sequence[Rules]] | None = None,
    skip: Mapping[str, frozenset[int]] | None = None,
) -> ScopeView:
    """Return the view of the scope made of `repos`, without the rows `skip` names by
    repository (commits with a wrong clock).

    Commits are de-duplicated by hash only among repositories that share a root commit: a commit
    held by two repositories brings its whole ancestry, roots included, into both, so
    repositories without a common root (a core and its bindings, usually) share no commit and
    are never looked up. Within such a family the largest repository is read last and only
    looked up in the hashes of the others, so the set of seen hashes stays as small as the
    smaller repositories.
    """
    view = ScopeView(
        array("q"), array("i"), array("q"), array("q"), {}, scope_releases(repos), array("i")
    )
    for family in _families(repos):
        largest = max(family, key=lambda r: len(r.commits))
        seen: dict[bytes, int] = {}
        for repo in (*(r for r in family if r is not largest), largest):
            record = repo is not largest
            orgs = None if rules is None else rules[repo.name]
            left_out = skip.get(repo.name, frozenset()) if skip else frozenset()
            persons, rf = people.of_repo[repo.name], repo_firsts[repo.name]
            _add(view, repo, persons, rf, seen, record, orgs, left_out)
    view.first.update(_merge_firsts([repo_firsts[r.name] for r in repos]))
    return view


def _families(repos: Sequence[RepoHistory]) -> list[list[RepoHistory]]:
    """Return `repos` grouped by shared root commits (transitively), in outline order."""
    families: list[tuple[set[bytes], list[RepoHistory]]] = []
    for repo in repos:
        roots = root_commits(repo)
        joined = [f for f in families if f[0] & roots]
        merged: tuple[set[bytes], list[RepoHistory]] = (set(roots), [])
        for family in joined:
            merged[0].update(family[0])
            merged[1].extend(family[1])
            families.remove(family)
        merged[1].append(repo)
        families.append(merged)
    order = {id(repo): n for n, repo in enumerate(repos)}
    grouped = [sorted(members, key=lambda r: order[id(r)]) for _, members in families]
    return sorted(grouped, key=lambda members: order[id(members[0])])


def root_commits(repo: RepoHistory) -> set[bytes]:
    """Return the hashes of the commits of `repo` without parents (found in C, not a loop)."""
    c = repo.commits
    parents = c.parents.tobytes()
    roots = set()
    i = parents.find(0)
    while i != -1:
        roots.add(c.hash(i))
        i = parents.find(0, i + 1)
    return roots


def _add(
    view: ScopeView,
    repo: RepoHistory,
    persons: array[int],
    rf: dict[int, int],
    seen: dict[bytes, int],
    record: bool,
    rules: Sequence[Rules] | None = None,
    skip: frozenset[int] = frozenset(),
) -> None:
    """Add the non-merge commits of `repo` not in `seen` or `skip` to `view`; `record` their
    hashes.

    With `rules` (by identity), each commit's organisation goes to `view.orgs`.
    """
    times, people, repo_first, bot_times = view.times, view.people, view.repo_first, view.bot_times
    c = repo.commits
    size, hashes = c.hash_size, c.hashes
    lookup = bool(seen) or record
    for i, (parents, who, when) in enumerate(zip(c.parents, c.authors, c.authored, strict=True)):
        if parents > 1 or (skip and i in skip):
            continue
        p = persons[who]
        if lookup:
            h = hashes[i * size : (i + 1) * size]
            row = seen.get(h)
            if row is not None:
                if row != BOT and p != BOT and rf[p] > repo_first[row]:
                    repo_first[row] = rf[p]
                continue
            if record:
                seen[h] = BOT if p == BOT else len(times)
        if p == BOT:
            bot_times.append(when)
            continue
        times.append(when)
        people.append(p)
        repo_first.append(rf[p])
        if rules is not None:
            view.orgs.append(organisation_of(rules[who], when))


def _merge_firsts(parts: Sequence[dict[int, int]]) -> dict[int, int]:
    if len(parts) == 1:
        return parts[0]
    first: dict[int, int] = {}
    for part in parts:
        for p, when in part.items():
            if when < first.get(p, NEVER):
                first[p] = when
    return first


def scope_releases(repos: Sequence[RepoHistory]) -> tuple[Tag, ...]:
    """Return the releases of `repos`, one per name (the earliest), oldest first."""
    by_name: dict[str, Tag] = {}
    for repo in repos:
        for tag in repo.releases:
            known = by_name.get(tag.name)
            if known is None or tag.time < known.time:
                by_name[tag.name] = tag
    return tuple(sorted(by_name.values(), key=lambda t: (t.time, t.name)))
