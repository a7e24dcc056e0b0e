"""Lay a table out on as few slides as its measured rows allow, in one type size for all.

The type size, the column widths and where the pages break are chosen together, with the deck's
text measure: the fewest pages first (never more rows on one than `max_rows`), then the largest
size that still needs no more pages, then rows shared out evenly over those pages. No column
takes more than an even share of the width unless the others leave it room, and a cell that
would still take more than `MAX_LINES` lines is cut short with an ellipsis; the page lists the
full text of its cut cells, for the speaker notes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pptx.util import Emu, Inches, Pt

from deckgen.deck.fit import FLOOR_PT
from deckgen.deck.fonts import TextMeasure
from deckgen.deck.markup import plain
from deckgen.deck.tabledata import TableData, items, pager

CELL_PT = 20.0
"""The largest type size of a table; it is chosen 1 pt at a time from `FLOOR_PT` up."""
PAD_X, PAD_Y = Inches(0.12), Inches(0.05)
SAFETY = 0.95
"""Share of a cell's inner width text may fill: renderers differ a little in kerning."""
ROOMY, NARROWEST = 1.4, 0.5
"""A table is as wide as its widest cells need × `ROOMY`, at least `NARROWEST` of its area."""
MAX_LINES = 2
"""Lines a cell may wrap to; longer cells are cut short with `ELLIPSIS`."""
ELLIPSIS = "…"
_MARKERS = re.compile(r"([\\`*\[\]()])")


@dataclass(frozen=True)
class TablePage:
    """One slide's table: the cells as shown, each grid row's height, the cells cut short."""

    data: TableData
    heights: tuple[int, ...]
    """EMU, one per row of `grid` (the header first)."""
    cut: tuple[str, ...] = ()
    """The full text of every cell shown shortened on this page, in reading order."""

    @property
    def grid(self) -> list[tuple[str, ...]]:
        """Return the header row (if any) followed by the body rows."""
        return ([self.data.columns] if self.data.columns else []) + list(self.data.rows)


@dataclass(frozen=True)
class TableLayout:
    """A table laid out: one type size and one set of column widths (EMU) for all its pages."""

    size: float
    widths: tuple[int, ...]
    pages: tuple[TablePage, ...]


def lay_out(
    data: TableData, width: int, tall: int, measure: TextMeasure, max_rows: int | None = None
) -> TableLayout | None:
    """Return the layout of `data` in an area `width` × `tall` EMU; None if a single row does
    not fit that area even at `FLOOR_PT`."""
    if items(data) == 0:  # a list of names with nothing to list: the table as it is
        data = replace(data, flow=False)
    cap = max_rows or max(len(data.rows), 1)
    size = FLOOR_PT  # the fewest pages; then up while a larger size needs no more
    best: tuple[_Sizing, list[TablePage]] | None = None
    while size <= CELL_PT:
        sizing = _Sizing(data, width, tall, size, measure)
        pages = sizing.paginate(cap)
        if pages is None or (best is not None and len(pages) > len(best[1])):
            break
        best = (sizing, pages)
        size += 1.0
    if best is None:
        return None
    sizing, pages = best
    return TableLayout(sizing.size, sizing.emu_widths(), tuple(sizing.balance(pages, cap)))


