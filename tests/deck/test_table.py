"""Table slides: theme colours, a header row, continuation slides, sizes that fit."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR

from deckgen.deck import DeckSlide, TableData, Theme
from deckgen.errors import DeckError
from deckgen.outline.schema import TableSlide
from tests.deck.deckdata import build


def _deck(theme: Theme, data: TableData, **spec: object) -> list[object]:
    slide = TableSlide.model_validate({"title": "Releases", **spec})
    return list(Presentation(io.BytesIO(build([DeckSlide(3, slide, table=data)], theme))).slides)


def test_header_row_in_theme_colours(theme: Theme) -> None:
    data = TableData(("Release", "Commits"), (("v1", "1,200"), ("v2", "900")), (False, True))
    (slide,) = _deck(theme, data, caption="Two releases.")
    (frame,) = [s for s in slide.shapes if getattr(s, "has_table", False)]
    table = frame.table
    header = table.cell(0, 0)
    assert header.text_frame.text == "Release"
    assert header.fill.fore_color.theme_color == MSO_THEME_COLOR.TEXT_2
    assert header.text_frame.paragraphs[0].runs[0].font.bold
    assert table.cell(2, 0).fill.fore_color.theme_color == MSO_THEME_COLOR.BACKGROUND_2
    assert table.cell(1, 1).text_frame.paragraphs[0].alignment == 3  # right: a number
    caption = next(s for s in slide.shapes if s.name == "Caption")
    assert caption.text_frame.text == "Two releases."
    assert caption.top >= frame.top + frame.height
    sizes = {
        r.font.size.pt
        for row in table.rows
        for c in row.cells
        for p in c.text_frame.paragraphs
        for r in p.runs
    }
    assert min(sizes) >= 14


def test_rows_past_max_rows_continue(theme: Theme) -> None:
    data = TableData(("N",), tuple((f"row {i}",) for i in range(7)))
    slides = _deck(theme, data, max_rows=3)
    titles = [s.shapes.title.text for s in slides]
    assert titles == ["Releases", "Releases (continued)", "Releases (continued)"]
    tables = [_table(s) for s in slides]
    rows = [[t.cell(r, 0).text_frame.text for r in range(len(t.rows))] for t in tables]
    assert rows == [
        ["N", "row 0", "row 1", "row 2"],
        ["N", "row 3", "row 4", "row 5"],
        ["N", "row 6"],
    ]


def _table(slide: Any) -> Any:
    return next(s for s in slide.shapes if getattr(s, "has_table", False)).table


def test_too_many_rows_for_the_area(theme: Theme) -> None:
    data = TableData(("N",), tuple((f"row {i}",) for i in range(40)))
    with pytest.raises(DeckError) as caught:
        _deck(theme, data, max_rows=40)
    assert str(caught.value) == (
        "slide 3, table 'Releases': the table does not fit its area even at 14 pt; "
        "lower `max_rows` or shorten the cells"
    )


def test_no_rows(theme: Theme) -> None:
    with pytest.raises(DeckError) as caught:
        _deck(theme, TableData((), ()))
    assert str(caught.value) == (
        "slide 3, table 'Releases': a table needs `rows` (or `data` to generate them)"
    )


def test_no_data(theme: Theme) -> None:
    with pytest.raises(DeckError) as caught:
        build([DeckSlide(3, TableSlide(title="T", rows=[["a"]]))], theme)
    assert str(caught.value) == "slide 3, table 'T': no table data was given for the table"
