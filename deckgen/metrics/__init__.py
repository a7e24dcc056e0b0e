"""The metrics stage: numbers of the talk, computed from the history for every scope.

`compute_metrics` is loaded on first use: it brings numpy, which reading finished metrics (the
metrics cache, the text and chart stages) does not need.
"""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from deckgen.metrics.compute import compute_metrics

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


def __getattr__(name: str) -> Any:
    if name == "compute_metrics":
        from deckgen.metrics.compute import compute_metrics

        return compute_metrics
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
