"""Render a deck to pictures (LibreOffice → PDF → pdftoppm → PNG) and a contact sheet.

A deck is for eyes: this is how deckgen's own tests, `make docs-images` and authors look at one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from deckgen.errors import DeckgenError, MissingToolError

SOFFICE_HINT = (
    "install it with: sudo apt-get install --no-install-recommends libreoffice-impress "
    "(https://www.libreoffice.org/download/ elsewhere)"
)

CONVERSIONS = {"pdf": "pdf", "odp": "odp:impress8"}
"""LibreOffice's `--convert-to` filter for each format deckgen converts a deck to."""


def find_soffice(needed_for: str) -> str:
    """Return LibreOffice's `soffice` program; `MissingToolError` saying what needs it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise MissingToolError("LibreOffice (soffice)", needed_for, SOFFICE_HINT)
    return soffice


def render_pdf(deck: Path, out_dir: Path) -> Path:
    """Convert `deck` to PDF in `out_dir` with LibreOffice headless; return the PDF's path."""
    return convert(deck, out_dir, "pdf")


def convert(deck: Path, out_dir: Path, suffix: str) -> Path:
    """Convert `deck` to `suffix` (a key of `CONVERSIONS`) in `out_dir` with LibreOffice
    headless; return the new file's path."""
    soffice = find_soffice(f"converting a deck to .{suffix}")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deckgen-lo-") as profile:
        # A private profile: parallel conversions would otherwise fight over the user's one.
        result = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                CONVERSIONS[suffix],
                "--outdir",
                str(out_dir),
                str(deck),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    converted = out_dir / f"{deck.stem}.{suffix}"
    if result.returncode != 0 or not converted.exists():
        raise DeckgenError(f"LibreOffice could not convert {deck}: {result.stderr.strip()}")
    return converted


def convert_beside(deck: Path, suffix: str) -> Path:
    """Write `deck` converted to `suffix` next to it (same name), atomically: converted in a
    temporary folder beside it and renamed over the target; return the target."""
    target = deck.with_suffix(f".{suffix}")
    with tempfile.TemporaryDirectory(prefix=f".deckgen-{suffix}-", dir=deck.parent) as temp:
        os.replace(convert(deck, Path(temp), suffix), target)
    return target


def render_pngs(deck: Path, out_dir: Path, *, dpi: int = 80) -> list[Path]:
    """Render every slide of `deck` to `out_dir/slide-NN.png`; return the paths in order."""
    if shutil.which("pdftoppm") is None:
        raise MissingToolError(
            "pdftoppm",
            "rendering slides to PNG",
            "install it with: sudo apt-get install --no-install-recommends poppler-utils",
        )
    with tempfile.TemporaryDirectory(prefix="deckgen-pdf-") as temp:
        pdf = render_pdf(deck, Path(temp))
        out_dir.mkdir(parents=True, exist_ok=True)
        for old in out_dir.glob("slide-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out_dir / "slide")],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return sorted(out_dir.glob("slide-*.png"))


def contact_sheet(pages: Sequence[Path], target: Path, *, columns: int = 4) -> Path:
    """Lay the slide pictures out in a grid, in order, into one PNG at `target`."""
    from PIL import Image

    images = [Image.open(p).convert("RGB") for p in pages]
    if not images:
        raise DeckgenError("no slides to put on a contact sheet")
    width, height = images[0].size
    gap = max(8, width // 40)
    rows = -(-len(images) // columns)
    sheet = Image.new(
        "RGB",
        (columns * width + (columns + 1) * gap, rows * height + (rows + 1) * gap),
        (226, 230, 236),
    )
    for i, image in enumerate(images):
        row, col = divmod(i, columns)
        sheet.paste(
            image.resize((width, height)), (gap + col * (width + gap), gap + row * (height + gap))
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target, optimize=True)
    return target


def main(argv: Sequence[str] | None = None) -> None:
    """Render a deck's slides and contact sheet (used by `make docs-images`)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("deck", type=Path)
    parser.add_argument("-o", "--output-dir", type=Path, required=True)
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args(argv)
    pages = render_pngs(args.deck, args.output_dir, dpi=args.dpi)
    contact_sheet(pages, args.output_dir / "contact-sheet.png")


if __name__ == "__main__":  # pragma: no cover
    main()
