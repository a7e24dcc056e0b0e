"""Fixtures of the deck tests, and `--update-golden` to rewrite the golden dumps."""

from __future__ import annotations

import pytest

from deckgen.deck import Theme, load_theme


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/deck/golden/*.txt from the decks built now",
    )


@pytest.fixture(scope="session")
def theme() -> Theme:
    return load_theme(None)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
