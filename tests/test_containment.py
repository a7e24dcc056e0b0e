"""Untrusted outlines: files they make deckgen read stay inside the outline's folder tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build import OutlineSource, load_and_check
from deckgen.errors import OutlineError
from deckgen.fastimport import FastImport
from tests.project import ANN, day

OUTLINE = """\
title: T
speaker: {name: A}
event: {name: E}
repos: {core: [repo]}
template: TEMPLATE
slides:
  - kind: title
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    talks = tmp_path / "talks"
    with FastImport(talks / "repo") as repo:
        repo.commit(author=ANN, when=day("2026-01-02"), message="x\n")
    (tmp_path / "secret.pptx").write_bytes(b"not yours")
    return talks


def check(folder: Path, template: str, *allowed: Path) -> None:
    (folder / "talk.yaml").write_text(OUTLINE.replace("TEMPLATE", template))
    load_and_check(OutlineSource(folder / "talk.yaml", allow_outside=allowed))


def test_a_template_outside_the_tree_is_refused(folder: Path) -> None:
    with pytest.raises(OutlineError) as caught:
        check(folder, "../secret.pptx")
    secret = folder.parent / "secret.pptx"
    assert str(caught.value) == (
        f"{folder / 'talk.yaml'}:5:11: template: {secret} is outside the outline's folder "
        f"{folder}; move it there, or allow its folder with --allow-outside {folder.parent}"
    )


def test_a_symlink_that_escapes_counts_as_outside(folder: Path) -> None:
    (folder / "theme.pptx").symlink_to(folder.parent / "secret.pptx")
    with pytest.raises(OutlineError, match="is outside the outline's folder"):
        check(folder, "theme.pptx")


def test_allow_outside_lets_a_folder_in(folder: Path) -> None:
    check(folder, "../secret.pptx", folder.parent)


def test_a_huge_outline_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as stream:
        stream.truncate(100 * 1024 * 1024)

    def no_reading(*args: object, **kwargs: object) -> str:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_text", no_reading)
    with pytest.raises(OutlineError) as caught:
        load_and_check(OutlineSource(huge))
    assert str(caught.value) == (f"{huge} is larger than 2048 KiB; an outline is a short text file")


def test_an_outline_reached_through_a_link_finds_its_files_beside_the_real_file(
    tmp_path: Path,
) -> None:
    """talks/demo.yaml links to deckgen/data/demo.yaml, whose logo lies beside it."""
    real = tmp_path / "data"
    with FastImport(real / "repo") as repo:
        repo.commit(author=ANN, when=day("2026-01-02"), message="x\n")
    (real / "talk.yaml").write_text(OUTLINE.replace("template: TEMPLATE", "logo: logo.png"))
    (real / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    talks = tmp_path / "talks"
    talks.mkdir()
    (talks / "talk.yaml").symlink_to(real / "talk.yaml")
    document = load_and_check(OutlineSource(talks / "talk.yaml"))
    assert document.outline.logo == real / "logo.png"
    assert document.outline.repos["core"][0].path == real / "repo"
