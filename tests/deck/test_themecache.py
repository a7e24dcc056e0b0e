"""The theme cache: a hit is the theme the template gives; any change to what it reads misses."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from deckgen.deck import Theme, load_theme, themecache
from deckgen.deck.theme import DEFAULT_TEMPLATE
from deckgen.errors import TemplateError
from tests.deck.test_theme import OFFICE_LAYOUTS, office_template


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """Record each template really read with python-pptx."""
    calls: list[Path | None] = []

    def spy(template: Path | None, **kw: object) -> Theme:
        calls.append(template)
        return load_theme(template, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(themecache, "load_theme", spy)
    return calls


def test_a_hit_is_the_theme_the_template_gives(tmp_path: Path, reads: list[Path | None]) -> None:
    first = themecache.cached_theme(None, tmp_path)
    again = themecache.cached_theme(None, tmp_path)
    assert reads == [None]
    assert again == first == load_theme(None)
    assert [type(v) for v in (again.slide_width, again.picture_areas["chart"])] == [int, tuple]
    assert len(list((tmp_path / "themes").glob("*.theme"))) == 1


def test_another_template_its_bytes_or_layouts_miss(
    tmp_path: Path, reads: list[Path | None]
) -> None:
    template = shutil.copy(DEFAULT_TEMPLATE, tmp_path / "t.pptx")
    themecache.cached_theme(template, tmp_path)
    themecache.cached_theme(template, tmp_path, keep_slides=True)
    office = office_template(tmp_path / "office.pptx")
    theme = themecache.cached_theme(office, tmp_path, layouts=OFFICE_LAYOUTS)
    assert theme == load_theme(office, layouts=OFFICE_LAYOUTS)
    office_template(template)  # the same path, other bytes
    other = themecache.cached_theme(template, tmp_path, layouts=OFFICE_LAYOUTS)
    assert other == replace(theme, path=template)
    assert reads == [template, template, office, template]


def test_a_damaged_entry_is_read_again_and_an_error_is_not_kept(
    tmp_path: Path, reads: list[Path | None]
) -> None:
    themecache.cached_theme(None, tmp_path)
    (entry,) = (tmp_path / "themes").glob("*.theme")
    entry.write_bytes(b'{"path": "x"}')
    assert themecache.cached_theme(None, tmp_path) == load_theme(None)
    assert themecache.cached_theme(None, tmp_path) == load_theme(None)
    assert reads == [None, None]  # replaced, then a hit
    layouts = {"chart": "No such layout"}
    for _ in range(2):
        with pytest.raises(TemplateError, match="no layout named 'No such layout'"):
            themecache.cached_theme(None, tmp_path, layouts=layouts)
    assert reads == [None, None, None, None]
