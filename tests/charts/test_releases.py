"""The per-release chart: commits and contributors of each release since the one before."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from PIL import Image

from deckgen.charts import draw_chart, sketch_chart
from deckgen.charts.releases import NO_PERIOD_RELEASES
from deckgen.metrics.model import Release, Releases
from tests.charts.chartdata import Palette, make_metrics, make_scope

LISTED = (
    Release("v9.0.0", date(2026, 1, 15), 1234, 87, 12),
    Release("v9.1.0", date(2026, 3, 2), 456, 41, 1),
)
LAST = (Release("v8.9.0", date(2025, 12, 1), 300, 30, 0), *LISTED)


def test_the_periods_releases_or_the_last_ones() -> None:
    metrics = make_metrics(make_scope({}), releases=Releases(2, 12, 30.0, LISTED))
    sketch = sketch_chart("commits_by_release", metrics, "all", (8, 4))
    commits, contributors = sketch.data[0]  # type: ignore[misc]
    assert (commits.labels, commits.values) == (("v9.0.0", "v9.1.0"), (1234, 456))
    assert contributors.values == (87, 41)
    assert sketch.image.alt_text == (
        "Bars of the commits and contributors of each release since the one before. "
        "v9.0.0: 1,234 commits by 87 contributors, 12 new; "
        "v9.1.0: 456 commits by 41 contributors, 1 new."
    )
    last = make_metrics(make_scope({}), releases=Releases(2, 12, 30.0, LISTED, last=LAST))
    commits, _ = sketch_chart("commits_by_release", last, "all", (8, 4)).data[0]  # type: ignore[misc]
    assert commits.labels == ("v8.9.0", "v9.0.0", "v9.1.0")


def test_a_scope_shows_its_own_releases(palette: Palette) -> None:
    scope = replace(make_scope({}), releases=Releases(2, 12, 30.0, LISTED))
    metrics = make_metrics(make_scope({}), groups={"bindings": scope})
    image = draw_chart("commits_by_release", metrics, "bindings", palette, (8, 4))
    assert image.empty is None
    assert Image.open(io.BytesIO(image.png)).size[0] > 0
    nothing = draw_chart("commits_by_release", metrics, "all", palette, (8, 4))
    assert nothing.empty == NO_PERIOD_RELEASES
