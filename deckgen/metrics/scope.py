"""A scope's own history: its distinct commits (by hash), who made them, and when they started.

Everything here is numpy columns, so no count loops over commits in Python. Each repository is
turned into columns once (`repo_columns`: merges dropped, each commit's person, organisation and
the author's first commit in the repository); a scope concatenates the columns of its
repositories and sets the bots' commits aside, so every count downstream reads parallel columns.
A commit held by several repositories of the scope counts once; its author is "new to the
repository" when new to any repository holding it (the latest of those first commits).

The period's commits are chosen once per repository (`_ScopeCounter.selected`: authored in its
days, or under `period.range` the range's) and follow the commits into the view (`inside`): a
commit held by several repositories is the period's when it is in any of them, as `commits`
counts it.

Credit trailers (`identity.credit_trailers`) ride along as columns of their own, one row per
credit, pointing at their commit's row; a credit is a contribution made when its commit was
authored, so it starts its person's first-contribution clock like a commit does. Credits of bots'
commits, credits of bots and values that name nobody are left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from deckgen.history import RepoHistory, Tag
from deckgen.history.credits import NOBODY
from deckgen.metrics.affiliation import RuleTable
from deckgen.metrics.columns import column
from deckgen.metrics.identity import BOT_PERSON, People
from deckgen.metrics.period import NEVER

if TYPE_CHECKING:  # numpy.typing costs a tenth of a second to import
    import numpy.typing as npt

    Times = npt.NDArray[np.int64]
    Numbers = npt.NDArray[np.int32]
    Flags = npt.NDArray[np.uint8]
    Bools = npt.NDArray[np.bool_]

IN, BEFORE, NEW_TO_REPO = 1, 2, 4
"""The bits of `RepoColumns.flags`: in the period (or range), in the old end's history (see
`ranges`), and by an author with no commit in that history of the repository."""


@dataclass(frozen=True, eq=False)
class RepoColumns:
    """The non-merge commits of one repository, one row each, in the order git listed them."""

    rows: npt.NDArray[np.intp]
    """Index of each row into the repository's `Commits` (for its hash; for the commits of a
    family of repositories, into their columns one after the other)."""
    times: Times
    """Author time."""
    people: Numbers
    """Person number, or BOT_PERSON."""
    repo_first: Times
    """Time of the author's first non-merge commit in the repository (NEVER for a bot)."""
    orgs: Numbers | None
    """Organisation number (0: unknown); None without affiliations."""
    first_people: Numbers
    """The people with a commit in the repository, each once ..."""
    first_times: Times
    """... and the time of their first one."""
    credits: Credits
    """The credits of the rows (`Credits.at`: index into these columns)."""
    flags: Flags | None = None
    """Per row, where it stands in a range or period (`IN`, `BEFORE`, `NEW_TO_REPO` bits); None:
    none asked."""


@dataclass(frozen=True, eq=False)
class ScopeView:
    """The distinct non-merge commits of a scope, column by column."""

    times: Times
    """Author time of each commit by a person."""
    people: Numbers
    """Person number of each commit."""
    repo_first: Times
    """First commit time of the author in the repository holding the commit (see module doc)."""
    bot_times: Times
    """Author time of each commit by a bot."""
    first: Times
    """Person number → time of their first commit in the scope (NEVER: none)."""
    releases: tuple[Tag, ...]
    """Release tags of the scope, one per name (the earliest), oldest first."""
    orgs: Numbers | None
    """Organisation number of each commit by a person; None without affiliations."""
    credits: Credits
    """The credits of these commits (`Credits.at`: index into `times`)."""
    inside: Bools
    """Whether each commit by a person is one of the period's (see the module doc)."""


