"""The chart kinds by name (`CHART_KINDS`), and sketching or drawing one of them by name."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from deckgen.charts.batch import paint_sketches
from deckgen.charts.cache import ChartCache
from deckgen.charts.compare import ComponentsCompare, GroupsCompare, OrgsShare
from deckgen.charts.image import ChartImage, Palette
from deckgen.charts.paint import Sketch
from deckgen.charts.releases import CommitsByRelease
from deckgen.charts.window import WINDOW_KINDS
from deckgen.charts.yearly import (
    ContributorsTrend,
    NewContributorsByYear,
    ReleasesByYear,
    ReviewsByYear,
)
from deckgen.charts.years import ChartKind, StackedYears
from deckgen.errors import RenderError, did_you_mean
from deckgen.metrics.model import Metrics

_BUILT_IN: tuple[ChartKind, ...] = (
    StackedYears(
        name="commits_by_year",
        noun="commit",
        old_field="commits_old",
        new_field="commits_new",
        old_label="Old authors",
        new_label="New authors",
        project=True,
    ),
    StackedYears(
        name="authors_by_year",
        noun="author",
        old_field="authors_old",
        new_field="authors_new",
        old_label="Old authors",
        new_label="New authors",
        project=False,
    ),
    NewContributorsByYear(),
    ReleasesByYear(),
    ContributorsTrend(),
    ReviewsByYear(),
    GroupsCompare(),
    OrgsShare(),
    CommitsByRelease(),
    ComponentsCompare(),
    *WINDOW_KINDS,
)
CHART_KINDS: Mapping[str, ChartKind] = MappingProxyType({kind.name: kind for kind in _BUILT_IN})
"""Chart kind name → how to draw it."""


def sketch_chart(name: str, metrics: Metrics, scope: str, size_in: tuple[float, float]) -> Sketch:
    """Return chart `name` for the scope named `scope` ('all', a group, 'repo:NAME') of
    `metrics` at `size_in` inches, all but its pixels; RenderError for an unknown chart or
    scope."""
    kind = CHART_KINDS.get(name)
    if kind is None:
        valid = ", ".join(repr(k) for k in CHART_KINDS)
        hint = did_you_mean(name, CHART_KINDS)
        raise RenderError(f"unknown chart {name!r}, expected one of {valid}{hint}")
    return kind.sketch(metrics, scope, size_in)


def draw_chart(
    name: str,
    metrics: Metrics,
    scope: str,
    theme: Palette,
    size_in: tuple[float, float],
    *,
    cache: ChartCache | None = None,
) -> ChartImage:
    """Draw chart `name` (as `sketch_chart`) in the colours and font of `theme`, taking its
    picture from `cache` when it is there; the cache's warnings are dropped (a deck build
    draws with `paint_sketches`, which returns them)."""
    images, _warnings = paint_sketches(
        [sketch_chart(name, metrics, scope, size_in)], theme, cache, workers=1
    )
    return images[0]
