"""Compute every metric of every scope: the whole set, each group, each repository."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from deckgen.history import History, RepoHistory
from deckgen.metrics.affiliation import EmailMap, elephant_factor, email_map, organisations
from deckgen.metrics.changes import (
    RepoChanges,
    ScopeChanges,
    period_rows,
    repo_changes,
    scope_changes,
)
from deckgen.metrics.context import scope_context
from deckgen.metrics.counts import WindowCounts, by_year, count_windows
from deckgen.metrics.credits import credit_stats, credits_by_year, reviewed_share
from deckgen.metrics.identity import People, resolve_people
from deckgen.metrics.model import Metrics, Period, PeriodCounts, Releases, ScopeMetrics
from deckgen.metrics.period import bounds, previous, projection
from deckgen.metrics.ranges import (
    RepoReach,
    RepoReleases,
    Span,
    count_range,
    release_counts,
    release_stats,
    with_flags,
)
from deckgen.metrics.releases import count_in, predecessors, release_metrics
from deckgen.metrics.scope import (
    IN,
    RepoColumns,
    ScopeView,
    families,
    repo_columns,
    scope_flags,
    scope_view,
)
from deckgen.metrics.steps import STEPS_PER_SCOPE, metrics_steps
from deckgen.metrics.stray import find_strays
from deckgen.outline.schema import Outline

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def compute_metrics(
    outline: Outline,
    history: History,
    period: Period,
    as_of: date,
    progress: Callable[[int, int], None] | None = None,
) -> Metrics:
    """Return the metrics of the whole set, each group and each repository for `period`.

    `progress` is told how many steps are done and how many there are (`metrics_steps`), after
    each one. The repositories are counted first, then the groups, then the whole set.
    """
    emails = email_map(outline.identity.affiliations)
    total, done = metrics_steps(outline, history), 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    strays = {name: found.rows for name, found in find_strays(history, as_of).items()}
    people = resolve_people(outline.identity, history, outline.bot_patterns)
    span = None
    if history.range is not None:
        start, end = bounds(period)
        span = Span(history.range.old, history.range.new, start, end)
    calc = _ScopeCounter(
        people,
        period,
        emails,
        step,
        strays,
        outline.by_year.since,
        tuple(outline.identity.credit_trailers),
        span=span,
        last=outline.releases.last,
    )
    if outline.changes is not None:
        calc.changes = _ChangesCounter(bool(_has_components(outline)), outline.lines)
    scopes = [
        *((f"repo:{repo.name}", repo.name, (repo,)) for repo in history),
        *((group, group, history.group(group)) for group in outline.repos),
        ("all", "all", history.repos),
    ]
    counted = {key: calc.scope(name, repos) for key, name, repos in scopes}
    groups = {group: counted[group] for group in outline.repos}
    return Metrics(
        as_of=as_of,
        period=period,
        all=counted["all"],
        groups=groups,
        repos={repo.name: counted[f"repo:{repo.name}"] for repo in history},
        releases=groups[outline.release_group].releases,
    )


def projected(count: int, period: Period) -> int | None:
    """Return `count` scaled from the period's days to 31 December (None: too few days)."""
    return projection(count, period.since, period.until)


