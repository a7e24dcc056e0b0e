"""The demo outline's project: where it is generated (`demo_cache_dir`). Which outlines are the
demo is told by `deckgen.outline.demo` (re-exported here), without importing this package."""

from __future__ import annotations

from pathlib import Path

from deckgen.cachedir import default_cache_dir
from deckgen.outline.demo import DEMO_OUTLINE, is_demo_outline

__all__ = ["DEMO_OUTLINE", "demo_cache_dir", "is_demo_outline"]


def demo_cache_dir() -> Path:
    """Return the folder the demo projects are generated into."""
    return default_cache_dir() / "demo"
