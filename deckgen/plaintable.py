"""A table printed to a file or a pipe without importing rich: the same text rich prints there.

`deckgen metrics` prints a rich `Table` (heavy head box, centred title). Piped into a file or a
CI log, rich prints it without styles, 160 columns wide, and importing and running rich for that
costs about 0.09 s of CPU, 7% of a cold `deckgen metrics` of 45 small repositories. Here the
simple case (every cell on one line, the table and its title within 160 columns, text whose
width is its length) is written directly; `render` returns None for anything else (markup,
emoji codes, wide or combining characters, spaces at an end, wrapping) and `surely_plain` is
False where rich might style the text or draw the box in ASCII: the caller then asks rich.
`tests/test_plaintable.py` holds it to rich's output.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TextIO

PLAIN_WIDTH = 160
"""The width rich is given for a table that is not printed on a terminal (see `cli.py`)."""


@dataclass(frozen=True)
class Column:
    """A column's header and how its cells are aligned; `wrap` cells may take several lines."""

    header: str
    justify: Literal["left", "right"] = "left"
    wrap: bool = False


# Characters one column wide for rich and never read as markup or emoji codes: printable ASCII
# but `[` (markup) and `:` (counted below), Latin-1 letters and signs, the dashes and quotes.
_NARROW = re.compile(
    r"[\x20-\x5a\x5c-\x7e\u00a1-\u00ac\u00ae-\u017f\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*"
)


def _narrow(text: str) -> bool:
    """Whether `text` is as wide as it is long for rich and printed as it is: no markup, no
    `:name:` emoji code (at most one colon), no wide, combining or control character, no space
    at either end (rich strips it as it aligns)."""
    return _NARROW.fullmatch(text) is not None and text.count(":") <= 1 and text == text.strip()


def surely_plain(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether rich surely finds no terminal on `stream` (so prints no style) and can draw the
    box (a UTF encoding). False when unsure: rich then decides, as before."""
    if environ.get("TTY_COMPATIBLE") == "1" or environ.get("FORCE_COLOR") is not None:
        return False
    encoding = (getattr(stream, "encoding", "utf-8") or "utf-8").lower()
    if not encoding.startswith("utf"):
        return False
    try:
        return not stream.isatty()
    except ValueError:  # closed
        return False


def render(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> str | None:
    """Return the table as rich prints it without a terminal, or None when that is not sure."""
    texts = [title, *(c.header for c in columns), *(cell for row in rows for cell in row)]
    if any(c.wrap for c in columns) or not all(_narrow(t) for t in texts):
        return None
    if any(len(row) != len(columns) for row in rows):
        return None
    widths = [max([len(c.header), *(len(row[i]) for row in rows)]) for i, c in enumerate(columns)]
    inner = [w + 2 for w in widths]  # one space of padding each side
    width = sum(inner) + len(inner) + 1
    if width > PLAIN_WIDTH or len(title) > width:
        return None

    def line(cells: Sequence[str], edge: str, sep: str) -> str:
        shown = [
            f" {cell.rjust(w) if c.justify == 'right' else cell.ljust(w)} "
            for cell, w, c in zip(cells, widths, columns, strict=True)
        ]
        return edge + sep.join(shown) + edge

    def rule(left: str, fill: str, cross: str, right: str) -> str:
        return left + cross.join(fill * w for w in inner) + right

    lines = []
    if title:
        excess = width - len(title)
        lines.append(" " * (excess // 2) + title + " " * (excess - excess // 2))
    lines.append(rule("┏", "━", "┳", "┓"))
    lines.append(line([c.header for c in columns], "┃", "┃"))
    lines.append(rule("┡", "━", "╇", "┩"))
    lines += [line(row, "│", "│") for row in rows]
    lines.append(rule("└", "─", "┴", "┘"))
    return "".join(f"{text}\n" for text in lines)
