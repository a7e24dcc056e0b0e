"""A chart: title, the chart filling the layout's picture area, and a caption."""

from __future__ import annotations

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.slide import Slide
from pptx.util import Emu, Pt

from deckgen.deck.fit import Para, candidates, height
from deckgen.deck.kinds.base import RenderContext, expect, lines, muted
from deckgen.deck.pictures import add_picture, fit_box
from deckgen.deck.placeholders import placeholder, remove_shape
from deckgen.deck.styles import text_box
from deckgen.errors import DeckError
from deckgen.outline.schema import ChartSlide, SlideSpec

TITLE, PICTURE, CAPTION = 0, 1, 2

Box = tuple[int, int, int, int]


class ChartKind:
    """Places the chart drawn by the chart stage at the size it was drawn for."""

    name = "chart"
    footer = True

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return "chart"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, ChartSlide)
        ctx.fill(slide, TITLE, "title", [Para(s.title)], floor=24)
        area = placeholder(slide, PICTURE, "chart")
        box = box_above_caption(slide, area, lines(s.caption), ctx)
        place_chart(slide, area, box, s, ctx)


def box_above_caption(
    slide: Slide, area: SlidePlaceholder, caption: list[Para], ctx: RenderContext
) -> Box:
    """Return the picture area left above the caption, after filling the caption in."""
    box = (int(area.left), int(area.top), int(area.width), int(area.height))
    if caption:
        grown = grow_caption(slide, caption, ctx)
        box = (box[0], box[1], box[2], box[3] - grown)
        ctx.fill(slide, CAPTION, "caption", caption)
    return box


def place_chart(
    slide: Slide, area: SlidePlaceholder, box: Box, spec: ChartSlide, ctx: RenderContext
) -> None:
    """Put the chart of `spec` in `box` (a picture, a native chart, or the message of an empty
    chart), replacing `area`."""
    chart = ctx.chart
    if chart is None:
        raise DeckError(f"no chart was drawn for chart {spec.chart!r}")
    if chart.empty is not None:
        add_no_chart(slide, box, chart.empty, chart.alt_text, spec.chart)
    elif spec.native:
        if chart.native is None:
            raise DeckError(
                f"chart {spec.chart!r} has no editable PowerPoint form; remove `native: true`"
            )
        from deckgen.deck.native import add_native_chart  # xlsxwriter: only for native charts

        frame = add_native_chart(slide, tuple(Emu(v) for v in box), chart.native, ctx.theme)
        frame.name = f"Chart: {spec.chart}"
        frame._element.nvGraphicFramePr.cNvPr.set("descr", chart.alt_text)
    else:
        # A picture of its own, not the placeholder's insert_picture: that one crops to fill.
        # Top left rather than centred: the chart's axis then lines up with the title above it.
        fitted = fit_box(box, chart.width_in / chart.height_in)
        add_picture(slide, chart.png, fitted, f"Chart: {spec.chart}", chart.alt_text)
    remove_shape(area)


EMPTY_PT = 28.0
"""Size of the message an empty chart shows: read from the back of the room."""


def add_no_chart(slide: Slide, box: Box, message: str, alt: str, chart: str) -> None:
    """Show `message` in the chart's place: centred in a quiet panel of the theme's second
    background colour, so the slide looks designed, not broken."""
    panel = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Emu(v) for v in box))
    panel.name = f"No chart: {chart}"
    panel._element.nvSpPr.cNvPr.set("descr", alt)
    panel.fill.solid()
    panel.fill.fore_color.theme_color = MSO_THEME_COLOR.BACKGROUND_2
    panel.line.fill.background()
    style = panel._element.find(qn("p:style"))  # the theme's shape style: outline and shadow
    if style is not None:
        panel._element.remove(style)
    frame = panel.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.CENTER
    run = para.add_run()
    run.text = message
    run.font.size = Pt(EMPTY_PT)
    muted(run.font)


def grow_caption(slide: Slide, caption: list[Para], ctx: RenderContext) -> int:
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
