"""Fixtures of the chart tests."""

from __future__ import annotations

import pytest

from deckgen.charts.paint import Picture
from deckgen.metrics.model import ScopeMetrics
from tests.charts.chartdata import Palette, plateau


@pytest.fixture
def scope() -> ScopeMetrics:
    return plateau()


@pytest.fixture
def palette() -> Palette:
    return Palette()


@pytest.fixture
def painted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each picture drawn in this process (by its plot name)."""
    from deckgen.charts import paint as paint_module

    calls: list[str] = []
    original = paint_module.paint

    def spy(picture: Picture) -> bytes:
        calls.append(picture.plot)
        return original(picture)

    monkeypatch.setattr(paint_module, "paint", spy)
    return calls
