"""The reported window and the calendar arithmetic around it, all in UTC calendar days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from math import floor

from deckgen.errors import KeyPath, OutlineError, Problem, format_key_path
from deckgen.history.model import History
from deckgen.metrics.model import Period
from deckgen.outline.schema import Outline

DAY = 86400

NEVER = 2**62
"""A time after every commit: a first commit not seen yet, a rule without an end."""


def resolve_period(outline: Outline, as_of: date, history: History | None = None) -> Period:
    """Return the reported period: by default from 1 January of `as_of`'s year to `as_of`.

    `since`/`until` may be expressions (docs/outline.md); those naming releases need `history`.
    OutlineError when it ends before it starts, or after `as_of` (a period in the future).
    """
    if outline.period.range is not None:
        since, until = _range_days(history)
        key = ("period", "range")
    else:
        releases = _project_releases(outline, history)
        since = _resolve_end(outline.period.since, ("period", "since"), as_of, releases)
        until = _resolve_end(outline.period.until, ("period", "until"), as_of, releases)
        key = ("period", "until")
    if until > as_of:
        raise OutlineError(
            [
                Problem(
                    None,
                    key,
                    f"{until} is after the as-of date {as_of}: a period cannot end in the "
                    "future; end it by the as-of date, or pass a later --as-of",
                )
            ]
        )
    if until < since:
        raise OutlineError(
            [Problem(None, ("period", "until"), f"{until} is before period.since ({since})")]
        )
    first = outline.by_year.since
    if first is not None and first > until.year:
        raise OutlineError(
            [
                Problem(
                    None,
                    ("by_year", "since"),
                    f"{first} is after the period's last year ({until.year}): the per-year "
                    "charts would be empty; choose an earlier year",
                )
            ]
        )
    return Period(since, until, outline.period.range)


def _range_days(history: History | None) -> tuple[date, date]:
    """Return the days a range covers where its revisions are not held: from the day after the
    old end's to the new end's, as `since: tag:A` and `until: tag:B` (at least that one day)."""
    if history is None or history.range is None:
        raise ValueError("period.range needs the repositories' history, with the range read")
    ends = history.range
    until = utc_date(ends.new_time)
    return min(utc_date(ends.old_time) + timedelta(days=1), until), until


def _project_releases(outline: Outline, history: History | None) -> dict[str, date] | None:
    """Return release name → UTC day for the outline's release group (None without history)."""
    if history is None:
        return None
    days: dict[str, date] = {}
    for repo in history.group(outline.release_group):
        for tag in repo.releases:
            days.setdefault(tag.name, utc_date(tag.time))
    return days


def _resolve_end(
    value: date | str | None, key: KeyPath, as_of: date, releases: dict[str, date] | None
) -> date:
    """Resolve one end of the period: a date, a word, or `tag:NAME`."""
    if isinstance(value, date):
        return value
    since = key == ("period", "since")
    if value is None:
        return date(as_of.year, 1, 1) if since else as_of
    if value in ("year_start",):
        return date(as_of.year, 1, 1)
    if value in ("today", "as_of"):
        return as_of
    if releases is None:
        raise ValueError(f"{format_key_path(key)}: {value!r} needs the repositories' history")
    if value == "last_release":
        earlier = sorted(day for day in releases.values() if day <= as_of)
        if not earlier:
            raise OutlineError([Problem(None, key, f"'last_release': no release up to {as_of}")])
        return earlier[-1] + timedelta(days=1)
    name = value.removeprefix("tag:")
    if name not in releases:
        known = ", ".join(sorted(releases, key=lambda n: releases[n])[-5:]) or "none"
        raise OutlineError(
            [Problem(None, key, f"{value!r}: no release named {name!r} (latest: {known})")]
        )
    return releases[name] + timedelta(days=1) if since else releases[name]


def start_of(day: date) -> int:
    """Return the Unix time at which `day` begins in UTC."""
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def bounds(period: Period) -> tuple[int, int]:
    """Return `period` as Unix times [start, end): end is the start of the day after `until`."""
    return start_of(period.since), start_of(period.until + timedelta(days=1))


def utc_date(when: int) -> date:
    """Return the UTC calendar day of the Unix time `when`."""
    return datetime.fromtimestamp(when, UTC).date()


def year_before(day: date) -> date:
    """Return the same day one year earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def previous(period: Period) -> Period:
    """Return the matching window one year earlier."""
    return Period(year_before(period.since), year_before(period.until))


def year_end(day: date) -> date:
    """Return 31 December of `day`'s year: the horizon of every projection."""
    return date(day.year, 12, 31)


MIN_PROJECTION_DAYS = 28
"""Fewer days than this are too few to scale to a year: on 2 January one busy day would
promise 180 times its commits. Four weeks take in a release cycle's quiet and busy days."""


def projection(count: int, first: date, last: date) -> int | None:
    """Return `count`, counted from `first` to `last`, scaled to the days from `first` to 31
    December of `last`'s year ("if the current rate continues"), rounded half up.

    Equal to `count` when `last` is 31 December; None (not projected) when fewer than
    `MIN_PROJECTION_DAYS` days were counted. The one rule for tiles, text and charts alike.
    """
    end = year_end(last)
    if last >= end:
        return count
    days = (last - first).days + 1
    if days < MIN_PROJECTION_DAYS:
        return None
    return floor(count * ((end - first).days + 1) / days + 0.5)
