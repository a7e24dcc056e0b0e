"""load_theme: what a template offers, and clear errors when it does not fit."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from deckgen.deck import Theme, load_theme
from deckgen.deck.theme import DEFAULT_TEMPLATE
from deckgen.errors import DeckError
from tests.deck.deckdata import all_kinds, build, build_all, every_kind
from tests.deck.overflow import assert_no_overflow


def test_default_theme(theme: Theme) -> None:
    assert theme.path == DEFAULT_TEMPLATE
    assert (Emu(theme.slide_width).inches, Emu(theme.slide_height).inches) == pytest.approx(
        (13.333, 7.5), abs=1e-3
    )
    assert dict(theme.layouts) == {
        "title": "Title",
        "section": "Section",
        "bullets": "Content",
        "bullets-2col": "Two Content",
        "stats": "Big Numbers",
        "chart": "Picture with Caption",
        "chart_bullets": "Two Content",
        "table": "Content",
        "image": "Picture with Caption",
        "quote": "Section",
        "closing": "Closing",
    }
    assert not theme.keep_slides
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
        "slides), 'Content' (for bullets slides), 'Big Numbers' (for stats slides), 'Content' "
        "(for table slides), 'Section' (for quote slides), 'Closing' (for closing slides); the "
        "template has: 'Title Slide', 'Title and Content', 'Section Header', 'Two Content', "
        "'Comparison', 'Title Only', 'Blank', 'Content with Caption', 'Picture with Caption', "
        "'Title and Vertical Text', 'Vertical Title and Text'; choose others with `layouts:` in "
        "the outline"
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
    assert str(caught.value) == (
        "slide kind 'bullets' holds no chart; these do: 'chart', 'chart_bullets', 'image'"
    )


OFFICE_LAYOUTS = {
    "title": "Title Slide",
    "section": "Section Header",
    "bullets": "Title and Content",
    "bullets-2col": "Two Content",
    "stats": "Title Only",
    "chart": "Picture with Caption",
    "chart_bullets": "Two Content",
    "table": "Title and Content",
    "image": "Picture with Caption",
    "quote": "Section Header",
    "closing": "Title Slide",
}
"""deckgen's slide kinds on the layouts of python-pptx's own template (4:3, Office names)."""


def office_template(path: Path) -> Path:
    """Save python-pptx's own template: 4:3, Office layout names, no idx-13 placeholders."""
    Presentation().save(str(path))
    return path


def test_another_template_through_layouts(tmp_path: Path) -> None:
    theme = load_theme(office_template(tmp_path / "office.pptx"), layouts=OFFICE_LAYOUTS)
    assert (Emu(theme.slide_width).inches, Emu(theme.slide_height).inches) == (10, 7.5)
    assert theme.chart_size_in("chart") == pytest.approx((6.0, 4.5), abs=0.01)
    deck_path = tmp_path / "deck.pptx"
    deck_path.write_bytes(build_all(all_kinds(tmp_path), theme, tmp_path))
    deck = Presentation(str(deck_path))
    assert [s.slide_layout.name for s in deck.slides][:4] == [
        "Title Slide",
        "Section Header",
        "Title Only",
        "Picture with Caption",
    ]
    title = deck.slides[0]
    # No byline placeholder: the byline goes under the subtitle.
    assert title.placeholders[1].text_frame.text == (
        "A year of modernization\nJane Doe, maintainer · Example\nKVM Forum 2026 · 30 June 2026"
    )
    stats = deck.slides[2]
    assert [s.text_frame.text for s in stats.shapes if s.name == "Sentence"] == [
        "On course for 4,000 commits if the current rate continues."
    ]
    closing = deck.slides[-1]
    assert closing.placeholders[1].text_frame.text.splitlines() == [
        "https://example.org",
        "Come and contribute",
        "https://example.org/kvm-forum",
        "#KVMForum",
    ]
    assert_no_overflow(deck_path)


def test_missing_placeholder_is_found_when_the_template_is_loaded(tmp_path: Path) -> None:
    path = office_template(tmp_path / "office.pptx")
    with pytest.raises(DeckError) as caught:
        load_theme(path, layouts={**OFFICE_LAYOUTS, "closing": "Blank"})
    assert str(caught.value) == (
        f"template {path}: layout 'Blank' (for closing slides) has no placeholder idx 0; it has: "
        "10 (Date Placeholder 1), 11 (Footer Placeholder 2), 12 (Slide Number Placeholder 3); "
        "the template's layouts are: 'Title Slide', 'Title and Content', 'Section Header', "
        "'Two Content', 'Comparison', 'Title Only', 'Blank', 'Content with Caption', "
        "'Picture with Caption', 'Title and Vertical Text', 'Vertical Title and Text'"
    )


def test_unknown_kind_in_layouts(tmp_path: Path) -> None:
    with pytest.raises(DeckError) as caught:
        load_theme(None, layouts={"tabel": "Content"})
    assert str(caught.value) == (
        f"template {DEFAULT_TEMPLATE}: layouts: unknown slide kind 'tabel', expected one of "
        "'title', 'section', 'bullets', 'bullets-2col', 'stats', 'chart', 'chart_bullets', "
        "'table', 'image', 'quote', 'closing'; did you mean 'table'?"
    )


def test_layouts_override_the_defaults() -> None:
    theme = load_theme(None, layouts={"quote": "Big Numbers"})
    assert theme.layouts["quote"] == "Big Numbers" and theme.layouts["title"] == "Title"


def test_template_slides_kept_when_asked(tmp_path: Path) -> None:
    prs = Presentation(str(DEFAULT_TEMPLATE))
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Agenda"
    path = tmp_path / "with-slide.pptx"
    prs.save(str(path))
    deck = Presentation(io.BytesIO(build(every_kind(), load_theme(path, keep_slides=True))))
    assert [s.shapes.title.text for s in deck.slides][:2] == ["Agenda", "The state of the project"]
    section = deck.slides[2]
    assert section.placeholders[12].text_frame.text == "3"
