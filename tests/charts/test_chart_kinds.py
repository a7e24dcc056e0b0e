"""The chart registry and `draw_chart`: names, errors, and no matplotlib until a chart is drawn."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from deckgen.charts import CHART_KINDS, draw_chart
from deckgen.errors import RenderError
from deckgen.metrics.model import Period, ScopeMetrics
from tests.charts.chartdata import AS_OF, Palette


def test_registry_names() -> None:
    assert {"commits_by_year", "authors_by_year"} <= set(CHART_KINDS)
    assert all(kind.name == name for name, kind in CHART_KINDS.items())


def test_unknown_chart_lists_the_valid_ones(scope: ScopeMetrics, palette: Palette) -> None:
    with pytest.raises(RenderError) as caught:
        period = Period(date(2026, 1, 1), AS_OF)
        draw_chart("commits_per_year", scope, period, AS_OF, palette, (8, 4))
    assert str(caught.value) == (
        "unknown chart 'commits_per_year', expected one of 'commits_by_year', "
        "'authors_by_year'; did you mean 'commits_by_year'?"
    )


def test_importing_charts_does_not_import_matplotlib() -> None:
    code = "import sys, deckgen.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
