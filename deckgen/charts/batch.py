"""Draw a deck's charts at once: from the cache where they are there, the rest in parallel.

A cold build hands the pictures to a `Painter` started before git was read (matplotlib imported
there meanwhile), or draws them here, in worker processes forked after matplotlib is imported
when there are many; a rebuild finds its unchanged charts in the cache and never imports
matplotlib at all.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace

from deckgen.cachedir import CorruptEntry
from deckgen.charts.cache import ChartCache, chart_key
from deckgen.charts.image import ChartImage, Palette
from deckgen.charts.paint import Ink, Picture, Sketch, paint_each
from deckgen.charts.painter import Painter, PainterFailed
from deckgen.cores import usable_cores

PARALLEL_FROM = 8
"""Pictures to draw from which worker processes pay for themselves. Measured on 2 busy cores
(docs/metrics.md, Cost): the demo deck's 11 charts took 2.6 s in two processes against 2.7 s in
one; a deck of 4 charts gained nothing (1.3 s either way): matplotlib's import, which every
process needs, is most of it."""


def paint_sketches(
    sketches: Sequence[Sketch],
    theme: Palette,
    cache: ChartCache | None = None,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    painter: Painter | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> tuple[list[ChartImage], tuple[str, ...]]:
    """Return the chart of each sketch with its PNG, and the warnings on the way.

    With `cache`, pictures come from it where they are there and the others are stored; a
    damaged entry is drawn again and replaced, a cache that cannot be written only warns.
    `workers` processes draw (None: `default_workers`); `progress` is told pictures done and
    pictures in all after each. With `painter`, the pictures not in the cache are drawn there
    (what it fails to send is drawn here) while `meanwhile` runs; its owner closes it.
    """
    ink = Ink.of(theme)
    pictures = {
        i: Picture(s.plot, s.data, ink, (s.image.width_in, s.image.height_in))
        for i, s in enumerate(sketches)
        if s.plot is not None
    }
    keys = {i: chart_key(p) for i, p in pictures.items()} if cache is not None else {}
    warnings: list[str] = []
    pngs: dict[str, bytes] = {}
    done, total = 0, len(sketches)

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    for _ in range(total - len(pictures)):
        tick()  # nothing to draw
    missing: dict[str, Picture] = {}
    for i, picture in pictures.items():
        key = keys.get(i, str(i))
        if cache is not None and key not in pngs and key not in missing:
            found = _load(cache, key, warnings)
            if found is not None:
                pngs[key] = found
        if key in pngs:
            tick()
        else:
            missing.setdefault(key, picture)
    drawn = _paint_elsewhere(painter, missing, meanwhile, lambda _key: tick())
    rest = {key: picture for key, picture in missing.items() if key not in drawn}
    drawn.update(_paint_all(rest, workers, lambda _key: tick()))
    for key in missing:
        png = pngs[key] = drawn[key]
        if cache is not None:
            try:
                cache.save(key, png)
            except OSError as exc:
                warning = f"cannot write the chart cache in {cache.folder}: {exc.strerror}"
                if warning not in warnings:
                    warnings.append(warning)
    # A picture asked for twice was drawn once: count its other slides too.
    for _ in range(total - done):
        tick()
    images = [
        replace(s.image, png=pngs[keys.get(i, str(i))]) if i in pictures else s.image
        for i, s in enumerate(sketches)
    ]
    return images, tuple(warnings)


def _paint_elsewhere(
    painter: Painter | None,
    pictures: dict[str, Picture],
    meanwhile: Callable[[], None] | None,
    each: Callable[[str], None],
) -> dict[str, bytes]:
    """Return the PNGs `painter` draws of `pictures` (those it sent before failing, if it
    fails), running `meanwhile` while it draws."""
    drawn: dict[str, bytes] = {}
    if painter is None:
        return drawn
    try:
        if pictures:
            painter.submit(pictures)
            if meanwhile is not None:
                meanwhile()
            for key, png in painter.results():
                if key in pictures and key not in drawn:
                    drawn[key] = png
                    each(key)
    except PainterFailed:
        pass  # drawn here instead, where any error is raised as it is
    return drawn


def _load(cache: ChartCache, key: str, warnings: list[str]) -> bytes | None:
    try:
        return cache.load(key)
    except CorruptEntry as exc:
        warnings.append(f"chart cache entry {cache.path(key)} is damaged ({exc}); drawing again")
        cache.drop(key)
    except OSError as exc:
        warnings.append(f"cannot read the chart cache entry {cache.path(key)}: {exc.strerror}")
    return None


def default_workers(pictures: int) -> int:
    """Return how many processes should draw `pictures` pictures: one per core when there are
    at least `PARALLEL_FROM`, where processes can be forked safely (Linux, no other thread)."""
    if pictures < PARALLEL_FROM or not sys.platform.startswith("linux"):
        return 1
    if threading.active_count() > 1:  # forking a threaded process can deadlock the child
        return 1
    return min(pictures, usable_cores())


def _paint_all(
    pictures: dict[str, Picture], workers: int | None, each: Callable[[str], None]
) -> list[tuple[str, bytes]]:
    """Return (key, PNG) of each picture, drawn in `workers` processes (None: the default)."""
    if not pictures:
        return []
    count = default_workers(len(pictures)) if workers is None else max(1, workers)
    results: dict[str, bytes] = {}
    for key, png in paint_each(pictures, count):
        results[key] = png
        each(key)
    return [(key, results[key]) for key in pictures]
