"""templates/default.pptx: reproducible from build_theme.py, with the layouts deckgen needs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deckgen.deck.theme import DEFAULT_TEMPLATE, LAYOUT_NAMES

BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "templates" / "build_theme.py"


def test_committed_template_is_what_the_script_builds() -> None:
    spec = importlib.util.spec_from_file_location("build_theme", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_theme"] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        assert module.build() == DEFAULT_TEMPLATE.read_bytes(), "run templates/build_theme.py"
    finally:
        del sys.modules["build_theme"]


def test_layouts_and_their_placeholders() -> None:
    prs = Presentation(str(DEFAULT_TEMPLATE))
    assert len(prs.slides) == 0
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    names = [layout.name for layout in prs.slide_layouts]
    assert sorted(names) == sorted(set(LAYOUT_NAMES.values()))
    footers = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
    for layout in prs.slide_layouts:
        types = {ph.placeholder_format.type for ph in layout.placeholders}
        assert footers <= types, layout.name
        for ph in layout.placeholders:  # inside the slide
            assert ph.left >= 0 and ph.top >= 0, (layout.name, ph.name)
            assert ph.left + ph.width <= prs.slide_width, (layout.name, ph.name)
            assert ph.top + ph.height <= prs.slide_height, (layout.name, ph.name)
