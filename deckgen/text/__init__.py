"""The text stage: render every Jinja template of the outline against the metrics.

One module per job: `filters.py` (the filters templates may use), `sandbox.py` (the hardened
environment), `deadline.py` (a template's time limit), `hints.py` (undefined names and what was
meant), `render.py` (the talk's and the slides' texts), `check.py` (templates checked before
any metric exists) and `names.py` (the names templates may use, shared by both).

Every name here is imported when first asked for: the check before git (`check.py`) imports
neither the rendering nor the news and metrics modules it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.lazy import lazy_names

if TYPE_CHECKING:
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

_HOMES = {
    "FILTERS": "filters",
    "RenderedSlide": "render",
    "Renderer": "render",
    "Talk": "render",
    "approx": "filters",
    "check_templates": "check",
    "longdate": "filters",
    "make_environment": "sandbox",
    "percent": "filters",
    "render_slides": "render",
    "render_talk": "render",
    "round_to": "filters",
    "signed": "filters",
    "text_context": "render",
    "thousands": "filters",
}

__getattr__ = lazy_names(__name__, _HOMES)
