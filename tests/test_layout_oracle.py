"""The layout oracle can fail: small decks made with python-pptx alone, each with one fault."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.slide import Slide
from pptx.util import Inches, Pt

from tests.layout_oracle import Finding, check_decks

WIDTH_PT, HEIGHT_PT = 960, 540  # a 13.333 × 7.5 inch slide


def text_box(slide: Slide, left: float, top: float, width: float, text: str) -> None:
    """Add a 24 pt text box at inches `left`, `top`, one inch high, wrapping at `width`."""
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(1))
    shape.text_frame.word_wrap = True
    shape.text_frame.text = text
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(24)


def clean(slide: Slide) -> None:
    text_box(slide, 1, 1, 6, "Releases since 1 January")
    text_box(slide, 1, 2, 6, "Two lines, the second one\nright under the first")
    text_box(slide, 1, 6.5, 4, "A footer")
    text_box(slide, 11, 6.5, 1, "7")


def overflowing(slide: Slide) -> None:
    lines = (f"line {n} of a box taller than the slide" for n in range(6))
    text_box(slide, 1, 6, 6, "\n".join(lines))


def running_off_the_right(slide: Slide) -> None:
    text_box(slide, 10, 1, 6, "this sentence is set wider than the slide is")


def overlapping(slide: Slide) -> None:
    text_box(slide, 1, 3, 6, "The first box of text")
    text_box(slide, 1.3, 3.1, 6, "A second box over it")


def spilling(slide: Slide) -> None:
    """Three lines in a box one line high, on the slide and over no other text."""
    text_box(
        slide, 1, 1, 6, "A box of one line\nthat holds three lines\nof text, the last two below it"
    )
    shape = slide.shapes[-1]
    shape.height = Inches(0.5)
    shape.text_frame.auto_size = MSO_AUTO_SIZE.NONE


def template(slide: Slide) -> None:
    text_box(slide, 1, 1, 8, "Welcome to {{ x }} and more")


def deck(tmp: Path, name: str, *slides: Callable[[Slide], None]) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for make in slides:
        make(prs.slides.add_slide(prs.slide_layouts[6]))  # the blank layout
    path = tmp / f"{name}.pptx"
    prs.save(str(path))
    return path


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Finding]]:
    """Every fixture deck, rendered in one LibreOffice run."""
    tmp = tmp_path_factory.mktemp("oracle")
    decks = [
        deck(tmp, "clean", clean, clean),
        deck(tmp, "overflowing", clean, overflowing),
        deck(tmp, "right", running_off_the_right),
        deck(tmp, "overlapping", overlapping),
        deck(tmp, "template", clean, template),
        deck(tmp, "spilling", clean, spilling),
    ]
    checked = check_decks(decks, tmp / "work", within_shapes=True)
    return {path.stem: found for path, found in checked.items()}


@pytest.mark.render
def test_a_clean_deck_is_reported_clean(findings: dict[str, list[Finding]]) -> None:
    assert findings["clean"] == []


@pytest.mark.render
def test_a_text_box_running_below_the_slide(findings: dict[str, list[Finding]]) -> None:
    found = findings["overflowing"]
    assert {f.kind for f in found} == {"outside", "outside its shape"}  # the box is 1 inch high
    found = [f for f in found if f.kind == "outside"]
    assert {f.slide for f in found} == {2}
    words = [w for f in found for w in f.words]
    # the lines below the slide are reported, with boxes below it, and nothing above them
    assert {w.text for w in words} >= {"line", "5", "taller", "slide"}
    assert all(w.box.bottom > HEIGHT_PT for w in words)
    assert min(w.box.top for w in words if w.text == "5") > HEIGHT_PT
    assert "slide 2: outside: 'line' at (" in str(found[0])


@pytest.mark.render
def test_a_text_box_running_off_the_right(findings: dict[str, list[Finding]]) -> None:
    found = findings["right"]
    assert found and {f.kind for f in found} == {"outside"}
    assert all(w.box.right > WIDTH_PT for f in found for w in f.words)
    assert "wider" in {w.text for f in found for w in f.words}


@pytest.mark.render
def test_two_overlapping_text_boxes(findings: dict[str, list[Finding]]) -> None:
    found = findings["overlapping"]
    assert found and {f.kind for f in found} == {"collision"}
    pairs = {frozenset(w.text for w in f.words) for f in found}
    assert {frozenset({"The", "A"}), frozenset({"first", "second"})} <= pairs, pairs
    assert all(f.words[0].box.top != f.words[1].box.top for f in found)  # one word of each box
    assert str(found[0]).startswith("slide 1: collision: '")


@pytest.mark.render
def test_template_syntax_in_the_text(findings: dict[str, list[Finding]]) -> None:
    found = findings["template"]
    assert [(f.slide, f.kind, f.detail) for f in found] == [
        (2, "template", "'Welcome to {{ x }} and more'")
    ]


@pytest.mark.render
def test_text_spilling_out_of_its_box_on_the_slide(findings: dict[str, list[Finding]]) -> None:
    """Nothing off the slide, nothing over other text: only the box's own edge tells."""
    found = findings["spilling"]
    assert {(f.slide, f.kind) for f in found} == {(2, "outside its shape")}
    assert [w.text for f in found for w in f.words] == (
        ["that", "holds", "three", "lines", "of", "text,", "the", "last", "two", "below", "it"]
    )
    assert str(found[0]) == (
        f"slide 2: outside its shape: 'that' at {found[0].words[0].box} "
        "(its centre is in no text shape)"
    )