class _Sizing:
    """The table at one type size: column widths, and each cell as shown (cached)."""

    def __init__(
        self, data: TableData, width: int, tall: int, size: float, measure: TextMeasure
    ) -> None:
        self.data, self.size, self.measure = data, size, measure
        self.tall = Emu(tall).pt
        self.pad_w, self.pad_h = Emu(2 * PAD_X).pt, Emu(2 * PAD_Y).pt
        self.total, self.widths = self._widths(Emu(width).pt)
        self._cells: dict[tuple[str, float], tuple[str, int]] = {}
        self._page = pager(data)

    def _widths(self, area: float) -> tuple[float, list[float]]:
        """Return the table's width and its columns' widths, in points."""
        grid = ([self.data.columns] if self.data.columns else []) + list(self.data.rows)
        natural = [
            max(self.measure.width(plain(row[c]), self.size, bold=True) for row in grid)
            + self.pad_w
            + 2
            for c in range(self.data.width)
        ]
        if self.data.flow:  # the columns of a list of names are all alike: all as wide
            natural = [max(natural)] * len(natural)
        # A few short columns make a narrower table: rows stretched across the slide are
        # hard to read along.
        total = min(area, max(sum(natural) * ROOMY, area * NARROWEST))
        spare = total - sum(natural)
        if spare >= 0:  # every cell on one line: share the spare width out evenly
            return total, [n + spare / len(natural) for n in natural]
        return total, share(natural, total)

    def emu_widths(self) -> tuple[int, ...]:
        emu = [int(Pt(w)) for w in self.widths]
        emu[-1] = int(Pt(self.total)) - sum(emu[:-1])
        return tuple(emu)

    def cell(self, text: str, column: int) -> tuple[str, int]:
        """Return `text` as shown in `column` (cut short when too long) and its lines."""
        inner = (self.widths[column] - self.pad_w) * SAFETY
        key = (text, inner)  # names move between columns of one width from page to page
        if key not in self._cells:
            self._cells[key] = shorten(text, self.size, inner, self.measure)
        return self._cells[key]

    def fit(self, data: TableData) -> TablePage | None:
        """Return `data` as a page, with its cells shown and rows measured; None if it is
        taller than the area."""
        line = self.measure.line_height(self.size)
        shown: list[tuple[str, ...]] = []
        heights: list[float] = []
        cut: list[str] = []
        for row in ([data.columns] if data.columns else []) + list(data.rows):
            cells = [self.cell(text, c) for c, text in enumerate(row)]
            shown.append(tuple(text for text, _lines in cells))
            heights.append(max(n for _text, n in cells) * line + self.pad_h + 1)
            cut += [plain(text) for text, (now, _n) in zip(row, cells, strict=True) if now != text]
        if sum(heights) > self.tall:
            return None
        header = bool(data.columns)
        page_data = replace(
            data, columns=shown[0] if header else (), rows=tuple(shown[int(header) :])
        )
        return TablePage(page_data, tuple(int(Pt(h)) for h in heights), tuple(cut))

    def paginate(self, cap: int, spread: int = 0) -> list[TablePage] | None:
        """Return the pages of at most `cap` body rows, each as full as it can be, or with the
        rows left shared out evenly over `spread` pages; None if a single row does not fit."""
        pages: list[TablePage] = []
        start, total = 0, items(self.data)
        per_row = self.data.width if self.data.flow else 1
        while start < total:
            limit = cap
            if spread > len(pages):
                rows_left = math.ceil((total - start) / per_row)
                limit = min(cap, math.ceil(rows_left / (spread - len(pages))))
            taken: tuple[TablePage, int] | None = None
            for rows in range(1, limit + 1):
                candidate, count = self._page(start, rows)
                fitted = self.fit(candidate)
                if fitted is None:
                    break
                taken = (fitted, count)
                if start + count >= total:
                    break
            if taken is None:
                return None
            pages.append(taken[0])
            start += taken[1]
        return pages

    def balance(self, pages: list[TablePage], cap: int) -> list[TablePage]:
        """Return as many pages as `pages`, with their rows shared out as evenly as they fit
        (not ten full pages and a last one of two rows)."""
        if len(pages) < 2:
            return pages
        shared = self.paginate(cap, spread=len(pages))
        return shared if shared is not None and len(shared) == len(pages) else pages


def share(natural: Sequence[float], total: float) -> list[float]:
    """Return column widths summing to `total` when the `natural` ones do not fit: narrow
    columns keep their width, the wide ones share the rest evenly (no column can starve the
    others)."""
    widths = list(natural)
    left = total
    order = sorted(range(len(natural)), key=lambda c: natural[c])
    for done, c in enumerate(order):
        widths[c] = min(natural[c], left / (len(order) - done))
        left -= widths[c]
    return widths


def shorten(text: str, size: float, width: float, measure: TextMeasure) -> tuple[str, int]:
    """Return `text` as a cell `width` points wide shows it, and its lines: whole when it
    takes at most `MAX_LINES` lines, else cut short with an ellipsis (and its markup dropped)."""
    lines = measure.lines(text, size, width, bold=True)
    if lines <= MAX_LINES:
        return text, lines
    flat = plain(text)

    def cut(n: int) -> str:
        return _MARKERS.sub(r"\\\1", flat[:n].rstrip() + ELLIPSIS)

    lo, hi = 0, len(flat) - 1  # the longest cut that fits lies in [lo, hi]; 0 always shows
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure.lines(cut(mid), size, width, bold=True) <= MAX_LINES:
            lo = mid
        else:
            hi = mid - 1
    shown = cut(lo)
    return shown, measure.lines(shown, size, width, bold=True)
