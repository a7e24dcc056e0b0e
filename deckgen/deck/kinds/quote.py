"""A quotation, large, with who said it: on the section layout, under a big accent quote mark."""

from __future__ import annotations

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.text import MSO_ANCHOR
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from deckgen.deck.fit import Fitted, Para, height, write
from deckgen.deck.kinds.base import RenderContext, expect
from deckgen.deck.markup import plain
from deckgen.deck.placeholders import find_placeholder, placeholder
from deckgen.deck.styles import anchor, text_box
from deckgen.outline.schema import QuoteSlide, SlideSpec

QUOTE, ATTRIBUTION = 0, 1
MARK_PT = 120.0
TOP = Inches(0.25)
GLYPH = 0.55
"""Share of its line, from the top, that the opening quotation mark's glyph covers: the mark's
box may reach this far down behind the quotation's first line without the two touching."""


class QuoteKind:
    """The quotation fills the title placeholder (it is what the slide says); the slide's
    `title`, if any, names the slide in the outline view."""

    name = "quote"
    footer = True

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return "quote"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, QuoteSlide)
        text = s.quote.strip()
        ph = placeholder(slide, QUOTE, "quotation")
        paras = [Para(text)]
        fitted = ctx.fill(slide, QUOTE, "quotation", paras, floor=20)
        if s.attribution.strip():
            ctx.fill(slide, ATTRIBUTION, "attribution", [Para(f"— {s.attribution.strip()}")])
        marked = fitted is not None and _add_mark(slide, ph, paras, fitted, ctx)
        if not marked and not plain(text).startswith(("“", '"', "‘", "«")):  # quote inline
            ctx.fill(slide, QUOTE, "quotation", [Para(f"“{text}”")], floor=20)
        for p in ph.text_frame.paragraphs:
            for run in p.runs:  # a quotation in the words it was said: not bold, not in capitals
                run.font.bold = False
                run._r.get_or_add_rPr().set("cap", "none")
        if s.title.strip():
            slide._element.cSld.set("name", s.title.strip())


def _add_mark(
    slide: Slide, ph: SlidePlaceholder, paras: list[Para], fitted: Fitted, ctx: RenderContext
) -> bool:
    """Add the quotation mark just above the quotation's first line, if there is room."""
    box = text_box(ph, slide.slide_layout)
    inset = (int(ph.height) - int(Pt(box.height))) // 2
    tall = int(Pt(height(paras, box, fitted, ctx.heading)))
    where = anchor(ph, slide.slide_layout)
    text_top = int(ph.top) + inset
    if where == "b":
        text_top = int(ph.top) + int(ph.height) - inset - tall
    elif where == "ctr":
        text_top = int(ph.top) + (int(ph.height) - tall) // 2
    line = int(Pt(ctx.heading.line_height(MARK_PT)))
    top = text_top - round(line * GLYPH)
    if top < TOP or _collides(slide, top, text_top):
        return False
    _mark(slide, int(ph.left), top, line)
    return True


def _collides(slide: Slide, top: int, bottom: int) -> bool:
    """Return whether the band from `top` to `bottom` crosses the attribution's placeholder."""
    other = find_placeholder(slide, ATTRIBUTION)
    if other is None or not other.text_frame.text.strip():
        return False
    return int(other.top) < bottom and top < int(other.top) + int(other.height)


def _mark(slide: Slide, left: int, top: int, tall: int) -> None:
    """Add a large opening quotation mark in the accent colour above the quotation."""
    box = slide.shapes.add_textbox(Emu(left), Emu(top), Inches(1.2), Emu(tall))
    box.name = "Quote mark"
    frame = box.text_frame
    frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.TOP
    write(frame, [Para("“")], Fitted((MARK_PT,) * 9, (0.0,) * 9))
    run = frame.paragraphs[0].runs[0]
    run.font.bold = True
    run.font.name = "+mj-lt"
    run.font.color.theme_color = MSO_THEME_COLOR.ACCENT_1
