"""The slide-kind registry: one renderer per kind of `deckgen.outline.schema.SLIDE_KINDS`."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from deckgen.deck.kinds.base import DeckExtras, RenderContext, SlideKind
from deckgen.deck.kinds.bullets import BulletsKind
from deckgen.deck.kinds.chart import ChartKind
from deckgen.deck.kinds.chart_bullets import ChartBulletsKind
from deckgen.deck.kinds.closing import ClosingKind
from deckgen.deck.kinds.image import ImageKind
from deckgen.deck.kinds.news import NewsKind
from deckgen.deck.kinds.quote import QuoteKind
from deckgen.deck.kinds.section import SectionKind
from deckgen.deck.kinds.stats import StatsKind
from deckgen.deck.kinds.table import TableKind
from deckgen.deck.kinds.title import TitleKind
from deckgen.errors import DeckError, did_you_mean

__all__ = ["SLIDE_RENDERERS", "DeckExtras", "RenderContext", "SlideKind", "renderer"]

SLIDE_RENDERERS: Mapping[str, SlideKind] = MappingProxyType(
    {
        kind.name: kind
        for kind in (
            TitleKind(),
            SectionKind(),
            BulletsKind(),
            StatsKind(),
            ChartKind(),
            ChartBulletsKind(),
            TableKind(),
            ImageKind(),
            QuoteKind(),
            NewsKind(),
            ClosingKind(),
        )
    }
)
"""Slide kind name → its renderer."""


def renderer(name: str) -> SlideKind:
    """Return the renderer of slide kind `name`; DeckError listing the known kinds."""
    kind = SLIDE_RENDERERS.get(name)
    if kind is None:
        valid = ", ".join(repr(k) for k in SLIDE_RENDERERS)
        hint = did_you_mean(name, SLIDE_RENDERERS)
        raise DeckError(f"unknown slide kind {name!r}, expected one of {valid}{hint}")
    return kind
