"""A section divider: a title and an optional subtitle."""

from __future__ import annotations

from pptx.slide import Slide

from deckgen.deck.fit import Para
from deckgen.deck.kinds.base import RenderContext, expect, lines
from deckgen.outline.schema import SectionSlide, SlideSpec

TITLE, SUBTITLE = 0, 1


class SectionKind:
    """Marks a new part of the talk."""

    name = "section"
    footer = True

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return "section"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, SectionSlide)
        ctx.fill(slide, TITLE, "title", [Para(s.title)], floor=24)
        ctx.fill(slide, SUBTITLE, "subtitle", lines(s.subtitle))
