"""Assemble the deck: one slide (or more, when it continues) per outline slide."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from types import MappingProxyType

from pptx.presentation import Presentation as PresentationObject
from pptx.slide import Slide, SlideLayout

from deckgen.deck.fonts import TextMeasure
from deckgen.deck.kinds import DeckExtras, RenderContext, renderer
from deckgen.deck.package import open_template, remove_slides, stable_bytes, stamp
from deckgen.deck.placeholders import add_footer, drop_empty
from deckgen.deck.slides import DeckOptions, DeckSlide
from deckgen.deck.theme import Theme
from deckgen.errors import DeckError

__all__ = ["DeckOptions", "DeckSlide", "build_deck"]


def build_deck(
    slides: Sequence[DeckSlide],
    theme: Theme,
    *,
    footer: str,
    title: str,
    author: str,
    as_of: date,
    logo: Path | None = None,
    hashtag: str = "",
    url: str = "",
    cache_dir: Path | None = None,
) -> bytes:
    """Return the .pptx bytes of `slides` on `theme`; the same inputs give the same bytes.

    `logo` goes on the title slide, `hashtag` and `url` (the event's) on the closing slide.
    `cache_dir` (the user cache folder) keeps what is slow to make again, and changes no byte.
    """
    prs = open_template(theme.path)
    if not theme.keep_slides:
        remove_slides(prs)
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    layouts = MappingProxyType({role: by_name[name] for role, name in theme.layouts.items()})
    body = TextMeasure(theme.body_font, cache_dir)
    heading = TextMeasure(theme.heading_font, cache_dir)
    extras = DeckExtras(logo, hashtag.strip(), url.strip())
    for item in slides:
        made: list[Slide] = []
        new_slide = _adder(prs, layouts, made)
        ctx = RenderContext(
            theme, layouts, body, heading, item.chart, item.table, extras, new_slide
        )
        try:
            kind = renderer(item.spec.kind)
            first = new_slide(kind.layout(item.spec, ctx))
            kind.render(first, item.spec, ctx)
        except DeckError as e:
            raise DeckError(f"{_describe(item)}: {e}", slide=item.number) from e
        start = len(prs.slides) - len(made)
        for offset, slide in enumerate(made, start=1):
            drop_empty(slide)
            if kind.footer:
                add_footer(slide, footer, start + offset)
        if item.spec.notes and item.spec.notes.strip():  # before what the kind added
            notes = made[0].notes_slide.notes_text_frame
            assert notes is not None
            notes.text = "\n".join(part for part in (item.spec.notes.strip(), notes.text) if part)
    stamp(prs, title=title, author=author, as_of=as_of)
    return stable_bytes(prs, as_of)


def _adder(
    prs: PresentationObject, layouts: Mapping[str, SlideLayout], made: list[Slide]
) -> Callable[[str], Slide]:
    """Return a function that adds a slide on a role's layout and records it in `made`."""

    def new_slide(role: str) -> Slide:
        slide: Slide = prs.slides.add_slide(layouts[role])
        made.append(slide)
        return slide

    return new_slide


def _describe(item: DeckSlide) -> str:
    name = f" ({item.spec.id})" if item.spec.id else ""
    title = f" {item.spec.title!r}" if item.spec.title else ""
    return f"slide {item.number}{name}, {item.spec.kind}{title}"
