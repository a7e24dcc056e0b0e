"""The change line of a stats tile."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.util import Emu

from deckgen.deck import DeckSlide, Theme
from deckgen.deck.change import Change, change
from deckgen.deck.fonts import TextMeasure
from deckgen.errors import DeckError
from deckgen.outline.schema import StatsSlide
from tests.deck.deckdata import build


@pytest.mark.parametrize(
    ("value", "previous", "expected"),
    [
        ("3,912", "3,600", Change("▲ 312 vs last year", 1, "▲ 312")),
        ("41", "45", Change("▼ 4 vs last year", -1, "▼ 4")),
        ("12", "12", Change("= same as last year", 0, "= same")),
        ("36.5 days", "30 days", Change("▲ 6.5 vs last year", 1, "▲ 6.5")),
        ("10%", "12%", Change("▼ 2 vs last year", -1, "▼ 2")),
        ("1,000", "−20", Change("▲ 1,020 vs last year", 1, "▲ 1,020")),
    ],
)
def test_change(value: str, previous: str, expected: Change) -> None:
    assert change(value, previous) == expected


def test_not_a_number() -> None:
    with pytest.raises(DeckError) as caught:
        change("many", "3")
    assert str(caught.value) == "a tile's value 'many' is not a number, so it cannot show a change"


def test_tiles_show_the_change_in_colour(theme: Theme) -> None:
    spec = StatsSlide.model_validate(
        {
            "title": "People",
            "tiles": [
                {"value": "182", "caption": "contributors", "previous": "170"},
                {"value": "41", "caption": "new", "previous": "45"},
                {"value": "7", "caption": "bots"},
            ],
        }
    )
    slide = Presentation(io.BytesIO(build([DeckSlide(1, spec)], theme))).slides[0]
    changes = [s for s in slide.shapes if s.name == "Tile change"]
    assert [c.text_frame.text for c in changes] == ["▲ 12 vs last year", "▼ 4 vs last year"]
    colours = [c.text_frame.paragraphs[0].runs[0].font.color.theme_color for c in changes]
    assert colours == [MSO_THEME_COLOR.ACCENT_2, MSO_THEME_COLOR.ACCENT_1]
    values = [s for s in slide.shapes if s.name == "Tile value"]
    captions = [s for s in slide.shapes if s.name == "Tile caption"]
    assert all(v.top + v.height <= c.top for v, c in zip(values, captions, strict=True))


def test_changes_too_wide_for_their_tiles_drop_vs_last_year(theme: Theme) -> None:
    values = [("12,345,678", "11,111,111"), ("2,345,678", "1,111,111"), ("9", "8"), ("1", "1")]
    spec = StatsSlide.model_validate(
        {
            "title": "Big numbers",
            "tiles": [{"value": v, "caption": "things", "previous": p} for v, p in values],
        }
    )
    slide = Presentation(io.BytesIO(build([DeckSlide(1, spec)], theme))).slides[0]
    changes = [s for s in slide.shapes if s.name == "Tile change"]
    assert [c.text_frame.text for c in changes] == ["▲ 1,234,567", "▲ 1,234,567", "▲ 1", "= same"]
    sizes = {r.font.size.pt for c in changes for r in c.text_frame.paragraphs[0].runs}
    assert len(sizes) == 1 and min(sizes) >= 14
    measure = TextMeasure("Calibri")
    for c in changes:
        assert measure.width(c.text_frame.text, min(sizes), bold=True) <= Emu(c.width).pt
    captions = [s for s in slide.shapes if s.name == "Tile caption"]
    assert all(c.top >= d.top + d.height for c, d in zip(captions, changes, strict=True))
