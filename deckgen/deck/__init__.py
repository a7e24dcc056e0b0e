"""The deck stage: lay the rendered slides, charts and notes out on a PowerPoint template.

`build_deck` and `renderer` import python-pptx, so they are imported when first asked for: a
rebuild that finds its deck unchanged uses the plain data here (`DeckSlide`, `Theme`, tables)
and never imports python-pptx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.deck.slides import DeckOptions, DeckSlide
from deckgen.deck.tabledata import TableData, table_data
from deckgen.deck.theme import Theme, load_theme
from deckgen.lazy import lazy_names

if TYPE_CHECKING:
    from deckgen.deck.assemble import build_deck
    from deckgen.deck.kinds import renderer

__all__ = [
    "DeckOptions",
    "DeckSlide",
    "TableData",
    "Theme",
    "build_deck",
    "load_theme",
    "renderer",
    "table_data",
]

__getattr__ = lazy_names(__name__, {"build_deck": "assemble", "renderer": "kinds"})
