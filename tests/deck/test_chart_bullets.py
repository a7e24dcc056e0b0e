"""A chart beside bullets, and native (editable) charts."""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.charts import ChartImage
from deckgen.deck import DeckSlide, Theme
from deckgen.deck.native import label_step, nice_step
from deckgen.errors import DeckError
from deckgen.outline.schema import ChartBulletsSlide, ChartSlide
from tests.deck.deckdata import AS_OF, build, chart_image, native_chart_image


def test_chart_left_bullets_right(theme: Theme) -> None:
    assert theme.chart_size_in("chart_bullets") == pytest.approx((5.7, 4.8), abs=1e-3)
    spec = ChartBulletsSlide.model_validate(
        {"title": "Authors", "chart": "authors_by_year", "caption": "Old and new.",
         "items": ["A dip", {"then": ["a pick-up"]}]}
    )  # fmt: skip
    slide = Presentation(
        io.BytesIO(build([DeckSlide(1, spec, chart_image(5.7, 4.8))], theme))
    ).slides[0]
    assert slide.slide_layout.name == "Two Content"
    (pic,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    bullets = slide.placeholders[2]
    assert [(p.level, p.text) for p in bullets.text_frame.paragraphs] == [
        (0, "A dip"),
        (0, "then"),
        (1, "a pick-up"),
    ]
    assert pic.left + pic.width <= bullets.left
    caption = next(s for s in slide.shapes if s.name == "Caption")
    assert caption.text_frame.text == "Old and new."
    assert pic.top + pic.height <= caption.top


def test_native_chart_is_editable_in_theme_colours(theme: Theme) -> None:
    spec = ChartSlide(title="Commits", chart="commits_by_year", native=True)
    data = build([DeckSlide(1, spec, native_chart_image())], theme)
    slide = Presentation(io.BytesIO(data)).slides[0]
    (frame,) = [s for s in slide.shapes if getattr(s, "has_chart", False)]
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert list(chart.plots[0].categories) == ["2023", "2024", "2025", "2026 so far"]
    assert [s.name for s in chart.plots[0].series] == ["Old authors", "New authors"]
    assert chart.font.size.pt >= 14
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr").startswith("Stacked bars")
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        (book,) = [n for n in deck.namelist() if n.endswith(".xlsx")]
        with zipfile.ZipFile(io.BytesIO(deck.read(book))) as xlsx:
            core = xlsx.read("docProps/core.xml").decode()
            assert f"{AS_OF.isoformat()}T00:00:00Z" in core
            assert {i.date_time for i in xlsx.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_native_needs_numbers(theme: Theme) -> None:
    spec = ChartSlide(title="Groups", chart="groups_compare", native=True)
    with pytest.raises(DeckError) as caught:
        build([DeckSlide(2, spec, chart_image())], theme)
    assert str(caught.value) == (
        "slide 2, chart 'Groups': chart 'groups_compare' has no editable PowerPoint form; "
        "remove `native: true`"
    )


def test_axis_steps() -> None:
    assert [nice_step(v) for v in (4500, 180, 7, 0)] == [1000, 50, 2, 1]
    assert label_step(22, 11.8) == 2 and label_step(5, 11.8) == 1


@pytest.mark.parametrize("native", [False, True])
def test_an_empty_chart_shows_its_message_in_the_chart_area(theme: Theme, native: bool) -> None:
    """An empty scope is shown, not refused: its message sits where the chart would, on a chart
    slide (native or not, above its caption) and beside bullets; no picture, no empty axes."""
    nothing = ChartImage.nothing("No commits yet", (5.7, 4.8))
    specs = [
        ChartSlide(title="Commits", chart="commits_by_year", native=native, caption="So far."),
        ChartBulletsSlide(title="Authors", chart="authors_by_year", items=["Soon"]),
    ]
    data = build([DeckSlide(n, spec, nothing) for n, spec in enumerate(specs, 1)], theme)
    slides = list(Presentation(io.BytesIO(data)).slides)
    for slide in slides:
        kinds = {s.shape_type for s in slide.shapes}
        assert MSO_SHAPE_TYPE.PICTURE not in kinds and MSO_SHAPE_TYPE.CHART not in kinds
        (panel,) = [s for s in slide.shapes if s.name.startswith("No chart: ")]
        assert panel.text_frame.text == "No commits yet"
        assert panel._element.nvSpPr.cNvPr.get("descr") == "No chart: no commits yet."
        title = slide.shapes.title
        assert panel.top >= title.top + title.height
    (panel,) = [s for s in slides[0].shapes if s.name == "No chart: commits_by_year"]
    (caption,) = [
        s for s in slides[0].shapes if s.has_text_frame and s.text_frame.text == "So far."
    ]
    assert panel.top + panel.height <= caption.top


def test_native_chart_text_names_the_theme_font(theme: Theme) -> None:
    spec = ChartSlide(title="Commits", chart="commits_by_year", native=True)
    data = build([DeckSlide(1, spec, native_chart_image())], theme)
    slide = Presentation(io.BytesIO(data)).slides[0]
    (frame,) = [s for s in slide.shapes if getattr(s, "has_chart", False)]
    chart = frame.chart
    texts = (chart, chart.legend, chart.value_axis.tick_labels, chart.category_axis.tick_labels)
    assert [t.font.name for t in texts] == [theme.body_font] * 4
