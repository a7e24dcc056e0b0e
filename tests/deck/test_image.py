"""Image slides: the whole picture in the picture area, alt text, clear errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.deck import DeckSlide, Theme
from deckgen.errors import DeckError
from deckgen.outline.schema import ImageSlide
from tests.deck.deckdata import build, picture_file


def test_picture_is_fitted_and_centred(theme: Theme, tmp_path: Path) -> None:
    tall = picture_file(tmp_path / "tall.png", (300, 600))
    spec = ImageSlide(title="Forge", image=tall, caption="The new forge.")
    slide = Presentation(io.BytesIO(build([DeckSlide(1, spec)], theme))).slides[0]
    (pic,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pic.width / pic.height == pytest.approx(0.5, rel=1e-3)
    area = slide.slide_layout.placeholders.get(idx=1)
    assert area.top <= pic.top and pic.top + pic.height <= area.top + area.height
    middle = pic.left + pic.width / 2
    assert middle == pytest.approx(area.left + area.width / 2, abs=2)
    assert pic._element.nvPicPr.cNvPr.get("descr") == "The new forge."
    caption = slide.placeholders[2]
    assert caption.text_frame.text == "The new forge."
    assert pic.top + pic.height <= caption.top


def test_alt_text_wins_over_the_caption(theme: Theme, tmp_path: Path) -> None:
    spec = ImageSlide(title="F", image=picture_file(tmp_path / "a.png", (80, 40)), alt="A bar")
    slide = Presentation(io.BytesIO(build([DeckSlide(1, spec)], theme))).slides[0]
    (pic,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pic._element.nvPicPr.cNvPr.get("descr") == "A bar"


def test_missing_picture(theme: Theme, tmp_path: Path) -> None:
    spec = ImageSlide(id="forge", title="Forge", image=tmp_path / "nope.png")
    with pytest.raises(DeckError) as caught:
        build([DeckSlide(5, spec)], theme)
    assert str(caught.value) == (
        f"slide 5 (forge), image 'Forge': image {tmp_path / 'nope.png'}: not found"
    )


def test_not_a_picture(theme: Theme, tmp_path: Path) -> None:
    text = tmp_path / "notes.png"
    text.write_text("hello")
    with pytest.raises(DeckError) as caught:
        build([DeckSlide(5, ImageSlide(title="Forge", image=text))], theme)
    assert str(caught.value) == (
        f"slide 5, image 'Forge': image {text}: not a picture (PNG, JPEG or GIF)"
    )
