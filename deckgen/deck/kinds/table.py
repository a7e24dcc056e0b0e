"""A table in the theme's colours: a header row, banded body rows, continued past `max_rows`."""

from __future__ import annotations

from collections.abc import Sequence

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.table import _Cell
from pptx.util import Emu, Inches, Pt

from deckgen.deck.fit import FLOOR_PT, Para, write_runs
from deckgen.deck.fonts import TextMeasure
from deckgen.deck.kinds.base import RenderContext, continued, expect, lines
from deckgen.deck.kinds.chart_bullets import add_caption, caption_height
from deckgen.deck.markup import plain
from deckgen.deck.placeholders import placeholder, remove_shape
from deckgen.deck.tabledata import TableData, chunks
from deckgen.errors import DeckError
from deckgen.outline.schema import SlideSpec, TableSlide

TITLE, BODY = 0, 1
CELL_PT = 20.0
PAD_X, PAD_Y = Inches(0.12), Inches(0.06)
SAFETY = 0.95
ROOMY, NARROWEST = 1.4, 0.5
"""A table is as wide as its widest cells need × `ROOMY`, at least `NARROWEST` of its area."""


class TableKind:
    """Cells sized to fit the layout's body area; rows past `max_rows` continue on new slides."""

    name = "table"
    footer = True

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return "table"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, TableSlide)
        if ctx.table is None:
            raise DeckError("no table data was given for the table")
        if not ctx.table.rows:
            raise DeckError("a table needs `rows` (or `data` to generate them)")
        for page, data in enumerate(chunks(ctx.table, s.max_rows)):
            if page:
                slide = ctx.new_slide("table")
            title = s.title if page == 0 else continued(s.title)
            ctx.fill(slide, TITLE, "title", [Para(title)], floor=24)
            _table(slide, data, lines(s.caption), ctx)


def _table(slide: Slide, data: TableData, caption: list[Para], ctx: RenderContext) -> None:
    area = placeholder(slide, BODY, "table")
    box = (int(area.left), int(area.top), int(area.width), int(area.height))
    left, top, width, tall = box
    if caption:
        tall -= caption_height(caption, box, ctx)
    remove_shape(area)
    grid = ([data.columns] if data.columns else []) + list(data.rows)
    size, widths, heights = _sizes(grid, width, tall, ctx.body)
    shape = slide.shapes.add_table(
        len(grid), data.width, Emu(left), Emu(top), Emu(sum(widths)), Emu(sum(heights))
    )
    if caption:
        add_caption(slide, caption, box, ctx, under=top + sum(heights))
    shape.name = "Table"
    table = shape.table
    table.first_row = bool(data.columns)
    table.horz_banding = False
    for c, w in enumerate(widths):
        table.columns[c].width = Emu(w)
    for r, (cells, h) in enumerate(zip(grid, heights, strict=True)):
        table.rows[r].height = Emu(h)
        header = r == 0 and bool(data.columns)
        band = (r - int(bool(data.columns))) % 2 == 1
        for c, text in enumerate(cells):
            right = bool(data.numeric) and data.numeric[c] and not header
            _cell(table.cell(r, c), text, size, header=header, band=band, right=right)


def _cell(cell: _Cell, text: str, size: float, *, header: bool, band: bool, right: bool) -> None:
    cell.margin_left = cell.margin_right = PAD_X
    cell.margin_top = cell.margin_bottom = PAD_Y
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.fill.solid()  # type: ignore[no-untyped-call]
    cell.fill.fore_color.theme_color = (
        MSO_THEME_COLOR.TEXT_2
        if header
        else MSO_THEME_COLOR.BACKGROUND_2
        if band
        else MSO_THEME_COLOR.BACKGROUND_1
    )
    frame = cell.text_frame
    frame.word_wrap = True
    p = frame.paragraphs[0]
    write_runs(p, text, size)
    p.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    for run in p.runs:
        run.font.color.theme_color = (
            MSO_THEME_COLOR.BACKGROUND_1 if header else MSO_THEME_COLOR.TEXT_1
        )
        if header:
            run.font.bold = True


def _sizes(
    grid: Sequence[Sequence[str]], width: int, tall: int, measure: TextMeasure
) -> tuple[float, list[int], list[int]]:
    """Return the type size, column widths and row heights (EMU) at which `grid` fits."""
    pad_w, pad_h = Emu(2 * PAD_X).pt, Emu(2 * PAD_Y).pt
    size = CELL_PT
    while size >= FLOOR_PT:
        natural = [
            max(measure.width(plain(row[c]), size, bold=True) for row in grid) + pad_w + 2
            for c in range(len(grid[0]))
        ]
        area = Emu(width).pt
        # A few short columns make a narrower table: rows stretched across the slide are
        # hard to read along.
        total = min(area, max(sum(natural) * ROOMY, area * NARROWEST))
        spare = total - sum(natural)
        if spare >= 0:  # every cell on one line: share the spare width out evenly
            widths = [n + spare / len(natural) for n in natural]
        else:
            widths = [total * n / sum(natural) for n in natural]
        heights = [
            max(
                measure.lines(cell, size, (w - pad_w) * SAFETY, bold=True)
                for cell, w in zip(row, widths, strict=True)
            )
            * measure.line_height(size)
            + pad_h
            + 1
            for row in grid
        ]
        if sum(heights) <= Emu(tall).pt:
            emu_widths = [int(Pt(w)) for w in widths]
            emu_widths[-1] = int(Pt(total)) - sum(emu_widths[:-1])
            return size, emu_widths, [int(Pt(h)) for h in heights]
        size -= 1.0
    raise DeckError(
        f"the table does not fit its area even at {FLOOR_PT:g} pt; "
        "lower `max_rows` or shorten the cells"
    )
