"""The outline stage: read a talk outline, apply `--set` overrides, validate, resolve paths."""

from deckgen.outline.loader import OutlineDocument, apply_override, load_outline, parse_outline
from deckgen.outline.schema import SLIDE_KINDS, Outline, SlideSpec

__all__ = [
    "SLIDE_KINDS",
    "Outline",
    "OutlineDocument",
    "SlideSpec",
    "apply_override",
    "load_outline",
    "parse_outline",
]
