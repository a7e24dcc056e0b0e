"""The writer: a repository's events into a new bare repository, with one `git fast-import`.

Writing is kept apart from the simulation so that the simulation stays pure Python, fast to
test and free of subprocesses. Events are written in time order: commits on a topic's side
branch go to `topic/N` until the merge deletes it, and a tag points at the commit it names or at
the tip of main at tag time. Objects are stored without compression, since this is a cache.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from deckgen.demo.events import Event
from deckgen.demo.words import touched_path
from deckgen.fastimport import FastImport


@cache
def _zone(minutes: int) -> timezone:
    return timezone(timedelta(minutes=minutes))


def _when(at: int, minutes: int) -> datetime:
    return datetime.fromtimestamp(at, _zone(minutes))


KEPT_LINES = 3
"""Lines a file the demo changes holds: the subjects of its last commits."""


def _changed(message: str, recent: dict[str, list[str]]) -> dict[str, str] | None:
    """Return the file the commit `message` changes ('qemu: …' → src/qemu/qemu_driver.c), with
    its subject as the newest of its lines; None when the subject names no component."""
    subject = message.partition("\n")[0]
    path = touched_path(subject)
    if path is None:
        return None
    lines = recent.setdefault(path, [])
    lines.append(subject + "\n")
    del lines[:-KEPT_LINES]
    return {path: "".join(lines)}


def write_repo(repo: Path, events: Sequence[Event]) -> None:
    """Write `events` into the new bare repository `repo` with one `git fast-import`."""
    repo.mkdir(parents=True)
    init = ["git", "init", "--quiet", "--bare", "--template=", "--object-format=sha1"]
    subprocess.run([*init, "--initial-branch=main", str(repo)], check=True)
    # Store objects without zlib: it would double the import time, for a cache folder.
    config = ["git", "config", "--file", str(repo / "config"), "core.compression", "0"]
    subprocess.run(config, check=True)
    marks: dict[int, int] = {}
    topics: dict[int, int] = {}
    tip = 0
    recent: dict[str, list[str]] = {}
    """Path → its last lines: a commit replaces the oldest with its subject."""
    with FastImport(repo, bare=True) as fast:
        for e in sorted(events, key=lambda e: (e.at, e.seq)):
            committed = _when(e.at, e.ctz)
            if e.tag:
                target = marks[e.target] if e.target else tip
                fast.tag(e.tag, target, tagger=e.committer, when=committed, message=e.message)
                continue
            parents: tuple[int, ...] = ()
            if e.topic:
                parents = (topics.get(e.topic, tip),)
            elif e.merge:
                parents = (tip, topics.pop(e.merge))
            mark = fast.commit(
                author=e.author,
                when=_when(e.authored, e.atz),
                message=e.message,
                files=e.files if e.files is not None or e.merge else _changed(e.message, recent),
                committer=e.committer,
                committed=committed,
                parents=parents,
                ref=f"topic/{e.topic}" if e.topic else None,
            )
            if e.topic:
                topics[e.topic] = mark
            else:
                tip = mark
            if e.merge:
                fast.delete_branch(f"topic/{e.merge}")
            marks[e.seq] = mark
