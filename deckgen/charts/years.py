"""Per-year chart kinds: stacked bars of an "old" and a "new" series from `ScopeMetrics.by_year`.

This module prepares the numbers and the words (alt text); `plot.py` draws them. It imports no
matplotlib, so the registry can be read without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from deckgen.charts.data import YearSeries
from deckgen.charts.image import ChartImage, NativeChart, NativeSeries
from deckgen.charts.paint import Sketch
from deckgen.errors import RenderError
from deckgen.metrics.model import Metrics, ScopeMetrics
from deckgen.metrics.period import projection
from deckgen.plural import plural, plural_of


class ChartKind(Protocol):
    """What every registered chart kind offers: a name and a way to draw itself.

    A kind receives all the metrics and the name of the scope its slide asks for: most read
    that one scope, some (such as `groups_compare`) read several.
    """

    @property
    def name(self) -> str: ...

    def sketch(self, metrics: Metrics, scope: str, size_in: tuple[float, float]) -> Sketch:
        """Return the chart of `scope` at `size_in` inches, all but its pixels."""
        ...


def scope_of(metrics: Metrics, name: str, chart: str) -> ScopeMetrics:
    """Return the scope `name` of `metrics`; RenderError naming `chart` when it is unknown."""
    try:
        return metrics.scope(name)
    except KeyError:
        valid = ", ".join(
            repr(n) for n in ["all", *metrics.groups, *(f"repo:{r}" for r in metrics.repos)]
        )
        raise RenderError(
            f"chart {chart!r}: unknown scope {name!r}, expected one of {valid}"
        ) from None


NO_COMMITS = "No commits yet"
"""What a per-year chart of a scope without a commit up to the as-of date shows."""


def partial_year(as_of: date) -> int | None:
    """Return `as_of`'s year when it is not over yet on `as_of`."""
    return as_of.year if as_of < date(as_of.year, 12, 31) else None


@dataclass(frozen=True)
class StackedYears:
    """Stacked bars per year: `old_field` at the bottom, `new_field` on top."""

    name: str
    noun: str
    """What the bars count, singular: 'commit'."""
    old_field: str
    new_field: str
    old_label: str
    new_label: str
    project: bool
    """Draw the partial year's projection; right for counts that grow with time (commits),
    wrong for distinct counts (authors), which do not scale with the days elapsed."""

    def series(self, scope: ScopeMetrics, as_of: date) -> YearSeries:
        """Return the bars for `scope` up to `as_of`'s year; ValueError when there are none."""
        if not scope.by_year:
            raise ValueError(f"scope {scope.name!r} has no per-year series")
        first = min(scope.by_year)
        last = max(max(scope.by_year), as_of.year)
        years = tuple(range(first, last + 1))
        old, new = [], []
        for year in years:
            stats = scope.by_year.get(year)
            old.append(int(getattr(stats, self.old_field)) if stats else 0)
            new.append(int(getattr(stats, self.new_field)) if stats else 0)
        year_end = date(as_of.year, 12, 31)
        partial = as_of.year if as_of < year_end and as_of.year in years else None
        projected = None
        if partial is not None and self.project:
            total = old[-1] + new[-1] if years[-1] == partial else 0
            projected = projection(total, date(as_of.year, 1, 1), as_of)
        return YearSeries(years, tuple(old), tuple(new), partial, projected)

    def alt_text(self, series: YearSeries) -> str:
        """Describe the chart in words, for the picture's alt text."""
        first, last = series.years[0], series.years[-1]
        old, new = series.old[-1], series.new[-1]
        when = f"in {last} to date" if series.partial_year == last else f"in {last}"
        text = (
            f"Stacked bars of {plural_of(self.noun)} per year, {self.old_label.lower()} and "
            f"{self.new_label.lower()}, {first}–{last}; {when}, {plural(old + new, self.noun)}, "
            f"{new:,} from {self.new_label.lower()}"
        )
        if series.projected is not None:
            text += f", projected {series.projected:,} for the full year"
        return text + "."

    def sketch(self, metrics: Metrics, scope: str, size_in: tuple[float, float]) -> Sketch:
        """Return the chart at `size_in` inches, drawn by `plot.stacked_bars`.

        The period is not read: per-year bars run from the first year of the series to the
        as-of year. A scope without a commit up to then shows `NO_COMMITS` instead.
        """
        data = scope_of(metrics, scope, self.name)
        if not data.by_year:
            return Sketch.nothing(NO_COMMITS, size_in)
        series = self.series(data, metrics.as_of)
        image = ChartImage(b"", size_in[0], size_in[1], self.alt_text(series), self.native(series))
        return Sketch(image, "stacked_bars", (series, self.old_label, self.new_label))

    def native(self, series: YearSeries) -> NativeChart:
        """Return the numbers of the chart for an editable PowerPoint chart."""
        return NativeChart(
            "stacked_bars",
            tuple(str(y) if y != series.partial_year else f"{y} so far" for y in series.years),
            (
                NativeSeries(self.old_label, tuple(map(float, series.old)), "dk2"),
                NativeSeries(self.new_label, tuple(map(float, series.new)), "accent1"),
            ),
        )
