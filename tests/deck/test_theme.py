"""load_theme: what a template offers, and clear errors when it does not fit."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.deck import DeckSlide, Theme, load_theme
from deckgen.deck.theme import DEFAULT_TEMPLATE
from deckgen.errors import DeckError
from tests.deck.deckdata import build, every_kind


def test_default_theme(theme: Theme) -> None:
    assert theme.path == DEFAULT_TEMPLATE
    assert (theme.slide_width.inches, theme.slide_height.inches) == pytest.approx(
        (13.333, 7.5), abs=1e-3
    )
    assert dict(theme.layouts) == {
        "title": "Title",
        "section": "Section",
        "bullets": "Content",
        "bullets-2col": "Two Content",
        "stats": "Big Numbers",
        "chart": "Picture with Caption",
        "closing": "Closing",
    }
    assert theme.chart_size_in("chart") == pytest.approx((11.833, 4.35), abs=1e-3)
    assert theme.colours["accent1"] == "E4572E"
    assert set(theme.colours) == {"dk1", "lt1", "dk2", "lt2", *(f"accent{i}" for i in range(1, 7))}
    assert (theme.heading_font, theme.body_font) == ("Calibri", "Calibri")


def test_missing_layout_lists_what_the_template_has(tmp_path: Path) -> None:
    path = tmp_path / "plain.pptx"
    Presentation().save(str(path))  # python-pptx's own template: Office layout names
    with pytest.raises(DeckError) as caught:
        load_theme(path)
    assert str(caught.value) == (
        f"template {path}: no layout named 'Title' (for title slides), 'Section' (for section "
        "slides), 'Content' (for bullets slides), 'Big Numbers' (for stats slides), 'Closing' "
        "(for closing slides); the template has: 'Title Slide', 'Title and Content', "
        "'Section Header', 'Two Content', 'Comparison', 'Title Only', 'Blank', "
        "'Content with Caption', 'Picture with Caption', 'Title and Vertical Text', "
        "'Vertical Title and Text'"
    )


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DeckError) as caught:
        load_theme(tmp_path / "nope.pptx")
    assert str(caught.value) == (
        f"template {tmp_path / 'nope.pptx'}: cannot read it (No such file or directory)"
    )


def test_not_a_presentation(tmp_path: Path) -> None:
    path = tmp_path / "notes.pptx"
    path.write_text("hello")
    with pytest.raises(DeckError) as caught:
        load_theme(path)
    assert str(caught.value) == f"template {path}: not a PowerPoint presentation or template"


def test_potx_template_works(tmp_path: Path) -> None:
    path = tmp_path / "theme.potx"
    out = io.BytesIO()
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"template.main+xml")
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())
    theme = load_theme(path)
    deck = Presentation(io.BytesIO(build(every_kind(), theme)))
    assert len(deck.slides) == 6


def test_template_slides_are_removed(tmp_path: Path) -> None:
    prs = Presentation(str(DEFAULT_TEMPLATE))
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "left over"
    path = tmp_path / "with-slide.pptx"
    prs.save(str(path))
    deck = Presentation(io.BytesIO(build(every_kind(), load_theme(path))))
    titles = [s.shapes.title.text for s in deck.slides]
    assert len(titles) == 6 and "left over" not in titles


def test_chart_size_of_a_kind_without_chart(theme: Theme) -> None:
    with pytest.raises(DeckError) as caught:
        theme.chart_size_in("bullets")
    assert str(caught.value) == "slide kind 'bullets' holds no chart; these do: 'chart'"


def office_like_template(path: Path) -> Path:
    """Save python-pptx's own (4:3, Office) template with its layouts renamed to deckgen's."""
    prs = Presentation()
    renames = {
        "Title Slide": "Title",
        "Section Header": "Section",
        "Title and Content": "Content",
        "Title Only": "Big Numbers",
        "Blank": "Closing",
    }
    for layout in prs.slide_layouts:
        layout.name = renames.get(layout.name, layout.name)
    prs.save(str(path))
    return path


def test_another_template_with_the_layout_names(tmp_path: Path) -> None:
    theme = load_theme(office_like_template(tmp_path / "office.pptx"))
    assert theme.chart_size_in("chart") == pytest.approx((6.0, 4.5), abs=0.01)
    slides = [s for s in every_kind() if s.spec.kind in ("stats", "bullets", "chart")]
    # Its "Big Numbers" (Office's Title Only) has no placeholder for the sentence: leave it out.
    stats = slides[0].spec.model_copy(update={"text": ""})
    slides[0] = DeckSlide(slides[0].number, stats)
    deck = Presentation(io.BytesIO(build(slides, theme)))
    assert [s.slide_layout.name for s in deck.slides] == [
        "Big Numbers",
        "Picture with Caption",
        "Content",
    ]


def test_missing_placeholder_names_the_layout_and_its_placeholders(tmp_path: Path) -> None:
    theme = load_theme(office_like_template(tmp_path / "office.pptx"))
    with pytest.raises(DeckError) as caught:
        build(every_kind()[:1], theme)
    assert str(caught.value) == (
        "slide 1, title 'The state of the project': layout 'Title' has no placeholder idx 13 "
        "for the byline; it has: 0 (Title 1), 1 (Subtitle 2), 10 (Date Placeholder 3), "
        "11 (Footer Placeholder 4), 12 (Slide Number Placeholder 5)"
    )
