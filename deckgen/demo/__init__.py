"""The embedded demo project "Orbit": a deterministic synthetic history to build a deck from.

`ensure_demo_project` writes bare repositories with `git fast-import`: `core.git` and three
language bindings under `bindings/`. Their history has the shape of the model talk's project:
growth for six years then a plateau of 4,000-5,000 commits a year in core, a core of long-timers
and many one-time contributors, a dip in newcomers that recovers in the as-of year, bindings that
start later and tail off, monthly releases with release candidates and a NEWS.rst, a .mailmap,
bots and merges. The same as-of date always gives the same commit hashes: every random draw comes
from a `random.Random` seeded with a fixed string, and no float goes through libm. `cache` decides
when to generate; `simulation` plans the history as events, from `plans`, `cast`, `people`,
`repository`, `releases` and `bots`; `writer` writes the events. `deckgen/data/demo.yaml` is the
talk built from it.
"""

from deckgen.demo.bots import DEPENDABOT, WEBLATE, WEBLATE_TRAILER
from deckgen.demo.cache import EARLIEST_AS_OF, MANIFEST, ensure_demo_project
from deckgen.demo.cast import MAILMAP_HEADER
from deckgen.demo.news import NEWS_HEADER
from deckgen.demo.orbit import BINDING_README, CORE, DEMO_VERSION, GO, PERL, PYTHON, README, REPOS
from deckgen.demo.people import LONG, OCCASIONAL, ONE_TIME, REGULAR

__all__ = [
    "BINDING_README",
    "CORE",
    "DEMO_VERSION",
    "DEPENDABOT",
    "EARLIEST_AS_OF",
    "GO",
    "LONG",
    "MAILMAP_HEADER",
    "MANIFEST",
    "NEWS_HEADER",
    "OCCASIONAL",
    "ONE_TIME",
    "PERL",
    "PYTHON",
    "README",
    "REGULAR",
    "REPOS",
    "WEBLATE",
    "WEBLATE_TRAILER",
    "ensure_demo_project",
]
