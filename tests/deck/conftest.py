"""Fixtures of the deck tests."""

from __future__ import annotations

import pytest

from deckgen.deck import Theme, load_theme


@pytest.fixture(scope="session")
def theme() -> Theme:
    return load_theme(None)
