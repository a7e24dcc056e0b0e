"""Each headline number in its history: the period against the same window of every earlier year.

The period's window is shifted back one year at a time (29 February becomes the 28th in a year
without one) for as long as the shifted window ends on or after the scope's first commit (and
in or after `by_year.since`). Every window, and every full calendar year, is counted over the
scope's commits sorted by time once: `searchsorted` finds each window's slice, so the work is the
commits in the windows plus one sort, not a pass over every commit per year.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from deckgen.metrics.columns import distinct
from deckgen.metrics.model import CONTEXT_METRICS, MetricContext, Period, ScopeContext
from deckgen.metrics.period import bounds, projection, utc_date
from deckgen.metrics.scope import ScopeView

if TYPE_CHECKING:
    import numpy.typing as npt

TREND_YEARS = 5
"""The trend is fitted over at most this many of the latest full years ..."""
MIN_TREND_YEARS = 3
"""... and needs at least this many (two points make a line through anything)."""
FLAT_SHARE = 0.10
"""A trend is flat when its fitted line moves by less than this share of the years' mean over
the years fitted: |slope| × (years − 1) < 0.10 × mean (and when the mean is zero)."""


def shifted(day: date, years: int) -> date:
    """Return `day` `years` years earlier: the same month and day, 29 February → 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def span_of(period: Period) -> str:
    """Return 'year', 'year_to_date' or 'window' (see `MetricContext.span`)."""
    if period.since != date(period.until.year, 1, 1):
        return "window"
    return "year" if (period.until.month, period.until.day) == (12, 31) else "year_to_date"


@dataclass(frozen=True)
class _Series:
    """One metric's values: the period, the shifted windows (index = years back), full years."""

    windows: tuple[int, ...]
    full: dict[int, int]


def scope_context(view: ScopeView, period: Period, since_year: int | None = None) -> ScopeContext:
    """Return the context of every headline metric of the scope `view` for `period`."""
    # git lists the newest first: reversed, the times are nearly sorted, which a stable sort
    # (timsort) orders in a few passes
    order = np.argsort(view.times[::-1], kind="stable")
    times, people = view.times[::-1][order], view.people[::-1][order]
    first_day = utc_date(int(times[0])) if len(times) else None
    back = 0
    if first_day is not None:
        while True:
            end = shifted(period.until, back + 1)
            if end < first_day or (since_year is not None and end.year < since_year):
                break
            back += 1
    start_year = None if first_day is None else max(first_day.year, since_year or first_day.year)
    calendar = _calendar(period, back, start_year)
    windows = len(calendar.periods) - len(calendar.years)
    credit_times = view.times[view.credits.at]
    credit_order = np.argsort(credit_times, kind="stable")
    credited = (credit_times[credit_order], view.credits.people[credit_order])
    counts = _count(times, people, credited, view.first, calendar.edges)
    release_days = sorted(utc_date(t.time) for t in view.releases)
    releases = [
        bisect_right(release_days, p.until) - bisect_left(release_days, p.since)
        for p in calendar.periods
    ]
    columns = dict(zip(CONTEXT_METRICS[:4], counts.T.tolist(), strict=True))
    span = span_of(period)
    made = {}
    for metric in CONTEXT_METRICS:
        values = releases if metric == "releases" else columns[metric]
        series = _Series(
            tuple(values[:windows]), dict(zip(calendar.years, values[windows:], strict=True))
        )
        made[metric] = _context(metric, span, period, series, back)
    return ScopeContext(**made)


@dataclass(frozen=True, eq=False)
class _Calendar:
    """The windows a scope's context counts: the period shifted back 0 … `back` years (at
    least one), then the full `years`; with their [start, end) Unix times."""

    periods: tuple[Period, ...]
    years: tuple[int, ...]
    edges: npt.NDArray[np.int64]
    """Per period, its start and end (read-only: shared by every scope)."""


