"""`dump_deck`, and the golden dump of a deck with every slide kind.

Regenerate the golden file with `pytest tests/deck --update-golden` and review its diff. The
dump pins deckgen's own sizes; tests/deck/test_render.py checks the same slides independently,
from LibreOffice's rendering: every word on its slide and inside its text box.
"""

from __future__ import annotations

from pathlib import Path

from deckgen.deck import Theme
from deckgen.deck.dump import dump_deck
from tests.deck.deckdata import all_kinds, build_all

GOLDEN = Path(__file__).parent / "golden"


def test_every_kind_matches_the_golden_dump(
    theme: Theme, tmp_path: Path, update_golden: bool
) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_all(all_kinds(tmp_path), theme, tmp_path))
    dump = dump_deck(deck)
    golden = GOLDEN / "every_kind.txt"
    if update_golden:
        golden.write_text(dump)
    assert dump == golden.read_text(), "run `pytest tests/deck --update-golden` and review"


def test_dump_writes_styles_back_as_markup(theme: Theme, tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_all(all_kinds(tmp_path), theme, tmp_path))
    dump = dump_deck(deck)
    assert "Moved to [a hosted forge](https://gitlab.com/example)" in dump
    assert "Build with `meson setup build`" in dump
    assert "picture 'Logo' 1.80 x 0.72 in, alt 'Logo (logo.png)'" in dump
