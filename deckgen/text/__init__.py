"""The text stage: render every Jinja template of the outline against the metrics.

One module per job: `filters.py` (the filters templates may use), `sandbox.py` (the hardened
environment), `deadline.py` (a template's time limit), `hints.py` (undefined names and what was
meant), `render.py` (the talk's and the slides' texts) and `check.py` (templates checked before
any metric exists).
"""

from deckgen.text.check import check_templates
from deckgen.text.filters import (
    FILTERS,
    approx,
    longdate,
    percent,
    round_to,
    signed,
    thousands,
)
from deckgen.text.render import (
    RenderedSlide,
    Renderer,
    Talk,
    render_slides,
    render_talk,
    text_context,
)
from deckgen.text.sandbox import make_environment

__all__ = [
    "FILTERS",
    "RenderedSlide",
    "Renderer",
    "Talk",
    "approx",
    "check_templates",
    "longdate",
    "make_environment",
    "percent",
    "render_slides",
    "render_talk",
    "round_to",
    "signed",
    "text_context",
    "thousands",
]