@dataclass(frozen=True, eq=False)
class Credits:
    """Credit trailers, one row each: the commit credited, who, which kind, which organisation."""

    at: npt.NDArray[np.intp]
    """Row of the credited commit in the columns holding these credits."""
    people: Numbers
    kinds: npt.NDArray[np.uint8]
    """Index into the outline's `credit_trailers`."""
    orgs: Numbers | None
    """Organisation of the person at the commit's time; None without affiliations."""

    def take(self, keep: npt.NDArray[np.bool_], at: npt.NDArray[np.intp]) -> Credits:
        """Return the credits `keep` selects, pointing at rows `at` (of those kept)."""
        orgs = None if self.orgs is None else self.orgs[keep]
        return Credits(at, self.people[keep], self.kinds[keep], orgs)

    @staticmethod
    def joined(parts: Sequence[Credits], offsets: Sequence[int]) -> Credits:
        """Return the credits of `parts`, whose rows start at `offsets` in the joined columns."""
        if len(parts) == 1 and offsets[0] == 0:
            return parts[0]
        orgs = [c.orgs for c in parts if c.orgs is not None]
        return Credits(
            at=_concat([c.at + o for c, o in zip(parts, offsets, strict=True)], np.intp),
            people=_concat([c.people for c in parts], np.int32),
            kinds=_concat([c.kinds for c in parts], np.uint8),
            orgs=_concat(orgs, np.int32) if orgs and len(orgs) == len(parts) else None,
        )


def _credits(
    repo: RepoHistory,
    persons: Numbers,
    rows: npt.NDArray[np.intp],
    who: Numbers,
    times: Times,
    rules: RuleTable | None,
) -> Credits:
    """Return the credits of the commits `rows` (authored by `who` at `times`)."""
    c = repo.commits
    if not len(c.credit_rows):  # no credit trailers read: nothing to pay for
        none = np.zeros(0, dtype=np.intp)
        orgs = None if rules is None else np.zeros(0, dtype=np.int32)
        return Credits(none, np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint8), orgs)
    position = np.full(len(c), -1, dtype=np.intp)
    position[rows] = np.arange(len(rows))
    at = position[column(c.credit_rows, np.uint32)]
    ident = column(c.credit_people, np.uint32)
    named = ident != NOBODY
    keep = (at >= 0) & named
    person = np.full(len(ident), BOT_PERSON, dtype=np.int32)
    person[named] = persons[ident[named]]
    keep &= person != BOT_PERSON
    keep[keep] &= who[at[keep]] != BOT_PERSON
    at = at[keep]
    orgs = None if rules is None else rules.organisations(ident[keep], times[at])
    kinds = column(c.credit_kinds, np.uint8)[keep]
    return Credits(at, person[keep], kinds, orgs)


def repo_columns(
    repo: RepoHistory,
    people: People,
    rules: RuleTable | None = None,
    skip: frozenset[int] = frozenset(),
) -> RepoColumns:
    """Return the columns of `repo`'s non-merge commits; with `rules`, their organisations.

    The rows in `skip` (commits with a wrong clock, see `stray`) are left out, as if git had not
    listed them: they are in no count, no first commit and no de-duplication.
    """
    c = repo.commits
    persons = column(people.of_repo[repo.name], np.int32)
    kept = column(c.parents, np.uint8) <= 1
    if skip:
        kept[np.fromiter(skip, dtype=np.intp, count=len(skip))] = False
    rows = np.flatnonzero(kept)
    authors = column(c.authors, np.uint32)[rows]
    times = column(c.authored, np.int64)[rows]
    who = persons[authors]
    mine = who != BOT_PERSON
    first = np.full(len(people.names), NEVER, dtype=np.int64)
    np.minimum.at(first, who[mine], times[mine])
    credits = _credits(repo, persons, rows, who, times, rules)
    np.minimum.at(first, credits.people, times[credits.at])
    repo_first = np.full(len(rows), NEVER, dtype=np.int64)
    repo_first[mine] = first[who[mine]]
    first_people = np.flatnonzero(first < NEVER).astype(np.int32)
    orgs = None if rules is None else rules.organisations(authors, times)
    return RepoColumns(
        rows, times, who, repo_first, orgs, first_people, first[first_people], credits
    )


