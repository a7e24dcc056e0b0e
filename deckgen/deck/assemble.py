"""Assemble the deck: one slide per outline slide, on the template's layouts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from deckgen.charts import ChartImage
from deckgen.deck.fonts import TextMeasure
from deckgen.deck.kinds import RenderContext, renderer
from deckgen.deck.package import open_template, remove_slides, stable_bytes, stamp
from deckgen.deck.placeholders import add_footer, drop_empty
from deckgen.deck.theme import Theme
from deckgen.errors import DeckError
from deckgen.outline.schema import SlideSpec


@dataclass(frozen=True)
class DeckSlide:
    """One slide to build: its outline position, its spec with texts rendered, and its chart."""

    number: int
    """1-based position in the outline (for messages; slides may have been dropped)."""
    spec: SlideSpec
    chart: ChartImage | None = None


def build_deck(
    slides: Sequence[DeckSlide],
    theme: Theme,
    *,
    footer: str,
    title: str,
    author: str,
    as_of: date,
) -> bytes:
    """Return the .pptx bytes of `slides` on `theme`; the same inputs give the same bytes."""
    prs = open_template(theme.path)
    remove_slides(prs)
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    layouts = MappingProxyType({role: by_name[name] for role, name in theme.layouts.items()})
    body, heading = TextMeasure(theme.body_font), TextMeasure(theme.heading_font)
    for position, item in enumerate(slides, start=1):
        ctx = RenderContext(theme, layouts, body, heading, item.chart)
        try:
            kind = renderer(item.spec.kind)
            slide = prs.slides.add_slide(layouts[kind.layout(item.spec, ctx)])
            kind.render(slide, item.spec, ctx)
        except DeckError as e:
            raise DeckError(f"{_describe(item)}: {e}") from e
        drop_empty(slide)
        if kind.footer:
            add_footer(slide, footer, position)
        if item.spec.notes and item.spec.notes.strip():
            slide.notes_slide.notes_text_frame.text = item.spec.notes.strip()
    stamp(prs, title=title, author=author, as_of=as_of)
    return stable_bytes(prs)


def _describe(item: DeckSlide) -> str:
    name = f" ({item.spec.id})" if item.spec.id else ""
    title = f" {item.spec.title!r}" if item.spec.title else ""
    return f"slide {item.number}{name}, {item.spec.kind}{title}"
