"""The closing slide: a message, a link, a few short lines, and the event's hashtag."""

from __future__ import annotations

from pptx.slide import Slide

from deckgen.deck.fit import Para
from deckgen.deck.kinds.base import RenderContext, expect
from deckgen.deck.markup import plain
from deckgen.outline.schema import ClosingSlide, SlideSpec

TITLE, SUBTITLE, ITEMS = 0, 1, 13


class ClosingKind:
    """Ends the deck with an invitation; the event's URL and hashtag are shown unless the slide
    already says them."""

    name = "closing"
    footer = True

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return "closing"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, ClosingSlide)
        ctx.fill(slide, TITLE, "title", [Para(s.title)], floor=28)
        items = [str(item) for item in s.items]
        said = plain("\n".join([s.title, s.subtitle, *items]))
        for extra in (ctx.extras.url, ctx.extras.hashtag):
            if extra and extra not in said:
                items.append(extra)
        subtitle = s.subtitle.strip()
        if not ctx.has(slide, ITEMS):  # a template without an items placeholder
            lines = [Para(subtitle)] if subtitle else []
            ctx.fill(slide, SUBTITLE, "subtitle", lines + [Para(i) for i in items], floor=14)
            return
        ctx.fill(slide, SUBTITLE, "subtitle", [Para(subtitle)], floor=16)  # a URL is a link
        ctx.fill(slide, ITEMS, "items", [Para(i) for i in items])
