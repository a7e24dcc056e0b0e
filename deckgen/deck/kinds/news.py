"""A `news` slide: by the deck stage, the text stage has made it a bullets slide."""

from __future__ import annotations

from pptx.slide import Slide

from deckgen.deck.kinds.base import RenderContext
from deckgen.deck.kinds.bullets import BulletsKind
from deckgen.errors import DeckError
from deckgen.outline.schema import BulletsSlide, NewsSlide, SlideSpec


class NewsKind:
    """Renders the bullets the text stage made of the release notes (`news_bullets`).

    A `NewsSlide` that reaches the deck unconverted shows its hand-written `items`.
    """

    name = "news"
    footer = True

    def __init__(self) -> None:
        self._bullets = BulletsKind()

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return self._bullets.layout(_as_bullets(spec), ctx)

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        self._bullets.render(slide, _as_bullets(spec), ctx)


def _as_bullets(spec: SlideSpec) -> SlideSpec:
    if isinstance(spec, NewsSlide):
        if not spec.items:
            raise DeckError("the news slide has no entries: its release notes were not read")
        return BulletsSlide(
            kind="bullets", id=spec.id, tags=spec.tags, title=spec.title, items=spec.items
        )
    return spec
