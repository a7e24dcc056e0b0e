"""An unchanged rebuild keeps the deck on disk; any change to what the deck is made of, or to
the file itself, builds it again."""

from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.build import BuildResult, OutlineSource, build
from deckgen.cli import main

AS_OF = date(2026, 6, 30)


def copy_project(project: Path, tmp_path: Path) -> Path:
    """Return a private copy of the fixture outline (its repositories stay shared)."""
    outline = tmp_path / "talk.yaml"
    text = (project / "talk.yaml").read_text().replace("repos/", f"{project}/repos/")
    outline.write_text(text)
    return outline


def make(outline: Path, out: Path, **options: bool) -> BuildResult:
    return build(OutlineSource(outline), out, as_of=AS_OF, **options)


def test_an_unchanged_rebuild_keeps_the_deck(project: Path, tmp_path: Path) -> None:
    outline, out = copy_project(project, tmp_path), tmp_path / "deck.pptx"
    first = make(outline, out)
    written = out.read_bytes()
    os.utime(out, (0, 0))
    again = make(outline, out)
    assert (first.unchanged, again.unchanged) == (False, True)
    assert again.slide_count == first.slide_count == 6
    assert out.read_bytes() == written
    assert out.stat().st_mtime > 0  # renewed, so `make` sees the deck built
    assert again.metrics.to_json() == first.metrics.to_json()


def test_an_edit_a_changed_file_or_no_cache_build_again(project: Path, tmp_path: Path) -> None:
    outline, out = copy_project(project, tmp_path), tmp_path / "deck.pptx"
    make(outline, out)
    written = out.read_bytes()
    outline.write_text(outline.read_text().replace("Highlights", "Lowlights"))
    edited = make(outline, out)
    assert not edited.unchanged
    assert out.read_bytes() != written
    edited_bytes = out.read_bytes()
    out.write_bytes(b"opened and saved by someone")
    assert not make(outline, out).unchanged
    assert out.read_bytes() == edited_bytes
    assert not make(outline, out, use_cache=False).unchanged
    other = tmp_path / "other.pptx"
    shutil.copy(out, other)
    assert not make(outline, other).unchanged  # recorded per output path
    assert make(outline, other).unchanged


def test_the_cli_says_unchanged(project: Path, tmp_path: Path) -> None:
    outline, out = copy_project(project, tmp_path), tmp_path / "deck.pptx"
    args = ["build", str(outline), "-o", str(out), "--as-of", str(AS_OF)]
    first = CliRunner().invoke(main, args, catch_exceptions=False)
    again = CliRunner().invoke(main, args, catch_exceptions=False)
    assert first.stdout.startswith(f"wrote {out} (6 slides; ")
    counts = r"6 slides; 14 commits read from 2 repositories; [\d.]+ s"
    kept = rf"unchanged: {re.escape(str(out))} \({counts}\)\n"
    assert re.fullmatch(kept, again.stdout)


def test_the_painter_starts_early_only_when_charts_will_be_drawn(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deckgen.build import _start_painter, load_and_check, load_template
    from deckgen.charts.painter import Painter

    monkeypatch.setattr(Painter, "pays", lambda: "matplotlib" not in loaded)
    loaded: set[str] = set()  # as in a process that has not drawn yet

    outline_path, out = copy_project(project, tmp_path), tmp_path / "deck.pptx"
    document = load_and_check(OutlineSource(outline_path))
    outline, theme = document.outline, load_template(document)
    first = _start_painter(outline, theme, use_cache=True)  # nothing read yet
    assert first is not None
    first.close()
    make(outline_path, out)
    assert _start_painter(outline, theme, use_cache=True) is None  # every history cached
    started = _start_painter(outline, theme, use_cache=False)
    assert started is not None
    started.close()
    no_charts = outline.model_copy(update={"slides": outline.slides[:2]})
    assert _start_painter(no_charts, theme, use_cache=False) is None
    loaded.add("matplotlib")  # drawing here is cheaper then
    assert _start_painter(outline, theme, use_cache=False) is None


def test_a_deck_rebuilt_after_an_edit_is_a_fresh_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a text edit the unchanged slides are replayed from the cache, and the deck is
    byte for byte what a build without any cache writes."""
    from deckgen.deck import assemble, slideparts

    outline, out = copy_project(project, tmp_path), tmp_path / "deck.pptx"
    make(outline, out)
    outline.write_text(outline.read_text().replace("Highlights", "Lowlights"))
    replayed: list[int] = []

    def counted(kept: tuple[slideparts.KeptSlide, ...], add: object) -> None:
        replayed.append(len(kept))
        slideparts.replay(kept, add)  # type: ignore[arg-type]

    monkeypatch.setattr(assemble, "replay", counted)
    assert not make(outline, out).unchanged
    assert len(replayed) == 4  # of 6 slides: the edited one and the title slide (notes) laid out
    fresh = tmp_path / "fresh.pptx"
    make(outline, fresh, use_cache=False)
    assert out.read_bytes() == fresh.read_bytes()


def test_the_release_marks_are_read_beside_the_cache_key_only_after_a_read_from_git(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # after a read from git the counting surely follows: the releases' git walk starts on a
    # thread of its own at once; from cached histories it waits for a metrics cache miss
    import threading

    from deckgen import build as stage

    threads: list[str] = []
    release_marked = stage.release_marked

    def recorded(*args: object) -> object:
        threads.append(threading.current_thread().name)
        return release_marked(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(stage, "release_marked", recorded)
    outline, out = copy_project(project, tmp_path), tmp_path / "deck.pptx"
    cold = make(outline, out)
    assert threads == ["deckgen-marks"]
    make(outline, out)
    assert threads == ["deckgen-marks"]  # metrics from the cache: no walk at all
    later = build(OutlineSource(outline), out, as_of=date(2026, 7, 1))  # counted again
    assert threads == ["deckgen-marks", "MainThread"]
    assert later.metrics.releases == cold.metrics.releases
