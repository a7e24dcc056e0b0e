"""Bots: Weblate's translation commits in core and dependabot's pull requests in the Go binding.

Contributor counts have to see through bots: the metrics set aside commits authored by a bot, so
translators count as people while Weblate and dependabot do not. Weblate commits its own weekly
updates and, as committer, the translators' work under their names; dependabot's pull requests
are merged by a maintainer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from deckgen.demo.events import EPOCH, Clock, EventLog
from deckgen.demo.people import Member, Pool
from deckgen.demo.repository import History, round_randomly, stamp
from deckgen.demo.words import signoff
from deckgen.fastimport import Person
from deckgen.metrics.period import DAY

WEBLATE = Person("Weblate", "noreply@weblate.org")
DEPENDABOT = Person("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")

WEBLATE_TRAILER = "Translation: orbit/orbit\nTranslate-URL: https://translate.orbit.example/\n"
_LANGUAGES = (
    ("German", "de"), ("French", "fr"), ("Spanish", "es"), ("Japanese", "ja"),
    ("Chinese (Simplified)", "zh_CN"), ("Portuguese (Brazil)", "pt_BR"), ("Ukrainian", "uk"),
    ("Czech", "cs"), ("Polish", "pl"), ("Korean", "ko"), ("Italian", "it"), ("Swedish", "sv"),
)  # fmt: skip


def add_translations(core: History, pool: Pool, clock: Clock) -> History:
    """Return `core` with the as-of year's Weblate commits: its own, and the translators'."""
    rng, log = core.rng, EventLog(core.events)
    first = date(clock.as_of.year, 3, 2).toordinal()
    if first > clock.last_day:
        return core
    for week in range(first, clock.last_day + 1, 7):
        at = (week - EPOCH) * DAY + rng.randint(6 * 3600, 8 * 3600)
        log.add(WEBLATE, at, 0, WEBLATE, at, 0, "Update translation files\n\n" + WEBLATE_TRAILER)
    for _ in range(round_randomly(rng, 16 * (clock.last_day - first + 1) / 300)):
        day = rng.randint(first, clock.last_day)
        member = pool.recruit(rng, core.repo, day, 0.0)
        language, code = rng.choice(_LANGUAGES)
        for _ in range(rng.randint(1, 4)):
            authored, tz = stamp(
                rng, member, min(day + rng.randint(0, 40), clock.last_day), clock, core.plan.opened
            )
            at = authored + rng.randint(60, 3600)
            at = authored if at > clock.end else at
            message = (
                f"Translated using Weblate ({language})\n\n"
                f"Currently translated at {rng.randint(600, 999) / 10}% of the strings.\n\n"
                f"Translate-URL: https://translate.orbit.example/projects/orbit/{code}/\n"
                f"{signoff(member.ident(authored))}"
            )
            log.add(member.ident(authored), authored, tz, WEBLATE, at, 0, message)
    return replace(core, events=log.events())


def add_dependabot(go: History, kenji: Member, clock: Clock) -> History:
    """Return `go` with dependabot's pull requests from 2020, each merged by `kenji`."""
    rng, log, topics = go.rng, EventLog(go.events), go.topics()
    modules = ("golang.org/x/sys", "golang.org/x/net", "github.com/stretchr/testify")
    versions = {name: 1 for name in modules}
    for day in range(date(2020, 2, 3).toordinal(), clock.last_day - 3, 23):
        module = rng.choice(modules)
        old, new = versions[module], versions[module] + rng.randint(1, 3)
        versions[module] = new
        at = (day - EPOCH) * DAY + rng.randint(0, DAY - 1)
        merged = at + rng.randint(3600, 3 * DAY)
        topics += 1
        message = (
            f"build(deps): bump {module} from 0.{old}.0 to 0.{new}.0\n\n"
            f"Bumps {module} from 0.{old}.0 to 0.{new}.0.\n\nSigned-off-by: dependabot[bot]"
            f" <support@github.com>\n"
        )
        log.add(DEPENDABOT, at, 0, DEPENDABOT, at, 0, message, topic=topics)
        by = kenji.ident(merged)
        tz = kenji.offset(merged // DAY + EPOCH)
        branch = f"dependabot/go_modules/{module}-0.{new}.0"
        message = f"Merge pull request #{100 + topics} from orbit/{branch}\n"
        log.add(by, merged, tz, by, merged, tz, message, merge=topics)
    return replace(go, events=log.events())
