"""The chart registry and `draw_chart`: names, errors, and no matplotlib until a chart is drawn."""

from __future__ import annotations

import subprocess
import sys

import pytest

from deckgen.charts import CHART_KINDS, draw_chart
from deckgen.errors import RenderError
from deckgen.metrics.model import ScopeMetrics
from tests.charts.chartdata import Palette, make_metrics


def test_registry_names() -> None:
    assert set(CHART_KINDS) == {
        "commits_by_year",
        "authors_by_year",
        "new_contributors_by_year",
        "releases_by_year",
        "contributors_trend",
        "groups_compare",
        "orgs_share",
        "reviews_by_year",
        "commits_by_release",
        "commits_same_window",
        "contributors_same_window",
        "new_contributors_same_window",
        "commits_by_new_same_window",
        "releases_same_window",
        "components",
    }
    assert all(kind.name == name for name, kind in CHART_KINDS.items())


def test_unknown_chart_lists_the_valid_ones(scope: ScopeMetrics, palette: Palette) -> None:
    with pytest.raises(RenderError) as caught:
        draw_chart("commits_per_year", make_metrics(scope), "all", palette, (8, 4))
    assert str(caught.value) == (
        "unknown chart 'commits_per_year', expected one of 'commits_by_year', "
        "'authors_by_year', 'new_contributors_by_year', 'releases_by_year', "
        "'contributors_trend', 'reviews_by_year', 'groups_compare', 'orgs_share', "
        "'commits_by_release', 'components', 'commits_same_window', 'contributors_same_window', "
        "'new_contributors_same_window', 'commits_by_new_same_window', "
        "'releases_same_window'; did you mean 'commits_by_year'?"
    )


def test_unknown_scope_lists_the_valid_ones(scope: ScopeMetrics, palette: Palette) -> None:
    metrics = make_metrics(scope, groups={"core": scope})
    with pytest.raises(RenderError) as caught:
        draw_chart("commits_by_year", metrics, "bindings", palette, (8, 4))
    assert str(caught.value) == (
        "chart 'commits_by_year': unknown scope 'bindings', expected one of 'all', 'core'"
    )


def test_importing_charts_does_not_import_matplotlib() -> None:
    code = "import sys, deckgen.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
