"""What every slide kind shares: the render context and the kind protocol."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.slide import Slide, SlideLayout
from pptx.text.text import Font

from deckgen.charts import ChartImage
from deckgen.deck.fit import FLOOR_PT, Fitted, Para, set_text
from deckgen.deck.fonts import TextMeasure
from deckgen.deck.placeholders import find_placeholder, placeholder
from deckgen.deck.styles import text_box
from deckgen.deck.tabledata import TableData
from deckgen.deck.theme import Theme
from deckgen.errors import DeckError
from deckgen.outline.schema import SlideSpec

S = TypeVar("S", bound=SlideSpec)


@dataclass(frozen=True)
class DeckExtras:
    """What the outline says about the whole deck that some slides show."""

    logo: Path | None = None
    """Picture for the title slide."""
    hashtag: str = ""
    """The event's hashtag, for the closing slide."""
    url: str = ""
    """The event's or project's address, for the closing slide."""


def _no_more_slides(role: str) -> Slide:
    raise DeckError("this slide cannot continue on another slide")


@dataclass(frozen=True)
class RenderContext:
    """What a slide kind may use besides its spec: theme, fonts, layouts, its chart or table."""

    theme: Theme
    layouts: Mapping[str, SlideLayout]
    """Layout role → the template's layout."""
    body: TextMeasure
    heading: TextMeasure
    chart: ChartImage | None = None
    table: TableData | None = None
    extras: DeckExtras = field(default_factory=DeckExtras)
    new_slide: Callable[[str], Slide] = _no_more_slides
    """Add a continuation slide on the layout of a role, right after the current one."""

    def has(self, slide: Slide, idx: int) -> bool:
        """Return whether `slide` has placeholder `idx` (optional ones have fallbacks)."""
        return find_placeholder(slide, idx) is not None

    def fill(
        self,
        slide: Slide,
        idx: int,
        role: str,
        paras: Sequence[Para],
        floor: float = FLOOR_PT,
    ) -> Fitted | None:
        """Set `paras` in placeholder `idx` at the largest size that fits; skip when empty."""
        if not any(p.text.strip() for p in paras):
            return None
        ph = placeholder(slide, idx, role)
        measure = self.heading if text_box(ph, slide.slide_layout).heading else self.body
        return set_text(ph, paras, measure, what=role, floor=floor)


class SlideKind(Protocol):
    """A slide kind: its name (a key of `schema.SLIDE_KINDS`), layout choice and renderer."""

    @property
    def name(self) -> str: ...

    @property
    def footer(self) -> bool:
        """Whether the slide shows the footer and its number (all but the title slide)."""
        ...

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        """Return the layout role to build the slide on."""
        ...

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        """Fill `slide`, built on the layout `layout` chose, from `spec`."""
        ...


def expect(spec: SlideSpec, schema: type[S]) -> S:
    """Return `spec` as a `schema`; DeckError when a kind was handed another kind's spec."""
    if not isinstance(spec, schema):
        raise DeckError(f"expected a {schema.__name__}, got a {type(spec).__name__}")
    return spec


def lines(text: str) -> list[Para]:
    """Return one top-level paragraph per line of `text`."""
    return [Para(line) for line in text.splitlines() if line.strip()]


def continued(title: str) -> str:
    """Return the title of a continuation slide."""
    return f"{title} (continued)" if title.strip() else ""


def muted(font: Font) -> None:
    """Colour `font` as secondary text: the theme's text colour, lightened."""
    font.color.theme_color = MSO_THEME_COLOR.TEXT_1
    font.color.brightness = 0.35


def add_notes(slide: Slide, text: str) -> None:
    """Add `text` to the speaker notes of `slide`, after what they hold (one paragraph a line)."""
    frame = slide.notes_slide.notes_text_frame
    assert frame is not None
    frame.text = "\n".join(part for part in (frame.text, text) if part)
