"""Text sizing: real font metrics, greedy wrapping, shrink to fit, never below the floor."""

from __future__ import annotations

from deckgen.deck.fit import FLOOR_PT, Para, candidates, fit, height
from deckgen.deck.fonts import TextMeasure
from deckgen.deck.styles import LevelStyle, TextBox
from deckgen.fonts import find_font

MEASURE = TextMeasure("Calibri")


def box(width: float, height: float, size: float = 24.0) -> TextBox:
    levels = tuple(LevelStyle(size - 4 * min(n, 1), False, 20.0 * n, 6.0) for n in range(9))
    return TextBox(width, height, levels, heading=False)


def test_calibri_is_measured_with_a_real_font() -> None:
    """Calibri itself or Carlito, its metric twin (`make system-deps` installs it): not the
    DejaVu fallback, whose wider letters would shrink every slide for nothing."""
    for bold in (False, True):
        found = find_font("Calibri", bold=bold)
        assert not found.fallback and found.path.stem.lower().startswith(("carlito", "calibri"))
    assert MEASURE.width("WWW", 10) > MEASURE.width("iii", 10)
    assert MEASURE.width("abc", 20, bold=True) >= MEASURE.width("abc", 20)
    assert MEASURE.line_height(10) >= 12.0


def test_wrapping() -> None:
    word = MEASURE.width("word", 20)
    space = MEASURE.width(" ", 20)
    assert MEASURE.lines("word word word", 20, word * 3 + space * 2 + 1) == 1
    assert MEASURE.lines("word word word", 20, word * 2 + space + 1) == 2
    assert MEASURE.lines("word\nword", 20, 1000) == 2
    assert MEASURE.lines("w" * 40, 20, MEASURE.width("w" * 10, 20) + 0.1) == 4


def test_text_that_fits_keeps_the_template_size() -> None:
    fitted = fit([Para("Short"), Para("Sub", 1)], box(600, 300), MEASURE)
    assert fitted is not None
    assert fitted.sizes[:2] == (24.0, 20.0)


def test_text_shrinks_in_proportion_to_fit() -> None:
    paras = [Para(f"line {i} of a list that needs some room") for i in range(9)]
    fitted = fit(paras, box(600, 260), MEASURE)
    assert fitted is not None
    assert FLOOR_PT <= fitted.sizes[0] < 24.0
    assert fitted.sizes[1] < 20.0
    assert fitted.space_before[0] < 6.0


def test_the_chosen_size_is_the_largest_that_fits() -> None:
    """The chosen type fits and the next larger step does not: fitting never shrinks too far."""
    paras = [Para(f"line {i} of a list that needs some room") for i in range(9)]
    room = box(600, 260)
    fitted = fit(paras, room, MEASURE)
    steps = list(candidates(room, FLOOR_PT))
    assert fitted is not None and fitted in steps[1:]
    larger = steps[steps.index(fitted) - 1]
    assert (
        height(paras, room, fitted, MEASURE) <= room.height < height(paras, room, larger, MEASURE)
    )


def test_nothing_below_the_floor() -> None:
    paras = [Para("many words " * 30) for _ in range(10)]
    assert fit(paras, box(300, 200), MEASURE) is None
