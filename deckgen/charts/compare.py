"""Chart kinds that compare parts of the project in the period: groups, organisations,
components.

Numbers and words here; `plot_compare.py` draws them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from deckgen.charts.data import Panel
from deckgen.charts.image import ChartImage
from deckgen.charts.paint import Sketch
from deckgen.charts.years import scope_of
from deckgen.errors import RenderError
from deckgen.metrics.model import Metrics, Period, ranked_components
from deckgen.plural import plural

NO_PERIOD_COMMITS = "No commits in the period"
"""What a chart of the period shows when its scopes have no commit in it."""

TOP_ORGANISATIONS = 8
"""Organisations shown by name; the rest are summed as "Others"."""


def period_words(period: Period) -> str:
    """Return the period as words: '1 January – 30 June 2026'."""
    since, until = period.since, period.until
    start = f"{since.day} {since:%B}" + ("" if since.year == until.year else f" {since.year}")
    return f"{start} – {until.day} {until:%B %Y}"


@dataclass(frozen=True)
class GroupsCompare:
    """Per group, side by side: commits and contributors in the period."""

    name: str = "groups_compare"

    def panels(self, metrics: Metrics) -> tuple[Panel, Panel]:
        if not metrics.groups:
            raise RenderError(f"chart {self.name!r}: the outline has no groups to compare")
        names = tuple(metrics.groups)
        return (
            Panel("Commits", names, tuple(s.commits for s in metrics.groups.values()), "dk2"),
            Panel(
                "Contributors",
                names,
                tuple(s.contributors for s in metrics.groups.values()),
                "accent1",
            ),
        )

    def sketch(self, metrics: Metrics, scope: str, size_in: tuple[float, float]) -> Sketch:
        """Return the chart; `scope` is not read: every group is shown."""
        panels = self.panels(metrics)
        if not any(panels[0].values):
            return Sketch.nothing(NO_PERIOD_COMMITS, size_in)
        parts = "; ".join(
            f"{name}: {plural(s.commits, 'commit')} by {plural(s.contributors, 'contributor')}"
            for name, s in metrics.groups.items()
        )
        alt = f"Bars comparing the groups, {period_words(metrics.period)}. {parts}."
        return Sketch(ChartImage(b"", size_in[0], size_in[1], alt), "panels", (panels,))


def organisation_commits(organisations: Mapping[str, Any]) -> dict[str, int]:
    """Return organisation → commits, from per-organisation stats or plain counts."""
    out = {}
    for name, stats in organisations.items():
        value = stats if isinstance(stats, int | float) else getattr(stats, "commits", 0)
        out[str(name)] = int(value)
    return out


@dataclass(frozen=True)
class OrgsShare:
    """Commits per organisation in the period, largest first, as shares of the total."""

    name: str = "orgs_share"

    def panel(self, metrics: Metrics, scope: str) -> Panel:
        data = scope_of(metrics, scope, self.name)
        commits = organisation_commits(getattr(data, "organisations", None) or {})
        if not commits or not sum(commits.values()):
            raise RenderError(
                f"chart {self.name!r}: no affiliations configured: add identity.affiliations"
            )
        ranked = sorted(commits.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        shown, rest = ranked[:TOP_ORGANISATIONS], ranked[TOP_ORGANISATIONS:]
        if rest:
            shown.append((f"Others ({len(rest)})", sum(v for _k, v in rest)))
        labels, values = zip(*shown, strict=True)
        return Panel("Commits", tuple(labels), tuple(values), "accent1", shares=True)

    def sketch(self, metrics: Metrics, scope: str, size_in: tuple[float, float]) -> Sketch:
        if not scope_of(metrics, scope, self.name).commits:  # no organisation can have any
            return Sketch.nothing(NO_PERIOD_COMMITS, size_in)
        panel = self.panel(metrics, scope)
        total = sum(panel.values)
        parts = ", ".join(
            f"{label} {value / total:.0%} ({value:,})"
            for label, value in zip(panel.labels, panel.values, strict=True)
        )
        alt = f"Bars of commits per organisation, {period_words(metrics.period)}: {parts}"
        elephant = getattr(scope_of(metrics, scope, self.name), "elephant_factor", None)
        if isinstance(elephant, int):
            alt += f"; elephant factor {elephant}"
        image = ChartImage(b"", size_in[0], size_in[1], alt + ".")
        return Sketch(image, "panels", ((panel,),))


@dataclass(frozen=True)
class ComponentsCompare:
    """Per component of the scope, side by side: commits and authors in the period."""

    name: str = "components"

    def sketch(self, metrics: Metrics, scope: str, size_in: tuple[float, float]) -> Sketch:
        data = scope_of(metrics, scope, self.name)
        if data.components is None:
            raise RenderError(
                f"chart {self.name!r}: no components: add `components` to the outline "
                "(`deckgen help outline`)"
            )
        ranked = ranked_components(data.components)
        if not any(stats.commits for _, stats in ranked):
            return Sketch.nothing(NO_PERIOD_COMMITS, size_in)
        names = tuple(name for name, _ in ranked)
        panels = (
            Panel("Commits", names, tuple(s.commits for _, s in ranked), "dk2"),
            Panel("Authors", names, tuple(s.authors for _, s in ranked), "accent1"),
        )
        parts = "; ".join(
            f"{name}: {plural(s.commits, 'commit')} by {plural(s.authors, 'author')}"
            for name, s in ranked
        )
        alt = f"Bars comparing the components, {period_words(metrics.period)}. {parts}."
        return Sketch(ChartImage(b"", size_in[0], size_in[1], alt), "panels", (panels,))
