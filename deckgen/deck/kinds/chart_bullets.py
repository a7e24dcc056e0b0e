"""A chart and a bullet list side by side: the chart in the left area, bullets in the right."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from deckgen.deck.fit import FLOOR_PT, Fitted, Para, fit, height, write
from deckgen.deck.kinds.base import RenderContext, expect, lines, muted
from deckgen.deck.kinds.bullets import flatten
from deckgen.deck.kinds.chart import place_chart
from deckgen.deck.placeholders import placeholder
from deckgen.deck.styles import plain_box, text_box
from deckgen.errors import DeckError
from deckgen.outline.schema import ChartBulletsSlide, SlideSpec

TITLE, CHART, BULLETS = 0, 1, 2
CAPTION_PT = 16.0
CAPTION_GAP = Pt(6)
INSET = Inches(0.1)


class ChartBulletsKind:
    """Chart left, bullets right; the caption, if any, under the chart."""

    name = "chart_bullets"
    footer = True

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return "chart_bullets"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, ChartBulletsSlide)
        ctx.fill(slide, TITLE, "title", [Para(s.title)], floor=24)
        right = placeholder(slide, BULLETS, "bullets")
        paras = flatten(s.items)
        fitted = fit(paras, text_box(right, slide.slide_layout), ctx.body)
        if fitted is None:
            raise DeckError(
                f"the bullets beside the chart do not fit even at {FLOOR_PT:g} pt; shorten them"
            )
        write(right.text_frame, paras, fitted)
        area = placeholder(slide, CHART, "chart")
        box = (int(area.left), int(area.top), int(area.width), int(area.height))
        caption = lines(s.caption)
        if caption:
            box = (box[0], box[1], box[2], box[3] - add_caption(slide, caption, box, ctx))
        place_chart(slide, area, box, s, ctx)


def caption_height(caption: list[Para], box: tuple[int, int, int, int], ctx: RenderContext) -> int:
    """Return the height `add_caption` takes for `caption` under a `box`-wide area, gap
    included."""
    return _caption_fit(caption, box, ctx)[1] + int(CAPTION_GAP)


def _caption_fit(
    caption: list[Para], box: tuple[int, int, int, int], ctx: RenderContext
) -> tuple[Fitted, int]:
    style = plain_box(Emu(box[2] - 2 * INSET).pt, Emu(box[3]).pt / 3, CAPTION_PT)
    fitted = fit(caption, style, ctx.body)
    if fitted is None:
        raise DeckError("the caption does not fit under its chart or table; shorten it")
    return fitted, int(Pt(height(caption, style, fitted, ctx.body) + 2))


def add_caption(
    slide: Slide,
    caption: list[Para],
    box: tuple[int, int, int, int],
    ctx: RenderContext,
    *,
    under: int | None = None,
) -> int:
    """Add `caption` at the bottom of `box` (a chart's or table's area), or just below `under`
    (EMU from the top); return the height it takes, gap included."""
    fitted, tall = _caption_fit(caption, box, ctx)
    top = box[1] + box[3] - tall if under is None else under + int(CAPTION_GAP)
    shape = slide.shapes.add_textbox(Emu(box[0]), Emu(top), Emu(box[2]), Emu(tall))
    shape.name = "Caption"
    frame = shape.text_frame
    frame.margin_left = frame.margin_right = INSET  # as the placeholders': text lines up
    frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.TOP
    write(frame, caption, fitted)
    for p in frame.paragraphs:
        for r in p.runs:
            muted(r.font)
    return int(tall + CAPTION_GAP)
