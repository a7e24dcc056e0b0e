"""Measure text with the real metrics of the theme font, so text can be sized to fit its box.

The font file is the one `deckgen.fonts` finds: the theme font or its metric twin (LibreOffice
renders Calibri with Carlito, so Carlito's widths are Calibri's), else DejaVu Sans.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from deckgen.deck.markup import CODE_FONT, parse
from deckgen.fonts import FontFile, find_font, find_mono_font


@dataclass(frozen=True)
class FontMetrics:
    """Advance widths and line height of one font file, in ems."""

    advances: Mapping[str, float]
    fallback_advance: float
    line_height: float

    def width(self, text: str, size: float) -> float:
        """Return the advance width of `text` at `size` points, in points."""
        get = self.advances.get
        return sum(get(ch, self.fallback_advance) for ch in text) * size


class TextMeasure:
    """Widths and line wraps of text in one font family (regular and bold)."""

    def __init__(self, family: str) -> None:
        self.family = family
        self._regular = _metrics(find_font(family, bold=False))
        self._bold = _metrics(find_font(family, bold=True))

    def line_height(self, size: float) -> float:
        """Return the height of one line at `size` points (100% line spacing), in points."""
        return max(self._regular.line_height, 1.2) * size

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return (self._bold if bold else self._regular).width(text, size)

    def lines(self, text: str, size: float, width: float, bold: bool = False) -> int:
        """Return how many lines `text` takes when wrapped at word spaces to `width` points.

        `text` may hold inline markup (`deckgen.deck.markup`): it is measured as shown, bold
        spans in the bold face and code spans in the monospace font.
        """
        advances: list[tuple[str, float]] = []
        for span in parse(text):
            metrics = (
                _code_metrics() if span.code else self._bold if bold or span.bold else self._regular
            )
            get = metrics.advances.get
            advances += [(ch, get(ch, metrics.fallback_advance) * size) for ch in span.text]
        return _wrap(advances, width)


def _wrap(advances: list[tuple[str, float]], width: float) -> int:
    """Return the line count of characters with their widths, wrapped at spaces to `width`."""
    count = 0
    for hard_line in _split(advances, "\n"):
        count += 1
        used = 0.0
        space = next((w for ch, w in hard_line if ch == " "), 0.0)
        for word in _split(hard_line, " "):
            w = sum(a for _ch, a in word)
            if used and used + space + w > width:
                count += 1
                used = 0.0
            if w > width:  # a word wider than the box breaks anywhere
                extra = int(w // width)
                count += extra
                w -= extra * width
            used = used + space + w if used else w
    return count


def _split(chars: list[tuple[str, float]], sep: str) -> list[list[tuple[str, float]]]:
    parts: list[list[tuple[str, float]]] = [[]]
    for ch, w in chars:
        if ch == sep:
            parts.append([])
        else:
            parts[-1].append((ch, w))
    return parts


def _code_metrics() -> FontMetrics:
    return _metrics(find_mono_font(CODE_FONT))


@lru_cache(maxsize=8)
def _metrics(font: FontFile) -> FontMetrics:
    # fontTools logs a warning for Carlito's odd creation date; it is of no concern here.
    head_log = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")
    level = head_log.level
    head_log.setLevel(logging.ERROR)
    try:
        return _read_metrics(font)
    finally:
        head_log.setLevel(level)


def _read_metrics(face: FontFile) -> FontMetrics:
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    upem = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    advances = {chr(code): hmtx[glyph][0] / upem for code, glyph in font.getBestCmap().items()}
    os2 = font["OS/2"]
    line = (os2.usWinAscent + os2.usWinDescent) / upem
    fallback = advances.get("n", 0.5) * 1.2
    font.close()
    return FontMetrics(advances, fallback, line)
