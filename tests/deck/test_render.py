"""Render a deck of every kind with LibreOffice: it opens, and every slide becomes a page."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from deckgen.charts import draw_chart
from deckgen.deck import DeckSlide, Theme
from deckgen.metrics.model import Period
from tests.charts.chartdata import plateau
from tests.deck.deckdata import build, every_kind


@pytest.mark.render
def test_libreoffice_renders_one_page_per_slide(theme: Theme, tmp_path: Path) -> None:
    as_of = date(2026, 6, 30)
    chart = draw_chart(
        "commits_by_year",
        plateau(),
        Period(date(2026, 1, 1), as_of),
        as_of,
        theme,
        theme.chart_size_in("chart"),
    )
    slides = [DeckSlide(s.number, s.spec, chart if s.chart else None) for s in every_kind()]
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build(slides, theme))
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "deck.pdf"
    assert pdf.exists()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(slides)
