"""Font files made for tests, from the DejaVu fonts matplotlib ships: renamed faces and .ttc
collections, so that no test depends on the fonts of the machine it runs on."""

from __future__ import annotations

from pathlib import Path

import matplotlib
from fontTools.ttLib import TTCollection, TTFont  # type: ignore[import-untyped]

DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
"""matplotlib's own font folder (find_font falls back to it for a font that is not installed)."""


def renamed(source: str, family: str, style: str) -> TTFont:
    """Return the DejaVu font file `source` (e.g. 'DejaVuSans-Bold.ttf') named `family` `style`."""
    font = TTFont(DEJAVU / source)
    table = font["name"]
    for name_id in (1, 2, 4, 6, 16, 17, 21, 22):
        table.removeNames(nameID=name_id)
    full = f"{family} {style}"
    for name_id, value in ((1, family), (2, style), (4, full), (6, full.replace(" ", "-"))):
        table.setName(value, name_id, 3, 1, 0x409)
    return font


def collection(path: Path, *faces: TTFont) -> Path:
    """Write `faces` as one .ttc collection at `path`; return `path`."""
    ttc = TTCollection()
    ttc.fonts = list(faces)
    ttc.save(path)
    return path
