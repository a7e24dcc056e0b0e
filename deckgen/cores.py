"""How many cores this process may use: the one count the parallel parts of deckgen share
(the ranges of one huge history, the chart painter, the drawing processes)."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """Return the cores this process may run on (its affinity where the platform has one), at
    least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