class _ScopeCounter:
    """Counts each set of repositories once (a one-repository group shares its repository's)."""

    def __init__(
        self,
        people: People,
        period: Period,
        emails: EmailMap | None = None,
        step: Callable[[], None] = lambda: None,
        strays: Mapping[str, frozenset[int]] | None = None,
        since_year: int | None = None,
        credit_kinds: tuple[str, ...] = (),
        *,
        span: Span | None = None,
        last: int | None = None,
    ) -> None:
        self.people = people
        self.period = period
        self.emails = emails
        self.step = step
        """Called after each of a scope's `STEPS_PER_SCOPE` steps."""
        self.strays = strays or {}
        """Repository name → rows of its commits with a wrong clock: left out of every count."""
        self.since_year = since_year
        """The first year of the per-year series (`by_year.since`); None: the first commit's."""
        self.credit_kinds = credit_kinds
        """The outline's `credit_trailers`: the kinds of credit counted, in its order."""
        self.previous = previous(period)
        self._columns: dict[str, RepoColumns] = {}
        """Each repository's columns, made once and shared by every scope holding it."""
        self._metrics: dict[tuple[str, ...], ScopeMetrics] = {}
        self.span = span
        """`period.range`, counted instead of the period's days; None: the days."""
        self.last = last
        """`releases.last`: the last releases counted, beside the period's."""
        self._reach: dict[str, RepoReach] = {}
        """Each repository's marks, as the rows they reach."""
        self._flagged: dict[tuple[str, Span], RepoColumns] = {}
        """A repository's columns with the bits of a span: shared by the scopes holding it."""
        self._releases: dict[str, RepoReleases] = {}
        """Each repository's rows keyed for counting its releases."""
        self._separate: dict[tuple[str, ...], bool] = {}
        """Whether no two repositories of a scope (by their names) share commits."""
        self.changes: _ChangesCounter | None = None
        """Set when the outline uses components or lines."""

    def view(
        self, repos: Sequence[RepoHistory], selected: Mapping[str, npt.NDArray[np.bool_]]
    ) -> ScopeView:
        """Return the view of `repos` with the period's commits (`selected`) marked: not kept,
        as a view of many commits is large."""
        self.columns(repos)
        return scope_view(repos, self._columns, len(self.people.names), selected)

    def columns(self, repos: Sequence[RepoHistory]) -> None:
        """Make the columns of each of `repos` not made yet."""
        for repo in repos:
            if repo.name not in self._columns:
                rules = None
                if self.emails is not None:
                    rules = self.emails.of_identities(repo.identities)
                skip = self.strays.get(repo.name, frozenset())
                self._columns[repo.name] = repo_columns(repo, self.people, rules, skip)

    def span_counts(self, repos: Sequence[RepoHistory], span: Span) -> WindowCounts:
        """Return the counts of `span` over `repos`."""
        return count_range(*scope_flags(repos, self.flagged(repos, span)), len(self.people.names))

    def flagged(self, repos: Sequence[RepoHistory], span: Span) -> dict[str, RepoColumns]:
        """Return the columns of each of `repos` with the bits of `span`, made once each."""
        self.columns(repos)
        flagged = {}
        for repo in repos:
            key = (repo.name, span)
            if key not in self._flagged:
                persons = len(self.people.names)
                self._flagged[key] = with_flags(self.reach(repo), span, persons)
            flagged[repo.name] = self._flagged[key]
        return flagged

    def reach(self, repo: RepoHistory) -> RepoReach:
        if repo.name not in self._reach:
            self._reach[repo.name] = RepoReach(repo, self._columns[repo.name])
        return self._reach[repo.name]

    def selected(self, repos: Sequence[RepoHistory]) -> dict[str, npt.NDArray[np.bool_]]:
        """Return the rows of the period in each of `repos`: the range's (`IN`, as `commits`
        counts them) under `period.range`, else those authored in its days. The one place the
        period's commits are chosen: the view (credits, organisations) and the components
        read these."""
        self.columns(repos)
        if self.span is None:
            return {r.name: period_rows(self._columns[r.name], self.period) for r in repos}
        found = {}
        for name, cols in self.flagged(repos, self.span).items():
            assert cols.flags is not None  # with_flags sets them
            found[name] = (cols.flags & IN) != 0
        return found

    def release_counts(self, repos: Sequence[RepoHistory], span: Span) -> WindowCounts:
        """Return the counts of a release's `span` over `repos`: from the few rows of the
        release (`ranges.release_counts`) when no two of them share commits and their chains
        of releases are linear, otherwise by `span_counts`."""
        self.columns(repos)
        key = tuple(r.name for r in repos)
        if key not in self._separate:
            self._separate[key] = all(len(family) == 1 for family in families(repos))
        if self._separate[key]:
            parts = []
            for repo in repos:
                if repo.name not in self._releases:
                    persons = len(self.people.names)
                    self._releases[repo.name] = RepoReleases(self.reach(repo), persons)
                parts.append(self._releases[repo.name])
            counts = release_counts(parts, span)
            if counts is not None:
                return counts
        return self.span_counts(repos, span)

    def releases(self, view: ScopeView, repos: Sequence[RepoHistory]) -> Releases:
        """Return the releases of the scope, each with the counts of its range."""
        found = release_metrics(view.releases, self.period, self.since_year, self.last)
        before = predecessors(repos, view.releases)

        def count(span: Span) -> WindowCounts:
            return self.release_counts(repos, span)

        return replace(
            found,
            list=tuple(release_stats(r, before[r.name], count) for r in found.list),
            last=tuple(release_stats(r, before[r.name], count) for r in found.last),
        )

    def scope(self, name: str, repos: Sequence[RepoHistory]) -> ScopeMetrics:
        """Return the metrics of the scope `name` made of `repos`.

        Scopes of the same repositories (`all` and a lone group of one repository, say) have the
        same numbers: they are counted once.
        """
        key = tuple(r.name for r in repos)
        if key in self._metrics:
            for _ in range(STEPS_PER_SCOPE):
                self.step()
            return replace(self._metrics[key], name=name)
        self._metrics[key] = self._count(name, repos)
        return self._metrics[key]

    def _count(self, name: str, repos: Sequence[RepoHistory]) -> ScopeMetrics:
        selected = self.selected(repos)
        view = self.view(repos, selected)
        self.step()
        now, before = count_windows(view, (self.period, self.previous))
        if self.span is not None:
            now = self.span_counts(repos, self.span)
        self.step()
        series = by_year(view, self.period.until, self.since_year)
        names = sorted((self.people.names[p] for p in now.new_contributors), key=_name_order)
        orgs = {}
        if self.emails is not None and view.orgs is not None:
            orgs = organisations(view.people, view.orgs, self.emails.organisations, view.inside)
        kinds = self.credit_kinds
        org_names = self.emails.organisations if self.emails is not None else None
        found = None
        if self.changes is not None:
            found = self.changes.scope(repos, self._columns, selected, self.people.names)
        self.step()
        return ScopeMetrics(
            name=name,
            commits=now.commits,
            contributors=now.contributors,
            new_contributors=len(now.new_contributors),
            commits_by_new=now.commits_by_new,
            commits_by_new_to_repo=now.commits_by_new_to_repo,
            bot_commits=now.bot_commits,
            projected_commits=projected(now.commits, self.period),
            releases=self.releases(view, repos),
            previous=self._previous(before, view),
            by_year=series,
            new_contributor_names=tuple(names),
            first_year=min(series) if series else None,
            organisations=orgs,
            elephant_factor=elephant_factor(orgs) if self.emails is not None else None,
            authors=now.authors,
            credits=credit_stats(view, kinds, self.people.names, org_names),
            reviewed_share=reviewed_share(view, kinds),
            credits_by_year=credits_by_year(view, kinds, sorted(series), self.period.until),
            context=scope_context(view, self.period, self.since_year),
            components=None if found is None else found.components,
            lines=None if found is None else found.lines,
        )

    def _previous(self, counts: WindowCounts, view: ScopeView) -> PeriodCounts:
        return PeriodCounts(
            since=self.previous.since,
            until=self.previous.until,
            commits=counts.commits,
            contributors=counts.contributors,
            new_contributors=len(counts.new_contributors),
            commits_by_new=counts.commits_by_new,
            commits_by_new_to_repo=counts.commits_by_new_to_repo,
            bot_commits=counts.bot_commits,
            releases=count_in(view.releases, self.previous),
        )


def _has_components(outline: Outline) -> bool:
    return bool(outline.components) or any(
        spec.components for specs in outline.repos.values() for spec in specs
    )


class _ChangesCounter:
    """Components and lines of each scope; each repository's matched once (`repo_changes`)."""

    def __init__(self, with_components: bool, lines: bool) -> None:
        self.with_components = with_components
        self.lines = lines
        self._repos: dict[str, RepoChanges] = {}

    def scope(
        self,
        repos: Sequence[RepoHistory],
        columns: Mapping[str, RepoColumns],
        selected: Mapping[str, npt.NDArray[np.bool_]],
        names: Sequence[str],
    ) -> ScopeChanges:
        for repo in repos:
            if repo.name not in self._repos:
                self._repos[repo.name] = repo_changes(repo, columns[repo.name])
        return scope_changes(
            repos,
            columns,
            self._repos,
            selected,
            names,
            with_components=self.with_components,
            lines=self.lines,
        )


def _name_order(name: str) -> tuple[str, str]:
    return name.casefold(), name
