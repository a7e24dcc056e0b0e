"""Slide kinds one by one: bullets trees, tiles, picture placement."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.slide import Slide
from pptx.util import Emu, Inches

from deckgen.deck import DeckSlide, Theme, build_deck
from deckgen.deck.fit import Para
from deckgen.deck.kinds.bullets import flatten, groups
from deckgen.deck.pictures import fit_box
from deckgen.errors import DeckError
from deckgen.outline.schema import (
    ClosingSlide,
    NewsSlide,
    SectionSlide,
    SlideSpec,
    StatsSlide,
    TitleSlide,
)
from tests.deck.deckdata import AS_OF, build, picture_file


def test_flatten_nests_one_key_mappings() -> None:
    items = ["a", {"b": ["c", {"d": ["e"]}]}, "f"]
    assert flatten(items) == [
        Para("a", 0),
        Para("b", 0),
        Para("c", 1),
        Para("d", 1),
        Para("e", 2),
        Para("f", 0),
    ]
    assert [[p.text for p in g] for g in groups(flatten(items))] == [
        ["a"],
        ["b", "c", "d", "e"],
        ["f"],
    ]


@pytest.mark.parametrize(
    ("area", "aspect", "box"),
    [
        ((0, 0, 1000, 500), 2.0, (0, 0, 1000, 500)),
        ((0, 0, 1000, 500), 1.0, (0, 0, 500, 500)),
        ((10, 20, 1000, 500), 4.0, (10, 20, 1000, 250)),
    ],
)
def test_picture_box_keeps_aspect_at_top_left(
    area: tuple[int, int, int, int], aspect: float, box: tuple[int, int, int, int]
) -> None:
    assert fit_box(area, aspect) == tuple(Emu(v) for v in box)


def _stats(theme: Theme, values: list[str], text: str = "") -> Slide:
    spec = StatsSlide.model_validate(
        {
            "title": "Numbers",
            "tiles": [{"value": v, "caption": f"{v} things"} for v in values],
            "text": text,
        }
    )
    return Presentation(io.BytesIO(build([DeckSlide(1, spec)], theme))).slides[0]


@pytest.mark.parametrize("count", [2, 3, 4])
def test_tiles_share_the_width_and_use_the_accent(theme: Theme, count: int) -> None:
    slide = _stats(theme, [f"{i},000" for i in range(1, count + 1)])
    cards = [s for s in slide.shapes if s.name == "Tile"]
    assert len(cards) == count
    assert len({c.width for c in cards}) == 1 and len({c.top for c in cards}) == 1
    title = slide.shapes.title
    assert cards[0].left == title.left
    assert cards[-1].left + cards[-1].width == pytest.approx(title.left + title.width, abs=count)
    values = [s for s in slide.shapes if s.name == "Tile value"]
    runs = [v.text_frame.paragraphs[0].runs[0] for v in values]
    assert {r.font.color.theme_color for r in runs} == {MSO_THEME_COLOR.ACCENT_1}
    assert len({r.font.size for r in runs}) == 1 and runs[0].font.size.pt >= 28


def test_no_sentence_no_empty_placeholder(theme: Theme) -> None:
    slide = _stats(theme, ["1", "2"])
    assert [ph.placeholder_format.idx for ph in slide.placeholders] == [0, 11, 12]


def test_too_long_a_tile_value_is_an_error(theme: Theme) -> None:
    with pytest.raises(DeckError) as caught:
        _stats(theme, ["1", "2", "3", "a value much too long for a tile"])
    assert str(caught.value).startswith(
        "slide 1, stats 'Numbers': a tile's value is too long to show at 28 pt:"
    )


def test_long_title_shrinks_but_stays_large(theme: Theme) -> None:
    spec = TitleSlide(title="A very long talk title " * 7, subtitle="", byline="Jane")
    slide = Presentation(io.BytesIO(build([DeckSlide(1, spec)], theme))).slides[0]
    size = slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt
    assert 28 <= size < 46
    assert [ph.placeholder_format.idx for ph in slide.placeholders] == [0, 13]


def test_closing_url_is_a_link(theme: Theme) -> None:
    spec = ClosingSlide(title="Thanks", subtitle="https://example.org/join", items=[])
    slide = Presentation(io.BytesIO(build([DeckSlide(1, spec)], theme))).slides[0]
    run = slide.placeholders[1].text_frame.paragraphs[0].runs[0]
    assert run.hyperlink.address == "https://example.org/join"
    assert [ph.placeholder_format.idx for ph in slide.placeholders] == [0, 1, 11, 12]


def test_empty_footer_keeps_the_slide_number(theme: Theme) -> None:
    spec = SectionSlide(title="Part two")
    data = build_deck([DeckSlide(1, spec)], theme, footer="", title="", author="", as_of=AS_OF)
    slide = Presentation(io.BytesIO(data)).slides[0]
    assert [ph.placeholder_format.type for ph in slide.placeholders] == [
        PP_PLACEHOLDER.TITLE,
        PP_PLACEHOLDER.SLIDE_NUMBER,
    ]


def _one(theme: Theme, spec: SlideSpec, tmp_path: Path, **extras: Any) -> Slide:
    data = build_deck(
        [DeckSlide(1, spec)], theme, footer="F", title="", author="", as_of=AS_OF, **extras
    )
    return Presentation(io.BytesIO(data)).slides[0]


def test_logo_top_right_on_the_title_slide(theme: Theme, tmp_path: Path) -> None:
    logo = picture_file(tmp_path / "logo.png", (200, 200))
    slide = _one(theme, TitleSlide(title="T", subtitle="", byline="J"), tmp_path, logo=logo)
    (pic,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pic.name == "Logo" and pic.width == pic.height
    assert pic.left + pic.width == theme.slide_width - Inches(0.4) and pic.top == Inches(0.4)


def test_missing_logo(theme: Theme, tmp_path: Path) -> None:
    with pytest.raises(DeckError) as caught:
        _one(theme, TitleSlide(title="T"), tmp_path, logo=tmp_path / "logo.svg")
    assert str(caught.value) == f"slide 1, title 'T': logo {tmp_path / 'logo.svg'}: not found"


def test_closing_adds_the_event_hashtag_and_url_once(theme: Theme, tmp_path: Path) -> None:
    spec = ClosingSlide(title="Thanks", subtitle="https://e.org", items=["Join us"])
    slide = _one(theme, spec, tmp_path, hashtag="#Conf", url="https://e.org")
    assert slide.placeholders[13].text_frame.text.splitlines() == ["Join us", "#Conf"]


def test_news_slide_without_entries(theme: Theme, tmp_path: Path) -> None:
    with pytest.raises(DeckError) as caught:
        _one(theme, NewsSlide(title="News"), tmp_path)
    assert str(caught.value) == (
        "slide 1, news 'News': the news slide has no entries: its release notes were not read"
    )


def test_an_empty_tile_value_leaves_the_tile_without_a_number(theme: Theme) -> None:
    slide = _stats(theme, ["", "2"])
    values = [s.text_frame.text for s in slide.shapes if s.name == "Tile value"]
    assert values == ["", "2"]
