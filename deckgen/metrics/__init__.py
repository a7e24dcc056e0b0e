"""The metrics stage: numbers of the talk, computed from the history for every scope."""

from deckgen.metrics.compute import compute_metrics
from deckgen.metrics.model import (
    Metrics,
    OrgStats,
    Period,
    PeriodCounts,
    Release,
    Releases,
    ScopeMetrics,
    YearStats,
)
from deckgen.metrics.period import resolve_period

__all__ = [
    "Metrics",
    "OrgStats",
    "Period",
    "PeriodCounts",
    "Release",
    "Releases",
    "ScopeMetrics",
    "YearStats",
    "compute_metrics",
    "resolve_period",
]
