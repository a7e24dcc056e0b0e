"""The deck stage: lay the rendered slides, charts and notes out on a PowerPoint template."""

from __future__ import annotations

from deckgen.deck.assemble import DeckSlide, build_deck
from deckgen.deck.kinds import renderer
from deckgen.deck.tabledata import TableData, table_data
from deckgen.deck.theme import Theme, load_theme

__all__ = [
    "DeckSlide",
    "TableData",
    "Theme",
    "build_deck",
    "load_theme",
    "renderer",
    "table_data",
]
