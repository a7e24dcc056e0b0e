"""Per-year chart kinds of one series: bars (new contributors, releases, review credits) and the
contributors trend (two lines). Numbers and words here; `plot_yearly.py` draws them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from deckgen.charts.data import Bars, Trend
from deckgen.charts.image import ChartImage, NativeChart, NativeSeries
from deckgen.charts.paint import Sketch
from deckgen.charts.years import NO_COMMITS, partial_year, scope_of
from deckgen.metrics.model import REVIEW_TRAILERS, Metrics, Releases, ScopeMetrics
from deckgen.plural import plural

NO_RELEASES = "No releases yet"
"""What the releases chart of a scope without a release up to the period's end shows."""


def _years_of(scope: ScopeMetrics, as_of: date) -> tuple[int, ...]:
    """Return the years of `scope`'s series up to `as_of`'s year (the series is not empty)."""
    return tuple(range(min(scope.by_year), max(max(scope.by_year), as_of.year) + 1))


def _span(
    years: tuple[int, ...], values: tuple[int, ...], partial_year: int | None
) -> tuple[str, str, int]:
    """Return what alt text says of a series: its years ('2011–2026'), its last year ('2026 to
    date' while under way) and the index of its highest value (the latest of equal ones)."""
    first, last = years[0], years[-1]
    peak = max(range(len(years)), key=lambda i: (values[i], years[i]))
    return f"{first}–{last}", f"{last} to date" if partial_year == last else str(last), peak


def _bars_alt(bars: Bars, what: str) -> str:
    span, when, peak = _span(bars.years, bars.values, bars.partial_year)
    return (
        f"Bars of {what} per year, {span}; {when}: {plural(bars.values[-1], bars.noun)}; "
        f"the most, {bars.values[peak]:,}, in {bars.years[peak]}."
    )


def _sketch_bars(bars: Bars, what: str, size_in: tuple[float, float]) -> Sketch:
    native = NativeChart(
        "bars",
        tuple(bars.category(y) for y in bars.years),
        (NativeSeries(what[0].upper() + what[1:], tuple(map(float, bars.values)), bars.colour),),
    )
    image = ChartImage(b"", size_in[0], size_in[1], _bars_alt(bars, what), native)
    return Sketch(image, "bars", (bars,))


@dataclass(frozen=True)
class NewContributorsByYear:
    """Bars of the contributors whose first commit in the scope was in each year."""

    name: str = "new_contributors_by_year"

    def bars(self, scope: ScopeMetrics, as_of: date) -> Bars:
        years = _years_of(scope, as_of)
        values = tuple(scope.by_year[y].authors_new if y in scope.by_year else 0 for y in years)
        return Bars(years, values, partial_year(as_of), "new contributor", "accent1")

    def sketch(self, metrics: Metrics, scope: str, size_in: tuple[float, float]) -> Sketch:
        data = scope_of(metrics, scope, self.name)
        if not data.by_year:
            return Sketch.nothing(NO_COMMITS, size_in)
        return _sketch_bars(self.bars(data, metrics.as_of), "new contributors", size_in)


@dataclass(frozen=True)
class ReleasesByYear:
    """Bars of the releases per year since the first release (the last year may be partial)."""

    name: str = "releases_by_year"

    def releases(self, metrics: Metrics, scope: str) -> Releases:
        """Return the releases the chart of `scope` shows (`all`: the project's releases)."""
        return metrics.releases if scope == "all" else scope_of(metrics, scope, self.name).releases

    def bars(self, metrics: Metrics, scope: str) -> Bars:
        releases = self.releases(metrics, scope)
        period = metrics.period
        counts = Counter(releases.by_year) or Counter(r.date.year for r in releases.list)
        first = min(counts, default=period.since.year)
        years = tuple(range(min(first, period.since.year), period.until.year + 1))
        partial = period.until.year if period.until < date(period.until.year, 12, 31) else None
        values = tuple(counts.get(y, 0) for y in years)
        return Bars(years, values, partial, "release", "dk2")

    def sketch(self, metrics: Metrics, scope: str, size_in: tuple[float, float]) -> Sketch:
        releases = self.releases(metrics, scope)
        if not any(releases.by_year.values()) and not releases.list:
            return Sketch.nothing(NO_RELEASES, size_in)
        return _sketch_bars(self.bars(metrics, scope), "releases", size_in)


@dataclass(frozen=True)
class ContributorsTrend:
    """A line of contributors per year, and one of new contributors."""

    name: str = "contributors_trend"

    def trend(self, scope: ScopeMetrics, as_of: date) -> Trend:
        years = _years_of(scope, as_of)
        stats = [scope.by_year.get(y) for y in years]
        return Trend(
            years,
            tuple(s.authors if s else 0 for s in stats),
            tuple(s.authors_new if s else 0 for s in stats),
            partial_year(as_of),
        )

    def alt_text(self, t: Trend) -> str:
        span, when, peak = _span(t.years, t.contributors, t.partial_year)
        return (
            f"Lines of contributors and new contributors per year, {span}; {when}: "
            f"{plural(t.contributors[-1], 'contributor')}, {t.new[-1]:,} of them new; the most "
            f"contributors, {t.contributors[peak]:,}, in {t.years[peak]}."
        )

    def sketch(self, metrics: Metrics, scope: str, size_in: tuple[float, float]) -> Sketch:
        data = scope_of(metrics, scope, self.name)
        if not data.by_year:
            return Sketch.nothing(NO_COMMITS, size_in)
        trend = self.trend(data, metrics.as_of)
        categories = tuple(
            f"{y} so far" if y == trend.partial_year else str(y) for y in trend.years
        )
        native = NativeChart(
            "lines",
            categories,
            (
                NativeSeries("Contributors", tuple(map(float, trend.contributors)), "dk2"),
                NativeSeries("New contributors", tuple(map(float, trend.new)), "accent1"),
            ),
        )
        image = ChartImage(b"", size_in[0], size_in[1], self.alt_text(trend), native)
        return Sketch(image, "lines", (trend,))


NO_REVIEWS = "No review credits yet"
"""What the review credits chart shows when the scope has none (or the outline counts no
Reviewed-by or Acked-by trailer)."""


@dataclass(frozen=True)
class ReviewsByYear:
    """Bars of the review credits (Reviewed-by and Acked-by trailers, those the outline counts)
    per year: the work of reviewers a commit count leaves out."""

    name: str = "reviews_by_year"

    def bars(self, scope: ScopeMetrics, as_of: date) -> Bars:
        years = _years_of(scope, as_of)
        values = tuple(
            sum(
                n
                for kind, n in scope.credits_by_year.get(y, {}).items()
                if kind.lower() in REVIEW_TRAILERS
            )
            for y in years
        )
        return Bars(years, values, partial_year(as_of), "review credit", "accent2")

    def sketch(self, metrics: Metrics, scope: str, size_in: tuple[float, float]) -> Sketch:
        data = scope_of(metrics, scope, self.name)
        if not data.by_year:
            return Sketch.nothing(NO_COMMITS, size_in)
        bars = self.bars(data, metrics.as_of)
        if not any(bars.values):
            return Sketch.nothing(NO_REVIEWS, size_in)
        return _sketch_bars(bars, "review credits", size_in)
