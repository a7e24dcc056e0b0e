"""The renderers of the slide kinds. A kind is registered once, in the outline's schema
(`deckgen.outline.schema.SLIDE_KINDS`), which names its renderer here as 'module:Class'; the
deck stage imports a renderer the first time a deck shows its kind."""

from __future__ import annotations

import importlib
from functools import cache

from deckgen.deck.kinds.base import DeckExtras, RenderContext, SlideKind
from deckgen.errors import DeckError, did_you_mean
from deckgen.outline.schema import SLIDE_KINDS

__all__ = ["DeckExtras", "RenderContext", "SlideKind", "renderer"]


@cache
def renderer(name: str) -> SlideKind:
    """Return the renderer of slide kind `name`; DeckError listing the known kinds."""
    spec = SLIDE_KINDS.get(name)
    if spec is None:
        valid = ", ".join(repr(k) for k in SLIDE_KINDS)
        hint = did_you_mean(name, SLIDE_KINDS)
        raise DeckError(f"unknown slide kind {name!r}, expected one of {valid}{hint}")
    module, _, attribute = spec.renderer.partition(":")
    kind: SlideKind = getattr(importlib.import_module(module), attribute)()
    return kind