def scope_view(
    repos: Sequence[RepoHistory],
    columns: Mapping[str, RepoColumns],
    persons: int,
    selected: Mapping[str, Bools] | None = None,
) -> ScopeView:
    """Return the view of the scope made of `repos`, from each repository's `columns`, with the
    period's commits those `selected` names in any repository holding them (None: every one).

    Commits are de-duplicated by hash only among repositories that share a root commit: a commit
    held by two repositories brings its whole ancestry, roots included, into both, so
    repositories without a common root (a core and its bindings, usually) share no commit and
    their columns are concatenated as they are. Within such a family the copy of a commit read
    first decides its author: the repositories in outline order, the largest one last.
    """
    marked = {}
    for repo in repos:
        cols = columns[repo.name]
        chosen = np.ones(len(cols.rows), dtype=bool) if selected is None else selected[repo.name]
        marked[repo.name] = replace(cols, flags=chosen * np.uint8(IN))
    parts = distinct_parts(repos, marked)  # a copy's IN bit holds for its commit
    times = _concat([p.times for p in parts], np.int64)
    people = _concat([p.people for p in parts], np.int32)
    mine = people != BOT_PERSON
    flags = _concat([p.flags for p in parts if p.flags is not None], np.uint8)
    all_orgs = [p.orgs for p in parts if p.orgs is not None]
    orgs = _concat(all_orgs, np.int32)[mine] if len(all_orgs) == len(parts) and parts else None
    first = np.full(persons, NEVER, dtype=np.int64)
    for repo in repos:
        cols = columns[repo.name]
        first[cols.first_people] = np.minimum(first[cols.first_people], cols.first_times)
    credits = _joined_credits(parts, mine)
    return ScopeView(
        times=times[mine],
        people=people[mine],
        repo_first=_concat([p.repo_first for p in parts], np.int64)[mine],
        bot_times=times[~mine],
        first=first,
        releases=scope_releases(repos),
        orgs=orgs,
        credits=credits,
        inside=(flags[mine] & IN) != 0,
    )


def _joined_credits(parts: Sequence[RepoColumns], mine: npt.NDArray[np.bool_]) -> Credits:
    """Return the credits of `parts` pointing into their concatenated rows with the bots' commits
    left out (`mine`)."""
    joined = Credits.joined([p.credits for p in parts], _offsets(parts))
    kept_row = np.cumsum(mine) - 1
    keep = mine[joined.at]
    return joined.take(keep, kept_row[joined.at[keep]])


def _offsets(parts: Sequence[RepoColumns]) -> list[int]:
    """Return where each part's rows start in the concatenated columns."""
    sizes = [len(p.times) for p in parts]
    return [sum(sizes[:n]) for n in range(len(parts))]


def distinct_parts(
    repos: Sequence[RepoHistory], columns: Mapping[str, RepoColumns]
) -> list[RepoColumns]:
    """Return the columns of `repos` with each commit once: a repository alone in its family
    as it is, a family of repositories sharing a root de-duplicated (the copy read first
    decides: the repositories in outline order, the largest one last)."""
    parts = []
    for family in families(repos):
        if len(family) == 1:
            parts.append(columns[family[0].name])
        else:
            largest = max(family, key=lambda r: len(r.commits))
            members = [*(r for r in family if r is not largest), largest]
            parts.append(_distinct(members, [columns[r.name] for r in members]))
    return parts


def scope_flags(
    repos: Sequence[RepoHistory], columns: Mapping[str, RepoColumns]
) -> tuple[Numbers, Flags, Credits]:
    """Return the person (BOT_PERSON for a bot) and the range bits of each distinct commit of
    the scope made of `repos`, whose `columns` carry bits, and the credits of those commits:
    what a range's counts read, without the rest of a `ScopeView`."""
    parts = distinct_parts(repos, columns)
    people = _concat([p.people for p in parts], np.int32)
    flags = _concat([p.flags for p in parts if p.flags is not None], np.uint8)
    return people, flags, Credits.joined([p.credits for p in parts], _offsets(parts))


