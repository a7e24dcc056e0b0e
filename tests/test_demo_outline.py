"""Which outlines are the demo outline, built against the generated demo project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deckgen.demo.outline import DEMO_OUTLINE, is_demo_outline

TALKS = Path(__file__).resolve().parents[1] / "talks"


@pytest.mark.parametrize("name", ["demo.yaml", "conference.yaml", "lightning.yaml"])
def test_the_demo_outline_and_its_overlays_are_the_demo(name: str) -> None:
    assert is_demo_outline(TALKS / name)


def test_the_packaged_file_is_the_demo() -> None:
    assert is_demo_outline(DEMO_OUTLINE)


def test_an_overlay_of_the_demo_anywhere_is_the_demo(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(f"extends: {DEMO_OUTLINE}\ntitle: Mine\n")
    assert is_demo_outline(tmp_path / "mine.yaml")


def test_an_overlay_naming_its_own_repositories_is_not(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(f"extends: {DEMO_OUTLINE}\nrepos: {{core: [../core]}}\n")
    assert not is_demo_outline(tmp_path / "mine.yaml")
    assert not is_demo_outline(DEMO_OUTLINE, overrides=["repos.core=[../core]"])


def test_a_copy_is_not_the_demo(tmp_path: Path) -> None:
    shutil.copy(DEMO_OUTLINE, tmp_path / "demo.yaml")
    assert not is_demo_outline(tmp_path / "demo.yaml")


@pytest.mark.parametrize("key", ["extends", '"ext\\x65nds"', '"\\u0065xtends"', "'extends'"])
def test_an_overlay_written_with_escapes_is_the_demo(tmp_path: Path, key: str) -> None:
    (tmp_path / "mine.yaml").write_text(f"{key}: {DEMO_OUTLINE}\ntitle: Mine\n")
    assert is_demo_outline(tmp_path / "mine.yaml")


def test_an_outline_without_extends_is_not_layered_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import deckgen.outline.demo

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("layered")

    monkeypatch.setattr(deckgen.outline.demo, "layer_outline", refuse)
    (tmp_path / "talk.yaml").write_text("title: Mine\nrepos: {core: [../core]}\n")
    assert not is_demo_outline(tmp_path / "talk.yaml")


@pytest.mark.parametrize("text", ["title: [unclosed\n", "extends: nope.yaml\n"])
def test_an_outline_that_cannot_be_read_is_not_the_demo(tmp_path: Path, text: str) -> None:
    (tmp_path / "talk.yaml").write_text(text)
    assert not is_demo_outline(tmp_path / "talk.yaml")
    assert not is_demo_outline(tmp_path / "missing.yaml")
