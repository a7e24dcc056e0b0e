"""The simulation: the whole project's history up to the as-of date, as events per repository.

A pipeline of steps, each a function from data to new data: the cast and the growth plans give
every repository its years of commits (`repository.simulate_years`, where the repositories share
one pool of people, so someone who contributed to one may turn up in another); then come the
commits that follow a fixed calendar rather than the growth plans: core's .mailmap (`cast`), the
bots' commits (`bots`) and the releases (`releases`). Each step continues the repositories' own
random draws where the previous one stopped, so the order of the steps is part of the history.
"""

from __future__ import annotations

from datetime import date

from deckgen.demo.bots import add_dependabot, add_translations
from deckgen.demo.cast import Role, add_mailmap, cast
from deckgen.demo.events import Clock, Event
from deckgen.demo.orbit import CORE, GO
from deckgen.demo.people import Member, Pool
from deckgen.demo.plans import plans
from deckgen.demo.releases import add_releases
from deckgen.demo.repository import Steady, simulate_years


def simulate(as_of: date) -> dict[str, tuple[Event, ...]]:
    """Return the events of every repository of the demo project up to `as_of`, by repository."""
    clock = Clock.of(as_of)
    members, roles = cast()
    pool = Pool(list(members.values()))
    histories = simulate_years(plans(as_of), _steady(roles, members, pool, clock), pool, clock)
    histories[CORE] = add_mailmap(histories[CORE], members)
    histories[CORE] = add_translations(histories[CORE], pool, clock)
    histories[GO] = add_dependabot(histories[GO], members["kenji"], clock)
    histories = add_releases(histories, members, clock)
    return {repo: history.events for repo, history in histories.items()}


def _steady(
    roles: tuple[Role, ...], members: dict[str, Member], pool: Pool, clock: Clock
) -> dict[str, list[Steady]]:
    """Return the cast's roles as each repository's first steady contributors, who push."""
    steady: dict[str, list[Steady]] = {}
    for role in roles:
        member = members[role.member]
        first = role.first.toordinal()
        pool.join(member, role.repo, first)
        last = role.last.toordinal() if role.last else clock.last_day + 1
        steady.setdefault(role.repo, []).append(Steady(member, first, last, role.weight, True))
    return steady
