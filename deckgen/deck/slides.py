"""What the deck stage is given: the slides with their charts and tables, and the deck's options.

Plain data without python-pptx, so that a rebuild can digest it (`deckgen.reuse`) and find the
deck unchanged without importing python-pptx at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypedDict

from deckgen.charts import ChartImage
from deckgen.deck.tabledata import TableData
from deckgen.outline.schema import SlideSpec


@dataclass(frozen=True)
class DeckSlide:
    """One slide to build: its outline position, its spec with texts rendered, its chart or
    table."""

    number: int
    """1-based position in the outline (for messages; slides may have been dropped)."""
    spec: SlideSpec
    chart: ChartImage | None = None
    table: TableData | None = None
    """The cells of a `table` slide (`deckgen.deck.table_data`)."""


class DeckOptions(TypedDict):
    """What a deck carries besides its slides and theme (the keywords of `build_deck`)."""

    footer: str
    title: str
    author: str
    as_of: date
    logo: Path | None
    hashtag: str
    url: str
