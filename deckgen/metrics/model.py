"""The metrics stage's output: plain frozen data, read by text, charts and the JSON export.

Definitions are in docs/metrics.md (and ../shared/MODEL-TALK.md); this module only holds values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

REVIEW_TRAILERS = ("reviewed-by", "acked-by")
"""The credit trailers that are reviews (case aside): `reviewed_share` and the review chart read
those of them the outline counts."""


@dataclass(frozen=True)
class Period:
    """The reported window, both days inclusive, in UTC calendar days."""

    since: date
    until: date
    range: str | None = None
    """`period.range` ('A..B'): the commits are git's A..B where a repository holds both ends,
    else those of the days above; None: the days alone."""

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1


@dataclass(frozen=True)
class Release:
    """A release, and what went into it: the non-merge commits since the previous release of
    its scope (`previous..name`, as git counts a range; the first release: its whole history)."""

    name: str
    date: date
    commits: int = 0
    contributors: int = 0
    new_contributors: int = 0
    """Contributors with no commit reachable from the previous release."""


@dataclass(frozen=True)
class Releases:
    """Releases of a scope inside the period."""

    count: int
    projected: int
    cadence_days: float | None
    list: tuple[Release, ...] = ()
    by_year: Mapping[int, int] = field(default_factory=dict)
    """Releases per calendar year, from the first release to the period's end."""
    last: tuple[Release, ...] = ()
    """The last `releases.last` releases up to the period's end (the outline's option), with
    their statistics; empty without the option."""


@dataclass(frozen=True)
class YearStats:
    """One bar of the per-year charts.

    `commits_old`/`commits_new`: commits made more / not more than 365 days after the author's
    first commit in the scope. `authors_old`/`authors_new`: authors whose first commit in the
    scope lies in an earlier year / in this year.
    """

    year: int
    commits: int
    commits_old: int
    commits_new: int
    authors: int
    authors_old: int
    authors_new: int


@dataclass(frozen=True)
class OrgStats:
    """What one organisation did in the period (see `identity.affiliations`)."""

    commits: int
    contributors: int


@dataclass(frozen=True)
class Credited:
    """One person credited by a trailer kind in the period: how often, and for whom they worked
    (their organisation at their latest such credit; None without `identity.affiliations`)."""

    name: str
    count: int
    organisation: str | None = None


@dataclass(frozen=True)
class CreditStats:
    """One kind of credit trailer (`Reviewed-by`) in the period's commits."""

    occurrences: int
    """Trailers of this kind naming a person (one commit may carry several)."""
    people: int
    """Distinct people they name."""
    top: tuple[Credited, ...] = ()
    """The most credited people, most first (at most `TOP_CREDITED`)."""


@dataclass(frozen=True)
class ComponentStats:
    """What touched one component in the period (see `components` in the outline)."""

    commits: int
    authors: int


def ranked_components(
    components: Mapping[str, ComponentStats],
) -> list[tuple[str, ComponentStats]]:
    """Return the components most commits first (ties: in outline order), as tables and
    charts show them."""
    return sorted(components.items(), key=lambda kv: -kv[1].commits)


@dataclass(frozen=True)
class PersonLines:
    """One person's changed lines in the period (`lines: true`)."""

    name: str
    commits: int
    insertions: int
    deletions: int

    @property
    def changed(self) -> int:
        return self.insertions + self.deletions


@dataclass(frozen=True)
class LineStats:
    """Lines inserted and deleted by the period's commits, and by whom, most lines first."""

    insertions: int
    deletions: int
    people: tuple[PersonLines, ...] = ()

    @property
    def changed(self) -> int:
        return self.insertions + self.deletions


@dataclass(frozen=True)
class PeriodCounts:
    """The counts of one window (used for the previous year's matching window)."""

    since: date
    until: date
    commits: int
    contributors: int
    new_contributors: int
    commits_by_new: int
    commits_by_new_to_repo: int
    bot_commits: int
    releases: int


CONTEXT_METRICS = ("commits", "contributors", "new_contributors", "commits_by_new", "releases")
"""The headline metrics every scope puts in their history (`ScopeMetrics.context`)."""