@lru_cache(maxsize=64)
def _calendar(period: Period, back: int, start_year: int | None) -> _Calendar:
    """Return the windows of `period`, `back` years back, and the full years from `start_year`:
    the same for most scopes of an outline, so made once (0.4 ms a scope)."""
    windows = [
        Period(shifted(period.since, k), shifted(period.until, k)) for k in range(max(back, 1) + 1)
    ]
    years = () if start_year is None else tuple(range(start_year, period.until.year))
    periods = (*windows, *(Period(date(y, 1, 1), date(y, 12, 31)) for y in years))
    edges = np.array([bounds(p) for p in periods], dtype=np.int64).reshape(-1, 2)
    edges.flags.writeable = False
    return _Calendar(periods, years, edges)


def _count(
    times: npt.NDArray[np.int64],
    people: npt.NDArray[np.int32],
    credited: tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]],
    first: npt.NDArray[np.int64],
    edges: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """Return, per period, its commits, contributors, new contributors and commits by new
    contributors (the definitions of `counts.count_windows`: people credited by a commit of the
    window are contributors), from time-sorted columns (`credited`: the credits' commit times
    and people, sorted by time); `edges`: each period's [start, end) Unix times."""
    lo, hi = np.searchsorted(times, edges[:, 0]), np.searchsorted(times, edges[:, 1])
    credit_times, credit_people = credited
    clo = np.searchsorted(credit_times, edges[:, 0])
    chi = np.searchsorted(credit_times, edges[:, 1])
    out = np.zeros((len(edges), 4), dtype=np.int64)
    for n in range(len(edges)):
        who = people[lo[n] : hi[n]]
        start = edges[n, 0]
        named = credit_people[clo[n] : chi[n]]
        present = distinct(np.concatenate([who, named]).astype(np.int64))
        out[n] = (
            len(who),
            len(present),
            np.count_nonzero(first[present] >= start),
            np.count_nonzero(first[who] >= start),
        )
    return out


def _context(metric: str, span: str, period: Period, series: _Series, back: int) -> MetricContext:
    value, previous = series.windows[0], series.windows[1]
    year = period.until.year
    earlier = [(shifted(period.until, k).year, series.windows[k]) for k in range(1, back + 1)]
    higher = [y for y, v in earlier if v > value]
    as_high = [y for y, v in earlier if v >= value]
    lower = [y for y, v in earlier if v < value]
    as_low = [y for y, v in earlier if v <= value]
    trend, slope, trend_years = _trend(series.full)
    projected = None if span == "window" else projection(value, period.since, period.until)
    projected_rank = None
    if projected is not None and series.full:
        projected_rank = 1 + sum(1 for v in series.full.values() if v > projected)
    return MetricContext(
        metric=metric,
        span=span,
        value=value,
        previous=previous,
        change=value - previous,
        change_pct=None if previous == 0 else round(100 * (value - previous) / previous, 1),
        rank=1 + len(higher),
        years=len(earlier),
        first_year=earlier[-1][0] if earlier else None,
        last_higher=max(higher, default=None),
        last_as_high=max(as_high, default=None),
        record=bool(earlier) and not as_high,
        last_lower=max(lower, default=None),
        last_as_low=max(as_low, default=None),
        low_record=bool(earlier) and not as_low,
        trend=trend,
        trend_slope=slope,
        trend_years=trend_years,
        projected=projected,
        projected_rank=projected_rank,
        full_years=len(series.full),
        by_year={y: v for y, v in [*reversed(earlier), (year, value)]},
        full_by_year=dict(series.full),
    )


def _trend(full: dict[int, int]) -> tuple[str | None, float | None, tuple[int, ...]]:
    """Return the direction and least-squares slope per year over the latest full years."""
    years = sorted(full)[-TREND_YEARS:]
    if len(years) < MIN_TREND_YEARS:
        return None, None, tuple(years)
    values = [full[y] for y in years]
    mean_x, mean_y = sum(years) / len(years), sum(values) / len(values)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(years, values, strict=True)) / sum(
        (x - mean_x) ** 2 for x in years
    )
    if mean_y == 0 or abs(slope) * (len(years) - 1) < FLAT_SHARE * mean_y:
        direction = "flat"
    else:
        direction = "rising" if slope > 0 else "falling"
    return direction, round(slope, 2), tuple(years)
