"""Fixtures of the chart tests."""

from __future__ import annotations

import pytest

from deckgen.metrics.model import ScopeMetrics
from tests.charts.chartdata import Palette, plateau


@pytest.fixture
def scope() -> ScopeMetrics:
    return plateau()


@pytest.fixture
def palette() -> Palette:
    return Palette()