@dataclass(frozen=True)
class MetricContext:
    """One headline number against the same calendar window of every earlier year of its scope.

    Every field is defined in docs/metrics.md ("context"); the years are those of the windows'
    last days.
    """

    metric: str
    """Which metric: one of `CONTEXT_METRICS`."""
    span: str
    """What the period is: 'year_to_date' (1 January to a day before 31 December), 'year' (a
    whole calendar year) or 'window' (any other days); the story words its comparison by it."""
    value: int
    previous: int
    change: int
    change_pct: float | None
    rank: int
    years: int
    first_year: int | None
    last_higher: int | None
    last_as_high: int | None
    record: bool
    last_lower: int | None
    last_as_low: int | None
    low_record: bool
    trend: str | None
    trend_slope: float | None
    trend_years: tuple[int, ...]
    projected: int | None
    projected_rank: int | None
    full_years: int
    by_year: Mapping[int, int]
    """The window's value in every compared year and this one, oldest first."""
    full_by_year: Mapping[int, int]
    """The whole calendar year's value in every full year of the scope, oldest first."""

    @property
    def year(self) -> int:
        """The year of the period's last day."""
        return max(self.by_year)


@dataclass(frozen=True)
class ScopeContext:
    """The context of each headline metric of a scope (`all.context.commits`, …)."""

    commits: MetricContext
    contributors: MetricContext
    new_contributors: MetricContext
    commits_by_new: MetricContext
    releases: MetricContext

    def of(self, metric: str) -> MetricContext:
        """Return the context of `metric` (one of `CONTEXT_METRICS`); KeyError when unknown."""
        if metric not in CONTEXT_METRICS:
            raise KeyError(metric)
        context: MetricContext = getattr(self, metric)
        return context


@dataclass(frozen=True)
class ScopeMetrics:
    """Every metric of one scope (the whole set, a group, or a repository)."""

    name: str
    commits: int
    contributors: int
    new_contributors: int
    commits_by_new: int
    commits_by_new_to_repo: int
    bot_commits: int
    projected_commits: int | None
    """None: the period has too few days to project (`MIN_PROJECTION_DAYS`)."""
    releases: Releases
    previous: PeriodCounts
    by_year: Mapping[int, YearStats]
    new_contributor_names: tuple[str, ...] = ()
    first_year: int | None = None
    organisations: Mapping[str, OrgStats] = field(default_factory=dict)
    """Organisation → its commits and contributors in the period, most commits first; empty
    without `identity.affiliations`."""
    elephant_factor: int | None = None
    """Fewest organisations behind at least half of the period's known commits; None without
    affiliations (or without a commit attributed to an organisation)."""
    authors: int = 0
    """Distinct authors of the period's commits: `contributors` without the credited people."""
    credits: Mapping[str, CreditStats] = field(default_factory=dict)
    """Credit trailer kind (as the outline spells it) → its counts; empty without
    `identity.credit_trailers`."""
    reviewed_share: float | None = None
    """Share of the period's commits with a Reviewed-by or Acked-by naming someone other than
    the author; None when neither is a credit trailer of the outline, or without commits."""
    credits_by_year: Mapping[int, Mapping[str, int]] = field(default_factory=dict)
    """Year → credit trailer kind → occurrences, over the years of `by_year`."""
    context: ScopeContext | None = None
    """Each headline metric in the scope's history; None only for metrics made by hand."""
    components: Mapping[str, ComponentStats] | None = None
    """Component → its commits and authors in the period, in outline order; None when the
    outline names no component (empty: none in this scope's repositories)."""
    lines: LineStats | None = None
    """Changed lines in the period; None without `lines: true`."""

    @property
    def years(self) -> tuple[YearStats, ...]:
        """The per-year series in year order (handy in Jinja loops)."""
        return tuple(self.by_year[y] for y in sorted(self.by_year))


