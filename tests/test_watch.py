"""`build --watch`: a change to the outline, or to a file it extends, rebuilds the deck."""

from __future__ import annotations

import queue
import threading
from datetime import date
from pathlib import Path

from pptx import Presentation

from deckgen.build import BuildResult, OutlineSource
from deckgen.errors import DeckgenError
from deckgen.watch import watch, watched_paths
from tests.project import OUTLINE, make_project


def test_watched_paths_follow_extends_and_vars(tmp_path: Path) -> None:
    make_project(tmp_path / "repos")
    (tmp_path / "base.yaml").write_text(OUTLINE)
    (tmp_path / "event.yaml").write_text("extends: base.yaml\n")
    (tmp_path / "vars.yaml").write_text("minutes: 10\n")
    source = OutlineSource(tmp_path / "event.yaml", vars_files=(tmp_path / "vars.yaml",))
    assert watched_paths(source) == {
        tmp_path / "base.yaml",
        tmp_path / "event.yaml",
        tmp_path / "vars.yaml",
    }


def test_a_change_to_an_extended_file_rebuilds(tmp_path: Path) -> None:
    make_project(tmp_path / "repos")
    (tmp_path / "base.yaml").write_text(OUTLINE)
    (tmp_path / "event.yaml").write_text("extends: base.yaml\n")
    output = tmp_path / "deck.pptx"
    results: queue.Queue[BuildResult | DeckgenError] = queue.Queue()
    stop = threading.Event()
    worker = threading.Thread(
        target=watch,
        args=(OutlineSource(tmp_path / "event.yaml"), output),
        kwargs={
            "as_of": date(2026, 6, 30),
            "report": lambda outcome, _seconds: results.put(outcome),
            "stop": stop,
        },
    )
    worker.start()
    try:
        first = results.get(timeout=60)
        assert isinstance(first, BuildResult)
        (tmp_path / "base.yaml").write_text(OUTLINE.replace("State of Foo", "State of Bar"))
        second = results.get(timeout=60)
        assert isinstance(second, BuildResult)
        title = Presentation(str(output)).slides[0].shapes.title.text_frame.text
        assert title == "State of Bar"
        (tmp_path / "base.yaml").write_text(OUTLINE.replace("kind: title", "kind: titel"))
        third = results.get(timeout=60)
        assert isinstance(third, DeckgenError)
    finally:
        stop.set()
        worker.join(timeout=30)
    assert not worker.is_alive()
