"""The closing slide: a message, a link, and a few short lines."""

from __future__ import annotations

import re

from pptx.shapes.placeholder import SlidePlaceholder
from pptx.slide import Slide

from deckgen.deck.fit import Para
from deckgen.deck.kinds.base import RenderContext, expect
from deckgen.deck.placeholders import placeholder
from deckgen.outline.schema import ClosingSlide, SlideSpec

TITLE, SUBTITLE, ITEMS = 0, 1, 13
URL = re.compile(r"https?://\S+")


class ClosingKind:
    """Ends the deck with an invitation."""

    name = "closing"
    footer = True

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return "closing"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, ClosingSlide)
        ctx.fill(slide, TITLE, "title", [Para(s.title)], floor=28)
        if ctx.fill(slide, SUBTITLE, "subtitle", [Para(s.subtitle)], floor=16):
            _link(placeholder(slide, SUBTITLE, "subtitle"), s.subtitle.strip())
        ctx.fill(slide, ITEMS, "items", [Para(str(item)) for item in s.items])


def _link(ph: SlidePlaceholder, text: str) -> None:
    """Make a subtitle that is a web address clickable: it usually is the project's URL."""
    if not URL.fullmatch(text):
        return
    for paragraph in ph.text_frame.paragraphs:
        for run in paragraph.runs:
            run.hyperlink.address = text
