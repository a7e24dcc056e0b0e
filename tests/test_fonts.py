"""Font discovery: the theme font or its metric twin, faces inside .ttc collections, and the
warning when neither is installed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import ImageFont

from deckgen import fonts
from deckgen.deck.fonts import TextMeasure
from deckgen.fonts import FontFile, find_font, missing_fonts_warning
from tests.fontfiles import DEJAVU, collection, renamed


@pytest.fixture
def font_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Return an empty folder, the only one fonts are searched in during the test."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    monkeypatch.setattr(fonts, "font_dirs", lambda: [folder])
    fonts.rescan()
    yield folder
    fonts.rescan()


def test_the_faces_of_a_collection_are_found_by_their_names(font_folder: Path) -> None:
    # As Windows's cambria.ttc: the file name does not say which face is which.
    ttc = collection(
        font_folder / "c.ttc",
        renamed("DejaVuSansMono.ttf", "Cambria Math", "Regular"),
        renamed("DejaVuSans.ttf", "Cambria", "Regular"),
        renamed("DejaVuSans-Bold.ttf", "Cambria", "Bold"),
    )
    assert find_font("Cambria", bold=False) == FontFile(ttc, 1)
    assert find_font("Cambria", bold=True) == FontFile(ttc, 2)
    assert find_font("Cambria Math", bold=False) == FontFile(ttc, 0)
    assert missing_fonts_warning(["Cambria"]) is None


def test_text_is_measured_with_the_face_found_in_a_collection(font_folder: Path) -> None:
    ttc = collection(
        font_folder / "c.ttc",
        renamed("DejaVuSansMono.ttf", "Cambria Math", "Regular"),
        renamed("DejaVuSans.ttf", "Cambria", "Regular"),
        renamed("DejaVuSans-Bold.ttf", "Cambria", "Bold"),
    )
    measure = TextMeasure("Cambria")
    text = "Illustrious minimum"
    for index, bold in ((1, False), (2, True)):
        # Pillow (FreeType) is the oracle: it reads the face on its own.
        expected = ImageFont.truetype(str(ttc), 100, index=index).getlength(text)
        assert measure.width(text, 100, bold=bold) == pytest.approx(expected, rel=0.01)
    mono = ImageFont.truetype(str(ttc), 100, index=0).getlength("illicit")
    assert measure.width("illicit", 100) < 0.6 * mono  # not the monospace face before it


def test_the_metric_twin_stands_in_for_the_theme_font(font_folder: Path) -> None:
    shutil.copy(DEJAVU / "DejaVuSans.ttf", font_folder / "Carlito-Regular.ttf")
    assert find_font("Calibri", bold=False) == FontFile(font_folder / "Carlito-Regular.ttf")
    assert find_font("calibri light", bold=False) == FontFile(font_folder / "Carlito-Regular.ttf")
    assert missing_fonts_warning(["Calibri", "Calibri Light"]) is None


def test_a_twin_inside_a_collection(font_folder: Path) -> None:
    ttc = collection(
        font_folder / "crosextra.ttc",
        renamed("DejaVuSans.ttf", "Caladea", "Regular"),
        renamed("DejaVuSans-Bold.ttf", "Carlito", "Bold"),
        renamed("DejaVuSans.ttf", "Carlito", "Regular"),
    )
    assert find_font("Calibri", bold=False) == FontFile(ttc, 2)
    assert find_font("Calibri", bold=True) == FontFile(ttc, 1)


def test_without_the_font_nor_its_twin_dejavu_stands_in(font_folder: Path) -> None:
    found = find_font("Calibri", bold=True)
    assert (found.path, found.fallback) == (DEJAVU / "DejaVuSans-Bold.ttf", True)


@pytest.mark.parametrize(
    ("families", "warning"),
    [
        (
            ["Calibri", "Calibri"],
            "theme font 'Calibri' is not installed, nor its metric twin Carlito: slide text is "
            "sized and charts are drawn with DejaVu Sans instead; install "
            "fonts-crosextra-carlito (Debian, Ubuntu)",
        ),
        (
            ["Cambria", "Calibri"],
            "theme fonts 'Cambria' and 'Calibri' are not installed, nor their metric twins "
            "Caladea and Carlito: slide text is sized and charts are drawn with DejaVu Sans "
            "instead; install fonts-crosextra-caladea and fonts-crosextra-carlito (Debian, Ubuntu)",
        ),
        (
            ["Open Sans", "DejaVu Sans"],
            "theme font 'Open Sans' is not installed: slide text is sized and charts are drawn "
            "with DejaVu Sans instead; install the font 'Open Sans'",
        ),
    ],
)
def test_one_warning_names_what_to_install(
    font_folder: Path, families: list[str], warning: str
) -> None:
    assert missing_fonts_warning(families) == warning


def test_the_xdg_data_folders_are_searched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_DIRS", f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    for name in ("home", "b"):
        (tmp_path / name / "fonts").mkdir(parents=True)
    searched = fonts.font_dirs()
    assert searched[0] == tmp_path / "home" / "fonts"
    assert tmp_path / "b" / "fonts" in searched
    assert tmp_path / "a" / "fonts" not in searched  # missing folders are left out
