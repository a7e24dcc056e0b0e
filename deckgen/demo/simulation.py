"""The simulation: the whole project's history up to the as-of date, as events per repository.

The repositories share people, so they are simulated together: year by year, every repository in
turn, drawing newcomers from one pool, where someone who already contributed to one repository
may turn up in another. After the years come the commits that follow a fixed calendar rather
than the growth plans: core's .mailmap, the bots' commits and the releases.
"""

from __future__ import annotations

import random
from datetime import date

from deckgen.demo.bots import add_dependabot, add_translations
from deckgen.demo.cast import add_mailmap, cast
from deckgen.demo.events import Event, ts
from deckgen.demo.orbit import CORE, GO
from deckgen.demo.people import Member, Names
from deckgen.demo.plans import plans
from deckgen.demo.releases import add_releases
from deckgen.demo.repository import Repository, Steady
from deckgen.metrics.period import DAY


class Simulation:
    """The whole project's history up to `as_of`, as events per repository."""

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self.last_day = as_of.toordinal()
        self.end = ts(as_of) + DAY - 1
        self.members, roles = cast()
        self.names = Names(list(self.members.values()))
        self.known: list[Member] = list(self.members.values())
        self.repos = {plan.repo: Repository(self, plan) for plan in plans(as_of)}
        for role in roles:
            member = self.members[role.member]
            first = role.first.toordinal()
            member.joined[role.repo] = first
            last = role.last.toordinal() if role.last else self.last_day + 1
            self.repos[role.repo].steady.append(Steady(member, first, last, role.weight, True))

    def run(self) -> dict[str, list[Event]]:
        """Simulate every year of every repository, then add releases, .mailmap and bots."""
        for year in range(2005, self.as_of.year + 1):
            for sim in self.repos.values():
                sim.simulate_year(year)
        core = self.repos[CORE]
        add_mailmap(core, self.members)
        add_translations(core)
        add_dependabot(self.repos[GO])
        add_releases(self)
        return {repo: sim.events for repo, sim in self.repos.items()}

    def recruit(self, rng: random.Random, repo: str, day: int, shared: float) -> Member:
        """Return a newcomer to `repo`: someone from elsewhere in the project, or a new person."""
        if rng.random() < shared:
            known = [
                m
                for m in self.known
                if repo not in m.joined and m.joined and min(m.joined.values()) < day
            ]
            if known:
                return rng.choice(known)
        member = self.names.new()
        self.known.append(member)
        return member
