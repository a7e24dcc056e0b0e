"""A table in the theme's colours: a header row, banded body rows, continued on as many
slides as its measured rows need (`deckgen.deck.tablelayout`)."""

from __future__ import annotations

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.table import _Cell
from pptx.util import Emu

from deckgen.deck.fit import FLOOR_PT, Para, write_runs
from deckgen.deck.kinds.base import RenderContext, add_notes, continued, expect, lines
from deckgen.deck.kinds.chart_bullets import add_caption, caption_height
from deckgen.deck.placeholders import placeholder, remove_shape
from deckgen.deck.tablelayout import PAD_X, PAD_Y, TableLayout, TablePage, lay_out
from deckgen.errors import DeckError
from deckgen.outline.schema import SlideSpec, TableSlide

TITLE, BODY = 0, 1
SHORTENED = "Shortened on this slide; in full:"
"""Heads the speaker notes that list the cells a slide shows cut short."""


class TableKind:
    """One size for all its slides; a cell too long for its column is cut, in full in the
    notes."""

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
        caption = lines(s.caption)
        area = placeholder(slide, BODY, "table")
        box = (int(area.left), int(area.top), int(area.width), int(area.height))
        tall = box[3] - (caption_height(caption, box, ctx) if caption else 0)
        laid = lay_out(ctx.table, box[2], tall, ctx.body, s.max_rows)
        if laid is None:
            raise DeckError(
                f"a row of the table does not fit its area even at {FLOOR_PT:g} pt; "
                "shorten the caption or choose a template with a larger table area"
            )
        for number, page in enumerate(laid.pages):
            if number:
                slide = ctx.new_slide("table")
            title = s.title if number == 0 else continued(s.title)
            ctx.fill(slide, TITLE, "title", [Para(title)], floor=24)
            _table(slide, page, laid, box, caption, ctx)
            if page.cut:
                add_notes(slide, "\n".join([SHORTENED, *page.cut]))


def _table(
    slide: Slide,
    page: TablePage,
    laid: TableLayout,
    box: tuple[int, int, int, int],
    caption: list[Para],
    ctx: RenderContext,
) -> None:
    remove_shape(placeholder(slide, BODY, "table"))
    data, grid = page.data, page.grid
    left, top = box[0], box[1]
    shape = slide.shapes.add_table(
        len(grid),
        len(laid.widths),
        Emu(left),
        Emu(top),
        Emu(sum(laid.widths)),
        Emu(sum(page.heights)),
    )
    if caption:
        add_caption(slide, caption, box, ctx, under=top + sum(page.heights))
    shape.name = "Table"
    table = shape.table
    table.first_row = bool(data.columns)
    table.horz_banding = False
    for c, w in enumerate(laid.widths):
        table.columns[c].width = Emu(w)
    for r, (cells, h) in enumerate(zip(grid, page.heights, strict=True)):
        table.rows[r].height = Emu(h)
        header = r == 0 and bool(data.columns)
        band = (r - int(bool(data.columns))) % 2 == 1
        for c, text in enumerate(cells):
            right = bool(data.numeric) and data.numeric[c] and not header
            _cell(table.cell(r, c), text, laid.size, header=header, band=band, right=right)


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
