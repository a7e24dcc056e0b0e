"""Counts over a scope's view: one window of days, and the per-year series."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from deckgen.metrics.model import Period, YearStats
from deckgen.metrics.period import DAY, bounds, start_of, utc_date
from deckgen.metrics.scope import ScopeView

OLD_AFTER = 365 * DAY
"""A commit is an old author's when made more than this long after the author's first commit."""


@dataclass(frozen=True)
class WindowCounts:
    """What happened in one window (both days inclusive)."""

    commits: int
    contributors: frozenset[int]
    new_contributors: frozenset[int]
    commits_by_new: int
    commits_by_new_to_repo: int
    bot_commits: int


def count_windows(view: ScopeView, periods: Sequence[Period]) -> list[WindowCounts]:
    """Return the counts of `view` for the commits authored inside each of `periods`.

    One pass over the commits for all the windows (the period and the year before it): most
    commits fall in neither, and cost one comparison.
    """
    spans = [bounds(period) for period in periods]
    low, high = min(start for start, _ in spans), max(end for _, end in spans)
    tallies = [_Tally(start, end) for start, end in spans]
    first = view.first
    for when, p, repo_first in zip(view.times, view.people, view.repo_first, strict=True):
        if low <= when < high:
            for tally in tallies:
                if tally.start <= when < tally.end:
                    tally.add(p, first[p], repo_first)
    counts = []
    for tally in tallies:
        start, end = tally.start, tally.end
        new = frozenset(p for p in tally.contributors if first[p] >= start)
        bots = sum(1 for when in view.bot_times if start <= when < end)
        counts.append(
            WindowCounts(
                tally.commits,
                frozenset(tally.contributors),
                new,
                tally.by_new,
                tally.by_new_to_repo,
                bots,
            )
        )
    return counts


@dataclass
class _Tally:
    """The running counts of one window."""

    start: int
    end: int
    commits: int = 0
    by_new: int = 0
    by_new_to_repo: int = 0
    contributors: set[int] = field(default_factory=set)

    def add(self, person: int, first: int, repo_first: int) -> None:
        self.commits += 1
        self.contributors.add(person)
        if first >= self.start:
            self.by_new += 1
        if repo_first >= self.start:
            self.by_new_to_repo += 1


def by_year(view: ScopeView, until: date, since: int | None = None) -> dict[int, YearStats]:
    """Return the per-year series from the scope's first commit (or from the year `since`) to
    `until`'s year; empty when the scope has no commit up to `until`.

    Commits after `until` are left out, so the last bar is the year so far; so are commits
    before `since` (they still make their authors old).
    """
    end = start_of(until + timedelta(days=1))
    earliest = min(view.times, default=None)  # in C; the first commit before `end`, if any
    if earliest is None or earliest >= end:
        return {}
    first_year = utc_date(earliest).year if since is None else since
    if first_year > until.year:
        return {}
    years = list(range(first_year, until.year + 1))
    starts = [start_of(date(y, 1, 1)) for y in years]
    commits = [0] * len(years)
    old = [0] * len(years)
    authors: list[set[int]] = [set() for _ in years]
    first = view.first
    bounds_of = [*starts, end]
    row, low, high = 0, 0, -1  # the year of the previous commit: git log mostly keeps to one
    begin = starts[0]
    for when, p in zip(view.times, view.people, strict=True):
        if when >= end or when < begin:
            continue
        if not low <= when < high:
            row = bisect_right(starts, when) - 1
            low, high = bounds_of[row], bounds_of[row + 1]
        commits[row] += 1
        authors[row].add(p)
        if when - first[p] > OLD_AFTER:
            old[row] += 1
    series = {}
    for row, year in enumerate(years):
        began = sum(1 for p in authors[row] if first[p] < starts[row])
        series[year] = YearStats(
            year=year,
            commits=commits[row],
            commits_old=old[row],
            commits_new=commits[row] - old[row],
            authors=len(authors[row]),
            authors_old=began,
            authors_new=len(authors[row]) - began,
        )
    return series
