"""The reported window and the calendar arithmetic around it, all in UTC calendar days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from deckgen.errors import OutlineError, Problem
from deckgen.metrics.model import Period
from deckgen.outline.schema import Outline

DAY = 86400


def resolve_period(outline: Outline, as_of: date) -> Period:
    """Return the reported period: by default from 1 January of `as_of`'s year to `as_of`.

    OutlineError when it ends before it starts, or after `as_of` (a period in the future).
    """
    since = outline.period.since or date(as_of.year, 1, 1)
    until = outline.period.until or as_of
    if until > as_of:
        raise OutlineError(
            [Problem(None, "period.until", f"{until} is after the as-of date {as_of}")]
        )
    if until < since:
        raise OutlineError(
            [Problem(None, "period.until", f"{until} is before period.since ({since})")]
        )
    return Period(since, until)


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
