"""The names a template may use and how errors show a template and a slide: shared by the
check before git (`check.py`) and the rendering after it (`render.py`), so that the check does
not import the rendering (and the news and metrics modules it reads) before git starts."""

from __future__ import annotations

import re

from deckgen.outline.schema import SlideSpec

TALK_NAMES = ("news", "vars", "all", "groups", "repos", "releases", "period", "as_of")
"""The names the outline's own texts (title, subtitle, speaker, event) may use."""
SLIDE_NAMES = (*TALK_NAMES, "outline")
"""The names slide texts and the footer may use: those, and `outline` (the rendered talk)."""

TALK_TEXTS: tuple[tuple[str, ...], ...] = (
    ("subtitle",),
    ("speaker", "name"),
    ("speaker", "role"),
    ("speaker", "affiliation"),
    ("event", "name"),
    ("event", "location"),
    ("event", "url"),
    ("event", "hashtag"),
)
"""The outline's own texts besides `title` and `footer`, as key paths."""

NO_OUTLINE_YET = (
    "'outline' cannot be used in the title, subtitle, speaker or event: those are rendered "
    "before it exists; write the text itself, or put it in `vars`"
)


_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(template: str, limit: int = 200) -> str:
    """Return `template` as one line for an error message: line breaks and control characters
    become spaces (each line of a message is printed as its own `error:` line)."""
    text = _BREAKS.sub(" ", template.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def slide_label(number: int, spec: SlideSpec) -> str:
    """Return how errors name a slide: 'slide 4 (id: releases)'."""
    return f"slide {number}" + (f" (id: {spec.id})" if spec.id else "")
