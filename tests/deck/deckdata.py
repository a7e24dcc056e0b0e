"""Inputs for deck tests, built inline: one slide of every kind, a chart picture, a build."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from PIL import Image

from deckgen.charts import ChartImage, NativeChart, NativeSeries
from deckgen.deck import DeckSlide, TableData, Theme, build_deck
from deckgen.deck.tabledata import name_grid
from deckgen.outline.schema import (
    BulletsSlide,
    ChartBulletsSlide,
    ChartSlide,
    ClosingSlide,
    ImageSlide,
    NewsSlide,
    QuoteSlide,
    SectionSlide,
    SlideSpec,
    StatsSlide,
    TableSlide,
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


def picture_file(path: Path, size: tuple[int, int], colour: str = "#2A9D8F") -> Path:
    """Write a plain PNG of `size` pixels at `path` and return it."""
    Image.new("RGB", size, colour).save(path, "PNG")
    return path


def native_chart_image(width_in: float = 11.833, height_in: float = 4.35) -> ChartImage:
    """Return a stand-in chart with the numbers of a native stacked-bar chart."""
    image = chart_image(width_in, height_in)
    native = NativeChart(
        "stacked_bars",
        ("2023", "2024", "2025", "2026 so far"),
        (
            NativeSeries("Old authors", (3900.0, 4100.0, 4000.0, 1700.0), "dk2"),
            NativeSeries("New authors", (450.0, 520.0, 500.0, 300.0), "accent1"),
        ),
    )
    return replace(image, native=native)


RELEASES_TABLE = TableData(
    ("Release", "Date"),
    tuple((f"v9.{i}.0", f"{i + 1} {m} 2026") for i, m in enumerate(("January", "March", "May"))),
)
NAMES_TABLE = name_grid([f"Contributor {chr(65 + i % 26)}{i}" for i in range(40)])


def all_kinds(folder: Path) -> list[DeckSlide]:
    """Return a deck of every slide kind with every option: markup, tile changes, a native
    chart, tables (one continued), a picture, a quote, news bullets; pictures in `folder`."""
    screenshot = picture_file(folder / "forge.png", (1600, 900))
    specs: list[tuple[SlideSpec, ChartImage | None, TableData | None]] = [
        (every_kind()[0].spec, None, None),
        (every_kind()[1].spec, None, None),
        (
            StatsSlide.model_validate(
                {
                    "title": "Contributors and commits this year",
                    "tiles": [
                        {"value": "182", "caption": "contributors so far", "previous": "170"},
                        {"value": "41", "caption": "of them new", "previous": "45"},
                        {"value": "2,004", "caption": "commits", "previous": "2,004"},
                    ],
                    "text": "On course for **4,000** commits if the current rate continues.",
                }
            ),
            None,
            None,
        ),
        (every_kind()[3].spec, chart_image(), None),
        (
            ChartSlide(
                title="Commits per year (editable)",
                chart="commits_by_year",
                caption="A native chart: its numbers can be edited in PowerPoint.",
                native=True,
            ),
            native_chart_image(),
            None,
        ),
        (
            ChartBulletsSlide.model_validate(
                {
                    "title": "Authors per year",
                    "chart": "authors_by_year",
                    "caption": "Old and new authors.",
                    "items": [
                        "A dip in new contributors for **several years**",
                        "A marked *pick-up* this year",
                        {"Why": ["Merge requests on the forge", "Mentoring in `#newcomers`"]},
                    ],
                }
            ),
            chart_image(5.7, 4.8),
            None,
        ),
        (
            BulletsSlide.model_validate(
                {
                    "title": "What happened this year",
                    "items": [
                        {
                            "Project **infrastructure**": [
                                "Moved to [a hosted forge](https://gitlab.com/example)",
                                "Build with `meson setup build`",
                            ]
                        },
                        "Docs converted to *reStructuredText*",
                    ],
                }
            ),
            None,
            None,
        ),
        (
            TableSlide(title="Releases this year", data="releases", caption="Monthly, as usual."),
            None,
            RELEASES_TABLE,
        ),
        (TableSlide(title="Welcome to our new contributors", max_rows=8), None, NAMES_TABLE),
        (
            ImageSlide(
                title="The new forge",
                image=screenshot,
                caption="Merge requests replaced the mailing list.",
                alt="Screenshot of the project's merge request list",
            ),
            None,
            None,
        ),
        (
            QuoteSlide(
                title="A user's view",
                quote="The release cadence is the best thing that happened to the project.",
                attribution="A distribution maintainer",
            ),
            None,
            None,
        ),
        (
            NewsSlide(title="New in the releases", items=["Faster start-up", "A new driver"]),
            None,
            None,
        ),
        (every_kind()[5].spec, None, None),
    ]
    return [
        DeckSlide(i, spec, chart, table) for i, (spec, chart, table) in enumerate(specs, start=1)
    ]


def build_all(slides: Sequence[DeckSlide], theme: Theme, folder: Path) -> bytes:
    """Build `slides` with a logo on the title slide and the event's hashtag and URL."""
    logo = picture_file(folder / "logo.png", (400, 160), "#E4572E")
    return build_deck(
        slides,
        theme,
        footer=FOOTER,
        title="State of the project",
        author="Jane Doe",
        as_of=AS_OF,
        logo=logo,
        hashtag="#KVMForum",
        url="https://example.org/kvm-forum",
    )
