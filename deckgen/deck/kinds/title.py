"""The title slide: talk title, subtitle, the byline (speaker, event, date) and the logo."""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.slide import Slide
from pptx.util import Emu, Inches

from deckgen.deck.fit import Para
from deckgen.deck.kinds.base import RenderContext, expect, lines
from deckgen.deck.pictures import add_picture, fit_box, read_picture
from deckgen.deck.placeholders import remove_shape
from deckgen.outline.schema import SlideSpec, TitleSlide

TITLE, SUBTITLE, BYLINE = 0, 1, 13
LOGO_W, LOGO_H, LOGO_MARGIN = Inches(1.8), Inches(0.9), Inches(0.4)


class TitleKind:
    """Opens the deck; the only slide without footer and number."""

    name = "title"
    footer = False

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return "title"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, TitleSlide)
        ctx.fill(slide, TITLE, "title", [Para(s.title)], floor=28)
        byline = lines(s.byline)
        if ctx.has(slide, BYLINE):
            ctx.fill(slide, SUBTITLE, "subtitle", [Para(s.subtitle)], floor=16)
            ctx.fill(slide, BYLINE, "byline", byline)
        else:  # a template without a byline placeholder: the byline goes under the subtitle
            ctx.fill(slide, SUBTITLE, "subtitle", [*lines(s.subtitle), *byline], floor=14)
        if ctx.extras.logo is not None:
            _logo(slide, ctx)


def _logo(slide: Slide, ctx: RenderContext) -> None:
    """Put the logo in the layout's picture placeholder, or else in the top-right corner."""
    assert ctx.extras.logo is not None
    picture = read_picture(ctx.extras.logo, "logo")
    area = next(
        (ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.PICTURE),
        None,
    )
    if area is not None:
        box = (int(area.left), int(area.top), int(area.width), int(area.height))
        remove_shape(area)
        fitted = fit_box(box, picture.aspect, centre=True)
    else:
        width = int(ctx.theme.slide_width)
        _left, _top, w, h = fit_box((0, 0, int(LOGO_W), int(LOGO_H)), picture.aspect)
        fitted = (Emu(width - LOGO_MARGIN - w), Emu(LOGO_MARGIN), w, h)
    add_picture(slide, picture.data, fitted, "Logo", f"Logo ({picture.path.name})")
