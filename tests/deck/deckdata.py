"""Inputs for deck tests, built inline: one slide of every kind, a chart picture, a build."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from PIL import Image

from deckgen.charts import ChartImage
from deckgen.deck import DeckSlide, Theme, build_deck
from deckgen.outline.schema import (
    BulletsSlide,
    ChartSlide,
    ClosingSlide,
    SectionSlide,
    SlideSpec,
    StatsSlide,
    TitleSlide,
)

AS_OF = date(2026, 6, 30)
FOOTER = "KVM Forum 2026"

FEATURES: list[object] = [
    {"Project infrastructure": ["Moved to a hosted forge, merge requests", "New translations"]},
    {"Technical debt": ["Meson build: build time halved", "Python 3 scripts", "Docs in RST"]},
    {"Memory management": ["Automatic cleanup across the code base"]},
    "Other hypervisor drivers: features added, old versions dropped",
]


def chart_image(width_in: float = 11.833, height_in: float = 4.35) -> ChartImage:
    """Return a plain PNG standing in for a chart (drawing real ones is the chart tests' job)."""
    out = io.BytesIO()
    Image.new("RGB", (round(width_in * 20), round(height_in * 20)), "#E4572E").save(out, "PNG")
    return ChartImage(out.getvalue(), width_in, height_in, "Stacked bars of commits per year.")


def every_kind() -> list[DeckSlide]:
    """Return one slide of each kind, with notes on all but the section slide."""
    specs: list[tuple[SlideSpec, ChartImage | None]] = [
        (
            TitleSlide(
                title="The state of the project",
                subtitle="A year of modernization",
                byline="Jane Doe, maintainer · Example\nKVM Forum 2026 · 30 June 2026",
                notes="Welcome.",
            ),
            None,
        ),
        (SectionSlide(title="This year", subtitle="Releases and people"), None),
        (
            StatsSlide.model_validate(
                {
                    "title": "Releases",
                    "tiles": [
                        {"value": "6", "caption": "releases since 1 January"},
                        {"value": "12", "caption": "on course for the usual twelve"},
                    ],
                    "text": "Monthly releases, as usual.",
                    "notes": "Six so far.",
                }
            ),
            None,
        ),
        (
            ChartSlide(
                title="Commits per year",
                chart="commits_by_year",
                caption="Growth, then a plateau.",
                notes="Read the chart.",
            ),
            chart_image(),
        ),
        (
            BulletsSlide.model_validate(
                {"title": "What happened", "items": FEATURES, "notes": "Features."}
            ),
            None,
        ),
        (
            ClosingSlide(
                title="Thank you",
                subtitle="https://example.org",
                items=["Come and contribute"],
                notes="Questions?",
            ),
            None,
        ),
    ]
    return [DeckSlide(i, spec, chart) for i, (spec, chart) in enumerate(specs, start=1)]


def build(slides: Sequence[DeckSlide], theme: Theme) -> bytes:
    """Build `slides` with the test footer, title, author and date."""
    return build_deck(
        slides, theme, footer=FOOTER, title="State of the project", author="Jane Doe", as_of=AS_OF
    )
