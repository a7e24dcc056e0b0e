"""The output stage: atomic writes, clear errors, nothing half-written."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from deckgen.errors import OutputError
from deckgen.output import write_atomic


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "nope" / "deck.pptx", b"x")
    folder = tmp_path / "nope"
    assert str(caught.value) == (
        f"output folder does not exist: {folder}\n"
        f"  create it first (mkdir -p {folder}) or choose another path with -o"
    )


@pytest.mark.parametrize(
    ("code", "reason"),
    [(errno.ENOSPC, "no space left on the device"), (errno.EROFS, "the file system is read-only")],
)
def test_failed_write_keeps_the_previous_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous")

    def fail(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"new")
    assert str(caught.value) == f"cannot write {target}: {reason}"
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_interrupted_write_keeps_the_previous_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]
