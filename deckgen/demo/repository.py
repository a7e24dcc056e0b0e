"""One repository's years in the making: who commits when, who pushes, which topics merge.

`simulate_years` turns each repository's growth plan into commits year by year, every repository
in turn, drawing newcomers from the project's one `Pool`. Newcomers arrive at the planned rate and
are one-time, occasional, regular or long-time contributors; the year's commits are spread over
everyone active, weighted by how much each of them contributes. The commits of those without push
access are committed by a maintainer, a while after they were written, and core's maintainers also
merge topic branches. Every draw comes from the repository's own `random.Random`, in a fixed
order: moving a line here changes every commit hash after it. The result is a `History` per
repository, which the later steps of the simulation (`cast`, `bots`, `releases`) extend.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from deckgen.demo.events import EPOCH, Clock, Event, EventLog
from deckgen.demo.orbit import BINDING_README, CORE, README, SEED_VERSION
from deckgen.demo.people import LONG, OCCASIONAL, ONE_TIME, REGULAR, Member, Pool
from deckgen.demo.plans import Plan
from deckgen.demo.words import COMPONENTS, TOPIC_WORDS, credits, signoff, subject
from deckgen.metrics.period import DAY


@dataclass(frozen=True)
class History:
    """One repository's events so far, and the random stream its later steps continue."""

    plan: Plan
    events: tuple[Event, ...]
    rng: random.Random
    """The repository's own draws: each step goes on where the previous one stopped."""

    @property
    def repo(self) -> str:
        return self.plan.repo

    def topics(self) -> int:
        """Return the number of the last topic branch, 0 when there is none."""
        return max((max(e.topic, e.merge) for e in self.events), default=0)


@dataclass(frozen=True)
class Steady:
    """A regular or long-time contributor of one repository, active between two day ordinals."""

    member: Member
    first: int
    last: int
    weight: float
    pushes: bool
    """Commits their own changes; the others' changes are committed by someone who pushes."""


def round_randomly(rng: random.Random, value: float) -> int:
    """Round `value` up or down at random, in proportion: sums of many stay unbiased."""
    whole = int(value)
    return whole + (1 if rng.random() < value - whole else 0)


def stamp(
    rng: random.Random, member: Member, day: int, clock: Clock, start: int
) -> tuple[int, int]:
    """Return the UTC time and UTC offset of a commit `member` makes on day ordinal `day`."""
    weekday = (day - 1) % 7
    if weekday >= 5 and rng.random() < 0.6:
        day += 7 - weekday
    if rng.random() < member.evening:
        seconds = rng.randint(19 * 3600, 25 * 3600)
    else:
        seconds = rng.randint(8 * 3600 + 1800, 18 * 3600 + 1800)
    offset = member.offset(day)
    at = (day - EPOCH) * DAY + seconds - offset * 60
    while at > clock.end:  # after the as-of day in UTC: make it a day or two earlier
        at -= DAY
    return max(at, start + 600), offset


def simulate_years(
    plans: Sequence[Plan], steady: Mapping[str, Sequence[Steady]], pool: Pool, clock: Clock
) -> dict[str, History]:
    """Return every repository's commits from its start to `clock`'s end, year by year."""
    repos = [_Years(plan, list(steady.get(plan.repo, ())), pool, clock) for plan in plans]
    for year in range(2005, clock.as_of.year + 1):
        for years in repos:
            years.simulate_year(year)
    return {y.repo: History(y.plan, y.log.events(), y.rng) for y in repos}


