"""A chart: title, the chart picture filling the layout's picture area, and a caption."""

from __future__ import annotations

import io
from typing import Any, cast

from pptx.shapes.placeholder import SlidePlaceholder
from pptx.slide import Slide
from pptx.util import Emu, Pt

from deckgen.deck.fit import Para, candidates, height
from deckgen.deck.kinds.base import RenderContext, expect, lines
from deckgen.deck.placeholders import placeholder
from deckgen.deck.styles import text_box
from deckgen.errors import DeckError
from deckgen.outline.schema import ChartSlide, SlideSpec

TITLE, PICTURE, CAPTION = 0, 1, 2


class ChartKind:
    """Places the chart drawn by the chart stage at the size it was drawn for."""

    name = "chart"
    footer = True

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return "chart"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, ChartSlide)
        if ctx.chart is None:
            raise DeckError(f"no chart was drawn for chart {s.chart!r}")
        ctx.fill(slide, TITLE, "title", [Para(s.title)], floor=24)
        area = placeholder(slide, PICTURE, "chart")
        box = (int(area.left), int(area.top), int(area.width), int(area.height))
        caption = lines(s.caption)
        if caption:
            grown = _grow_caption(slide, caption, ctx)
            box = (box[0], box[1], box[2], box[3] - grown)
            ctx.fill(slide, CAPTION, "caption", caption)
        left, top, width, height = _fit_box(box, ctx.chart.width_in / ctx.chart.height_in)
        # A picture of its own, not the placeholder's insert_picture: that one crops to fill.
        pic = slide.shapes.add_picture(io.BytesIO(ctx.chart.png), left, top, width, height)
        pic.name = f"Chart: {s.chart}"
        cast(Any, pic._element).nvPicPr.cNvPr.set("descr", ctx.chart.alt_text)
        area._element.getparent().remove(area._element)


def _grow_caption(slide: Slide, caption: list[Para], ctx: RenderContext) -> int:
    """Grow the caption upwards when it needs more lines than its box; return the growth.

    A caption of two or three lines is normal; the chart gives up the height it needs rather
    than the caption shrinking to the floor size.
    """
    ph: SlidePlaceholder = placeholder(slide, CAPTION, "caption")
    box = text_box(ph, slide.slide_layout)
    at_size = next(iter(candidates(box, box.levels[0].size)))
    extra = height(caption, box, at_size, ctx.body) - box.height
    if extra <= 0:
        return 0
    grow = int(Pt(extra + 2))
    left, top, width, tall = int(ph.left), int(ph.top), int(ph.width), int(ph.height)
    ph.left, ph.top, ph.width, ph.height = Emu(left), Emu(top - grow), Emu(width), Emu(tall + grow)
    return grow


def _fit_box(area: tuple[int, int, int, int], aspect: float) -> tuple[Emu, Emu, Emu, Emu]:
    """Return the largest box of `aspect` (width / height) in `area`, at its top left.

    Top left rather than centred: the chart's axis then lines up with the title above it.
    """
    left, top, width, height = area
    if width / height > aspect:
        fitted_w, fitted_h = round(height * aspect), height
    else:
        fitted_w, fitted_h = width, round(width / aspect)
    return Emu(left), Emu(top), Emu(fitted_w), Emu(fitted_h)
