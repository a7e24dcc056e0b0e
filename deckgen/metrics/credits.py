"""Credit trailers counted: per kind in the period, the most credited people, the reviewed share.

A credit belongs to the period when the commit carrying it is one of the period's commits
(`ScopeView.inside`: authored in its days, or under `period.range` in the range), so `commits`,
`contributors` and these counts read the same commits. The per-year series stays by calendar
year, as `by_year` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from deckgen.metrics.columns import distinct
from deckgen.metrics.model import REVIEW_TRAILERS, Credited, CreditStats
from deckgen.metrics.period import DAY, start_of
from deckgen.metrics.scope import ScopeView

if TYPE_CHECKING:
    import numpy.typing as npt

TOP_CREDITED = 10
"""People kept per trailer kind in `CreditStats.top`."""


def credit_stats(
    view: ScopeView,
    kinds: Sequence[str],
    names: Sequence[str],
    organisations: Sequence[str] | None,
) -> dict[str, CreditStats]:
    """Return, per kind of `kinds` (in that order), its credits on the period's commits
    (`view.inside`): occurrences, distinct people, and the `TOP_CREDITED` people named most
    (ties by name), each with the organisation (from `organisations`, by number) of their latest
    credit of that kind."""
    credits = view.credits
    inside = view.inside[credits.at]
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


def reviewed_share(view: ScopeView, kinds: Sequence[str]) -> float | None:
    """Return the share of the period's commits (`view.inside`) with a review credit
    (`REVIEW_TRAILERS`) naming someone other than the author; None when `kinds` has no review
    trailer or the period no commit."""
    review = [n for n, kind in enumerate(kinds) if kind.lower() in REVIEW_TRAILERS]
    if not review:
        return None
    commits = int(np.count_nonzero(view.inside))
    if not commits:
        return None
    credits = view.credits
    chosen = view.inside[credits.at] & np.isin(credits.kinds, review)
    chosen &= credits.people != view.people[credits.at]
    reviewed = len(distinct(credits.at[chosen].astype(np.int64)))
    return reviewed / commits


def credits_by_year(
    view: ScopeView, kinds: Sequence[str], years: Sequence[int], until: date
) -> dict[int, dict[str, int]]:
    """Return year → kind → credits of the commits authored that year (up to `until`): calendar
    years, under `period.range` too (as `by_year`)."""
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
