"""The `<metric>_same_window` charts: the period against the same days of every earlier year."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from deckgen.charts import CHART_KINDS, draw_chart, sketch_chart
from deckgen.charts.data import WindowBars
from deckgen.charts.window import SameWindow, window_words
from deckgen.metrics import Metrics
from tests.charts.chartdata import Palette, make_metrics, plateau
from tests.gitrepos import ALICE, BOB, CAROL, Change, make_outline, make_repo, measure, utc


@pytest.fixture(scope="module")
def metrics(tmp_path_factory: pytest.TempPathFactory) -> Metrics:
    path = make_repo(
        tmp_path_factory.mktemp("window") / "core",
        [
            Change(ALICE, utc(2022, 3, 1)),
            Change(BOB, utc(2022, 11, 1)),  # after 5 October: not in 2022's window
            Change(ALICE, utc(2023, 2, 1)),
            Change(CAROL, utc(2024, 5, 1)),
            Change(BOB, utc(2024, 6, 1)),
        ],
    )
    return measure(make_outline({"core": [path]}), date(2024, 10, 5))


def test_bars_are_the_context_windows(metrics: Metrics) -> None:
    sketch = sketch_chart("commits_same_window", metrics, "all", (11.8, 4.5))
    assert sketch.plot == "window_bars"
    assert sketch.data == (WindowBars((2022, 2023, 2024), (1, 1, 2), "1 Jan–5 Oct", "commits"),)
    assert sketch.image.alt_text == (
        "Bars of commits from 1 Jan–5 Oct of each year, 2022–2024; 2024: 2, highest ever."
    )
    assert sketch.image.native is not None
    assert sketch.image.native.categories == ("2022", "2023", "2024")


def test_every_headline_metric_has_its_kind() -> None:
    kinds = [k for k in CHART_KINDS.values() if isinstance(k, SameWindow)]
    assert [k.metric for k in kinds] == [
        "commits",
        "contributors",
        "new_contributors",
        "commits_by_new",
        "releases",
    ]


def test_drawn_the_same_twice(metrics: Metrics, palette: Palette) -> None:
    image = draw_chart("new_contributors_same_window", metrics, "core", palette, (11.8, 4.5))
    with Image.open(io.BytesIO(image.png)) as png:
        assert png.size == (2360, 900)
    again = draw_chart("new_contributors_same_window", metrics, "core", palette, (11.8, 4.5))
    assert again.png == image.png


def test_metrics_without_context_show_no_commits(palette: Palette) -> None:
    image = draw_chart("commits_same_window", make_metrics(plateau()), "all", palette, (8, 4))
    assert image.empty == "No commits yet"


def test_window_words() -> None:
    assert window_words(date(2024, 1, 1), date(2024, 2, 29)) == "1 Jan–29 Feb"
    assert window_words(date(2024, 1, 1), date(2024, 1, 1)) == "1 Jan"
