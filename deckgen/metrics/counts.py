"""Counts over a scope's view: one window of days, and the per-year series."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from deckgen.metrics.columns import distinct
from deckgen.metrics.model import Period, YearStats
from deckgen.metrics.period import DAY, bounds, start_of, utc_date
from deckgen.metrics.scope import ScopeView

OLD_AFTER = 365 * DAY
"""A commit is an old author's when made more than this long after the author's first commit."""


@dataclass(frozen=True)
class WindowCounts:
    """What happened in one window (both days inclusive)."""

    commits: int
    contributors: int
    """Authors and people credited by the period's commits (`identity.credit_trailers`)."""
    new_contributors: tuple[int, ...]
    """Their person numbers, ascending."""
    commits_by_new: int
    commits_by_new_to_repo: int
    bot_commits: int
    authors: int = 0
    """Authors alone."""


def count_windows(view: ScopeView, periods: Sequence[Period]) -> list[WindowCounts]:
    """Return the counts of `view` for the commits authored inside each of `periods`."""
    counts = []
    for period in periods:
        start, end = bounds(period)
        inside = (view.times >= start) & (view.times < end)
        who = view.people[inside]
        authors = np.bincount(who, minlength=len(view.first)) > 0
        credited = view.credits.people[inside[view.credits.at]]
        present = authors | (np.bincount(credited, minlength=len(view.first)) > 0)
        new = np.flatnonzero(present & (view.first >= start))
        counts.append(
            WindowCounts(
                commits=len(who),
                contributors=int(np.count_nonzero(present)),
                new_contributors=tuple(int(p) for p in new),
                commits_by_new=int(np.count_nonzero(view.first[who] >= start)),
                commits_by_new_to_repo=int(np.count_nonzero(view.repo_first[inside] >= start)),
                bot_commits=int(
                    np.count_nonzero((view.bot_times >= start) & (view.bot_times < end))
                ),
                authors=int(np.count_nonzero(authors)),
            )
        )
    return counts


def by_year(view: ScopeView, until: date, since: int | None = None) -> dict[int, YearStats]:
    """Return the per-year series from the scope's first commit (or from the year `since`) to
    `until`'s year; empty when the scope has no commit up to `until`.

    Commits after `until` are left out, so the last bar is the year so far; so are commits
    before `since` (they still make their authors old).
    """
    end = start_of(until + timedelta(days=1))
    dated = view.times < end
    if not dated.any():
        return {}
    first_year = utc_date(int(view.times[dated].min())).year if since is None else since
    if first_year > until.year:
        return {}
    years = range(first_year, until.year + 1)
    starts = np.array([start_of(date(y, 1, 1)) for y in years], dtype=np.int64)
    dated &= view.times >= starts[0]
    times, people = view.times[dated], view.people[dated]
    row = np.searchsorted(starts, times, side="right") - 1
    first = view.first[people]
    commits = np.bincount(row, minlength=len(years))
    old = np.bincount(row[times - first > OLD_AFTER], minlength=len(years))
    width = len(view.first)
    pairs = distinct(row * width + people)  # each (year, person) once
    pair_row, pair_person = pairs // width, pairs % width
    authors = np.bincount(pair_row, minlength=len(years))
    began = view.first[pair_person] < starts[pair_row]
    authors_old = np.bincount(pair_row[began], minlength=len(years))
    columns = zip(
        years, commits.tolist(), old.tolist(), authors.tolist(), authors_old.tolist(), strict=True
    )
    return {  # Python ints from `tolist`: indexing numpy arrays item by item is slower
        year: YearStats(
            year=year,
            commits=made,
            commits_old=by_old,
            commits_new=made - by_old,
            authors=seen,
            authors_old=seen_old,
            authors_new=seen - seen_old,
        )
        for year, made, by_old, seen, seen_old in columns
    }
