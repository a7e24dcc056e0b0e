"""Credit trailers counted: per kind in the period, the most credited people, the reviewed share.

A credit belongs to the period when the commit carrying it was authored in the period (the same
rule as the commit itself), so `contributors` and these counts read the same commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from deckgen.metrics.columns import distinct
from deckgen.metrics.model import REVIEW_TRAILERS, Credited, CreditStats, Period
from deckgen.metrics.period import DAY, bounds, start_of
from deckgen.metrics.scope import ScopeView

if TYPE_CHECKING:
    import numpy.typing as npt

TOP_CREDITED = 10
"""People kept per trailer kind in `CreditStats.top`."""


def _inside(view: ScopeView, period: Period) -> npt.NDArray[np.bool_]:
    """Return, per credit, whether its commit was authored in `period`."""
    start, end = bounds(period)
    when = view.times[view.credits.at]
    return (when >= start) & (when < end)


def credit_stats(
    view: ScopeView,
    period: Period,
    kinds: Sequence[str],
    names: Sequence[str],
    organisations: Sequence[str] | None,
) -> dict[str, CreditStats]:
    """Return, per kind of `kinds` (in that order), its credits in `period`: occurrences,
    distinct people, and the `TOP_CREDITED` people named most (ties by name), each with the
    organisation (from `organisations`, by number) of their latest credit of that kind."""
    credits = view.credits
    inside = _inside(view, period)
    out = {}
    for number, kind in enumerate(kinds):
        mine = inside & (credits.kinds == number)
        people = credits.people[mine]
        counts = np.bincount(people, minlength=len(names))
        named = [int(p) for p in np.flatnonzero(counts)]
        named.sort(key=lambda p: (-int(counts[p]), names[p].casefold(), names[p]))
        org_of = _latest_orgs(view, mine, len(names))
        top = tuple(
            Credited(
                names[p],
                int(counts[p]),
                None if organisations is None or org_of is None else organisations[org_of[p]],
            )
            for p in named[:TOP_CREDITED]
        )
        out[kind] = CreditStats(occurrences=len(people), people=len(named), top=top)
    return out


def _latest_orgs(
    view: ScopeView, mine: npt.NDArray[np.bool_], persons: int
) -> npt.NDArray[np.int32] | None:
    """Return, by person, the organisation of their latest credit among `mine` (None: no
    affiliations)."""
    credits = view.credits
    if credits.orgs is None:
        return None
    when = view.times[credits.at[mine]]
    order = np.argsort(when, kind="stable")
    latest = np.zeros(persons, dtype=np.int32)
    latest[credits.people[mine][order]] = credits.orgs[mine][order]  # the last write wins
    return latest


def reviewed_share(view: ScopeView, period: Period, kinds: Sequence[str]) -> float | None:
    """Return the share of the period's commits with a review credit (`REVIEW_TRAILERS`) naming
    someone other than the author; None when `kinds` has no review trailer or no commit."""
    review = [n for n, kind in enumerate(kinds) if kind.lower() in REVIEW_TRAILERS]
    if not review:
        return None
    start, end = bounds(period)
    commits = int(np.count_nonzero((view.times >= start) & (view.times < end)))
    if not commits:
        return None
    credits = view.credits
    chosen = _inside(view, period) & np.isin(credits.kinds, review)
    chosen &= credits.people != view.people[credits.at]
    reviewed = len(distinct(credits.at[chosen].astype(np.int64)))
    return reviewed / commits


def credits_by_year(
    view: ScopeView, kinds: Sequence[str], years: Sequence[int], until: date
) -> dict[int, dict[str, int]]:
    """Return year → kind → credits of the commits authored that year (up to `until`)."""
    if not years or not kinds:
        return {}
    starts = np.array([start_of(date(y, 1, 1)) for y in years], dtype=np.int64)
    end = start_of(until) + DAY
    when = view.times[view.credits.at]
    dated = (when >= starts[0]) & (when < end)
    row = np.searchsorted(starts, when[dated], side="right") - 1
    cell = row * len(kinds) + view.credits.kinds[dated].astype(np.int64)
    counts = np.bincount(cell, minlength=len(years) * len(kinds))
    return {
        year: {kind: int(counts[n * len(kinds) + k]) for k, kind in enumerate(kinds)}
        for n, year in enumerate(years)
    }
