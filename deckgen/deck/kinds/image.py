"""A picture from a file, fitted into the layout's picture area, with a caption."""

from __future__ import annotations

from pptx.slide import Slide

from deckgen.deck.fit import Para
from deckgen.deck.kinds.base import RenderContext, expect, lines
from deckgen.deck.kinds.chart import PICTURE, TITLE, box_above_caption
from deckgen.deck.pictures import add_picture, fit_box, read_picture
from deckgen.deck.placeholders import placeholder, remove_shape
from deckgen.outline.schema import ImageSlide, SlideSpec


class ImageKind:
    """The whole picture, centred in its area; alt text is `alt`, else the caption."""

    name = "image"
    footer = True

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return "image"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, ImageSlide)
        picture = read_picture(s.image, "image")
        ctx.fill(slide, TITLE, "title", [Para(s.title)], floor=24)
        area = placeholder(slide, PICTURE, "picture")
        caption = lines(s.caption)
        box = box_above_caption(slide, area, caption, ctx)
        alt = s.alt.strip() or " ".join(p.text for p in caption) or s.title
        fitted = fit_box(box, picture.aspect, centre=True)
        add_picture(slide, picture.data, fitted, f"Picture: {s.image.name}", alt)
        remove_shape(area)