@dataclass(frozen=True)
class Metrics:
    """Everything the text and chart stages may read."""

    as_of: date
    period: Period
    all: ScopeMetrics
    groups: Mapping[str, ScopeMetrics]
    repos: Mapping[str, ScopeMetrics]
    releases: Releases = field(default_factory=lambda: Releases(0, 0, None))
    """The project's releases: those of `releases.group` in the outline."""

    def scope(self, name: str) -> ScopeMetrics:
        """Return the scope `all`, a group name, or `repo:NAME`; KeyError when unknown."""
        if name == "all":
            return self.all
        if name.startswith("repo:"):
            return self.repos[name.removeprefix("repo:")]
        return self.groups[name]

    def to_json(self) -> dict[str, Any]:
        """Return the document of `deckgen metrics --json` (docs/metrics.md)."""
        return {
            "as_of": self.as_of.isoformat(),
            "period": {
                "since": self.period.since.isoformat(),
                "until": self.period.until.isoformat(),
                "range": self.period.range,
            },
            "releases": _releases_json(self.releases),
            "all": _scope_json(self.all),
            "groups": {name: _scope_json(s) for name, s in self.groups.items()},
            "repos": {name: _scope_json(s) for name, s in self.repos.items()},
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Metrics:
        """Return the metrics `to_json()` wrote: the exact inverse (the metrics cache reads it).

        KeyError, TypeError or ValueError when `doc` is not such a document.
        """
        period = doc["period"]
        return cls(
            as_of=date.fromisoformat(doc["as_of"]),
            period=Period(
                date.fromisoformat(period["since"]),
                date.fromisoformat(period["until"]),
                None if period["range"] is None else str(period["range"]),
            ),
            all=_scope_from_json("all", doc["all"]),
            groups={name: _scope_from_json(name, s) for name, s in doc["groups"].items()},
            repos={name: _scope_from_json(name, s) for name, s in doc["repos"].items()},
            releases=_releases_from_json(doc["releases"]),
        )


def _releases_json(r: Releases) -> dict[str, Any]:
    return {
        "count": r.count,
        "projected": r.projected,
        "cadence_days": r.cadence_days,
        "list": [_release_json(x) for x in r.list],
        "by_year": {str(year): n for year, n in sorted(r.by_year.items())},
        "last": [_release_json(x) for x in r.last],
    }


def _release_json(r: Release) -> dict[str, Any]:
    return {
        "name": r.name,
        "date": r.date.isoformat(),
        "commits": r.commits,
        "contributors": r.contributors,
        "new_contributors": r.new_contributors,
    }


def _release_from_json(x: Mapping[str, Any]) -> Release:
    return Release(
        str(x["name"]),
        date.fromisoformat(x["date"]),
        int(x["commits"]),
        int(x["contributors"]),
        int(x["new_contributors"]),
    )


def _scope_json(s: ScopeMetrics) -> dict[str, Any]:
    p = s.previous
    return {
        "commits": s.commits,
        "contributors": s.contributors,
        "new_contributors": s.new_contributors,
        "commits_by_new": s.commits_by_new,
        "commits_by_new_to_repo": s.commits_by_new_to_repo,
        "bot_commits": s.bot_commits,
        "projected_commits": s.projected_commits,
        "releases": _releases_json(s.releases),
        "new_contributor_names": list(s.new_contributor_names),
        "organisations": {
            name: {"commits": o.commits, "contributors": o.contributors}
            for name, o in s.organisations.items()
        },
        "elephant_factor": s.elephant_factor,
        "authors": s.authors,
        "credits": {
            kind: {
                "occurrences": c.occurrences,
                "people": c.people,
                "top": [
                    {"name": p.name, "count": p.count, "organisation": p.organisation}
                    for p in c.top
                ],
            }
            for kind, c in s.credits.items()
        },
        "reviewed_share": s.reviewed_share,
        "credits_by_year": {
            str(year): dict(kinds) for year, kinds in sorted(s.credits_by_year.items())
        },
        **_changes_json(s),
        "previous": {
            "since": p.since.isoformat(),
            "until": p.until.isoformat(),
            "commits": p.commits,
            "contributors": p.contributors,
            "new_contributors": p.new_contributors,
            "commits_by_new": p.commits_by_new,
            "commits_by_new_to_repo": p.commits_by_new_to_repo,
            "bot_commits": p.bot_commits,
            "releases": p.releases,
        },
        "by_year": {
            str(y.year): {
                "commits": y.commits,
                "commits_old": y.commits_old,
                "commits_new": y.commits_new,
                "authors": y.authors,
                "authors_old": y.authors_old,
                "authors_new": y.authors_new,
            }
            for y in s.years
        },
        "context": None if s.context is None else _context_json(s.context),
    }


def _context_json(c: ScopeContext) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for metric in CONTEXT_METRICS:
        m = c.of(metric)
        doc = {f.name: getattr(m, f.name) for f in fields(m) if f.name != "metric"}
        doc["trend_years"] = list(m.trend_years)
        doc["by_year"] = {str(y): n for y, n in m.by_year.items()}
        doc["full_by_year"] = {str(y): n for y, n in m.full_by_year.items()}
        out[metric] = doc
    return out


def _context_from_json(doc: Mapping[str, Any]) -> ScopeContext:
    def one(metric: str) -> MetricContext:
        d = dict(doc[metric])
        d["trend_years"] = tuple(int(y) for y in d["trend_years"])
        d["by_year"] = {int(y): int(n) for y, n in d["by_year"].items()}
        d["full_by_year"] = {int(y): int(n) for y, n in d["full_by_year"].items()}
        return MetricContext(metric=metric, **d)

    return ScopeContext(*(one(metric) for metric in CONTEXT_METRICS))


def _changes_json(s: ScopeMetrics) -> dict[str, Any]:
    """Return the keys of components and lines: present only when the outline uses them."""
    out: dict[str, Any] = {}
    if s.components is not None:
        out["components"] = {
            name: {"commits": c.commits, "authors": c.authors} for name, c in s.components.items()
        }
    if s.lines is not None:
        out["lines"] = {
            "insertions": s.lines.insertions,
            "deletions": s.lines.deletions,
            "people": [
                {
                    "name": p.name,
                    "commits": p.commits,
                    "insertions": p.insertions,
                    "deletions": p.deletions,
                }
                for p in s.lines.people
            ],
        }
    return out


def _components_from_json(doc: Mapping[str, Any] | None) -> dict[str, ComponentStats] | None:
    if doc is None:
        return None
    return {
        str(name): ComponentStats(int(c["commits"]), int(c["authors"])) for name, c in doc.items()
    }


def _lines_from_json(doc: Mapping[str, Any] | None) -> LineStats | None:
    if doc is None:
        return None
    people = tuple(
        PersonLines(str(p["name"]), int(p["commits"]), int(p["insertions"]), int(p["deletions"]))
        for p in doc["people"]
    )
    return LineStats(int(doc["insertions"]), int(doc["deletions"]), people)


def _releases_from_json(r: Mapping[str, Any]) -> Releases:
    cadence = r["cadence_days"]
    return Releases(
        count=int(r["count"]),
        projected=int(r["projected"]),
        cadence_days=None if cadence is None else float(cadence),
        list=tuple(_release_from_json(x) for x in r["list"]),
        by_year={int(year): int(n) for year, n in r["by_year"].items()},
        last=tuple(_release_from_json(x) for x in r["last"]),
    )


def _scope_from_json(name: str, s: Mapping[str, Any]) -> ScopeMetrics:
    p = s["previous"]
    by_year = {
        int(year): YearStats(
            year=int(year),
            commits=int(y["commits"]),
            commits_old=int(y["commits_old"]),
            commits_new=int(y["commits_new"]),
            authors=int(y["authors"]),
            authors_old=int(y["authors_old"]),
            authors_new=int(y["authors_new"]),
        )
        for year, y in s["by_year"].items()
    }
    elephant = s["elephant_factor"]
    share = s["reviewed_share"]
    return ScopeMetrics(
        name=name,
        commits=int(s["commits"]),
        contributors=int(s["contributors"]),
        new_contributors=int(s["new_contributors"]),
        commits_by_new=int(s["commits_by_new"]),
        commits_by_new_to_repo=int(s["commits_by_new_to_repo"]),
        bot_commits=int(s["bot_commits"]),
        projected_commits=None if s["projected_commits"] is None else int(s["projected_commits"]),
        releases=_releases_from_json(s["releases"]),
        previous=PeriodCounts(
            since=date.fromisoformat(p["since"]),
            until=date.fromisoformat(p["until"]),
            commits=int(p["commits"]),
            contributors=int(p["contributors"]),
            new_contributors=int(p["new_contributors"]),
            commits_by_new=int(p["commits_by_new"]),
            commits_by_new_to_repo=int(p["commits_by_new_to_repo"]),
            bot_commits=int(p["bot_commits"]),
            releases=int(p["releases"]),
        ),
        by_year=by_year,
        new_contributor_names=tuple(str(n) for n in s["new_contributor_names"]),
        first_year=min(by_year) if by_year else None,
        organisations={
            org: OrgStats(int(o["commits"]), int(o["contributors"]))
            for org, o in s["organisations"].items()
        },
        elephant_factor=None if elephant is None else int(elephant),
        authors=int(s["authors"]),
        credits={
            str(kind): CreditStats(
                occurrences=int(c["occurrences"]),
                people=int(c["people"]),
                top=tuple(
                    Credited(
                        str(p["name"]),
                        int(p["count"]),
                        None if p["organisation"] is None else str(p["organisation"]),
                    )
                    for p in c["top"]
                ),
            )
            for kind, c in s["credits"].items()
        },
        reviewed_share=None if share is None else float(share),
        credits_by_year={
            int(year): {str(kind): int(n) for kind, n in kinds.items()}
            for year, kinds in s["credits_by_year"].items()
        },
        context=None if s["context"] is None else _context_from_json(s["context"]),
        components=_components_from_json(s.get("components")),
        lines=_lines_from_json(s.get("lines")),
    )
