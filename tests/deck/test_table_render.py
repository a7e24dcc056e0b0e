"""Long tables and wide tile changes, as LibreOffice renders them: nothing overflows or
collides."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.deck import DeckSlide, TableData, Theme
from deckgen.deck.tabledata import name_grid
from deckgen.outline.schema import StatsSlide, TableSlide
from deckgen.preview import render_pdf
from tests.deck.deckdata import build
from tests.deck.overflow import assert_no_overflow
from tests.deck.test_table import RELEASES, many_names
from tests.layout_oracle import assert_pdf_clean


def _tiles(values: list[tuple[str, str]]) -> StatsSlide:
    captions = ["commits so far this year, in all repositories", "contributors", "lines", "new"]
    return StatsSlide.model_validate(
        {
            "title": "Big numbers",
            "tiles": [
                {"value": v, "caption": c, "previous": p}
                for (v, p), c in zip(values, captions, strict=True)
            ],
            "text": "On course for more.",
        }
    )


def long_tables() -> list[DeckSlide]:
    """Return tables that continue and cut cells, and tiles whose changes are wide."""
    person = " ".join(["Maximilian Alexander Wolfgang"] * 3)
    essay = " ".join(["A very long description of a feature"] * 12)
    specs = [
        (
            TableSlide(title="The releases of 2026", caption="Dated by their tags."),
            TableData(("Release", "Date"), RELEASES),
        ),
        (TableSlide(title="Welcome to our 300 new contributors"), name_grid(many_names(300))),
        (TableSlide(title="Twelve releases"), TableData(("Release", "Date"), RELEASES[:12])),
        (
            TableSlide(title="People"),
            TableData(
                ("Name", "Role", "Since"),
                (("Ann", "Core maintainer", "2019"), (person, "Translator", "2024")),
            ),
        ),
        (
            TableSlide(title="Features", max_rows=1),
            TableData(("Feature", "What"), (("Meson", essay), ("Docs", "RST"))),
        ),
        (
            _tiles(
                [
                    ("147,123", "100,000"),
                    ("12,345", "11,000"),
                    ("1,234,567", "1,000,000"),
                    ("98,765", "99,999"),
                ]
            ),
            None,
        ),
        (
            _tiles(
                [
                    ("12,345,678", "11,111,111"),
                    ("2,345,678", "1,111,111"),
                    ("9,345,678", "1,111,111"),
                    ("1,111,111", "9,999,999"),
                ]
            ),
            None,
        ),
    ]
    return [DeckSlide(i, spec, table=table) for i, (spec, table) in enumerate(specs, start=1)]


@pytest.mark.render
def test_long_tables_and_wide_changes_render_cleanly(theme: Theme, tmp_path: Path) -> None:
    deck = tmp_path / "tables.pptx"
    deck.write_bytes(build(long_tables(), theme))
    assert_no_overflow(deck)
    pdf = render_pdf(deck, tmp_path)
    assert_pdf_clean(pdf)
    assert len(Presentation(str(deck)).slides) > len(long_tables())
