"""What the chart stage hands to the deck stage, and what it needs to know of the theme."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ChartImage:
    """A drawn chart: PNG bytes, the size it was drawn for, and its description for alt text."""

    png: bytes
    width_in: float
    height_in: float
    alt_text: str


class Palette(Protocol):
    """The part of a deck theme a chart reads; `deckgen.deck.Theme` is one.

    A protocol rather than an import keeps the stages pointing one way: charts come before the
    deck and never import python-pptx.
    """

    @property
    def colours(self) -> Mapping[str, str]:
        """Theme colour name (accent1..6, dk1, lt1, dk2, lt2) → "RRGGBB"."""
        ...

    @property
    def body_font(self) -> str: ...
