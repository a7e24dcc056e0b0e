"""Per-release chart kinds: what went into each release (`Release.commits`, ...)."""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.charts.data import Panel
from deckgen.charts.image import ChartImage
from deckgen.charts.paint import Sketch
from deckgen.charts.years import scope_of
from deckgen.metrics.model import Metrics, Release
from deckgen.plural import plural

NO_PERIOD_RELEASES = "No releases in the period"


@dataclass(frozen=True)
class CommitsByRelease:
    """Commits and contributors of each release since the one before it: the period's releases,
    or the last `releases.last` up to the period's end."""

    name: str = "commits_by_release"

    def shown(self, metrics: Metrics, scope: str) -> tuple[Release, ...]:
        """Return the releases the chart of `scope` shows (`all`: the project's)."""
        releases = (
            metrics.releases if scope == "all" else scope_of(metrics, scope, self.name).releases
        )
        return releases.last or releases.list

    def sketch(self, metrics: Metrics, scope: str, size_in: tuple[float, float]) -> Sketch:
        shown = self.shown(metrics, scope)
        if not shown:
            return Sketch.nothing(NO_PERIOD_RELEASES, size_in)
        names = tuple(r.name for r in shown)
        panels = (
            Panel("Commits", names, tuple(r.commits for r in shown), "dk2"),
            Panel("Contributors", names, tuple(r.contributors for r in shown), "accent1"),
        )
        parts = "; ".join(
            f"{r.name}: {plural(r.commits, 'commit')} by {plural(r.contributors, 'contributor')}"
            f", {r.new_contributors} new"
            for r in shown
        )
        alt = f"Bars of the commits and contributors of each release since the one before. {parts}."
        return Sketch(ChartImage(b"", size_in[0], size_in[1], alt), "panels", (panels,))
