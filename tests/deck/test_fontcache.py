"""Font widths kept in the cache folder: a hit equals what the font file gives; a changed
font file, or a damaged entry, is read from the font again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from deckgen.deck import fonts
from deckgen.deck.fonts import FontMetrics, TextMeasure
from deckgen.fonts import FontFile, find_font

READ = fonts._read_metrics
"""The font read with fontTools, uncounted: the oracle."""


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record each font file really read with fontTools (the in-process memo emptied)."""
    calls: list[Path] = []

    def spy(face: FontFile) -> FontMetrics:
        calls.append(face.path)
        return READ(face)

    monkeypatch.setattr(fonts, "_read_metrics", spy)
    fonts._metrics.cache_clear()
    yield calls
    fonts._metrics.cache_clear()


def fresh(face: FontFile, cache: Path) -> FontMetrics:
    fonts._metrics.cache_clear()  # as a new process would
    return fonts._metrics(face, cache)


def test_a_hit_is_what_the_font_gives(tmp_path: Path, reads: list[Path]) -> None:
    face = find_font("Calibri", bold=False)
    first = fresh(face, tmp_path)
    again = fresh(face, tmp_path)
    assert reads == [face.path]
    assert again == first == READ(face)
    assert len(list((tmp_path / "fonts").glob("*.metrics"))) == 1
    measure = TextMeasure("Calibri", tmp_path)
    assert measure.lines("Cached widths wrap alike", 24, 120) == TextMeasure("Calibri").lines(
        "Cached widths wrap alike", 24, 120
    )


def test_a_changed_font_file_or_a_damaged_entry_is_read_again(
    tmp_path: Path, reads: list[Path]
) -> None:
    copy = Path(shutil.copy(find_font("Calibri", bold=False).path, tmp_path / "f.ttf"))
    face = FontFile(copy, 0, False)
    fresh(face, tmp_path / "cache")
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # same bytes, touched
    fresh(face, tmp_path / "cache")
    assert reads == [copy, copy]
    for entry in (tmp_path / "cache" / "fonts").glob("*.metrics"):
        entry.write_bytes(b'{"advances": 3}')
    assert fresh(face, tmp_path / "cache") == READ(face)
    assert fresh(face, tmp_path / "cache") == READ(face)  # replaced: a hit
    assert reads == [copy, copy, copy]


def test_no_cache_folder_reads_the_font(tmp_path: Path, reads: list[Path]) -> None:
    face = find_font("Calibri", bold=True)
    fonts._metrics(face)
    assert reads == [face.path]
    assert not (tmp_path / "fonts").exists()
