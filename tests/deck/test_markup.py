"""Inline markup: parsing, writing styled runs, and measuring text as it is shown."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from deckgen.deck import DeckSlide, Theme
from deckgen.deck.fonts import TextMeasure
from deckgen.deck.markup import CODE_FONT, Span, parse, plain
from deckgen.outline.schema import BulletsSlide
from tests.deck.deckdata import build

MEASURE = TextMeasure("Calibri")


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("plain", [Span("plain")]),
        ("a **b** c", [Span("a "), Span("b", bold=True), Span(" c")]),
        ("*it*", [Span("it", italic=True)]),
        (
            "**a *b* c**",
            [Span("a ", bold=True), Span("b", bold=True, italic=True), Span(" c", bold=True)],
        ),
        ("run `make -j`", [Span("run "), Span("make -j", code=True)]),
        ("`**not bold**`", [Span("**not bold**", code=True)]),
        ("[docs](https://e.org/d)", [Span("docs", url="https://e.org/d")]),
        ("[**b**](u)", [Span("b", bold=True, url="u")]),
        ("2 * 3 and a ** b", [Span("2 * 3 and a ** b")]),
        ("\\*not\\* it", [Span("*not* it")]),
        ("unclosed **bold", [Span("unclosed **bold")]),
        (
            "see https://e.org/a_b. Or `https://not.a/link`",
            [
                Span("see "),
                Span("https://e.org/a_b", url="https://e.org/a_b"),
                Span(". Or "),
                Span("https://not.a/link", code=True),
            ],
        ),
    ],
)
def test_parse(text: str, spans: list[Span]) -> None:
    assert parse(text) == spans


def test_plain_drops_the_markers() -> None:
    assert plain("See **the** [docs](https://e.org) and `x`") == "See the docs and x"


def test_measuring_counts_what_is_shown() -> None:
    width = MEASURE.width("word word", 20)
    assert MEASURE.lines("**word**", 20, MEASURE.width("word", 20, bold=True) + 0.1) == 1
    assert MEASURE.lines("[word](https://a.very.long.example.org/path)", 20, width) == 1
    narrow = MEASURE.width("word", 20) + 0.5  # the regular face fits, the bold one does not
    assert MEASURE.lines("word", 20, narrow) == 1
    assert MEASURE.lines("**word**", 20, narrow) == 2
    code = "`iiiiiiii`"  # monospace: an i is as wide as an m
    assert MEASURE.lines(code, 20, MEASURE.width("iiiiiiii", 20) + 1) > 1


def test_bullets_get_styled_runs_and_links(theme: Theme) -> None:
    spec = BulletsSlide.model_validate(
        {"title": "T", "items": ["**Bold** *it* `code` [link](https://e.org)"]}
    )
    slide = Presentation(io.BytesIO(build([DeckSlide(1, spec)], theme))).slides[0]
    runs = slide.placeholders[1].text_frame.paragraphs[0].runs
    got = [(r.text, r.font.bold, r.font.italic, r.font.name, r.hyperlink.address) for r in runs]
    assert got == [
        ("Bold", True, None, None, None),
        (" ", None, None, None, None),
        ("it", None, True, None, None),
        (" ", None, None, None, None),
        ("code", None, None, CODE_FONT, None),
        (" ", None, None, None, None),
        ("link", None, None, None, "https://e.org"),
    ]
    assert len({r.font.size for r in runs}) == 1
