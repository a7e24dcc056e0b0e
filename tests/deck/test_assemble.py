"""build_deck: a deck of every kind, read back with python-pptx."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationObject
from pptx.slide import Slide

from deckgen.deck import DeckSlide, Theme, renderer
from deckgen.errors import DeckError
from deckgen.outline.schema import SLIDE_KINDS, BulletsSlide, ChartSlide, SlideSpec
from tests.deck.deckdata import FOOTER, build, every_kind


@pytest.fixture(scope="module")
def deck(theme: Theme) -> PresentationObject:
    return Presentation(io.BytesIO(build(every_kind(), theme)))


def test_every_slide_kind_has_a_renderer() -> None:
    """Each kind of the schema names a renderer that imports, and it renders that kind."""
    for name in SLIDE_KINDS:
        assert renderer(name).name == name


def test_layouts_and_titles(deck: PresentationObject) -> None:
    got = [
        (s.slide_layout.name, s.shapes.title.text if s.shapes.title else None) for s in deck.slides
    ]
    assert got == [
        ("Title", "The state of the project"),
        ("Section", "This year"),
        ("Big Numbers", "Releases"),
        ("Picture with Caption", "Commits per year"),
        ("Content", "What happened"),
        ("Closing", "Thank you"),
    ]


def test_texts(deck: PresentationObject) -> None:
    title, section, stats, chart, bullets, closing = deck.slides
    assert _texts(title) == [
        "The state of the project",
        "A year of modernization",
        "Jane Doe, maintainer · Example\nKVM Forum 2026 · 30 June 2026",
    ]
    assert _texts(section)[:2] == ["This year", "Releases and people"]
    assert _texts(stats)[:2] == ["Releases", "Monthly releases, as usual."]
    assert [s.text_frame.text for s in stats.shapes if s.name == "Tile value"] == ["6", "12"]
    assert [s.text_frame.text for s in stats.shapes if s.name == "Tile caption"] == [
        "releases since 1 January",
        "on course for the usual twelve",
    ]
    assert _texts(chart)[:2] == ["Commits per year", "Growth, then a plateau."]
    assert _texts(closing)[:3] == ["Thank you", "https://example.org", "Come and contribute"]
    body = bullets.placeholders[1].text_frame
    assert [(p.level, p.text) for p in body.paragraphs][:4] == [
        (0, "Project infrastructure"),
        (1, "Moved to a hosted forge, merge requests"),
        (1, "New translations"),
        (0, "Technical debt"),
    ]


def test_notes_only_where_set(deck: PresentationObject) -> None:
    notes = [
        s.notes_slide.notes_text_frame.text if s.has_notes_slide else None for s in deck.slides
    ]
    assert notes == ["Welcome.", None, "Six so far.", "Read the chart.", "Features.", "Questions?"]


def test_chart_picture_keeps_aspect_and_has_alt_text(deck: PresentationObject) -> None:
    slide = deck.slides[3]
    pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    pic = pictures[0]
    assert pic._element.nvPicPr.cNvPr.get("descr") == "Stacked bars of commits per year."
    assert pic.width / pic.height == pytest.approx(11.833 / 4.35, rel=1e-3)
    layout_area = slide.slide_layout.placeholders.get(idx=1)
    assert (pic.left, pic.top) == (layout_area.left, layout_area.top)
    assert pic.width == pytest.approx(layout_area.width, abs=100)  # EMU rounding
    assert not any(
        ph.placeholder_format.type == PP_PLACEHOLDER.PICTURE for ph in slide.placeholders
    )


def test_footer_and_number_on_all_but_the_title(deck: PresentationObject) -> None:
    for number, slide in enumerate(deck.slides, start=1):
        kinds = {ph.placeholder_format.type: ph for ph in slide.placeholders}
        if number == 1:
            assert PP_PLACEHOLDER.FOOTER not in kinds
            assert PP_PLACEHOLDER.SLIDE_NUMBER not in kinds
            continue
        assert kinds[PP_PLACEHOLDER.FOOTER].text_frame.text == FOOTER
        field = kinds[PP_PLACEHOLDER.SLIDE_NUMBER]._element.xpath(".//a:fld")
        assert [(f.get("type"), f.xpath("string(a:t)")) for f in field] == [
            ("slidenum", str(number))
        ]


def test_no_empty_placeholders(deck: PresentationObject) -> None:
    for slide in deck.slides:
        for ph in slide.placeholders:
            assert not ph.has_text_frame or ph.text_frame.text.strip(), (slide, ph.name)


def test_core_properties(deck: PresentationObject) -> None:
    props = deck.core_properties
    assert (props.title, props.author, props.last_modified_by) == (
        "State of the project",
        "Jane Doe",
        "Jane Doe",
    )
    assert props.created == props.modified == datetime(2026, 6, 30)


def test_same_input_same_bytes(theme: Theme) -> None:
    assert build(every_kind(), theme) == build(every_kind(), theme)


def test_long_bullets_flow_into_two_columns(theme: Theme) -> None:
    items = [{f"Topic {i}": [f"a detail of topic {i} that takes some room"] * 3} for i in range(8)]
    spec = BulletsSlide.model_validate({"title": "Many", "items": items})
    slide = Presentation(io.BytesIO(build([DeckSlide(1, spec)], theme))).slides[0]
    assert slide.slide_layout.name == "Two Content"
    left, right = slide.placeholders[1].text_frame, slide.placeholders[2].text_frame
    assert left.paragraphs[0].text == "Topic 0"
    assert right.paragraphs[0].text.startswith("Topic ")
    sizes = {r.font.size.pt for tf in (left, right) for p in tf.paragraphs for r in p.runs}
    assert min(sizes) >= 14


def test_too_many_bullets_continue_on_more_slides(theme: Theme) -> None:
    items = [f"bullet number {i} with quite a few words in it to fill the line" for i in range(80)]
    spec = BulletsSlide.model_validate(
        {"id": "news", "title": "Many", "items": items, "notes": "Say it."}
    )
    slides = list(Presentation(io.BytesIO(build([DeckSlide(4, spec)], theme))).slides)
    assert len(slides) > 2
    assert [s.shapes.title.text for s in slides] == ["Many"] + ["Many (continued)"] * (
        len(slides) - 1
    )
    shown = [p.text for s in slides for p in s.placeholders[1].text_frame.paragraphs]
    assert shown == items
    sizes = {r.font.size.pt for s in slides for p in s.placeholders[1].text_frame.paragraphs
             for r in p.runs}  # fmt: skip
    assert min(sizes) >= 18
    numbers = [s.placeholders[12].text_frame.text for s in slides]
    assert numbers == [str(n) for n in range(1, len(slides) + 1)]
    assert [s.has_notes_slide for s in slides] == [True] + [False] * (len(slides) - 1)


def test_one_bullet_too_long_for_a_slide_is_an_error(theme: Theme) -> None:
    items = ["short", {"huge": [f"sub-bullet {i} with words to fill its line" for i in range(40)]}]
    spec = BulletsSlide.model_validate({"id": "news", "title": "Too much", "items": items})
    with pytest.raises(DeckError) as caught:
        build([DeckSlide(4, spec)], theme)
    assert str(caught.value) == (
        "slide 4 (news), bullets 'Too much': the bullet 'huge' and its sub-bullets do not fit "
        "one slide even at 14 pt; shorten them"
    )


def test_chart_slide_needs_its_chart(theme: Theme) -> None:
    spec = ChartSlide(title="Commits", chart="commits_by_year")
    with pytest.raises(DeckError) as caught:
        build([DeckSlide(2, spec)], theme)
    assert str(caught.value) == (
        "slide 2, chart 'Commits': no chart was drawn for chart 'commits_by_year'"
    )


def test_unknown_kind_lists_the_known_ones(theme: Theme) -> None:
    with pytest.raises(DeckError) as caught:
        build([DeckSlide(3, SlideSpec(kind="bullet", title="x"))], theme)
    assert str(caught.value) == (
        "slide 3, bullet 'x': unknown slide kind 'bullet', expected one of 'title', 'section', "
        "'bullets', 'stats', 'chart', 'chart_bullets', 'table', 'image', 'quote', 'news', "
        "'closing'; did you mean 'bullets'?"
    )


def _texts(slide: Slide) -> list[str]:
    return [
        ph.text_frame.text
        for ph in slide.placeholders
        if ph.has_text_frame
        and ph.placeholder_format.type not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
    ]
