"""Slide kinds from other packages: an entry point in the group `deckgen.slide_kinds` adds one,
which outlines, the JSON Schema and the deck then know like a built-in kind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import main
from deckgen.errors import OutlineError, PluginError
from deckgen.outline.editorschema import outline_json_schema
from deckgen.outline.loader import parse_outline
from deckgen.outline.schema import SLIDE_KINDS
from tests.plugins import install_plugin, uninstall_plugin
from tests.project import OUTLINE, make_project

Install = Callable[[str], None]


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Install]:
    """Install the package `deckbanner` with `entry` (an entry_points.txt line) as a plug-in."""

    yield lambda entry: install_plugin(tmp_path / "site", entry, monkeypatch)
    uninstall_plugin()


def outline_with(kind: str) -> str:
    return OUTLINE + f"  - {{kind: {kind}, title: Made by a plug-in}}\n"


def test_a_plugin_kind_builds_into_the_deck(install: Install, tmp_path: Path) -> None:
    install("banner = deckbanner:BannerSlide")
    make_project(tmp_path / "repos")
    (tmp_path / "talk.yaml").write_text(outline_with("banner"))
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(
        main, ["build", str(tmp_path / "talk.yaml"), "-o", str(out), "--as-of", "2026-06-30"]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    last = list(Presentation(str(out)).slides)[-1]
    assert last.shapes.title.text_frame.text == "Made by a plug-in"


def test_the_json_schema_accepts_a_plugin_kind(install: Install) -> None:
    install("banner = deckbanner:BannerSlide")
    kinds = outline_json_schema()["$defs"]
    assert kinds["BannerSlide"]["properties"]["kind"]["const"] == "banner"
    assert list(SLIDE_KINDS)[-1] == "banner"  # after the built-in kinds


def test_without_the_plugin_the_kind_is_unknown(tmp_path: Path) -> None:
    with pytest.raises(OutlineError) as caught:
        parse_outline(outline_with("banner"), tmp_path / "talk.yaml")
    assert "got 'banner'" in str(caught.value)


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        (
            "section = deckbanner:BannerSlide",
            "deckgen has a kind of that name; give the plug-in's kind another",
        ),
        ("banner = deckbanner:BannerKind", "expected a subclass of SlideSpec, got "),
        (
            "banner = deckbanner:Elsewhere",
            "its `kind` field defaults to 'section', not to 'banner'",
        ),
        ("nameless = deckbanner:Nameless", "its `renderer` names no 'module:Class' to render it"),
        (
            "banner = deckbanner:Missing",
            "cannot import it (AttributeError: module 'deckbanner' has no attribute 'Missing')",
        ),
    ],
)
def test_a_plugin_that_is_no_slide_kind_is_refused(
    install: Install, tmp_path: Path, entry: str, why: str
) -> None:
    install(entry)
    name, _, value = entry.partition(" = ")
    with pytest.raises(PluginError) as caught:
        parse_outline(outline_with("banner"), tmp_path / "talk.yaml")
    assert str(caught.value).startswith(f"slide kind plug-in {name!r} ({value}): {why}")


def test_an_outline_of_built_in_kinds_never_scans_the_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.metadata

    def no_scan(**_: object) -> None:
        raise AssertionError("the installed packages were scanned")

    SLIDE_KINDS.forget_plugins()
    monkeypatch.setattr(importlib.metadata, "entry_points", no_scan)
    assert parse_outline(OUTLINE, tmp_path / "talk.yaml").outline.slides[0].kind == "title"
