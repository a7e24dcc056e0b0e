"""Table slides: theme colours, a header row, continuation slides, sizes that fit."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.util import Emu, Inches, Pt

from deckgen.deck import DeckSlide, TableData, Theme
from deckgen.deck.fonts import TextMeasure
from deckgen.deck.tabledata import name_grid
from deckgen.deck.tablelayout import lay_out
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
    assert _rows(slides) == [
        ["N", "row 0", "row 1", "row 2"],
        ["N", "row 3", "row 4"],
        ["N", "row 5", "row 6"],
    ]


def _table(slide: Any) -> Any:
    return next(s for s in slide.shapes if getattr(s, "has_table", False)).table


def _rows(slides: list[Any]) -> list[list[str]]:
    """Return each slide's table as its first column's cells, the header first."""
    tables = [_table(s) for s in slides]
    return [[t.cell(r, 0).text_frame.text for r in range(len(t.rows))] for t in tables]


def _cells(slide: Any) -> list[list[str]]:
    return [[c.text_frame.text for c in row.cells] for row in _table(slide).rows]


def _sizes(slide: Any) -> set[float]:
    return {
        run.font.size.pt
        for row in _table(slide).rows
        for cell in row.cells
        for p in cell.text_frame.paragraphs
        for run in p.runs
    }


def _notes(slide: Any) -> str:
    return str(slide.notes_slide.notes_text_frame.text) if slide.has_notes_slide else ""


RELEASES = tuple((f"v{i // 10}.{i % 10}.0", f"{1 + i % 28} March 2026") for i in range(40))


def many_names(count: int) -> list[str]:
    """Return `count` distinct names: Latin, Czech, Chinese, Arabic, emoji, and 80-character
    ones."""
    shapes = [
        "Ann Example {i}",
        "Jiří Dvořák {i}",
        "Chen Jing 陈静 {i}",
        "محمد علي {i}",
        "Zoë 🎉 {i}",
        "Bartholomew-Maximilian {i:03} Featherstonehaugh-Cholmondeley von Wolkenstein-Trostburg",
    ]
    names = [shapes[i % len(shapes)].format(i=i) for i in range(count - 3)]
    return [*names, "Chen Jing 陈静", "Zoë 🎉", "Jiří Dvořák"]


def test_forty_releases_continue_in_one_size(theme: Theme) -> None:
    data = TableData(("Release", "Date"), RELEASES)
    slides = _deck(theme, data, caption="Dated by their tags.")
    assert len(slides) > 1
    assert [s.shapes.title.text for s in slides[1:]] == ["Releases (continued)"] * (len(slides) - 1)
    assert all(_cells(s)[0] == ["Release", "Date"] for s in slides)
    assert [row for s in slides for row in _cells(s)[1:]] == [list(r) for r in RELEASES]
    assert len({size for s in slides for size in _sizes(s)}) == 1
    counts = [len(_cells(s)) - 1 for s in slides]
    assert max(counts) - min(counts) <= 1  # shared out evenly, no last page of one row
    assert all(any(x.name == "Caption" for x in s.shapes) for s in slides)


def test_twelve_rows_fit_one_slide(theme: Theme) -> None:
    (slide,) = _deck(theme, TableData(("Release", "Date"), RELEASES[:12]))
    assert len(_cells(slide)) == 13
    assert min(_sizes(slide)) >= 14


def test_max_rows_bounds_the_rows_that_would_fit(theme: Theme) -> None:
    slides = _deck(theme, TableData(("Release", "Date"), RELEASES[:12]), max_rows=5)
    assert [len(_cells(s)) - 1 for s in slides] == [4, 4, 4]


def test_many_names_with_long_and_non_latin_ones(theme: Theme) -> None:
    names = many_names(300)
    slides = _deck(theme, name_grid(names), notes="Thank you all.")
    assert len({size for s in slides for size in _sizes(s)}) == 1
    assert min(_sizes(slides[0])) >= 14
    shown = [c for s in slides for row in _cells(s) for c in row if c]
    assert len(shown) == len(names)
    long_names = [n for n in names if len(n) >= 80]
    assert sorted(c for c in shown if not c.endswith("…")) == sorted(set(names) - set(long_names))
    for slide in slides:
        notes = _notes(slide).splitlines()
        cut_here = [c for row in _cells(slide) for c in row if c.endswith("…")]
        full = [n for c in cut_here for n in long_names if n.startswith(c[:-1])]
        assert len(full) == len(cut_here)  # each cut name is the start of one long name
        if full:
            assert notes[notes.index("Shortened on this slide; in full:") + 1 :] == full
        else:
            assert "Shortened on this slide; in full:" not in notes
    assert _notes(slides[0]).startswith("Thank you all.")
    assert {"Chen Jing 陈静", "Zoë 🎉", "Jiří Dvořák"} <= set(shown)


def test_a_long_cell_does_not_starve_the_other_columns(theme: Theme) -> None:
    long_name = " ".join(["Maximilian Alexander Wolfgang"] * 3)
    data = TableData(
        ("Name", "Role", "Since"),
        (("Ann", "Core maintainer", "2019"), (long_name, "Translator", "2024")),
    )
    (slide,) = _deck(theme, data)
    table = _table(slide)
    widths = [int(c.width) for c in table.columns]
    measure = TextMeasure("Calibri")
    size = min(_sizes(slide))
    role = Emu(widths[1] - 2 * int(table.cell(1, 1).margin_left)).pt
    assert measure.width("Core maintainer", size, bold=True) < role
    assert _cells(slide)[2][0] == long_name  # wraps onto a second line, whole


def test_a_cell_too_long_for_two_lines_is_cut_and_noted(theme: Theme) -> None:
    essay = " ".join(["A very long description of a feature"] * 12)
    data = TableData(("Feature", "What"), (("Meson", essay), ("Docs", "RST")))
    (slide,) = _deck(theme, data, notes="The features.")
    cell = _table(slide).cell(1, 1).text_frame.text
    assert cell.endswith("…") and essay.startswith(cell[:-1])
    assert _notes(slide).splitlines() == [
        "The features.",
        "Shortened on this slide; in full:",
        essay,
    ]


def test_a_cut_cell_with_markup_shows_its_text(theme: Theme) -> None:
    text = "**bold** and `code` " + "word " * 80
    (slide,) = _deck(theme, TableData(("A",), ((text,),)))
    shown = _table(slide).cell(1, 0).text_frame.text
    assert shown.startswith("bold and code word") and shown.endswith("…")


def test_lay_out_reports_a_row_that_cannot_fit() -> None:
    measure = TextMeasure("Calibri")
    data = TableData(("N",), (("one",),))
    assert lay_out(data, int(Inches(4)), int(Pt(20)), measure) is None
    assert lay_out(data, int(Inches(4)), int(Pt(80)), measure) is not None


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
