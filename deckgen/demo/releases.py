"""Releases: the release commits and annotated tags of core and of the bindings.

Core's calendar comes from `schedule`. The release manager tags each release candidate on main,
then commits the release, which adds its section to NEWS.rst (and on a year's first release
archives the notes of two years before in docs/news/YEAR.rst), and tags that commit. The Python
and Perl bindings release in lockstep with core when they changed since their previous release,
the Go binding every quarter on its own.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from functools import cached_property

from deckgen.demo.events import Clock, EventLog, ts
from deckgen.demo.news import NEWS_HEADER, NEWS_THIS_YEAR, news_archive, news_section
from deckgen.demo.orbit import CORE, GO, PERL, PYTHON, SEED_VERSION, project_name
from deckgen.demo.people import Member
from deckgen.demo.repository import History
from deckgen.demo.schedule import core_schedule, quarters, weekday
from deckgen.demo.words import signoff


class _Releases:
    """One repository's history as its releases are added: events, draws, the last release."""

    def __init__(self, history: History, clock: Clock) -> None:
        self.history = history
        self.repo = history.repo
        self.rng = history.rng
        self.clock = clock
        self.log = EventLog(history.events)
        self.released = history.plan.opened
        """When the repository last released (its start before the first release)."""

    @cached_property
    def changes(self) -> list[int]:
        """The times of the repository's own commits, before any release."""
        return sorted(e.at for e in self.history.events if not e.tag)

    def done(self) -> History:
        """Return the history with the releases added."""
        return replace(self.history, events=self.log.events())


def add_releases(
    histories: Mapping[str, History], m: Mapping[str, Member], clock: Clock
) -> dict[str, History]:
    """Return `histories` with every repository's releases up to the as-of date, and core's next
    release candidate when it is out; `m` are the cast's named members, who manage releases."""
    as_of = clock.as_of
    rng = random.Random(f"orbit-demo/{SEED_VERSION}/releases/{as_of.isoformat()}")
    schedule = core_schedule(rng, as_of)
    repos = {repo: _Releases(history, clock) for repo, history in histories.items()}
    core = repos[CORE]
    sections: list[tuple[int, str]] = []
    archived: list[int] = []
    this_year = [r.version for r in schedule if r.day.year == as_of.year and r.day <= as_of]
    highlights: dict[str, list[tuple[str, str, str]]] = {}
    for number, item in enumerate(NEWS_THIS_YEAR):  # spread over the year's releases
        if this_year:
            highlights.setdefault(this_year[number % len(this_year)], []).append(item)
    for release in schedule:
        manager = m["martin"] if release.day < date(2016, 7, 1) else m["anna"]
        for number, rc_day in enumerate(release.rcs, start=1):
            tag(core, manager, rc_day, f"v{release.version}-rc{number}")
        if release.day > as_of:
            continue
        year = release.day.year
        section = news_section(rng, release, highlights.get(release.version, ()))
        sections.append((year, section))
        news = "".join(text for y, text in reversed(sections) if y >= year - 1)
        files = {"NEWS.rst": NEWS_HEADER + news}
        if year - 2 >= 2006 and year - 2 not in archived:  # the year's first release
            archived.append(year - 2)
            files[f"docs/news/{year - 2}.rst"] = news_archive(year - 2, sections)
        add_release(core, manager, release.day, release.version, files)
    released = [r for r in schedule if r.day <= as_of]
    tomas, daniel, olaf, maria = m["tomas"], m["daniel"], m["olaf"], m["maria"]
    for release in released:
        day = weekday(release.day + timedelta(days=rng.choice((0, 0, 1))))
        python = tomas if day <= date(2021, 12, 17) else daniel
        lockstep_release(repos[PYTHON], python, day, release.version)
        perl = olaf if day <= date(2018, 6, 29) else maria
        lockstep_release(repos[PERL], perl, day, release.version)
    go = repos[GO]
    for number, day in enumerate(quarters(date(2015, 1, 1), as_of)):
        add_release(go, m["kenji"], day, f"1.{number}.0", None)
    return {repo: releases.done() for repo, releases in repos.items()}


def tag(
    repo: _Releases, tagger: Member, day: date, name: str, target: int = 0, at: int = 0
) -> None:
    """Tag the tip of main (or commit `target`) on `day`, in the afternoon."""
    if not at:
        at = ts(day, 15) + repo.rng.randint(0, 7200) - tagger.offset(day.toordinal()) * 60
    if at > repo.clock.end:
        return
    person, tz = tagger.ident(at), tagger.offset(day.toordinal())
    version = name.removeprefix("v")
    message = (
        f"Orbit {version}\n" if repo.repo == CORE else f"{project_name(repo.repo)} {version}\n"
    )
    repo.log.add(person, at, tz, person, at, tz, message, tag=name, target=target)


def add_release(
    repo: _Releases, manager: Member, day: date, version: str, files: dict[str, str] | None
) -> None:
    """Add the release commit of `version` on `day` and its annotated tag."""
    rng = repo.rng
    tz = manager.offset(day.toordinal())
    at = ts(day, 10) + rng.randint(0, 6 * 3600) - tz * 60
    if at > repo.clock.end:
        return
    person = manager.ident(at)
    message = f"Release of {project_name(repo.repo)}-{version}\n\n{signoff(person)}"
    commit = repo.log.add(person, at, tz, person, at, tz, message, files=files)
    tag(repo, manager, day, f"v{version}", commit.seq, at + rng.randint(300, 2400))


def lockstep_release(repo: _Releases, manager: Member, day: date, version: str) -> None:
    """Release the binding along with core, when it changed since its previous release."""
    if day > repo.clock.as_of or day < repo.history.plan.start + timedelta(days=60):
        return
    at = ts(day)
    if bisect_left(repo.changes, at) > bisect_left(repo.changes, repo.released + 1):
        add_release(repo, manager, day, version, None)
        repo.released = at
