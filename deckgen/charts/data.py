"""The data a chart is drawn from: frozen values that the chart kinds (`years.py`, `yearly.py`,
`compare.py`) compute and the drawing modules (`plot*.py`) draw. A leaf: kinds and drawing depend
on it, never on each other, and the chart cache keys on these values.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class YearSeries:
    """The bars of one chart, one entry per year, gaps filled with zeros."""

    years: tuple[int, ...]
    old: tuple[int, ...]
    new: tuple[int, ...]
    partial_year: int | None
    """`as_of`'s year when it is not over yet (and is in the series)."""
    projected: int | None
    """The partial year's full-year total if the current rate continues (None: not projected)."""

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(o + n for o, n in zip(self.old, self.new, strict=True))


@dataclass(frozen=True)
class Bars:
    """One bar per year; the partial year's bar is drawn hatched."""

    years: tuple[int, ...]
    values: tuple[int, ...]
    partial_year: int | None
    noun: str
    """What one bar counts, singular: 'release'."""
    colour: str
    """Theme colour slot of the bars."""

    def category(self, year: int) -> str:
        return f"{year} so far" if year == self.partial_year else str(year)


@dataclass(frozen=True)
class Trend:
    """Contributors per year and, as a second line, the new contributors among them."""

    years: tuple[int, ...]
    contributors: tuple[int, ...]
    new: tuple[int, ...]
    partial_year: int | None


@dataclass(frozen=True)
class Panel:
    """One panel of horizontal bars: a heading, the bar labels and values, a colour slot."""

    heading: str
    labels: tuple[str, ...]
    values: tuple[int, ...]
    colour: str
    shares: bool = False
    """Label each bar with its share of the total as well as its value."""


@dataclass(frozen=True)
class WindowBars:
    """The period's value and the same calendar window's in every earlier year: one bar each,
    the period's year highlighted."""

    years: tuple[int, ...]
    values: tuple[int, ...]
    window: str
    """The window in words, e.g. '1 Jan–5 Oct'."""
    noun: str
    """What one bar counts, plural: 'new contributors'."""
