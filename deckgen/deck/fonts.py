"""Measure text with the real metrics of the theme font, so text can be sized to fit its box.

The font file is the one `deckgen.fonts` finds: the theme font or its metric twin (LibreOffice
renders Calibri with Carlito, so Carlito's widths are Calibri's), else DejaVu Sans.

Reading a font's widths costs fontTools' import and a parse of the file (about 0.06 s for a
regular and a bold face, a sixth of rebuilding a deck after a text edit): given a cache folder,
the widths are kept in `<cache>/fonts/<key>.metrics` as JSON, keyed by the font file (path, face
index, size, modification time), the source of this module and fontTools' version.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from deckgen.cachedir import Entries, file_stamp, source_digest
from deckgen.deck.markup import CODE_FONT, parse
from deckgen.fonts import FontFile, find_font, find_mono_font

FORMAT_VERSION = 1
KEEP = 40
"""Font entries kept: a theme's body and heading faces, regular and bold, and the code font."""


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

    def to_json(self) -> bytes:
        """Return the metrics as JSON (`from_json` reads them back equal)."""
        advances = sorted((ord(ch), width) for ch, width in self.advances.items())
        fields = {"advances": advances, "fallback": self.fallback_advance, "line": self.line_height}
        return json.dumps(fields).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> FontMetrics:
        """Return the metrics `to_json` wrote; ValueError, KeyError, TypeError when it is not."""
        fields = json.loads(raw)
        advances = {chr(code): float(width) for code, width in fields["advances"]}
        return cls(advances, float(fields["fallback"]), float(fields["line"]))


class TextMeasure:
    """Widths and line wraps of text in one font family (regular and bold)."""

    def __init__(self, family: str, cache_dir: Path | None = None) -> None:
        """Read the faces of `family`; with `cache_dir`, their widths are kept there."""
        self.family = family
        self._cache_dir = cache_dir
        self._regular = _metrics(find_font(family, bold=False), cache_dir)
        self._bold = _metrics(find_font(family, bold=True), cache_dir)

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
            if span.code:
                metrics = _code_metrics(self._cache_dir)
            else:
                metrics = self._bold if bold or span.bold else self._regular
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


def _code_metrics(cache_dir: Path | None) -> FontMetrics:
    return _metrics(find_mono_font(CODE_FONT), cache_dir)


@lru_cache(maxsize=8)
def _metrics(font: FontFile, cache_dir: Path | None = None) -> FontMetrics:
    """Return the metrics of `font`, kept in `cache_dir` when given (an entry that cannot be
    read is read from the font again and replaced; a folder that cannot be written is no
    error)."""
    stamp = file_stamp(font.path)
    if cache_dir is None or stamp is None:  # no file: reading it says why
        return _read_quietly(font)
    entries = Entries(cache_dir / "fonts", ".metrics", KEEP)
    return entries.kept(
        metrics_key(font, stamp),
        lambda: _read_quietly(font),
        FontMetrics.from_json,
        FontMetrics.to_json,
    )


def metrics_key(font: FontFile, stamp: tuple[int, int]) -> str:
    """Return the digest of what the metrics of `font` (whose file has `stamp`) depend on."""
    digest = hashlib.sha256(b"deckgen-font-metrics %d\0" % FORMAT_VERSION)
    digest.update(_code_digest().encode())
    digest.update(repr((str(font.path), font.index, stamp)).encode())
    return digest.hexdigest()


@cache
def _code_digest() -> str:
    """Return a digest of this module's source and fontTools' version (once)."""
    return source_digest([("fonts.py", Path(__file__))], ["fonttools"])


def _read_quietly(font: FontFile) -> FontMetrics:
    # fontTools logs a warning for Carlito's odd creation date; it is of no concern here.
    head_log = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")
    level = head_log.level
    head_log.setLevel(logging.ERROR)
    try:
        return _read_metrics(font)
    finally:
        head_log.setLevel(level)


def _read_metrics(face: FontFile) -> FontMetrics:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # here: on a cache miss

    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    upem = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    advances = {chr(code): hmtx[glyph][0] / upem for code, glyph in font.getBestCmap().items()}
    os2 = font["OS/2"]
    line = (os2.usWinAscent + os2.usWinDescent) / upem
    fallback = advances.get("n", 0.5) * 1.2
    font.close()
    return FontMetrics(advances, fallback, line)
