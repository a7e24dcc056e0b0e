"""Bots: Weblate's translation commits in core and dependabot's pull requests in the Go binding.

Contributor counts have to see through bots: the metrics set aside commits authored by a bot, so
translators count as people while Weblate and dependabot do not. Weblate commits its own weekly
updates and, as committer, the translators' work under their names; dependabot's pull requests
are merged by a maintainer.
"""

from __future__ import annotations

from datetime import date

from deckgen.demo.events import EPOCH
from deckgen.demo.repository import Repository, round_randomly
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


def add_translations(core: Repository) -> None:
    """Add the as-of year's Weblate commits: its own, and the translators' it commits."""
    rng, world = core.rng, core.world
    first = date(world.as_of.year, 3, 2).toordinal()
    if first > world.last_day:
        return
    for week in range(first, world.last_day + 1, 7):
        at = (week - EPOCH) * DAY + rng.randint(6 * 3600, 8 * 3600)
        core.add(WEBLATE, at, 0, WEBLATE, at, 0, "Update translation files\n\n" + WEBLATE_TRAILER)
    for _ in range(round_randomly(rng, 16 * (world.last_day - first + 1) / 300)):
        day = rng.randint(first, world.last_day)
        member = world.recruit(rng, core.repo, day, 0.0)
        member.joined[core.repo] = day
        language, code = rng.choice(_LANGUAGES)
        for _ in range(rng.randint(1, 4)):
            authored, tz = core.stamp(member, min(day + rng.randint(0, 40), world.last_day))
            at = authored + rng.randint(60, 3600)
            at = authored if at > world.end else at
            message = (
                f"Translated using Weblate ({language})\n\n"
                f"Currently translated at {rng.randint(600, 999) / 10}% of the strings.\n\n"
                f"Translate-URL: https://translate.orbit.example/projects/orbit/{code}/\n"
                f"{signoff(member.ident(authored))}"
            )
            core.add(member.ident(authored), authored, tz, WEBLATE, at, 0, message)


def add_dependabot(go: Repository) -> None:
    """Add dependabot's pull requests from 2020, each merged by a maintainer."""
    rng, world = go.rng, go.world
    kenji = world.members["kenji"]
    modules = ("golang.org/x/sys", "golang.org/x/net", "github.com/stretchr/testify")
    versions = {name: 1 for name in modules}
    for day in range(date(2020, 2, 3).toordinal(), world.last_day - 3, 23):
        module = rng.choice(modules)
        old, new = versions[module], versions[module] + rng.randint(1, 3)
        versions[module] = new
        at = (day - EPOCH) * DAY + rng.randint(0, DAY - 1)
        merged = at + rng.randint(3600, 3 * DAY)
        go.topics += 1
        message = (
            f"build(deps): bump {module} from 0.{old}.0 to 0.{new}.0\n\n"
            f"Bumps {module} from 0.{old}.0 to 0.{new}.0.\n\nSigned-off-by: dependabot[bot]"
            f" <support@github.com>\n"
        )
        go.add(DEPENDABOT, at, 0, DEPENDABOT, at, 0, message, topic=go.topics)
        by = kenji.ident(merged)
        tz = kenji.offset(merged // DAY + EPOCH)
        branch = f"dependabot/go_modules/{module}-0.{new}.0"
        message = f"Merge pull request #{100 + go.topics} from orbit/{branch}\n"
        go.add(by, merged, tz, by, merged, tz, message, merge=go.topics)
