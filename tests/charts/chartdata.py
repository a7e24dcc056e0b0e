"""Metrics for chart tests, built inline: a project that grew for six years, then plateaued."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from deckgen.metrics.model import (
    Metrics,
    Period,
    PeriodCounts,
    Releases,
    ScopeMetrics,
    YearStats,
)

AS_OF = date(2026, 6, 30)  # day 181 of 365


class Palette:
    """A stand-in theme: the charts only read colours and the body font."""

    colours: Mapping[str, str] = MappingProxyType(
        {"dk1": "1F2633", "lt1": "FFFFFF", "dk2": "1B2A41", "accent1": "E4572E"}
    )
    body_font = "Calibri"


def make_scope(years: Mapping[int, tuple[int, int, int, int]], name: str = "all") -> ScopeMetrics:
    """Return a scope whose by_year holds (commits_old, commits_new, authors_old, authors_new)."""
    by_year = {
        y: YearStats(y, co + cn, co, cn, ao + an, ao, an) for y, (co, cn, ao, an) in years.items()
    }
    previous = PeriodCounts(date(2025, 1, 1), date(2025, 6, 30), 0, 0, 0, 0, 0, 0, 0)
    return ScopeMetrics(
        name=name,
        commits=0,
        contributors=0,
        new_contributors=0,
        commits_by_new=0,
        commits_by_new_to_repo=0,
        bot_commits=0,
        projected_commits=0,
        releases=Releases(0, 0, None),
        previous=previous,
        by_year=by_year,
    )


def plateau() -> ScopeMetrics:
    """Return a scope that grew for six years, then plateaued; 2026 is under way."""
    years = {2005 + i: (400 * i, 300 + 50 * i, 10 * i, 20 + i) for i in range(6)}
    years.update({y: (4000, 500, 150, 40) for y in range(2011, 2026)})
    years[2026] = (1700, 300, 120, 60)
    return make_scope(years)


def make_metrics(
    scope: ScopeMetrics,
    groups: Mapping[str, ScopeMetrics] | None = None,
    releases: Releases | None = None,
    period: Period | None = None,
) -> Metrics:
    """Return metrics whose `all` scope is `scope`, as of `AS_OF`."""
    return Metrics(
        as_of=AS_OF,
        period=period or Period(date(2026, 1, 1), AS_OF),
        all=scope,
        groups=dict(groups or {}),
        repos={},
        releases=releases or Releases(0, 0, None),
    )
