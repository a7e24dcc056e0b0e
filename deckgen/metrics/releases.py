"""Release counts, cadence and projection for a scope."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from itertools import pairwise
from statistics import median

from deckgen.history import History, RepoHistory, Tag
from deckgen.metrics.model import Period, Release, Releases
from deckgen.metrics.period import utc_date, year_end

CADENCE_WINDOW = timedelta(days=365)


def release_metrics(
    tags: Sequence[Tag], period: Period, since: int | None = None, last: int | None = None
) -> Releases:
    """Return the releases in `period`, their cadence, and the year's projected count.

    Cadence: the median number of days between consecutive release days in the 365 days ending at
    `until`; when those hold fewer than two release days, over every release up to `until`; None
    with fewer than two. Projected: releases in the period plus the whole cadences that fit in the
    days left until 31 December of `until`'s year. `by_year` runs from the first release, or
    from the year `since` (`by_year.since`), to `until`'s year; `last` the last `last` releases
    up to `until` (`releases.last`). The per-release counts are the caller's (`ranges`).
    """
    dated = [Release(t.name, utc_date(t.time)) for t in tags]
    inside = tuple(r for r in dated if period.since <= r.date <= period.until)
    cadence = cadence_days([r for r in dated if r.date <= period.until], period)
    projected = len(inside)
    if cadence:
        left = (year_end(period.until) - period.until).days
        projected += int(left // cadence)
    per_year = Counter(r.date.year for r in dated if r.date <= period.until)
    by_year = dict(sorted(per_year.items()))
    if since is not None:
        by_year = {y: per_year.get(y, 0) for y in range(since, period.until.year + 1)}
    return Releases(
        count=len(inside),
        projected=projected,
        cadence_days=cadence,
        list=inside,
        by_year=by_year,
        last=tuple(r for r in dated if r.date <= period.until)[-last:] if last else (),
    )


def predecessors(repos: Sequence[RepoHistory], tags: Sequence[Tag]) -> dict[str, Release | None]:
    """Return each of a scope's releases (`tags`, oldest first) with the one before it: the
    latest earlier release of the repositories that hold it, so a binding's tag is never the
    previous release of the core's in a scope holding both (None: its first)."""
    held: dict[str, list[int]] = {}
    for n, repo in enumerate(repos):
        for tag in repo.releases:
            held.setdefault(tag.name, []).append(n)
    latest: dict[int, tuple[int, Release]] = {}
    found: dict[str, Release | None] = {}
    for order, tag in enumerate(tags):
        release = Release(tag.name, utc_date(tag.time))
        holders = held.get(tag.name, [])
        earlier = [latest[n] for n in holders if n in latest]
        found[tag.name] = max(earlier, key=lambda e: e[0])[1] if earlier else None
        for n in holders:
            latest[n] = (order, release)
    return found


def release_marks(history: History, period: Period, last: int | None) -> dict[str, dict[str, str]]:
    """Return, per repository, the release tags whose marks the per-release counts read (see
    `wanted_releases`), each by name → its commit; none for releases found by commit subject."""
    found = {}
    for repo in history:
        names = set(wanted_releases(repo.releases, period, last))
        commits = {t.name: t.commit for t in repo.releases if t.name in names and t.commit}
        if commits and repo.head is not None:
            found[repo.name] = commits
    return found


def wanted_releases(tags: Sequence[Tag], period: Period, last: int | None) -> list[str]:
    """Return the names of the releases among `tags` (oldest first) whose per-release counts
    need their marks: the period's, the last `last` up to its end, and the one before each."""
    upto = [t for t in tags if utc_date(t.time) <= period.until]
    first = next((i for i, t in enumerate(upto) if utc_date(t.time) >= period.since), len(upto))
    if last:
        first = min(first, len(upto) - last)
    if first >= len(upto):
        return []
    return [t.name for t in upto[max(0, first - 1) :]]


def cadence_days(releases: Sequence[Release], period: Period) -> float | None:
    """Return the median gap in days between release days (see `release_metrics`)."""
    days = sorted({r.date for r in releases})
    recent = [d for d in days if d > period.until - CADENCE_WINDOW]
    pool = recent if len(recent) >= 2 else days
    if len(pool) < 2:
        return None
    return float(median((b - a).days for a, b in pairwise(pool)))


def count_in(tags: Sequence[Tag], period: Period) -> int:
    """Return how many of `tags` are dated inside `period`."""
    return sum(1 for t in tags if period.since <= utc_date(t.time) <= period.until)
