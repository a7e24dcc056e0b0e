"""A normalised text dump of a deck: slide → layout → shapes → text, picture sizes.

What golden tests compare (never the .pptx bytes), and a quick way to read a deck in a terminal.
Inline styles are written back as the markup they came from (`deckgen.deck.markup`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu

from deckgen.deck.markup import CODE_FONT

_ESCAPE = str.maketrans({c: f"\\{c}" for c in "\\`*[]"})


def dump_deck(path: Path) -> str:
    """Return the text dump of the deck at `path`."""
    prs = Presentation(str(path))
    out = [f"deck {Emu(int(prs.slide_width or 0)).inches:.2f} x "
           f"{Emu(int(prs.slide_height or 0)).inches:.2f} in"]  # fmt: skip
    for number, slide in enumerate(prs.slides, start=1):
        out.append(f"slide {number}: layout {slide.slide_layout.name!r}")
        for shape in slide.shapes:
            out += [f"  {line}" for line in _shape(shape, slide.part)]
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame
            if notes is not None and notes.text.strip():
                out.append(f"  notes: {notes.text.strip()!r}")
    return "\n".join(out) + "\n"


def _shape(shape: BaseShape, part: Any) -> Iterator[str]:
    size = f"{Emu(int(shape.width or 0)).inches:.2f} x {Emu(int(shape.height or 0)).inches:.2f} in"
    if shape.is_placeholder:
        ph = shape.placeholder_format
        kind = str(ph.type).split(".")[-1].split(" ")[0].lower()
        head = f"placeholder {ph.idx} ({kind})"
    elif shape.shape_type is not None and "PICTURE" in str(shape.shape_type):
        alt = cast(Any, shape._element).nvPicPr.cNvPr.get("descr", "")
        yield f"picture {shape.name!r} {size}, alt {alt!r}"
        return
    elif getattr(shape, "has_chart", False):
        yield from _chart(shape, size)
        return
    elif getattr(shape, "has_table", False):
        yield from _table(shape, size, part)
        return
    else:
        head = f"shape {shape.name!r}"
    if not shape.has_text_frame or not shape.text_frame.text.strip():  # type: ignore[attr-defined]
        yield f"{head} {size}"
        return
    yield f"{head}:"
    frame = shape.text_frame  # type: ignore[attr-defined]
    yield from (f"  {line}" for line in frame_lines(frame, part))


def frame_lines(frame: TextFrame, part: Any = None) -> Iterator[str]:
    """Yield one line per paragraph of `frame`: indented by level, in markup."""
    for p in frame.paragraphs:
        text = paragraph_markup(p, part)
        if text.strip():
            yield "  " * p.level + text


def paragraph_markup(p: _Paragraph, part: Any = None) -> str:
    """Return the text of `p` with its runs' styles as markup, a line break as a newline;
    links show their address when `part` (the slide's) is given."""
    parts = []
    for child in p._p:
        if child.tag == qn("a:br"):
            parts.append("\n")
        elif child.tag in (qn("a:r"), qn("a:fld")):
            parts.append(_run(child, part))
    return "".join(parts)


def _run(r: Any, part: Any) -> str:
    text = "".join(t.text or "" for t in r.iter(qn("a:t")))
    rpr = r.find(qn("a:rPr"))
    if rpr is None:
        return text.translate(_ESCAPE)
    latin = rpr.find(qn("a:latin"))
    if latin is not None and latin.get("typeface") == CODE_FONT:
        return f"`{text}`"
    text = text.translate(_ESCAPE)
    if rpr.get("i") in ("1", "true"):
        text = f"*{text}*"
    if rpr.get("b") in ("1", "true"):
        text = f"**{text}**"
    link = rpr.find(qn("a:hlinkClick"))
    if link is not None:
        rid = link.get(qn("r:id"))
        url = part.rels[rid].target_ref if part is not None and rid else "?"
        text = f"[{text}]({url})"
    return text


def _chart(shape: Any, size: str) -> Iterator[str]:
    chart = shape.chart
    kind = str(chart.chart_type).split(".")[-1].split(" ")[0]
    yield f"chart {shape.name!r} {kind} {size}"
    plot = chart.plots[0]
    yield f"  categories: {', '.join(str(c) for c in plot.categories)}"
    for series in plot.series:
        values = ", ".join(f"{v:g}" for v in series.values)
        yield f"  {series.name}: {values}"


def _table(shape: Any, size: str, part: Any) -> Iterator[str]:
    table = shape.table
    yield f"table {len(table.rows)} x {len(table.columns)} {size}"
    for row in table.rows:
        cells = (paragraph_markup(c.text_frame.paragraphs[0], part) for c in row.cells)
        yield "  | " + " | ".join(cells)
