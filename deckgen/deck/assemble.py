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
from deckgen.deck.slideparts import SlideParts, has_notes_master, kept, part_key, replay
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
    slide_keys: Sequence[str] | None = None,
) -> bytes:
    """Return the .pptx bytes of `slides` on `theme`; the same inputs give the same bytes.

    `logo` goes on the title slide, `hashtag` and `url` (the event's) on the closing slide.
    `cache_dir` (the user cache folder) keeps what is slow to make again, and changes no byte:
    with `slide_keys` (`deckgen.reuse.slide_keys` of `slides`), finished slides too
    (`deckgen.deck.slideparts`).
    """
    store = None
    if cache_dir is not None and slide_keys is not None:
        store = SlideParts(cache_dir / "slides")
    deck = _Deck(theme, footer, DeckExtras(logo, hashtag.strip(), url.strip()), cache_dir)
    try:
        prs = deck.assemble(slides, store, slide_keys)
    except _ReplayFailed:  # python-pptx numbered a kept slide's part otherwise: lay all out
        prs = _Deck(theme, footer, deck.extras, cache_dir).assemble(slides, None, None)
    stamp(prs, title=title, author=author, as_of=as_of)
    return stable_bytes(prs, as_of)


class _ReplayFailed(Exception):
    """A kept slide could not be added as it was laid out."""


class _Deck:
    """One deck being assembled on a template."""

    def __init__(self, theme: Theme, footer: str, extras: DeckExtras, cache: Path | None) -> None:
        self.theme, self.footer, self.extras = theme, footer, extras
        self.prs = open_template(theme.path)
        if not theme.keep_slides:
            remove_slides(self.prs)
        self.by_name = {layout.name: layout for layout in self.prs.slide_layouts}
        self.layouts = MappingProxyType(
            {role: self.by_name[name] for role, name in theme.layouts.items()}
        )
        self.cache = cache
        self._measures: tuple[TextMeasure, TextMeasure] | None = None

    def measures(self) -> tuple[TextMeasure, TextMeasure]:
        """Return the body and heading fonts' measures (read when a slide is laid out)."""
        if self._measures is None:
            self._measures = (
                TextMeasure(self.theme.body_font, self.cache),
                TextMeasure(self.theme.heading_font, self.cache),
            )
        return self._measures

    def assemble(
        self,
        slides: Sequence[DeckSlide],
        store: SlideParts | None,
        keys: Sequence[str] | None,
    ) -> PresentationObject:
        """Add every slide: kept ones from `store` (by `keys`), the others laid out (and kept)."""
        prs = self.prs
        if store is None or keys is None:
            for item in slides:
                self.lay_out(item)
            return prs
        for n, item in enumerate(slides):
            had_notes = has_notes_master(prs)
            key = part_key(keys[n], len(prs.slides) + 1, had_notes)
            found = store.find(key)
            if found is not None:
                try:
                    replay(found, self.bare_slide)
                except (ValueError, KeyError) as e:
                    store.entries.drop(key)
                    raise _ReplayFailed from e
                continue
            made = self.lay_out(item)
            if had_notes or not has_notes_master(prs):  # the notes master is not in an entry
                finished = kept(made)
                if finished is not None:
                    store.keep(key, finished)
        return prs

    def bare_slide(self, layout: str) -> Slide:
        """Add a slide on the layout named `layout` as `Slides.add_slide` does, without the
        copies of the layout's placeholders that a replay would replace at once."""
        slides = self.prs.slides
        rid, slide = slides.part.add_slide(self.by_name[layout])
        slides._sldIdLst.add_sldId(rid)
        added: Slide = slide
        return added

    def lay_out(self, item: DeckSlide) -> list[Slide]:
        """Add the deck slides of `item` (more than one when it continues); return them."""
        prs = self.prs
        made: list[Slide] = []
        new_slide = _adder(prs, self.layouts, made)
        body, heading = self.measures()
        ctx = RenderContext(
            self.theme, self.layouts, body, heading, item.chart, item.table, self.extras, new_slide
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
                add_footer(slide, self.footer, start + offset)
        if item.spec.notes and item.spec.notes.strip():  # before what the kind added
            notes = made[0].notes_slide.notes_text_frame
            assert notes is not None
            notes.text = "\n".join(part for part in (item.spec.notes.strip(), notes.text) if part)
        return made


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