def _concat(arrays: Sequence[npt.NDArray[np.generic]], dtype: type[np.generic]) -> Any:
    if len(arrays) == 1:
        return arrays[0]
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)


def _distinct(repos: Sequence[RepoHistory], parts: Sequence[RepoColumns]) -> RepoColumns:
    """Return the commits of `repos` (columns `parts`) each once: the row of its first copy,
    with the latest of the first-commit times its copies by people give its author."""
    keys = np.concatenate([hash_words(r, p.rows) for r, p in zip(repos, parts, strict=True)])
    people = np.concatenate([p.people for p in parts])
    repo_first = np.concatenate([p.repo_first for p in parts])
    starts, order = _runs(keys, np.argsort(keys[:, 0], kind="stable"))
    if np.any(starts[1:] & (keys[order[1:], 0] == keys[order[:-1], 0])):
        # two different hashes share their first eight bytes: order by every byte
        starts, order = _runs(keys, np.lexsort(keys.T[::-1]))
    heads = np.flatnonzero(starts)
    by_people = np.where(people[order] != BOT_PERSON, repo_first[order], -NEVER)
    latest = np.maximum.reduceat(by_people, heads) if len(heads) else by_people[:0]
    keep = order[heads]
    orgs = _concat([p.orgs for p in parts if p.orgs is not None], np.int32)
    flags = None
    if parts[0].flags is not None:  # a range bit set in any copy holds (new to any repository)
        ordered = np.concatenate([p.flags for p in parts if p.flags is not None])[order]
        flags = np.bitwise_or.reduceat(ordered, heads) if len(heads) else ordered[:0]
    kept = people[keep]
    joined = Credits.joined([p.credits for p in parts], _offsets(parts))
    row_of = np.full(len(people), -1, dtype=np.intp)
    row_of[keep] = np.arange(len(keep))
    moved = row_of[joined.at]
    credits = joined.take(moved >= 0, moved[moved >= 0])
    return RepoColumns(
        rows=keep,
        times=np.concatenate([p.times for p in parts])[keep],
        people=kept,
        repo_first=np.where(kept != BOT_PERSON, latest, NEVER),
        orgs=None if parts[0].orgs is None else orgs[keep],
        first_people=np.zeros(0, dtype=np.int32),
        first_times=np.zeros(0, dtype=np.int64),
        credits=credits,
        flags=flags,
    )


def _runs(keys: npt.NDArray[np.uint64], order: npt.NDArray[np.intp]) -> tuple[Any, Any]:
    """Return where each run of equal hashes starts in `order` (a stable order of `keys`, so
    the first of a run is its first copy read), and `order`."""
    starts = np.ones(len(order), dtype=bool)
    if len(order) > 1:
        same = np.ones(len(order) - 1, dtype=bool)
        for word in keys.T:
            ordered = word[order]
            same &= ordered[1:] == ordered[:-1]
        starts[1:] = ~same
    return starts, order


def hash_words(repo: RepoHistory, rows: npt.NDArray[np.intp]) -> npt.NDArray[np.uint64]:
    """Return the hashes of `rows` as rows of 64-bit words (zero-padded), for sorting."""
    size = repo.commits.hash_size
    raw = column(repo.commits.hashes, np.uint8).reshape(-1, size)[rows]
    words = -(-size // 8)
    padded = np.zeros((len(rows), words * 8), dtype=np.uint8)
    padded[:, :size] = raw
    return padded.view(np.uint64)


def families(repos: Sequence[RepoHistory]) -> list[list[RepoHistory]]:
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


def scope_releases(repos: Sequence[RepoHistory]) -> tuple[Tag, ...]:
    """Return the releases of `repos`, one per name (the earliest), oldest first."""
    by_name: dict[str, Tag] = {}
    for repo in repos:
        for tag in repo.releases:
            known = by_name.get(tag.name)
            if known is None or tag.time < known.time:
                by_name[tag.name] = tag
    return tuple(sorted(by_name.values(), key=lambda t: (t.time, t.name)))
