"""`deckgen demo --as-of D` on the days of the year where text and tables change shape.

The demo is the first thing a newcomer runs, on whatever day it is: before the year's first
release (1-14 January), on the day of it (15 January), on a leap day, mid-year, before and
after the December release, and on the last day of a year; in two years, with and without the
theme's metric font (Carlito, Calibri's twin) that deckgen measures text with. Every build must
succeed with no template code, no "1 releases" and no "from 1 January to 1 January" on any slide
or in the notes; a subset is
rendered by LibreOffice and checked by the independent layout oracle, without the font for
LibreOffice too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy
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
EMPTY_SPAN = re.compile(r"\bfrom (\d{1,2} [A-Z][a-z]+) to \1\b")
"""'from 1 January to 1 January': a span of one day, which reads 'on 1 January'."""
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
        if TEMPLATE_SYNTAX.search(text)
        or SINGULAR_AS_PLURAL.search(text)
        or EMPTY_SPAN.search(text)
    ]
    assert not problems, "\n".join(problems)


NOUNS = {
    "commit": "commits",
    "core commit": "commits",
    "person": "contributors",
    "people": "contributors",
    "contributor": "contributors",
    "new contributor": "new_contributors",
    "newcomer": "new_contributors",
    "new author": "new_contributors",
    "new core author": "new_contributors",
    "release": "releases",
}
"""The nouns the demo's story sentences count, and the metric each one is."""
STORY = re.compile(
    r"(?P<value>\d[\d,]*) (?P<noun>(?:new |core |new core )?(?:commit|person|people|contributor|"
    r"newcomer|author|release)s?)(?: so far)?(?P<rest>[,:;][^.]*)"
)
RANKED = re.compile(
    r"(?P<nth>\d+)(?:st|nd|rd|th) highest since (?P<since>\d{4})|"
    r"(?P<joint>joint )?highest ever|(?P<jlow>joint lowest ever)|(?P<low>lowest ever)"
)
TREND = re.compile(r"newcomers (?P<dir>rose|fell|held steady)")


def singular(noun: str) -> str:
    return "person" if noun == "people" else noun.removesuffix("s")


def claim_holds(rest: str, value: int, year: int, by_year: dict[int, int], previous: int) -> bool:
    """Return whether the story's claims after the value hold of the window values `by_year`
    (year → value, this year's included) and last year's value: read from the words alone."""
    earlier = {y: v for y, v in by_year.items() if y < year}
    checks = []
    if "no earlier year to compare with" in rest:
        checks.append(not earlier)
    if "the most ever" in rest:
        checks.append(bool(earlier) and all(v < value for v in earlier.values()))
    if "the fewest ever" in rest:
        checks.append(bool(earlier) and all(v > value for v in earlier.values()))
    if found := re.search(r"the (most|fewest) since (\d{4})", rest):
        since = int(found.group(2))
        between = [v for y, v in earlier.items() if y > since]
        most = found.group(1) == "most"
        checks.append(
            since in earlier
            and (earlier[since] >= value if most else earlier[since] <= value)
            and all((v < value) if most else (v > value) for v in between)
        )
    if found := re.search(r"as many as (?:in (\d{4})|last year), the joint (most|fewest)", rest):
        other = int(found.group(1) or year - 1)
        most = found.group(2) == "most"
        checks.append(
            earlier.get(other) == value
            and all((v <= value) if most else (v >= value) for v in earlier.values())
        )
    if found := re.search(r"as many as at this point of every year since (\d{4})", rest):
        checks.append(min(earlier) == int(found.group(1)) and set(earlier.values()) == {value})
    if found := re.search(r"(up|down) ([\d,]+) on last year's ([\d,]+)", rest):
        change, before = int(found.group(2).replace(",", "")), int(found.group(3).replace(",", ""))
        sign = 1 if found.group(1) == "up" else -1
        checks.append(before == previous and value - before == sign * change)
    if "the same as last year" in rest:
        checks.append(previous == value)
    return bool(checks) and all(checks)


