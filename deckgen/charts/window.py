"""The "this year against the same window of every year" chart kinds, one per headline metric.

They read `ScopeMetrics.context` (the metrics compute the windows; the chart never recounts):
a bar for each year's window, the period's year highlighted. `plot_yearly.window_bars` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from deckgen.charts.data import WindowBars
from deckgen.charts.image import ChartImage, NativeChart, NativeSeries
from deckgen.charts.paint import Sketch
from deckgen.charts.years import NO_COMMITS, scope_of
from deckgen.metrics.model import CONTEXT_METRICS, Metrics
from deckgen.text.story import ranked


def window_words(since: date, until: date) -> str:
    """Return the period's days without their year: '1 Jan–5 Oct' ('1 Jan' for one day)."""
    if (since.month, since.day) == (until.month, until.day):
        return f"{since.day} {since:%b}"
    return f"{since.day} {since:%b}–{until.day} {until:%b}"


@dataclass(frozen=True)
class SameWindow:
    """Bars of `metric` in the period's calendar window of every year of the scope."""

    metric: str
    nouns: str
    """What a bar counts, plural: 'new contributors'."""

    @property
    def name(self) -> str:
        return f"{self.metric}_same_window"

    def sketch(self, metrics: Metrics, scope: str, size_in: tuple[float, float]) -> Sketch:
        """Return the chart at `size_in` inches; `NO_COMMITS` for a scope with no history."""
        data = scope_of(metrics, scope, self.name)
        if data.context is None or not data.by_year:
            return Sketch.nothing(NO_COMMITS, size_in)
        context = data.context.of(self.metric)
        years = tuple(context.by_year)
        bars = WindowBars(
            years,
            tuple(context.by_year.values()),
            window_words(metrics.period.since, metrics.period.until),
            self.nouns,
        )
        alt = (
            f"Bars of {bars.noun} from {bars.window} of each year, {years[0]}–{years[-1]}; "
            f"{years[-1]}: {context.value:,}, {ranked(context)}."
        )
        values = tuple(map(float, bars.values))
        native = NativeChart(
            "bars",
            tuple(str(y) for y in years),
            (NativeSeries(f"{bars.noun.capitalize()}, {bars.window}", values, "accent1"),),
        )
        return Sketch(ChartImage(b"", size_in[0], size_in[1], alt, native), "window_bars", (bars,))


WINDOW_KINDS = tuple(
    SameWindow(metric, nouns)
    for metric, nouns in zip(
        CONTEXT_METRICS,
        ("commits", "contributors", "new contributors", "commits by new contributors", "releases"),
        strict=True,
    )
)
