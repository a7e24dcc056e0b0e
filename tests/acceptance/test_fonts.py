"""A build on a machine without the theme font nor its metric twin says so, once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen import fonts
from deckgen.cli import main


@pytest.fixture
def no_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(fonts, "font_dirs", lambda: [tmp_path])
    fonts.rescan()
    yield
    fonts.rescan()


@pytest.mark.usefixtures("no_fonts")
def test_one_warning_names_the_font_package(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "foo.pptx"
    args = ["build", str(project / "talk.yaml"), "-o", str(out), "--as-of", "2026-06-30"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: theme font 'Calibri' is not installed, nor its metric twin Carlito: slide "
        "text is sized and charts are drawn with DejaVu Sans instead; install "
        "fonts-crosextra-carlito (Debian, Ubuntu)\n"
    )
