"""The title slide: talk title, subtitle, and the byline (speaker, event, date)."""

from __future__ import annotations

from pptx.slide import Slide

from deckgen.deck.fit import Para
from deckgen.deck.kinds.base import RenderContext, expect, lines
from deckgen.outline.schema import SlideSpec, TitleSlide

TITLE, SUBTITLE, BYLINE = 0, 1, 13


class TitleKind:
    """Opens the deck; the only slide without footer and number."""

    name = "title"
    footer = False

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return "title"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, TitleSlide)
        ctx.fill(slide, TITLE, "title", [Para(s.title)], floor=28)
        ctx.fill(slide, SUBTITLE, "subtitle", [Para(s.subtitle)], floor=16)
        ctx.fill(slide, BYLINE, "byline", lines(s.byline))
