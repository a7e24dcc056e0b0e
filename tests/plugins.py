"""A slide kind plug-in, installed for a test: the package `deckbanner`, on `sys.path` with the
metadata of an installed distribution, so that `importlib.metadata` finds its entry point."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from deckgen.deck.kinds import renderer
from deckgen.outline.schema import SLIDE_KINDS

BANNER = '''
from typing import Literal

from deckgen.deck.kinds.section import SectionKind
from deckgen.outline.schema import SectionSlide, SlideSpec


class BannerSlide(SectionSlide):
    """A banner across the slide."""

    kind: Literal["banner"] = "banner"
    renderer = "deckbanner:BannerKind"


class BannerKind(SectionKind):
    name = "banner"


class Nameless(SlideSpec):
    kind: Literal["nameless"] = "nameless"


class Elsewhere(SectionSlide):
    kind: Literal["section"] = "section"
    renderer = "deckbanner:BannerKind"
'''


def install_plugin(site: Path, entry: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Install `deckbanner` under `site` with `entry`, a line of its entry_points.txt."""
    info = site / "deckbanner-1.0.dist-info"
    info.mkdir(parents=True)
    (site / "deckbanner.py").write_text(BANNER)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: deckbanner\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[deckgen.slide_kinds]\n{entry}\n")
    monkeypatch.syspath_prepend(str(site))
    SLIDE_KINDS.forget_plugins()


def uninstall_plugin() -> None:
    """Forget `deckbanner`: the next look-up of a slide kind scans the installed packages again."""
    SLIDE_KINDS.forget_plugins()
    renderer.cache_clear()
    sys.modules.pop("deckbanner", None)
