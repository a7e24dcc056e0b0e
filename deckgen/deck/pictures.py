"""Pictures from files: read and check them, and fit them into an area keeping their shape."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from PIL import Image, UnidentifiedImageError
from pptx.shapes.picture import Picture
from pptx.slide import Slide
from pptx.util import Emu

from deckgen.errors import DeckError

FORMATS = ("PNG", "JPEG", "GIF")


@dataclass(frozen=True)
class PictureFile:
    """A picture's bytes and its size in pixels."""

    path: Path
    data: bytes
    width_px: int
    height_px: int

    @property
    def aspect(self) -> float:
        return self.width_px / self.height_px


def read_picture(path: Path, what: str) -> PictureFile:
    """Read a PNG, JPEG or GIF file; DeckError naming `what` and the path otherwise."""
    try:
        data = path.read_bytes()
    except OSError as e:
        reason = "not found" if isinstance(e, FileNotFoundError) else (e.strerror or str(e))
        raise DeckError(f"{what} {path}: {reason}") from e
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError) as e:
        raise DeckError(f"{what} {path}: not a picture (PNG, JPEG or GIF)") from e
    if fmt not in FORMATS or not width or not height:
        raise DeckError(f"{what} {path}: a {fmt} picture; use PNG, JPEG or GIF")
    return PictureFile(path, data, width, height)


def fit_box(
    area: tuple[int, int, int, int], aspect: float, *, centre: bool = False
) -> tuple[Emu, Emu, Emu, Emu]:
    """Return the largest box of `aspect` (width / height) in `area`, at its top left (or
    centred)."""
    left, top, width, height = area
    if width / height > aspect:
        fitted_w, fitted_h = round(height * aspect), height
    else:
        fitted_w, fitted_h = width, round(width / aspect)
    if centre:
        left += (width - fitted_w) // 2
        top += (height - fitted_h) // 2
    return Emu(left), Emu(top), Emu(fitted_w), Emu(fitted_h)


def add_picture(
    slide: Slide, data: bytes, box: tuple[Emu, Emu, Emu, Emu], name: str, alt: str
) -> Picture:
    """Add `data` as a picture shape in `box`, named `name`, with alt text `alt`."""
    pic = slide.shapes.add_picture(io.BytesIO(data), *box)
    pic.name = name
    cast(Any, pic._element).nvPicPr.cNvPr.set("descr", alt)
    return pic
