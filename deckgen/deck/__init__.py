"""The deck stage: lay the rendered slides, charts and notes out on a PowerPoint template.

`build_deck` and `renderer` import python-pptx, so they are imported when first asked for: a
rebuild that finds its deck unchanged uses the plain data here (`DeckSlide`, `Theme`, tables)
and never imports python-pptx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from deckgen.deck.slides import DeckOptions, DeckSlide
from deckgen.deck.tabledata import TableData, table_data
from deckgen.deck.theme import Theme, load_theme

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

_LAZY = {"build_deck": "deckgen.deck.assemble", "renderer": "deckgen.deck.kinds"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
