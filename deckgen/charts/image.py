"""What the chart stage hands to the deck stage, and what it needs to know of the theme."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, Protocol


@dataclass(frozen=True)
class NativeSeries:
    """One series of an editable chart: its name, values and theme colour slot."""

    name: str
    values: tuple[float | None, ...]
    colour: str
    """Theme colour slot: dk1, dk2, accent1..6."""


@dataclass(frozen=True)
class NativeChart:
    """The numbers behind a chart, for an editable PowerPoint chart (`native: true`)."""

    style: Literal["stacked_bars", "bars", "lines"]
    categories: tuple[str, ...]
    series: tuple[NativeSeries, ...]


@dataclass(frozen=True)
class ChartImage:
    """A drawn chart: PNG bytes, the size it was drawn for, its description for alt text, and
    its numbers for a native chart where the kind has one."""

    png: bytes
    width_in: float
    height_in: float
    alt_text: str
    native: NativeChart | None = None
    empty: str | None = None
    """What the slide shows instead of a chart when there is nothing to draw ("No commits
    yet"); `png` is then empty. An empty scope is a state to show, not an error."""

    @classmethod
    def nothing(cls, message: str, size_in: tuple[float, float]) -> ChartImage:
        """Return the chart of a scope with nothing to draw: `message` in the chart's place."""
        return cls(b"", size_in[0], size_in[1], f"No chart: {message.lower()}.", empty=message)


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
