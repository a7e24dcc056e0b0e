"""Render a deck of every kind with LibreOffice: every slide a page, drawn clean (the oracle)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from deckgen.charts import draw_chart
from deckgen.deck import Theme
from deckgen.outline.schema import ChartSlide
from tests.charts.chartdata import make_metrics, plateau
from tests.deck.deckdata import all_kinds, build_all
from tests.layout_oracle import assert_layout_clean


@pytest.mark.render
def test_libreoffice_renders_one_page_per_slide(theme: Theme, tmp_path: Path) -> None:
    metrics = make_metrics(plateau())
    slides = []
    for item in all_kinds(tmp_path):  # real charts, each drawn for its slide's picture area
        if isinstance(item.spec, ChartSlide):
            size = theme.chart_size_in(item.spec.kind)
            item = replace(item, chart=draw_chart(item.spec.chart, metrics, "all", theme, size))
        slides.append(item)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_all(slides, theme, tmp_path))
    # also: one page per slide, and every word inside its text box (the golden dump's sizes)
    assert_layout_clean(deck, tmp_path / "oracle", within_shapes=True)
