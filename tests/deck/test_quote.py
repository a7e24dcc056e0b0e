"""Quote slides: the quotation large, the attribution, an accent quotation mark."""

from __future__ import annotations

import io

from pptx import Presentation

from deckgen.deck import DeckSlide, Theme
from deckgen.outline.schema import QuoteSlide
from tests.deck.deckdata import build


def test_quote_attribution_and_mark(theme: Theme) -> None:
    spec = QuoteSlide(title="A view", quote="Releases *every month*.", attribution="A packager")
    slide = Presentation(io.BytesIO(build([DeckSlide(1, spec)], theme))).slides[0]
    assert slide.slide_layout.name == "Section"
    quote, attribution = slide.placeholders[0], slide.placeholders[1]
    assert quote.text_frame.text == "Releases every month."
    assert not any(r.font.bold for p in quote.text_frame.paragraphs for r in p.runs)
    assert attribution.text_frame.text == "— A packager"
    (mark,) = [s for s in slide.shapes if s.name == "Quote mark"]
    assert mark.text_frame.text == "“"
    assert mark.top >= 0 and mark.top < quote.top + quote.height
    assert slide._element.cSld.get("name") == "A view"
