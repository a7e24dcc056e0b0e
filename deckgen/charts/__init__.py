"""The chart stage: draw the charts a deck needs, as PNG images, from the metrics.

Chart kinds are registered by name in `CHART_KINDS`. matplotlib is imported only when a chart is
drawn, so commands that never draw (such as `deckgen metrics`) do not pay for it.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from deckgen.charts.image import ChartImage, Palette
from deckgen.charts.years import ChartKind, StackedYears
from deckgen.errors import RenderError
from deckgen.metrics.model import Period, ScopeMetrics

__all__ = ["CHART_KINDS", "ChartImage", "ChartKind", "Palette", "draw_chart"]

CHART_KINDS: Mapping[str, ChartKind] = MappingProxyType(
    {
        kind.name: kind
        for kind in (
            StackedYears(
                name="commits_by_year",
                noun="commits",
                old_field="commits_old",
                new_field="commits_new",
                old_label="Old authors",
                new_label="New authors",
                project=True,
            ),
            StackedYears(
                name="authors_by_year",
                noun="authors",
                old_field="authors_old",
                new_field="authors_new",
                old_label="Old authors",
                new_label="New authors",
                project=False,
            ),
        )
    }
)
"""Chart kind name → how to draw it."""


def draw_chart(
    name: str,
    scope: ScopeMetrics,
    period: Period,
    as_of: date,
    theme: Palette,
    size_in: tuple[float, float],
) -> ChartImage:
    """Draw chart `name` for `scope` at `size_in` inches; RenderError for an unknown name."""
    kind = CHART_KINDS.get(name)
    if kind is None:
        valid = ", ".join(repr(k) for k in CHART_KINDS)
        close = difflib.get_close_matches(name, list(CHART_KINDS), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise RenderError(f"unknown chart {name!r}, expected one of {valid}{hint}")
    return kind.draw(scope, period, as_of, theme, size_in)
