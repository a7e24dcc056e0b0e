"""`assert_no_overflow`: measure every text frame of a built deck again, with the real metrics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Length

from deckgen.deck.dump import paragraph_markup
from deckgen.deck.fonts import TextMeasure
from deckgen.deck.styles import LevelStyle, text_box
from deckgen.deck.theme import read_theme_xml

TOLERANCE_PT = 1.0


def assert_no_overflow(pptx_path: Path) -> None:
    """Fail naming the slide and shape of every text frame, table or shape whose text is taller
    than its box, or that lies outside the slide."""
    prs = Presentation(str(pptx_path))
    _colours, heading_font, body_font = read_theme_xml(
        prs.slide_master.part.part_related_by(RT.THEME).blob
    )
    body, heading = TextMeasure(body_font), TextMeasure(heading_font)
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    problems = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            where = f"slide {number}, {shape.name!r}"
            right, bottom = int(shape.left or 0) + int(shape.width or 0), int(shape.top or 0)
            bottom += int(shape.height or 0)
            if int(shape.left or 0) < 0 or int(shape.top or 0) < 0 or right > width:
                problems.append(f"{where}: outside the slide")
            if getattr(shape, "has_table", False):
                problems += _table(shape, where, body, height)
            elif shape.has_text_frame and shape.text_frame.text.strip():
                if bottom > height:
                    problems.append(f"{where}: below the slide")
                problems += _frame(shape, slide, where, body, heading)
    assert not problems, "\n".join(problems)


def _frame(
    shape: Any, slide: Any, where: str, body: TextMeasure, heading: TextMeasure
) -> list[str]:
    frame = shape.text_frame
    if shape.is_placeholder:
        box = text_box(shape, slide.slide_layout)
        levels, box_w, box_h = box.levels, box.width, box.height
        measure = heading if box.heading else body
    else:
        levels = (LevelStyle(18.0, False, 0.0, 0.0),) * 9
        box_w = Emu(int(shape.width) - int(frame.margin_left) - int(frame.margin_right)).pt
        box_h = Emu(int(shape.height) - int(frame.margin_top) - int(frame.margin_bottom)).pt
        measure = body
    used = 0.0
    for i, p in enumerate(frame.paragraphs):
        style = levels[p.level]
        sizes = [r.font.size.pt for r in p.runs if r.font.size is not None]
        size = max(sizes) if sizes else style.size
        bold = style.bold or any(r.font.bold for r in p.runs)
        text = paragraph_markup(p)
        line = (
            Emu(int(p.line_spacing)).pt
            if isinstance(p.line_spacing, Length)
            else measure.line_height(size) * (p.line_spacing or 1.0)
        )
        lines = measure.lines(text, size, box_w - style.margin, bold=bold)
        before = Emu(int(p.space_before)).pt if p.space_before is not None else style.space_before
        used += lines * line + (before if i else 0.0)
    if used > box_h + TOLERANCE_PT:
        return [f"{where}: text needs {used:.1f} pt, the box has {box_h:.1f} pt"]
    return []


def _table(shape: Any, where: str, measure: TextMeasure, slide_h: int) -> list[str]:
    table = shape.table
    problems, total = [], 0
    for r, row in enumerate(table.rows):
        need = 0.0
        for c, cell in enumerate(row.cells):
            inner = int(table.columns[c].width) - int(cell.margin_left) - int(cell.margin_right)
            pads = Emu(int(cell.margin_top) + int(cell.margin_bottom)).pt
            for p in cell.text_frame.paragraphs:
                size = max((run.font.size.pt for run in p.runs if run.font.size), default=18.0)
                lines = measure.lines(paragraph_markup(p), size, Emu(inner).pt, bold=True)
                need = max(need, lines * measure.line_height(size) + pads)
        if need > Emu(int(row.height)).pt + TOLERANCE_PT:
            problems.append(f"{where}: row {r} needs {need:.1f} pt")
        total += max(int(row.height), int(Emu(int(need * 12700))))
    if int(shape.top) + total > slide_h:
        problems.append(f"{where}: the table runs below the slide")
    return problems