class _Years:
    """One repository's commits in the making, a year at a time."""

    def __init__(self, plan: Plan, steady: list[Steady], pool: Pool, clock: Clock) -> None:
        self.plan = plan
        self.repo = plan.repo
        self.steady = steady
        self.pool = pool
        self.clock = clock
        self.rng = random.Random(f"orbit-demo/{SEED_VERSION}/{plan.repo}/{clock.as_of}")
        self.log = EventLog()
        self.fixed: dict[int, int] = {}
        """Year → commits already planned for it (by newcomers who stay a short while)."""
        self.start = plan.opened
        self.topics = 0
        # Subjects are drawn from a pool: one random draw per commit instead of eight.
        self.subjects = [subject(self.rng, self.repo) for _ in range(5000)]

    # -- commits

    def stamp(self, member: Member, day: int) -> tuple[int, int]:
        """Return the UTC time and UTC offset of a commit `member` makes on day ordinal `day`."""
        return stamp(self.rng, member, day, self.clock, self.start)

    def commit(
        self,
        member: Member,
        day: int,
        maintainers: Sequence[Member],
        *,
        pushes: bool = False,
        subject: str | None = None,
    ) -> None:
        """Add a commit by `member` on `day`, committed by them or by one of `maintainers`."""
        rng = self.rng
        authored, atz = self.stamp(member, day)
        author = member.ident(authored, rng)
        if pushes or not maintainers:
            by, at = member, authored
            if rng.random() < 0.35:  # rebased before pushing
                at += rng.randint(60, 2 * DAY)
        else:
            by = rng.choice(maintainers)
            r = rng.random()
            at = authored + 600 + int(r * r * r * 12 * DAY)
        if at > self.clock.end:  # not committed yet: pretend it was committed at once
            by, at = member, authored
        committer = by.ident(at)
        reviewers = [m.ident(authored) for m in maintainers]
        trailers = credits(author, reviewers, authored) + signoff(author)
        message = f"{subject or rng.choice(self.subjects)}\n\n{trailers}"
        self.log.add(author, authored, atz, committer, at, by.offset(at // DAY + EPOCH), message)

    # -- a year

    def simulate_year(self, year: int) -> None:
        """Add the year's newcomers, then spread the year's commits over everyone active."""
        plan, rng = self.plan, self.rng
        first = max(date(year, 1, 1), plan.start).toordinal()
        last = min(date(year, 12, 31).toordinal(), self.clock.last_day)
        if first > last:
            return
        if year == plan.start.year:
            self.initial_commit()
        fraction = (last - first + 1) / 365
        maintainers = [
            s.member for s in self.steady if s.pushes and s.first <= last and s.last >= first
        ]
        for _ in range(round_randomly(rng, plan.newcomers(year) * fraction)):
            self.newcomer(first, last, maintainers)
        active = [s for s in self.steady if s.first <= last and s.last >= first]
        if not active:  # nobody steady left: someone from the project adopts the repository
            self.newcomer(first, last, maintainers, kind=REGULAR)
            active = self.steady[-1:]
        spans = [(s, max(s.first, first), min(s.last, last)) for s in active]
        weights = [s.weight * (hi - lo + 1) for s, lo, hi in spans]
        remaining = round_randomly(rng, plan.commits(year) * fraction) - self.fixed.get(year, 0)
        for steady, lo, hi in rng.choices(spans, weights, k=max(remaining, 0)):
            self.commit(steady.member, rng.randint(lo, hi), maintainers, pushes=steady.pushes)
        if self.repo == CORE and year >= 2008:
            self.merges(year, first, last, maintainers)

    def newcomer(
        self, first: int, last: int, maintainers: Sequence[Member], kind: int | None = None
    ) -> None:
        """Add someone's first commit to the repository, and their later ones or their role."""
        plan, rng = self.plan, self.rng
        if kind is None:
            kind = rng.choices((ONE_TIME, OCCASIONAL, REGULAR, LONG), weights=plan.kinds)[0]
        day = rng.randint(first, last)
        member = self.pool.recruit(rng, self.repo, day, plan.shared)
        days = [day]
        if kind == ONE_TIME and rng.random() < 0.25:
            days += [day + rng.randint(1, 21) for _ in range(rng.randint(1, 2))]
        elif kind == OCCASIONAL:
            span = rng.randint(20, 540)
            days += [day + rng.randint(0, span) for _ in range(rng.randint(1, 8))]
        elif kind in (REGULAR, LONG):
            years = rng.uniform(1, 7) if kind == REGULAR else rng.uniform(6, 20)
            weight = rng.uniform(8, 40) if kind == REGULAR else rng.uniform(40, 160)
            end = day + int(365 * years)
            self.steady.append(Steady(member, day, end, weight, kind == LONG))
        for when in days:
            if when <= self.clock.last_day:
                self.commit(member, when, maintainers, pushes=kind == LONG)
                year = date.fromordinal(when).year
                self.fixed[year] = self.fixed.get(year, 0) + 1

    def initial_commit(self) -> None:
        """Add the founder's first commit, a README, at ten in the morning of the start day."""
        founder = next(s.member for s in self.steady if s.first == self.plan.start.toordinal())
        offset = founder.offset(self.plan.start.toordinal())
        at = self.start + 3600 - offset * 60
        person = founder.ident(at)
        name = self.repo.removesuffix(".git").replace("bindings/", "")
        message = f"Initial import\n\n{signoff(person)}"
        readme = README if self.repo == CORE else BINDING_README.format(language=name.title())
        self.log.add(person, at, offset, person, at, offset, message, files={"README.rst": readme})

    def merges(self, year: int, first: int, last: int, maintainers: Sequence[Member]) -> None:
        """Add the year's topic branches: a series of commits merged a few days later."""
        rng = self.rng
        if not maintainers or last - first < 14:
            return
        for _ in range(round_randomly(rng, rng.randint(3, 8) * (last - first + 1) / 365)):
            author, merger = rng.choice(maintainers), rng.choice(maintainers)
            start, offset = self.stamp(author, rng.randint(first, last - 10))
            merged = start + rng.randint(1, 6) * DAY
            if merged > self.clock.end:
                continue
            self.topics += 1
            at, person = start, author.ident(start)
            for _ in range(rng.randint(2, 9)):
                message = f"{rng.choice(self.subjects)}\n\n{signoff(person)}"
                self.log.add(person, at, offset, person, at, offset, message, topic=self.topics)
                at += rng.randint(120, 3600)
            branch = f"{rng.choice(COMPONENTS)}-{rng.choice(TOPIC_WORDS)}"
            by = merger.ident(merged)
            tz = merger.offset(merged // DAY + EPOCH)
            message = f"Merge branch '{branch}'\n\n{signoff(by)}"
            self.log.add(by, merged, tz, by, merged, tz, message, merge=self.topics)
