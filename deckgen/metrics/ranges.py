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

from binascii import unhexlify
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

import numpy as np

from deckgen.history import RepoHistory, Tag
from deckgen.metrics.columns import column
from deckgen.metrics.counts import WindowCounts
from deckgen.metrics.identity import BOT_PERSON
from deckgen.metrics.model import Release
from deckgen.metrics.period import DAY, NEVER, start_of
from deckgen.metrics.scope import BEFORE, IN, NEW_TO_REPO, RepoColumns

if TYPE_CHECKING:
    import numpy.typing as npt

    from deckgen.metrics.scope import Credits, Flags, Numbers, Times


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
        self._index(column(repo.commits.hashes, np.uint8).reshape(-1, size))

    @classmethod
    def of_raw(cls, raw: npt.NDArray[np.uint8]) -> HashIndex:
        """Return the index of the hashes `raw` (one per row): `rows` then numbers its rows."""
        index = cls.__new__(cls)
        index._index(raw)
        return index

    def _index(self, raw: npt.NDArray[np.uint8]) -> None:
        self.size = raw.shape[1]
        self.raw = raw
        prefixes = _prefixes(raw)
        self.order = np.argsort(prefixes, kind="stable").astype(np.int32)  # rows < 2**31
        self.sorted = prefixes[self.order]

    def mask(self, hashes: bytes) -> npt.NDArray[np.bool_]:
        """Return, over every commit of the repository, whether its hash is in `hashes`."""
        found = np.zeros(len(self.order), dtype=bool)
        rows = self.rows(hashes)
        found[rows[rows >= 0]] = True
        return found

    def rows(self, hashes: bytes) -> npt.NDArray[np.intp]:
        """Return the row of each of `hashes` (raw, one after the other); -1 for one not held."""
        found = np.full(len(hashes) // self.size, -1, dtype=np.intp)
        if not hashes or not len(self.order):
            return found
        wanted = np.frombuffer(hashes, dtype=np.uint8).reshape(-1, self.size)
        keys = _prefixes(wanted)
        # one search, not two: a prefix held twice (rare) is told by its right neighbour
        low = np.searchsorted(self.sorted, keys, side="left")
        last = len(self.sorted) - 1
        at = np.minimum(low, last)
        hit = self.sorted[at] == keys
        shared = hit & (self.sorted[np.minimum(at + 1, last)] == keys) & (at < last)
        single = np.flatnonzero(hit & ~shared)
        rows = self.order[low[single]]
        same = np.all(self.raw[rows] == wanted[single], axis=1)
        found[single[same]] = rows[same]
        for n in np.flatnonzero(shared):  # shared prefixes: compare each candidate
            high = np.searchsorted(self.sorted, keys[n], side="right")
            for row in self.order[low[n] : high]:
                if np.array_equal(self.raw[row], wanted[n]):
                    found[n] = row
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

    @property
    def index(self) -> HashIndex:
        if self._index is None:
            self._index = HashIndex(self.repo)
        return self._index

    def reached(self, key: str) -> npt.NDArray[np.bool_] | None:
        """Return the rows the revision `key` reaches; None when the repository lacks it."""
        mark = self.repo.marks.get(key)
        if mark is None:
            return None
        if key not in self._found:
            self._found[key] = ~self.index.mask(mark.outside)[self.cols.rows]
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


# --- per-release counts, in time proportional to each release ----------------------------------
#
# Counting each release with `with_flags` and `count_range` costs passes over every row of the
# scope, for every release. Here each repository's rows are sorted once by a key that makes
# every span a slice: the first release (of the repository's chain of releases, oldest first)
# that reaches the row where the repository holds both ends, the author time where it counts
# days. With each person's smallest key, "known before the span" is one comparison per person
# present in it. The chain must be linear (each release reaches the one before it, as releases
# cut from one branch do): then a release reaches a row exactly when its place in the chain is
# at least the row's key, and `old..new` is the keys after old's place up to new's.

LATE = np.iinfo(np.int64).max
"""The key of a person with no commit or credit: after every span."""


@dataclass(frozen=True, eq=False)
class KeyedRows:
    """A repository's rows sorted by a key, their credits too, and each person's smallest key."""

    keys: Times
    people: Numbers
    """Author of each row in key order (BOT_PERSON for a bot)."""
    credit_keys: Times
    credit_people: Numbers
    first: Times
    """Person → smallest key of a commit they authored or that credits them (LATE: none)."""

    @staticmethod
    def of(cols: RepoColumns, key: Times, persons: int) -> KeyedRows:
        """Return the rows of `cols` keyed by `key` (one per row)."""
        order = np.argsort(key, kind="stable")
        credit_key = key[cols.credits.at]
        credit_order = np.argsort(credit_key, kind="stable")
        first = np.full(persons, LATE, dtype=np.int64)
        mine = cols.people != BOT_PERSON
        np.minimum.at(first, cols.people[mine], key[mine])
        np.minimum.at(first, cols.credits.people, credit_key)
        return KeyedRows(
            key[order],
            cols.people[order],
            credit_key[credit_order],
            cols.credits.people[credit_order],
            first,
        )

    def part(self, low: int, high: int) -> tuple[Numbers, Numbers]:
        """Return the authors (BOT_PERSON for a bot) and the people credited of the rows whose
        key is in [low, high)."""
        a, b = np.searchsorted(self.keys, [low, high])
        c, d = np.searchsorted(self.credit_keys, [low, high])
        return self.people[a:b], self.credit_people[c:d]


class RepoReleases:
    """One repository's rows keyed both ways (see above), each made on first use."""

    def __init__(self, reach: RepoReach, persons: int) -> None:
        self.reach = reach
        self.persons = persons
        self._by_time: KeyedRows | None = None
        self._chain: tuple[dict[str, int], KeyedRows] | None = None
        self._chained = False

    def by_time(self) -> KeyedRows:
        if self._by_time is None:
            self._by_time = KeyedRows.of(self.reach.cols, self.reach.cols.times, self.persons)
        return self._by_time

    def chain(self) -> tuple[dict[str, int], KeyedRows] | None:
        """Return the place of each marked release in the repository's chain and the rows keyed
        by the first release reaching them; None when the chain is not linear."""
        if not self._chained:
            self._chain, self._chained = self._make_chain(), True
        return self._chain

    def _make_chain(self) -> tuple[dict[str, int], KeyedRows] | None:
        repo, index = self.reach.repo, self.reach.index
        tags = sorted((t for t in repo.releases if t.name in repo.marks), key=_tag_order)
        names = list(dict.fromkeys(t.name for t in tags))
        outside = _outside_rows(index, [repo.marks[n].outside for n in names])
        heads = index.rows(b"".join(unhexlify(repo.marks[n].commit) for n in names))
        for k in range(1, len(names)):  # each reaches the one before: a row it lacks, too
            if heads[k - 1] < 0 or np.any(outside[k] == heads[k - 1]):
                return None
        lacking = np.concatenate([np.zeros(0, dtype=np.intp), *outside])
        cols = self.reach.cols
        # one int64 column alive, not three (the peak of a million commits' count is here)
        key = np.bincount(lacking[lacking >= 0], minlength=len(repo.commits))[cols.rows]
        del outside, lacking
        place = {name: n for n, name in enumerate(names)}
        return place, KeyedRows.of(cols, key.astype(np.int64, copy=False), self.persons)


def _outside_rows(index: HashIndex, outsides: Sequence[bytes]) -> list[npt.NDArray[np.intp]]:
    """Return the rows of each of `outsides` (raw hashes, as `HashIndex.rows`).

    The releases of a chain lack nested sets of commits (each lacks some of what the one before
    it lacks), so the largest set is found in the whole repository once, and every set in that
    one (small enough to stay in the cache): at a million commits and 80 releases of one year,
    0.1 s instead of 0.8 s. A hash not in the largest set is found in the whole repository."""
    if len(outsides) < 2:
        return [index.rows(hashes) for hashes in outsides]
    largest = max(outsides, key=len)
    whole = index.rows(largest)
    held = whole >= 0
    subset = HashIndex.of_raw(np.frombuffer(largest, dtype=np.uint8).reshape(-1, index.size)[held])
    base = whole[held]
    found = []
    for hashes in outsides:
        if hashes is largest:
            found.append(whole)
            continue
        place = subset.rows(hashes)
        rows = np.full(len(place), -1, dtype=np.intp)
        held = place >= 0
        rows[held] = base[place[held]]
        missing = np.flatnonzero(~held)
        if len(missing):
            raw = np.frombuffer(hashes, dtype=np.uint8).reshape(-1, index.size)
            rows[missing] = index.rows(raw[missing].tobytes())
        found.append(rows)
    return found


def _tag_order(tag: Tag) -> tuple[int, str]:
    return tag.time, tag.name


def release_counts(parts: Sequence[RepoReleases], span: Span) -> WindowCounts | None:
    """Return the counts of `span` over repositories sharing no commit (`parts`), as
    `with_flags` and `count_range` give them; None when a repository holding both ends has no
    linear chain of releases through them (count it the slow way then)."""
    authors, credited, known, commits, bots, new_to_repo = [], [], [], 0, 0, 0
    for part in parts:
        marks = part.reach.repo.marks
        if span.new in marks and (span.old is None or span.old in marks):
            chain = part.chain()
            if chain is None or span.new not in chain[0]:
                return None
            place, rows = chain
            if span.old is not None and span.old not in place:
                return None
            low = place[span.old] + 1 if span.old is not None else 0
            high = max(low, place[span.new] + 1)  # old after new: new reaches nothing old lacks
        else:  # keyed by time only when needed: at a million commits, 20 MB more at the peak
            rows, low, high = part.by_time(), span.start, span.end
        who, names = rows.part(low, high)
        mine = who[who != BOT_PERSON]
        commits += len(mine)
        bots += len(who) - len(mine)
        new_to_repo += int(np.count_nonzero(rows.first[mine] >= low))
        authors.append(mine)
        credited.append(names)
        known.append((rows.first, low))
    by_authors = np.concatenate([np.zeros(0, dtype=np.int32), *authors])
    present = np.unique(np.concatenate([by_authors, *credited]))
    old = np.zeros(len(present), dtype=bool)
    for first, low in known:
        old |= first[present] < low
    new = present[~old]
    return WindowCounts(
        commits=commits,
        contributors=len(present),
        new_contributors=tuple(int(p) for p in new),
        commits_by_new=int(np.count_nonzero(np.isin(by_authors, new))),
        commits_by_new_to_repo=new_to_repo,
        bot_commits=bots,
        authors=len(np.unique(by_authors)),
    )
