"""`deckgen demo --as-of D` on the days of the year where text and tables change shape.

The demo is the first thing a newcomer runs, on whatever day it is: before the year's first
release (1-14 January), on the day of it (15 January), on a leap day, mid-year, before and
after the December release, and on the last day of a year; in two years, with and without the
theme's metric font (Carlito, Calibri's twin) that deckgen measures text with. Every build must
succeed with no template code and no "1 releases" on any slide or in the notes; a subset is
rendered by LibreOffice and checked by the independent layout oracle, without the font for
LibreOffice too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen import fonts
from deckgen.cli import main
from tests.layout_oracle import TEMPLATE_SYNTAX, assert_layout_clean

METRIC_FONT = "Carlito"
DAYS = ((1, 1), (1, 14), (1, 15), (2, 29), (6, 30), (11, 30), (12, 1), (12, 31))
DATES = tuple(
    date(year, month, min(day, 28) if (month, day) == (2, 29) and year % 4 else day)
    for year in (2024, 2026)
    for month, day in DAYS
)
RENDERED = {  # one LibreOffice run for each font setting: the days where most changes shape
    True: (date(2024, 1, 1), date(2024, 2, 29), date(2026, 1, 15), date(2026, 12, 1)),
    False: (date(2024, 1, 14), date(2026, 6, 30), date(2026, 12, 31)),
}
SINGULAR_AS_PLURAL = re.compile(
    r"(?<![\d,.])1 (releases|commits|people|contributors|authors|entries|organisations|slides)\b"
)


@dataclass(frozen=True)
class Built:
    exit_code: int
    output: str
    deck: Path


@contextmanager
def metric_font_hidden() -> Iterator[None]:
    """Make deckgen's font discovery find every installed font but the metric one."""
    everything = fonts._font_index()
    rest = {stem: path for stem, path in everything.items() if METRIC_FONT.lower() not in stem}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fonts, "_font_index", lambda: rest)
        yield


class Demos:
    """Build each (date, font) demo once, into one cache of demo projects and metrics."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[tuple[date, bool], Built] = {}

    def get(self, day: date, font: bool) -> Built:
        if (day, font) not in self.built:
            self.built[day, font] = self._build(day, font)
        return self.built[day, font]

    def _build(self, day: date, font: bool) -> Built:
        out = self.root / f"{day.isoformat()}-{'font' if font else 'no-font'}"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("XDG_CACHE_HOME", str(self.root / "cache"))
            with metric_font_hidden() if not font else _nothing():
                result = CliRunner().invoke(
                    main, ["demo", "-o", str(out), "--as-of", day.isoformat()]
                )
        deck = out / f"demo-{out.name}.pptx"
        if (out / "demo.pptx").exists():
            (out / "demo.pptx").rename(deck)  # unique names for the LibreOffice run
        return Built(result.exit_code, result.output, deck)


@contextmanager
def _nothing() -> Iterator[None]:
    yield


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> Demos:
    return Demos(tmp_path_factory.mktemp("demo-dates"))


def texts(deck: Path) -> Iterator[tuple[int, str, str]]:
    """Yield (slide number, where, text) of every text on the slides and in the notes."""
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield number, shape.name, shape.text_frame.text
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield number, shape.name, cell.text
        if slide.has_notes_slide:
            yield number, "notes", slide.notes_slide.notes_text_frame.text


def test_the_metric_font_is_hidden_and_found() -> None:
    """The two font settings differ: without the font deckgen measures with DejaVu Sans."""
    assert METRIC_FONT.lower() in fonts.find_font("Calibri", bold=False).path.name.lower()
    with metric_font_hidden():
        assert fonts.find_font("Calibri", bold=False).path.name == "DejaVuSans.ttf"
    assert METRIC_FONT.lower() in fonts.find_font("Calibri", bold=True).path.name.lower()


@pytest.mark.slow
@pytest.mark.parametrize("font", [True, False], ids=["font", "no-font"])
@pytest.mark.parametrize("day", DATES, ids=[d.isoformat() for d in DATES])
def test_demo_builds_and_reads_right(demos: Demos, day: date, font: bool) -> None:
    built = demos.get(day, font)
    assert built.exit_code == 0, built.output
    assert re.fullmatch(r"wrote .*demo\.pptx \(\d+ slides\)\n", built.output), built.output
    problems = [
        f"slide {number} {where}: {text!r}"
        for number, where, text in texts(built.deck)
        if TEMPLATE_SYNTAX.search(text) or SINGULAR_AS_PLURAL.search(text)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("day", DATES[:8], ids=[d.isoformat() for d in DATES[:8]])
def test_picked_up_only_when_newcomers_are_up(demos: Demos, day: date) -> None:
    """The notes say newcomers "picked up" exactly when their stats tile shows them up (▲)."""
    slides = list(texts(demos.get(day, True).deck))
    changes = [text for _, where, text in slides if where == "Tile change"]
    new_vs_last_year = changes[1]  # contributors, then new contributors, on the stats slide
    notes = [text for _, where, text in slides if where == "notes"]
    authors = next(text for text in notes if "by this date last year" in text)
    assert ("picked up" in authors) == new_vs_last_year.startswith("▲"), (new_vs_last_year, authors)


@pytest.mark.slow
@pytest.mark.render
@pytest.mark.parametrize("font", [True, False], ids=["font", "no-font"])
def test_demo_renders_clean(demos: Demos, font: bool, tmp_path: Path) -> None:
    built = {day: demos.get(day, font) for day in RENDERED[font]}
    decks = [b.deck for b in built.values() if b.exit_code == 0]
    assert_layout_clean(decks, tmp_path, hide_fonts=() if font else (METRIC_FONT,))
    failed = {day.isoformat(): b.output for day, b in built.items() if b.exit_code != 0}
    assert not failed, failed
