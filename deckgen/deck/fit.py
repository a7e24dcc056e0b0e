"""Size text to its box: shrink step by step until the wrapped lines fit, never below a floor.

Sizes are computed here and written on every run, with autofit off, so PowerPoint and
LibreOffice show the same thing and nothing relies on a viewer's own shrink-on-overflow.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pptx.enum.text import MSO_AUTO_SIZE
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.text.text import TextFrame, _Paragraph

from deckgen.deck.fonts import TextMeasure
from deckgen.deck.markup import CODE_FONT, parse
from deckgen.deck.styles import LevelStyle, TextBox, points, text_box
from deckgen.errors import DeckError

FLOOR_PT = 14.0
"""No body text is set smaller: below it a slide is unreadable from the back of a room."""
SAFETY = 0.97
"""Share of the box width text may fill: renderers differ a little in kerning and justification."""


@dataclass(frozen=True)
class Para:
    """One paragraph to set: its text and outline level (0 = top)."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class Fitted:
    """The chosen type: size and space before, per outline level, in points."""

    sizes: tuple[float, ...]
    space_before: tuple[float, ...]


def fit(
    paras: Sequence[Para], box: TextBox, measure: TextMeasure, floor: float = FLOOR_PT
) -> Fitted | None:
    """Return the largest type, at most the template's, that fits `paras` in `box`; None if
    even `floor` points overflow."""
    deepest = max((p.level for p in paras), default=0)
    for fitted in candidates(box, floor, deepest):
        if height(paras, box, fitted, measure) <= box.height:
            return fitted
    return None


def candidates(box: TextBox, floor: float, deepest: int = 0) -> Iterator[Fitted]:
    """Yield the template's type, then smaller in proportion (the top level 1 pt at a time),
    until levels up to `deepest` are all at `floor`; spacing shrinks in proportion too."""
    top = box.levels[0].size
    shrink = 0.0
    while True:
        scale = max(top - shrink, 1.0) / top
        sizes = tuple(
            min(lvl.size, max(floor, round(lvl.size * scale * 2) / 2)) for lvl in box.levels
        )
        spacing = tuple(
            lvl.space_before * size / lvl.size for lvl, size in zip(box.levels, sizes, strict=True)
        )
        yield Fitted(sizes, spacing)
        if all(size <= floor for size in sizes[: deepest + 1]):
            return
        shrink += 1.0


def height(paras: Sequence[Para], box: TextBox, fitted: Fitted, measure: TextMeasure) -> float:
    """Return the height in points `paras` take in `box` at `fitted` sizes."""
    total = 0.0
    for i, para in enumerate(paras):
        level: LevelStyle = box.levels[para.level]
        size = fitted.sizes[para.level]
        width = (box.width - level.margin) * SAFETY
        lines = measure.lines(para.text, size, width, bold=level.bold)
        total += lines * measure.line_height(size) + (fitted.space_before[para.level] if i else 0.0)
    return total


def set_text(
    ph: SlidePlaceholder,
    paras: Sequence[Para],
    measure: TextMeasure,
    *,
    what: str,
    floor: float = FLOOR_PT,
) -> Fitted:
    """Write `paras` into `ph` at the largest size that fits; DeckError naming `what` if none."""
    box = text_box(ph, ph.part.slide_layout)  # type: ignore[attr-defined]
    fitted = fit(paras, box, measure, floor)
    if fitted is None:
        raise DeckError(
            f"the {what} does not fit its box even at {floor:g} pt; shorten it or split the slide"
        )
    write(ph.text_frame, paras, fitted)
    return fitted


def write(frame: TextFrame, paras: Sequence[Para], fitted: Fitted) -> None:
    """Replace the text of `frame` with `paras`, sized as `fitted`, autofit off."""
    frame.clear()  # type: ignore[no-untyped-call]
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.word_wrap = True
    for i, para in enumerate(paras):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()  # type: ignore[no-untyped-call]
        p.level = para.level
        write_runs(p, para.text, fitted.sizes[para.level])
        if i:
            p.space_before = points(fitted.space_before[para.level])


def write_runs(paragraph: _Paragraph, text: str, size: float | None) -> None:
    """Append `text` to `paragraph` as styled runs (inline markup); a "\n" is a line break."""
    for span in parse(text):
        for j, piece in enumerate(span.text.split("\n")):
            if j:
                paragraph.add_line_break()  # type: ignore[no-untyped-call]
            if not piece:
                continue
            run = paragraph.add_run()
            run.text = piece
            if size is not None:
                run.font.size = points(size)
            if span.bold:
                run.font.bold = True
            if span.italic:
                run.font.italic = True
            if span.code:
                run.font.name = CODE_FONT
            if span.url:
                run.hyperlink.address = span.url
