"""The release calendar: which versions of core come out on which days, with their candidates.

Releases are dates before they are commits: the calendar is drawn first, from the releases'
own random stream, and the release commits, tags, NEWS.rst sections and the bindings' releases
all follow from it. Core releases every two months or so until 2014 and monthly after that, the
Go binding quarterly; releases and their candidates land on working days.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Release:
    """A release of `version` on `day`, after its release candidates on `rcs`."""

    version: str
    day: date
    rcs: tuple[date, ...] = ()


def weekday(day: date, step: int = 1) -> date:
    """Return `day`, or the nearest working day after it (before it when `step` is -1)."""
    while day.weekday() >= 5:
        day += timedelta(days=step)
    return day


def core_schedule(rng: random.Random, as_of: date) -> list[Release]:
    """Return core's releases up to `as_of`, and the next one when its -rc1 is already out.

    Every two months or so until 2014 (0.x), monthly from 2015 with the major version bumped each
    January, release candidates from 2018; in the as-of year two releases six weeks apart, then
    monthly.
    """
    releases = []
    day, patches = date(2006, 2, 20), dict[int, int]()
    while day < date(2015, 1, 1):
        minor = day.year - 2005
        patches[minor] = patches.get(minor, -1) + 1
        releases.append(Release(f"0.{minor}.{patches[minor]}", weekday(day)))
        day += timedelta(days=rng.randint(50, 80))
    for year in range(2015, as_of.year + 1):
        if year == as_of.year:
            january = weekday(date(year, 1, 15))
            days = [january, january + timedelta(weeks=6)]
            days += [weekday(date(year, month, 1)) for month in range(4, 13)]
        else:
            days = [
                weekday(date(year, month, 8 if month == 1 else 1) + timedelta(rng.randint(0, 2)))
                for month in range(1, 13)
            ]
        for index, day in enumerate(days):
            rcs: tuple[date, ...] = ()
            if year >= 2018:
                rcs = (weekday(day - timedelta(days=5), -1),)
                if rng.random() < 0.5:
                    rcs += (weekday(day - timedelta(days=2), -1),)
            releases.append(Release(f"{year - 2014}.{index}.0", day, rcs))
    return [r for r in releases if r.day <= as_of or (r.rcs and r.rcs[0] <= as_of)]


def quarters(first: date, last: date) -> list[date]:
    """Return the first Monday of each quarter from `first` to `last`."""
    days = []
    for year in range(first.year, last.year + 1):
        for month in (1, 4, 7, 10):
            day = date(year, month, 1)
            day += timedelta(days=(7 - day.weekday()) % 7)
            if first <= day <= last:
                days.append(day)
    return days
