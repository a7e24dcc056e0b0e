"""Commits with a wrong clock: dated across a long empty gap from the rest of their repository.

A commit dated 1970 (a machine whose clock was never set) or 2099 would stretch every per-year
chart over decades of empty years, and make its author "old" since 1970. Its date says nothing
true, so no window can claim it: such a commit is left out of every count, with a warning.

The rule (docs/metrics.md, "Commits with a wrong clock"): the calendar years (UTC) in which a
repository has commits are split into runs wherever `GAP_YEARS` or more years without a commit
lie between two of them. The run with the most commits is the bulk of the history (of runs with
equally many, the latest that begins by the as-of year). Every other run of at most `STRAY_MAX`
commits is stray; larger runs are real history (a project revived after a long pause) and stay.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import pairwise
from weakref import WeakKeyDictionary

from deckgen.history import Commits, History, RepoHistory
from deckgen.metrics.period import start_of, utc_date

GAP_YEARS = 10
"""Calendar years without a commit that cut a repository's history into runs."""
STRAY_MAX = 10
"""The most commits a run apart from the bulk may hold and still be a wrong clock."""
SHOWN = 3
"""Stray commits a warning names; the rest are counted."""

_YEAR = 31_556_952
"""Seconds in an average Gregorian year: close enough to find where a gap might be."""


@dataclass(frozen=True)
class Strays:
    """The stray commits of one repository, and the years of the bulk of its history."""

    repo: str
    rows: frozenset[int]
    """Row numbers into the repository's `commits`."""
    bulk: tuple[int, int]
    """First and last year of the bulk."""

    def warning(self, history: RepoHistory) -> str:
        """Return the warning that names the stray commits of `history` (this repository's)."""
        commits = history.commits
        rows = sorted(self.rows, key=lambda i: (commits.authored[i], commits.hex(i)))
        named = []
        for i in rows[:SHOWN]:
            day = utc_date(commits.authored[i])
            if day.year < self.bulk[0]:
                apart = f"{self.bulk[0] - day.year} years before"
            else:
                apart = f"{day.year - self.bulk[1]} years after"
            named.append(f"{commits.hex(i)[:7]} of {day} ({apart})")
        more = f" and {len(rows) - SHOWN} more" if len(rows) > SHOWN else ""
        which, lie = ("commit", "lies") if len(rows) == 1 else ("commits", "lie")
        return (
            f"repository {self.repo!r}: {which} {', '.join(named)}{more} {lie} {GAP_YEARS} or more "
            f"empty years apart from the rest of its history, {self.bulk[0]}–{self.bulk[1]} "
            f"(a wrong clock?); left out of every count and chart"
        )


def find_strays(history: History, as_of: date) -> Mapping[str, Strays]:
    """Return repository name → its stray commits, for the repositories that have any."""
    found = {}
    for repo in history:
        strays = repo_strays(repo, as_of)
        if strays is not None:
            found[repo.name] = strays
    return found


def stray_warnings(history: History, as_of: date) -> tuple[str, ...]:
    """Return one warning per repository with stray commits, in outline order."""
    strays = find_strays(history, as_of)
    return tuple(strays[r.name].warning(r) for r in history if r.name in strays)


_FOUND: WeakKeyDictionary[Commits, dict[tuple[str, date], Strays | None]] = WeakKeyDictionary()
"""What `repo_strays` answered, by the commits it looked at: a build asks twice (the warnings and
the counts), and at a million commits each answer takes 0.15 s."""


def repo_strays(repo: RepoHistory, as_of: date) -> Strays | None:
    """Return the stray commits of `repo`; None when it has none.

    A history spanning less than `GAP_YEARS` + 1 years cannot have a gap, and one whose
    approximate years (found in C) show none does not: only then are exact years counted.
    """
    known = _FOUND.setdefault(repo.commits, {})
    key = (repo.name, as_of)
    if key not in known:
        known[key] = _repo_strays(repo, as_of)
    return known[key]


def _repo_strays(repo: RepoHistory, as_of: date) -> Strays | None:
    times = repo.commits.authored
    if not times:
        return None
    low, high = min(times), max(times)
    if utc_date(high).year - utc_date(low).year <= GAP_YEARS:
        return None
    rough = sorted(set(map(_YEAR.__rfloordiv__, times)))
    if all(b - a < GAP_YEARS for a, b in pairwise(rough)):
        return None
    first = utc_date(low).year
    starts = [start_of(date(y, 1, 1)) for y in range(first, utc_date(high).year + 1)]
    counts = Counter(map(partial(bisect_right, starts), times))
    runs: list[list[int]] = []
    for index in sorted(counts):
        year = first + index - 1
        if runs and year - runs[-1][-1] - 1 < GAP_YEARS:
            runs[-1].append(year)
        else:
            runs.append([year])
    if len(runs) == 1:
        return None
    sizes = [sum(counts[y - first + 1] for y in run) for run in runs]
    by_as_of = [run[0] <= as_of.year for run in runs]
    if not any(by_as_of):  # every run begins after the as-of year: the earliest wins ties
        by_as_of[0] = True
    bulk = max(range(len(runs)), key=lambda n: (sizes[n], by_as_of[n], n))
    stray = [run for n, run in enumerate(runs) if n != bulk and sizes[n] <= STRAY_MAX]
    if not stray:
        return None
    edges = [
        t
        for run in stray
        for t in (start_of(date(run[0], 1, 1)), start_of(date(run[-1] + 1, 1, 1)))
    ]
    inside = map(partial(bisect_right, edges), times)  # odd: inside a stray run's years
    rows = frozenset(i for i, edge in enumerate(inside) if edge % 2)
    return Strays(repo.name, rows, (runs[bulk][0], runs[bulk][-1]))
