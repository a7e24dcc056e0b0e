"""`deckgen build --watch`: rebuild whenever a file the deck is made from changes.

Authors iterate on wording and layout; a rebuild on save (outline, the files it extends, vars
files, the template) keeps the deck open in LibreOffice or PowerPoint one reload away.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType

from deckgen.build import BuildResult, OutlineSource, build, load_and_check
from deckgen.errors import DeckgenError, MissingToolError

Report = Callable[[BuildResult | DeckgenError, float], None]
"""Called after each build with its result (or the error) and the seconds it took."""


def watched_paths(source: OutlineSource) -> set[Path]:
    """Return the files `source` is built from; at least the outline when it cannot be read."""
    paths = {source.path.resolve(), *(p.resolve() for p in source.vars_files)}
    try:
        document = load_and_check(source)
    except DeckgenError:
        return paths
    paths.update(p.resolve() for p in document.files)
    if document.outline.template is not None:
        paths.add(document.outline.template)
    return paths


WATCH_INSTALL = "install it with: pip install 'deckgen-talk[watch]'"


def load_watchfiles() -> ModuleType:
    """Return the watchfiles module, an optional dependency (the `watch` extra) only `--watch`
    needs; `MissingToolError` saying how to install it."""
    try:
        import watchfiles
    except ImportError:
        raise MissingToolError("watchfiles", "build --watch", WATCH_INSTALL) from None
    return watchfiles


def _only(paths: set[Path]) -> Callable[[object, str], bool]:
    return lambda _change, name: Path(name).resolve() in paths


def watch(
    source: OutlineSource,
    output: Path,
    *,
    as_of: date,
    report: Report,
    stop: threading.Event | None = None,
) -> None:
    """Build, report, wait for a change to a watched file, repeat until `stop` is set."""
    watchfiles = load_watchfiles()

    stop = stop or threading.Event()
    paths = watched_paths(source)
    while not stop.is_set():
        # A change saved while building is caught by comparing this snapshot afterwards.
        before = _signature(paths)
        started = time.perf_counter()
        outcome: BuildResult | DeckgenError
        try:
            outcome = build(source, output, as_of=as_of)
        except DeckgenError as exc:
            outcome = exc
        report(outcome, time.perf_counter() - started)
        paths = watched_paths(source)
        folders = sorted({p.parent for p in paths if p.parent.exists()})
        # Folders, not files: editors save by renaming a new file over the old one.
        for changes in watchfiles.watch(
            *folders,
            watch_filter=_only(paths),
            stop_event=stop,
            rust_timeout=300,
            yield_on_timeout=True,
        ):
            if changes or _signature(paths) != before:
                break


def _signature(paths: set[Path]) -> dict[Path, tuple[int, int] | None]:
    """Return each file's modification time and size (None when missing)."""
    result: dict[Path, tuple[int, int] | None] = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            result[path] = None
        else:
            result[path] = (stat.st_mtime_ns, stat.st_size)
    return result
