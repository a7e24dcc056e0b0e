"""No text overflows its box in a deck of every kind, on two templates of different shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt

from deckgen.deck import Theme
from tests.deck.deckdata import all_kinds, build_all
from tests.deck.overflow import assert_no_overflow


def test_every_kind_fits(theme: Theme, tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_all(all_kinds(tmp_path), theme, tmp_path))
    assert_no_overflow(deck)


def test_the_check_finds_an_overflow(theme: Theme, tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_all(all_kinds(tmp_path), theme, tmp_path))
    prs = Presentation(str(deck))
    caption = next(s for s in prs.slides[2].shapes if s.name == "Tile caption")
    for run in caption.text_frame.paragraphs[0].runs:
        run.font.size = Pt(60)
    prs.save(str(deck))
    with pytest.raises(AssertionError) as caught:
        assert_no_overflow(deck)
    assert str(caught.value).startswith("slide 3, 'Tile caption': text needs ")
