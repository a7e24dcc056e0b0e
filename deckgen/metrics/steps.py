"""How many progress steps counting takes, known before it starts (and before numpy loads)."""

from __future__ import annotations

from deckgen.history.model import History
from deckgen.outline.schema import Outline

STEPS_PER_SCOPE = 3
"""A scope is counted in three steps (its commits gathered; the period and the one before it;
the per-year series and organisations)."""


def metrics_steps(outline: Outline, history: History) -> int:
    """Return how many steps `compute_metrics` reports for `outline` and `history`."""
    return STEPS_PER_SCOPE * (len(history.repos) + len(outline.repos) + 1)
