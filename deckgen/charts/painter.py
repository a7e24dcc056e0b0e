"""A process that draws a cold build's charts, started before git is read.

Importing matplotlib costs about half a CPU-second and drawing four charts a second more. A cold
build spends its first second waiting on `git log` pipes, with a core to spare: a `Painter`
started then imports matplotlib (and registers the theme font) in its own interpreter while the
history is read and counted. When the pictures are known they are handed to it; it draws them in
processes forked from itself, one per core (each starting with matplotlib loaded), and sends
each PNG back as it is done, while the building process gets the deck stage ready. The bytes are
those `paint` gives in the building process: the same function draws them.

The process imports deckgen from where the building process does (its `sys.path`), reads one
pickled `{key: Picture}` from stdin and writes a pickled `(key, png)` to stdout per picture.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import suppress
from typing import IO

from deckgen.charts.paint import Picture, paint_each, preload

_BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
    "from deckgen.charts.painter import main; main(sys.argv[2], int(sys.argv[3]))"
)
"""The painter's program: the building process's module path, then `main`."""


class PainterFailed(Exception):
    """The painter process stopped before sending every picture (the rest are drawn here)."""


class Painter:
    """A running painter process: `submit` the pictures once, then read its `results`."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._pending: set[str] | None = None
        """The keys submitted and not yet received; None before `submit`."""

    @staticmethod
    def pays() -> bool:
        """Whether a painter would save time: not when matplotlib is imported here already (a
        long-lived process, such as `build --watch` or a test run, that drew before)."""
        return "matplotlib" not in sys.modules

    @classmethod
    def start(cls, font: str, workers: int) -> Painter | None:
        """Start a painter that registers the theme font `font` and draws in `workers`
        processes; None when no process can be started (the charts are then drawn here)."""
        if not sys.executable:
            return None
        command = [sys.executable, "-c", _BOOT, json.dumps(sys.path), font, str(workers)]
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # a failure is drawn again here, with its error
            )
        except OSError:
            return None
        return cls(process)

    def submit(self, pictures: Mapping[str, Picture]) -> None:
        """Hand the painter the pictures to draw (once); PainterFailed if it is gone."""
        stdin = self._process.stdin
        assert stdin is not None
        self._pending = set(pictures)
        try:
            pickle.dump(dict(pictures), stdin, protocol=pickle.HIGHEST_PROTOCOL)
            stdin.close()
        except OSError as exc:  # BrokenPipeError: it stopped
            raise PainterFailed(str(exc)) from None

    def results(self) -> Iterator[tuple[str, bytes]]:
        """Yield (key, PNG) of each submitted picture as it is drawn, not waiting for the
        painter to exit; PainterFailed when it stops before it has sent them all."""
        stdout = self._process.stdout
        assert stdout is not None and self._pending is not None, "submit first"
        while self._pending:
            try:
                key, png = pickle.load(stdout)
            except EOFError:
                raise PainterFailed(f"stopped with {len(self._pending)} pictures left") from None
            except (pickle.UnpicklingError, ValueError, TypeError) as exc:
                raise PainterFailed(f"unreadable answer: {exc}") from None
            self._pending.discard(key)
            yield str(key), bytes(png)

    def close(self) -> None:
        """Stop the painter and wait for it: one never given pictures (a build that failed or
        drew nothing) is killed, having forked nothing yet; one that has sent every picture has
        exited by itself; one still drawing stops at its next answer (a broken pipe), and its
        forked processes with it, which a kill would leave behind."""
        if self._pending is None and self._process.poll() is None:
            self._process.kill()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                with suppress(OSError):
                    stream.close()
        self._process.wait()


def serve(font: str, workers: int, source: IO[bytes], sink: IO[bytes]) -> None:
    """Import the plots, register `font`, then draw the pictures read from `source` in up to
    `workers` forked processes, writing each (key, PNG) to `sink` as it is done."""
    preload()
    from deckgen.charts.plot import chart_family

    chart_family(font)  # registered before forking: every worker has it
    try:
        pictures: dict[str, Picture] = pickle.load(source)
    except EOFError:  # the build needed no drawing, or failed
        return
    for done in paint_each(pictures, workers):
        pickle.dump(done, sink, protocol=pickle.HIGHEST_PROTOCOL)
        sink.flush()


def main(font: str, workers: int) -> None:
    """Serve stdin to stdout, then exit at once."""
    with suppress(BrokenPipeError):  # the build stopped reading: it failed
        serve(font, workers, sys.stdin.buffer, sys.stdout.buffer)
    # Every answer is flushed: skip the interpreter's teardown (matplotlib's is slow), which
    # would also fail to flush into a pipe the build has closed.
    os._exit(0)
