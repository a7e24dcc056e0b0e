"""Drawn charts, kept in the user's cache folder so an unchanged chart is not drawn again.

Drawing a chart costs matplotlib's import (about a second) and 0.3–0.5 s of drawing and PNG
encoding; most rebuilds change no chart. Each PNG is kept as `<cache>/charts/<key>.chart`, where
the key is a digest of everything the picture depends on, so a hit gives the bytes a fresh draw
would:

- the plot function's name and the exact data it draws (the kind's frozen dataclasses);
- the size in inches (the resolution is in the code);
- the theme's colours and body font, and the font file that font resolves to (path, size,
  modification time): installing the theme font or its metric twin changes the picture;
- the source of the charts package and of the modules its drawing reads (`fonts`, `plural`);
- the versions of matplotlib (its bundled fonts and rasteriser) and Pillow (its PNG encoder), and
  any matplotlibrc file matplotlib would read.

An entry is a header, the SHA-256 of the PNG and the PNG: one that does not check out is drawn
again (with a warning) and replaced. The least recently used entries beyond `KEEP` go.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from deckgen.cachedir import CorruptEntry, Entries, file_stamp, source_digest
from deckgen.charts.paint import Picture

FORMAT_VERSION = 1
MAGIC = b"deckgen-chart %d\n" % FORMAT_VERSION
KEEP = 200
"""Entries kept (a deck has a handful of charts; other decks, dates and themes have theirs)."""


def chart_key(picture: Picture) -> str:
    """Return the digest of everything `paint(picture)` depends on."""
    from deckgen.fonts import find_font

    digest = hashlib.sha256()

    def add(value: object) -> None:
        text = repr(value).encode()
        digest.update(len(text).to_bytes(8, "little") + text)

    face = find_font(picture.ink.body_font, bold=False)
    add(MAGIC)
    add(environment_digest(Path(__file__).parents[1]))
    add((picture.plot, picture.data, picture.size_in))
    add(picture.ink)
    add((str(face.path), face.index, face.fallback, file_stamp(face.path)))
    return digest.hexdigest()


@cache
def environment_digest(deckgen: Path) -> str:
    """Return a digest of the code (the package folder `deckgen`), the libraries a picture is
    drawn with and any matplotlibrc it would read; read once per run."""
    sources = [
        *sorted((deckgen / "charts").glob("*.py")),
        deckgen / "fonts.py",
        deckgen / "plural.py",
    ]
    digest = hashlib.sha256(
        source_digest(((p.name, p) for p in sources), ["matplotlib", "pillow"]).encode()
    )
    for path in _matplotlibrc_candidates():
        with suppress(OSError):
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _matplotlibrc_candidates() -> list[Path]:
    """Return where matplotlib looks for a matplotlibrc besides its own (what it finds first
    wins there; any of them present changes the key here)."""
    places = [Path.cwd() / "matplotlibrc"]
    if rc := os.environ.get("MATPLOTLIBRC"):
        places += [Path(rc), Path(rc) / "matplotlibrc"]
    config = os.environ.get("MPLCONFIGDIR")
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "matplotlib"
    places.append(Path(config) / "matplotlibrc" if config else home / "matplotlibrc")
    return places


@dataclass(frozen=True)
class ChartCache:
    """The chart entries in `<cache folder>/charts`."""

    folder: Path

    @property
    def entries(self) -> Entries:
        return Entries(self.folder, ".chart", KEEP)

    def path(self, key: str) -> Path:
        return self.entries.path(key)

    def load(self, key: str) -> bytes | None:
        """Return the PNG stored under `key`; None when there is none; CorruptEntry, OSError."""
        raw = self.entries.read(key)
        if raw is None:
            return None
        head, png = raw[: len(MAGIC) + 32], raw[len(MAGIC) + 32 :]
        if not head.startswith(MAGIC):
            raise CorruptEntry("not a chart entry of this version")
        if hashlib.sha256(png).digest() != head[len(MAGIC) :]:
            raise CorruptEntry("its picture does not match its checksum")
        self.entries.used(key)
        return png

    def save(self, key: str, png: bytes) -> None:
        """Write the entry atomically and forget the least recently used ones; OSError."""
        self.entries.write(key, MAGIC + hashlib.sha256(png).digest() + png)

    def drop(self, key: str) -> None:
        self.entries.drop(key)
