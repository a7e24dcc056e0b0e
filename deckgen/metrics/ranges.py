"""Counting a range of history: git's `A..B` where a repository holds both ends, days elsewhere.

A `Span` names its two ends (keys of the repositories' `marks`: a `period.range` end or a release
tag) and the days it stands for. Each repository's rows get three bits: `IN` (in the range),
`BEFORE` (reachable from the old end: its history, whose people are not new) and `NEW_TO_REPO`
(the author has no commit in that history of this repository). A repository holding both ends
takes them from its marks; one that does not takes them from the days: `IN` for commits authored
in them, `BEFORE` for the commits authored earlier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

import numpy as np

from deckgen.history import RepoHistory
from deckgen.metrics.columns import column
from deckgen.metrics.counts import WindowCounts
from deckgen.metrics.identity import BOT_PERSON
from deckgen.metrics.model import Release
from deckgen.metrics.period import DAY, NEVER, start_of
from deckgen.metrics.scope import RepoColumns, ScopeView

if TYPE_CHECKING:
    import numpy.typing as npt

IN, BEFORE, NEW_TO_REPO = 1, 2, 4


@dataclass(frozen=True)
class Span:
    """A range to count: `old..new` (old None: everything `new` reaches), standing for the
    Unix times [start, end) where a repository does not hold both ends."""

    old: str | None
    new: str
    start: int
    end: int


def release_span(previous: Release | None, release: Release) -> Span:
    """Return the span of `release`: from `previous` (None: its whole history), standing for
    the days of `since: tag:PREVIOUS` and `until: tag:RELEASE` (at least the release's day)."""
    end = start_of(release.date + timedelta(days=1))
    if previous is None:
        return Span(None, release.name, -NEVER, end)
    start = min(start_of(previous.date + timedelta(days=1)), end - DAY)
    return Span(previous.name, release.name, start, end)


def release_stats(
    release: Release, previous: Release | None, count: Callable[[Span], WindowCounts]
) -> Release:
    """Return `release` with the counts of its span (`count` counts a span in the scope)."""
    counts = count(release_span(previous, release))
    return replace(
        release,
        commits=counts.commits,
        contributors=counts.contributors,
        new_contributors=len(counts.new_contributors),
    )


class HashIndex:
    """Finds a repository's rows by commit hash (sorted once, searched per mark)."""

    def __init__(self, repo: RepoHistory) -> None:
        size = repo.commits.hash_size
        self.size = size
        keys = column(repo.commits.hashes, np.uint8).reshape(-1, size).view(f"V{size}").ravel()
        self.order = np.argsort(keys, kind="stable")
        self.sorted = keys[self.order]

    def mask(self, hashes: bytes) -> npt.NDArray[np.bool_]:
        """Return, over every commit of the repository, whether its hash is in `hashes`."""
        found = np.zeros(len(self.order), dtype=bool)
        if not hashes or not len(self.order):
            return found
        wanted = np.frombuffer(hashes, dtype=f"V{self.size}")
        at = np.minimum(np.searchsorted(self.sorted, wanted), len(self.sorted) - 1)
        hit = self.sorted[at] == wanted
        found[self.order[at[hit]]] = True
        return found


def with_flags(
    repo: RepoHistory, cols: RepoColumns, span: Span, index: HashIndex | None, persons: int
) -> RepoColumns:
    """Return `cols` with the range bits of `span` for each row."""
    old = repo.marks.get(span.old) if span.old is not None else None
    new = repo.marks.get(span.new)
    if new is not None and (span.old is None or old is not None) and index is not None:
        reached = ~index.mask(new.outside)[cols.rows]
        before = ~index.mask(old.outside)[cols.rows] if old is not None else reached & False
        inside = reached & ~before
    else:
        inside = (cols.times >= span.start) & (cols.times < span.end)
        before = cols.times < span.start
    mine = cols.people != BOT_PERSON
    known = np.zeros(persons, dtype=bool)
    known[cols.people[before & mine]] = True
    fresh = mine.copy()
    fresh[mine] = ~known[cols.people[mine]]
    flags = inside * np.uint8(IN) | before * np.uint8(BEFORE) | fresh * np.uint8(NEW_TO_REPO)
    return replace(cols, flags=flags.astype(np.uint8))


def count_range(view: ScopeView) -> WindowCounts:
    """Return the counts of the range whose bits `view` carries."""
    assert view.flags is not None and view.bot_flags is not None
    inside = (view.flags & IN) != 0
    who = view.people[inside]
    persons = len(view.first)
    present = np.bincount(who, minlength=persons) > 0
    known = np.bincount(view.people[(view.flags & BEFORE) != 0], minlength=persons) > 0
    new = np.flatnonzero(present & ~known)
    return WindowCounts(
        commits=len(who),
        contributors=int(np.count_nonzero(present)),
        new_contributors=tuple(int(p) for p in new),
        commits_by_new=int(np.count_nonzero(~known[who])),
        commits_by_new_to_repo=int(np.count_nonzero(view.flags[inside] & NEW_TO_REPO)),
        bot_commits=int(np.count_nonzero(view.bot_flags & IN)),
    )
