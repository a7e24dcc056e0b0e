"""The chart stage: draw the charts a deck needs, as PNG images, from the metrics.

Chart kinds are registered by name in `CHART_KINDS`; each turns the metrics into a `Sketch` (the
chart's words, numbers and the data of its picture), and `paint_sketches` draws the pictures or
takes them from the cache. matplotlib is imported only when a picture is drawn, so commands that
never draw (such as `deckgen metrics`) and rebuilds whose charts are cached do not pay for it.

Every name here is imported when first asked for: the painter process (`painter.py`) imports
only the drawing modules, not the kinds, the metrics and the outline they read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.lazy import lazy_names

if TYPE_CHECKING:
    from deckgen.charts.batch import paint_sketches
    from deckgen.charts.cache import ChartCache
    from deckgen.charts.image import ChartImage, NativeChart, NativeSeries, Palette
    from deckgen.charts.paint import Sketch
    from deckgen.charts.registry import CHART_KINDS, draw_chart, sketch_chart
    from deckgen.charts.years import ChartKind

__all__ = [
    "CHART_KINDS",
    "ChartCache",
    "ChartImage",
    "ChartKind",
    "NativeChart",
    "NativeSeries",
    "Palette",
    "Sketch",
    "draw_chart",
    "paint_sketches",
    "sketch_chart",
]

_HOMES = {
    "CHART_KINDS": "registry",
    "ChartCache": "cache",
    "ChartImage": "image",
    "ChartKind": "years",
    "NativeChart": "image",
    "NativeSeries": "image",
    "Palette": "image",
    "Sketch": "paint",
    "draw_chart": "registry",
    "paint_sketches": "batch",
    "sketch_chart": "registry",
}

__getattr__ = lazy_names(__name__, _HOMES)
