"""From a chart's numbers to its pixels: which plot function draws it, with what, and running it.

A chart kind turns the metrics into a `Sketch`: the words and numbers of its `ChartImage` and the
data its plot function consumes. Only `paint` imports matplotlib. Keeping the picture a plain,
picklable value lets the chart cache key it by exactly what is drawn and lets a cold build draw
several pictures in worker processes.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from deckgen.charts.image import ChartImage, Palette

PLOTS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "stacked_bars": ("deckgen.charts.plot", "stacked_bars"),
        "bars": ("deckgen.charts.plot_yearly", "bars"),
        "lines": ("deckgen.charts.plot_yearly", "lines"),
        "window_bars": ("deckgen.charts.plot_yearly", "window_bars"),
        "panels": ("deckgen.charts.plot_compare", "panels"),
    }
)
"""Plot name → (module, function) drawing it as `function(*data, ink, size_in) -> PNG bytes`."""


@dataclass(frozen=True)
class Ink:
    """The part of a theme a picture is drawn with, as plain values: a `Palette`."""

    colour_items: tuple[tuple[str, str], ...]
    body_font: str

    @classmethod
    def of(cls, theme: Palette) -> Ink:
        return cls(tuple(sorted(theme.colours.items())), theme.body_font)

    @property
    def colours(self) -> Mapping[str, str]:
        return dict(self.colour_items)


@dataclass(frozen=True)
class Sketch:
    """A chart before it is drawn: its `ChartImage` without the PNG, and what to draw."""

    image: ChartImage
    plot: str | None = None
    """The `PLOTS` name drawing the picture; None when there is nothing to draw (`image.empty`)."""
    data: tuple[object, ...] = ()
    """The plot function's arguments before the ink and the size: frozen dataclasses."""

    @classmethod
    def nothing(cls, message: str, size_in: tuple[float, float]) -> Sketch:
        return cls(ChartImage.nothing(message, size_in))


@dataclass(frozen=True)
class Picture:
    """One PNG to draw: everything `paint` passes to the plot function."""

    plot: str
    data: tuple[object, ...]
    ink: Ink
    size_in: tuple[float, float]


def paint(picture: Picture) -> bytes:
    """Draw `picture` and return its PNG bytes (imports matplotlib)."""
    module, function = PLOTS[picture.plot]
    draw = getattr(importlib.import_module(module), function)
    png: bytes = draw(*picture.data, picture.ink, picture.size_in)
    return png


def preload() -> None:
    """Import every plot module, so that processes forked afterwards share them."""
    for module in dict.fromkeys(module for module, _ in PLOTS.values()):
        importlib.import_module(module)


def paint_each(pictures: Mapping[str, Picture], processes: int = 1) -> Iterator[tuple[str, bytes]]:
    """Yield (key, PNG) of each of `pictures` as it is drawn: here, in order, or with
    `processes` > 1 in that many processes forked once the plots are imported (each starts with
    matplotlib loaded), as they finish; forking is safe on Linux only, so elsewhere always here.
    A picture that fails raises its error here."""
    if processes < 2 or len(pictures) < 2 or not sys.platform.startswith("linux"):
        for key, picture in pictures.items():
            yield key, paint(picture)
        return
    import multiprocessing  # here: every command importing the chart registry would pay for it
    from concurrent.futures import ProcessPoolExecutor, as_completed

    preload()  # imported once, before the fork: the workers inherit it
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(processes, len(pictures)), mp_context=context) as pool:
        futures = {pool.submit(paint, picture): key for key, picture in pictures.items()}
        for future in as_completed(futures):
            yield futures[future], future.result()
