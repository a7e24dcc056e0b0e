"""Counting a range of history: git's `A..B` where a repository holds both ends, days elsewhere.

A `Span` names its two ends (keys of the repositories' `marks`: a `period.range` end or a release
tag) and the days it stands for. Each repository's rows get three bits: `IN` (in the range),
`BEFORE` (reachable from the old end: its history, whose people are not new) and `NEW_TO_REPO`
(the author has no commit in that history of this repository). A person is in a range, and
known before it, by the commits they authored and those that credit them (git's announcement
rule: see docs/announcement.md). A repository holding both ends
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
from deckgen.metrics.scope import RepoColumns

if TYPE_CHECKING:
    import numpy.typing as npt

    from deckgen.metrics.scope import Credits, Flags, Numbers

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
    """Finds a repository's rows by commit hash: sorted once by the hashes' first eight bytes
    (a fast integer sort), each candidate then compared whole."""

    def __init__(self, repo: RepoHistory) -> None:
        size = repo.commits.hash_size
        self.size = size
        self.raw = column(repo.commits.hashes, np.uint8).reshape(-1, size)
        self.order = np.argsort(_prefixes(self.raw), kind="stable")
        self.sorted = _prefixes(self.raw)[self.order]

    def mask(self, hashes: bytes) -> npt.NDArray[np.bool_]:
        """Return, over every commit of the repository, whether its hash is in `hashes`."""
        found = np.zeros(len(self.order), dtype=bool)
        if not hashes or not len(self.order):
            return found
        wanted = np.frombuffer(hashes, dtype=np.uint8).reshape(-1, self.size)
        keys = _prefixes(wanted)
        low = np.searchsorted(self.sorted, keys, side="left")
        high = np.searchsorted(self.sorted, keys, side="right")
        single = high - low == 1
        rows = self.order[low[single]]
        same = np.all(self.raw[rows] == wanted[single], axis=1)
        found[rows[same]] = True
        for n in np.flatnonzero(high - low > 1):  # shared prefixes: compare each candidate
            for row in self.order[low[n] : high[n]]:
                if np.array_equal(self.raw[row], wanted[n]):
                    found[row] = True
        return found


def _prefixes(raw: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint64]:
    """Return the first eight bytes of each hash (a row of `raw`) as one integer."""
    return np.ascontiguousarray(raw[:, :8]).view(np.uint64).ravel()


class RepoReach:
    """Which of a repository's rows (its `RepoColumns`) each of its marks reaches: found once
    per mark, for all the spans and scopes that read it."""

    def __init__(self, repo: RepoHistory, cols: RepoColumns) -> None:
        self.repo = repo
        self.cols = cols
        self._index: HashIndex | None = None
        self._found: dict[str, npt.NDArray[np.bool_]] = {}

    def reached(self, key: str) -> npt.NDArray[np.bool_] | None:
        """Return the rows the revision `key` reaches; None when the repository lacks it."""
        mark = self.repo.marks.get(key)
        if mark is None:
            return None
        if key not in self._found:
            if self._index is None:
                self._index = HashIndex(self.repo)
            self._found[key] = ~self._index.mask(mark.outside)[self.cols.rows]
        return self._found[key]


def with_flags(reach: RepoReach, span: Span, persons: int) -> RepoColumns:
    """Return the repository's columns with the range bits of `span` for each row."""
    cols = reach.cols
    new = reach.reached(span.new)
    old = reach.reached(span.old) if span.old is not None else None
    if new is not None and (span.old is None or old is not None):
        before = old if old is not None else np.zeros(len(cols.rows), dtype=bool)
        inside = new & ~before
    else:
        inside = (cols.times >= span.start) & (cols.times < span.end)
        before = cols.times < span.start
    mine = cols.people != BOT_PERSON
    known = np.zeros(persons, dtype=bool)
    known[cols.people[before & mine]] = True
    known[cols.credits.people[before[cols.credits.at]]] = True
    fresh = mine.copy()
    fresh[mine] = ~known[cols.people[mine]]
    flags = inside * np.uint8(IN) | before * np.uint8(BEFORE) | fresh * np.uint8(NEW_TO_REPO)
    return replace(cols, flags=flags.astype(np.uint8))


def count_range(people: Numbers, flags: Flags, credits: Credits, persons: int) -> WindowCounts:
    """Return the counts of the range whose bits `flags` are, commit by commit (`people`: the
    author's person number, BOT_PERSON for a bot; `credits`: the credits of those commits;
    `persons`: how many people there are).

    A contributor is an author or a person credited by a commit of the range; a new one has
    neither authored nor been credited by a commit of the old end's history (`BEFORE`)."""
    mine = people != BOT_PERSON
    inside = ((flags & IN) != 0) & mine
    who = people[inside]
    authors = np.bincount(who, minlength=persons) > 0
    credited = credits.people[inside[credits.at]]
    present = authors | (np.bincount(credited, minlength=persons) > 0)
    before = ((flags & BEFORE) != 0) & mine
    known = np.bincount(people[before], minlength=persons) > 0
    known |= np.bincount(credits.people[before[credits.at]], minlength=persons) > 0
    new = np.flatnonzero(present & ~known)
    return WindowCounts(
        commits=len(who),
        contributors=int(np.count_nonzero(present)),
        new_contributors=tuple(int(p) for p in new),
        commits_by_new=int(np.count_nonzero(~known[who])),
        commits_by_new_to_repo=int(np.count_nonzero(flags[inside] & NEW_TO_REPO)),
        bot_commits=int(np.count_nonzero(~mine & ((flags & IN) != 0))),
        authors=int(np.count_nonzero(authors)),
    )