@pytest.mark.slow
@pytest.mark.parametrize("day", DATES, ids=[d.isoformat() for d in DATES])
def test_every_story_claim_holds_in_the_metrics(demos: Demos, day: date) -> None:
    """Each sentence of `story` and `ranked` on the demo's slides and in its notes is checked
    against `deckgen metrics --json` of the same day: some scope's context of the metric its
    noun names has that value, and the words hold of that context's window values."""
    built = demos.get(day, True)
    assert built.exit_code == 0, built.output
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(demos.root / "cache"))
        result = CliRunner().invoke(
            main, ["metrics", "talks/demo.yaml", "--json", "--as-of", day.isoformat()]
        )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output[result.output.index("{") :])
    scopes = [doc["all"], *doc["groups"].values(), *doc["repos"].values()]

    def contexts(metric: str) -> list[dict[str, Any]]:
        return [scope["context"][metric] for scope in scopes]

    stories = ranks = trends = 0
    for number, _where, text in texts(built.deck):
        for found in STORY.finditer(text):
            rest = found.group("rest")
            if not re.search(r"no earlier year|ever|since \d{4}|last year|joint|every year", rest):
                continue  # a count in a sentence of its own, not a story
            metric = NOUNS[singular(found.group("noun"))]
            value = int(found.group("value").replace(",", ""))
            held = [
                c
                for c in contexts(metric)
                if c["value"] == value
                and claim_holds(
                    rest,
                    value,
                    day.year,
                    {int(y): n for y, n in c["by_year"].items()},
                    c["previous"],
                )
            ]
            assert held, f"slide {number}: {found.group()!r} holds for no {metric} context"
            stories += 1
        for found in RANKED.finditer(text):
            since = int(found.group("since")) if found.group("nth") else None
            ok = False
            for c in contexts("new_contributors") + contexts("contributors"):
                by_year = {int(y): n for y, n in c["by_year"].items()}
                value = by_year[day.year]
                earlier = [v for y, v in by_year.items() if y < day.year]
                if not earlier or since not in (None, min(by_year)):
                    continue
                higher = sum(v > value for v in earlier)
                if found.group("nth"):
                    ok |= higher + 1 == int(found.group("nth"))
                elif found.group("low"):
                    ok |= all(v > value for v in earlier)
                elif found.group("jlow"):
                    ok |= all(v >= value for v in earlier) and value in earlier and higher > 0
                elif found.group("joint"):
                    ok |= higher == 0 and value in earlier
                else:
                    ok |= higher == 0 and value not in earlier
            assert ok, f"slide {number}: {found.group()!r} holds for no context"
            ranks += 1
        for found in TREND.finditer(text):
            c = doc["all"]["context"]["new_contributors"]
            full = {int(y): n for y, n in c["full_by_year"].items()}
            years = sorted(full)[-5:]
            mean = sum(full[y] for y in years) / len(years)
            slope = float(numpy.polyfit(years, [full[y] for y in years], 1)[0])
            flat = mean == 0 or abs(slope) * (len(years) - 1) < 0.1 * mean
            said = found.group("dir")
            assert said == ("held steady" if flat else "rose" if slope > 0 else "fell"), text
            trends += 1
    assert stories >= 8 and ranks >= 2 and trends == 1, (stories, ranks, trends)


@pytest.mark.slow
@pytest.mark.render
@pytest.mark.parametrize("font", [True, False], ids=["font", "no-font"])
def test_demo_renders_clean(demos: Demos, font: bool, tmp_path: Path) -> None:
    built = {day: demos.get(day, font) for day in RENDERED[font]}
    decks = [b.deck for b in built.values() if b.exit_code == 0]
    assert_layout_clean(decks, tmp_path, hide_fonts=() if font else (METRIC_FONT,))
    failed = {day.isoformat(): b.output for day, b in built.items() if b.exit_code != 0}
    assert not failed, failed
