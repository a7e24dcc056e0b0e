"""Components and changed lines of a scope, from the files each commit changed (`Changes`).

Counted like everything else: the scope's distinct non-merge commits of the period (authored in
its days, or under `period.range` the range's commits, as `commits` selects them), bots left
out. A commit counts once for every component whose globs match one of its paths, and
its lines are the sum over its files (0 for a binary file). A commit held by several
repositories of the scope counts once: for every component it touches in any of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from deckgen.history import RepoHistory
from deckgen.metrics.columns import column, distinct
from deckgen.metrics.identity import BOT_PERSON
from deckgen.metrics.model import ComponentStats, LineStats, Period, PersonLines
from deckgen.metrics.period import bounds
from deckgen.metrics.scope import RepoColumns, hash_words
from deckgen.outline.globs import ComponentMatcher

if TYPE_CHECKING:
    import numpy.typing as npt


@dataclass(frozen=True, eq=False)
class RepoChanges:
    """Per row of a repository's `RepoColumns`: the components it touches and its lines."""

    components: tuple[str, ...]
    touched: npt.NDArray[np.bool_]
    """Rows × components."""
    added: npt.NDArray[np.int64]
    deleted: npt.NDArray[np.int64]


def repo_changes(repo: RepoHistory, cols: RepoColumns) -> RepoChanges:
    """Return the components and lines of the rows of `cols` (no changes read: none)."""
    matcher = ComponentMatcher.of(repo.components)
    rows = cols.rows
    touched = np.zeros((len(rows), len(matcher.names)), dtype=bool)
    added = np.zeros(len(rows), dtype=np.int64)
    deleted = np.zeros(len(rows), dtype=np.int64)
    changes = repo.changes
    if changes is None or not len(rows):
        return RepoChanges(matcher.names, touched, added, deleted)
    starts = column(changes.starts, np.uint64).astype(np.int64)
    counts = starts[rows + 1] - starts[rows]
    files = _ranges(starts[rows], counts)  # file rows of `rows`, commit by commit
    owner = np.repeat(np.arange(len(rows)), counts)  # the row each file row belongs to
    if matcher.names:
        paths = column(changes.paths, np.uint32)[files]
        used = distinct(paths.astype(np.int64))
        match = np.zeros((len(changes.names), len(matcher.names)), dtype=bool)
        for p in used:
            match[p] = matcher.matches(changes.names[p])
        for c in range(len(matcher.names)):
            touched[owner[match[paths, c]], c] = True
    if changes.added is not None and changes.deleted is not None:
        added = np.bincount(owner, column(changes.added, np.uint32)[files], len(rows))
        deleted = np.bincount(owner, column(changes.deleted, np.uint32)[files], len(rows))
        added, deleted = added.astype(np.int64), deleted.astype(np.int64)
    return RepoChanges(matcher.names, touched, added, deleted)


def _ranges(starts: npt.NDArray[np.int64], counts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Return the concatenation of `range(s, s + n)` for each start `s` and count `n`."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(counts)
    offsets = np.repeat(ends - counts, counts)
    return np.repeat(starts, counts) + (np.arange(total) - offsets)


@dataclass(frozen=True)
class ScopeChanges:
    components: dict[str, ComponentStats] | None
    lines: LineStats | None


def scope_changes(
    repos: Sequence[RepoHistory],
    columns: Mapping[str, RepoColumns],
    changes: Mapping[str, RepoChanges],
    selected: Mapping[str, npt.NDArray[np.bool_]],
    names: Sequence[str],
    *,
    with_components: bool,
    lines: bool,
) -> ScopeChanges:
    """Return the components and lines of the scope made of `repos` over the rows `selected`
    in each repository's columns (the period's: see `period_rows`)."""
    order = list(dict.fromkeys(n for r in repos for n in changes[r.name].components))
    keys, people, touched, added, deleted = [], [], [], [], []
    for repo in repos:
        cols, mine = columns[repo.name], changes[repo.name]
        inside = selected[repo.name] & (cols.people != BOT_PERSON)
        keys.append(hash_words(repo, cols.rows[inside]))
        people.append(cols.people[inside])
        wide = np.zeros((int(inside.sum()), len(order)), dtype=bool)
        for c, name in enumerate(mine.components):
            wide[:, order.index(name)] = mine.touched[inside, c]
        touched.append(wide)
        added.append(mine.added[inside])
        deleted.append(mine.deleted[inside])
    who = np.concatenate(people)
    hit = np.concatenate(touched)
    plus, minus = np.concatenate(added), np.concatenate(deleted)
    if len(repos) > 1 and len(who):
        words = np.concatenate(keys)
        sort = np.lexsort(words.T[::-1])
        ordered = words[sort]
        heads = np.flatnonzero(np.r_[True, np.any(ordered[1:] != ordered[:-1], axis=1)])
        first = sort[heads]
        hit = np.logical_or.reduceat(hit[sort], heads, axis=0) if order else hit[first]
        who, plus, minus = who[first], plus[first], minus[first]
    components = None
    if with_components:
        components = {
            name: ComponentStats(
                commits=int(np.count_nonzero(hit[:, c])),
                authors=len(distinct(who[hit[:, c]].astype(np.int64))),
            )
            for c, name in enumerate(order)
        }
    return ScopeChanges(components, _lines(who, plus, minus, names) if lines else None)


def period_rows(cols: RepoColumns, period: Period) -> npt.NDArray[np.bool_]:
    """Return which rows of `cols` were authored in the days of `period`."""
    start, end = bounds(period)
    return (cols.times >= start) & (cols.times < end)


def _lines(
    who: npt.NDArray[np.int32],
    plus: npt.NDArray[np.int64],
    minus: npt.NDArray[np.int64],
    names: Sequence[str],
) -> LineStats:
    """Return the lines of the commits `who` made, per person, most changed lines first."""
    commits = np.bincount(who, minlength=len(names))
    ins = np.bincount(who, plus, len(names)).astype(np.int64)
    dels = np.bincount(who, minus, len(names)).astype(np.int64)
    people = [
        PersonLines(names[p], int(commits[p]), int(ins[p]), int(dels[p]))
        for p in np.flatnonzero(commits).tolist()
    ]
    people.sort(key=lambda p: (-p.changed, -p.commits, p.name.casefold(), p.name))
    return LineStats(int(plus.sum()), int(minus.sum()), tuple(people))
