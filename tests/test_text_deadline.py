"""The text stage's time limit: a runaway template stops on every platform and in any thread."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest

from deckgen.errors import TextError
from deckgen.outline import parse_outline
from deckgen.text import render_slides
from deckgen.text.deadline import TooSlow, deadline
from tests.test_text import METRICS, OUTLINE

RUNAWAY = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
"""10¹⁰ turns of an empty loop: hours, unless it is stopped."""


def render_runaway(tmp_path: Path) -> str:
    """Render an outline holding `RUNAWAY`; return the error's text."""
    document = parse_outline(
        OUTLINE.replace('"{{ releases.count }} releases"', f'"{RUNAWAY}"'), tmp_path / "talk.yaml"
    )
    with pytest.raises(TextError) as caught:
        render_slides(document, METRICS)
    return str(caught.value)


@pytest.fixture
def one_second(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("deckgen.text.render.RENDER_SECONDS", 1)


@pytest.mark.usefixtures("one_second")
def test_a_runaway_template_stops_without_sigalrm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SIGALRM", "setitimer", "ITIMER_REAL", "alarm"):  # as on Windows
        monkeypatch.delattr(signal, name, raising=False)
    started = time.monotonic()
    message = render_runaway(tmp_path)
    assert time.monotonic() - started < 5
    assert message == (
        f"{tmp_path / 'talk.yaml'}:18:9: slide 3, items[0]: the template ran for more than 1 s; "
        f"simplify its loops\n  in template: {RUNAWAY}"
    )


@pytest.mark.usefixtures("one_second")
def test_a_runaway_template_stops_outside_the_main_thread(tmp_path: Path) -> None:
    messages: list[str] = []
    worker = threading.Thread(target=lambda: messages.append(render_runaway(tmp_path)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "the template in a worker thread was not stopped"
    assert len(messages) == 1
    assert "the template ran for more than 1 s; simplify its loops" in messages[0]


def test_a_block_that_ends_in_time_leaves_nothing_behind() -> None:
    for _ in range(50):
        with deadline(0.02):
            pass
    time.sleep(0.1)  # past every deadline: no late exception may arrive here


def test_a_block_ending_just_as_the_timer_fires_fails_inside_the_block() -> None:
    """Whatever the timing, `TooSlow` comes from the `with` statement, never after it."""
    late = 0
    for i in range(200):
        try:
            with deadline(0.001):
                end = time.perf_counter() + 0.00005 * i  # from well before to well after it
                while time.perf_counter() < end:
                    pass
        except TooSlow:
            late += 1
        for _ in range(1000):  # plenty of bytecodes for a stray exception to surface in
            pass
    assert late > 0
