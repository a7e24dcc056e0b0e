"""The parsed history of each repository, kept in the user's cache folder between runs.

An entry holds what `git log` gave for one repository at one tip commit, read with one set of
extraction settings (the `.mailmap` blob at the tip, the outline's extra mailmap, the release
patterns, this format's version): `<cache>/history/<repository key>/<settings key>-<tip>.hist`.
When the tip has moved forward, the entry of an ancestor tip is extended with the new commits
only; when it moved elsewhere (or the mailmap changed, which changes the settings key), everything
is read again.

The file is a small JSON header and the columns as raw machine arrays (`array.tofile`), checked by
a CRC-32: nothing is unpickled, so a shared cache folder cannot run code. Entries are written to a
temporary file and renamed, so a reader sees a whole entry or none, and two processes writing the
same entry both succeed (the last rename wins, with the same content).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import zlib
from array import array
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from deckgen.cachedir import CorruptEntry, write_entry
from deckgen.history.changes import PINNED as CHANGES_PINNED
from deckgen.history.changes import join_changes
from deckgen.history.log import LOG_FORMAT
from deckgen.history.model import Changes, Commits, CreditNote, Tag

FORMAT_VERSION = 3
MAGIC = b"deckgen-history\n"
KEEP = 6
"""Entries kept per repository (other revisions, other settings); the least recently used go."""
_COLUMNS = (("parents", "B"), ("authors", "I"), ("authored", "q"), ("committed", "q"))
_CREDITS = (("credit_rows", "I"), ("credit_kinds", "B"), ("credit_people", "I"))
"""One row per credit trailer, not per commit."""
_CHANGE_COLUMNS = (("starts", "Q"), ("paths", "I"), ("added", "I"), ("deleted", "I"))
"""The columns of `Changes`, stored after the commits' when the outline reads changed files."""
_TIP = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")


@dataclass(frozen=True, eq=False)
class Snapshot:
    """One repository's parsed history at commit `head`."""

    head: str
    commits: Commits
    identities: tuple[tuple[bytes, bytes], ...]
    """Author name and e-mail as git wrote them, by index in `commits.authors`."""
    subject_releases: tuple[Tag, ...] = ()
    """Releases found by commit subject (`releases.subject`); empty when releases are tags."""
    credit_notes: tuple[CreditNote, ...] = ()
    changes: Changes | None = None
    """The files each commit changed, when the settings read them."""


def settings_key(
    mailmap_blob: str | None,
    extra_mailmap: bytes | None,
    tags: str,
    subject: str | None,
    log_format: str = LOG_FORMAT,
    changes: str | None = None,
) -> str:
    """Return the key of the extraction settings: any change means reading everything again.

    `log_format` is the `git log` format read (it names the credit trailers, if any). `changes`
    (`Outline.changes`: None, 'paths' or 'lines') joins the key only when set, so the entries of
    outlines without components or lines keep their keys.
    """
    settings: dict[str, object] = {
        "format": FORMAT_VERSION,
        "log": log_format,
        "mailmap_blob": mailmap_blob,
        "extra_mailmap": None
        if extra_mailmap is None
        else hashlib.sha256(extra_mailmap).hexdigest(),
        "tags": tags,
        "subject": subject,
        "machine": [sys.byteorder, *(array(code).itemsize for _, code in _COLUMNS + _CREDITS)],
    }
    if changes is not None:
        settings["changes"] = [changes, *CHANGES_PINNED]
    text = json.dumps(settings, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def repo_folder(cache: Path, git_dir: Path, name: str) -> Path:
    """Return the folder of the entries of the repository whose git folder is `git_dir`."""
    digest = hashlib.sha256(str(git_dir.resolve()).encode()).hexdigest()[:16]
    return cache / "history" / f"{digest}-{re.sub(r'[^A-Za-z0-9._-]', '_', name)}"


@dataclass(frozen=True)
class HistoryCache:
    """The entries of one repository."""

    folder: Path

    def path(self, key: str, head: str) -> Path:
        return self.folder / f"{key}-{head}.hist"

    def load(self, key: str, head: str) -> Snapshot | None:
        """Return the entry for `head`; None when there is none; CorruptEntry when unreadable."""
        path = self.path(key, head)
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            return None
        with handle:
            snapshot = _read(handle, head)
        with suppress(OSError):
            os.utime(path)  # most recently used: kept longest
        return snapshot

    def older_tips(self, key: str, head: str) -> list[str]:
        """Return the tips of the other entries with settings `key`, most recently used first."""
        found = []
        for path in self.folder.glob(f"{key}-*.hist"):
            tip = path.stem.removeprefix(f"{key}-")
            if tip != head and _TIP.match(tip):
                try:
                    found.append((path.stat().st_mtime, tip))
                except OSError:
                    continue
        return [tip for _, tip in sorted(found, reverse=True)]

    def save(self, key: str, snapshot: Snapshot) -> None:
        """Write the entry of `snapshot` atomically and forget the least recently used ones."""
        write_entry(self.path(key, snapshot.head), lambda out: _write(out, snapshot))
        self._prune()

    def drop(self, key: str, head: str) -> None:
        """Delete the entry for `head` (superseded or corrupt), if it is still there."""
        self.path(key, head).unlink(missing_ok=True)

    def _prune(self) -> None:
        entries = []
        for path in self.folder.glob("*.hist"):
            try:
                entries.append((path.stat().st_mtime, path))
            except OSError:
                continue
        for _, path in sorted(entries, reverse=True)[KEEP:]:
            path.unlink(missing_ok=True)


def _write(out: BinaryIO, snapshot: Snapshot) -> None:
    commits = snapshot.commits
    people = b"\0".join(part for pair in snapshot.identities for part in pair)
    blocks: list[tuple[str, Any]] = [("hashes", commits.hashes)]
    blocks += [(name, getattr(commits, name)) for name, _ in _COLUMNS + _CREDITS]
    blocks.append(("identities", people))
    changes = snapshot.changes
    if changes is not None:
        blocks += [
            (name, getattr(changes, name))
            for name, _ in _CHANGE_COLUMNS
            if getattr(changes, name) is not None
        ]
        names = "\0".join(changes.names).encode("utf-8", "surrogateescape")
        blocks.append(("names", names))
    crc = 0
    for _, block in blocks:
        crc = zlib.crc32(block, crc)
    header = {
        "version": FORMAT_VERSION,
        "head": snapshot.head,
        "count": len(commits),
        "hash_size": commits.hash_size,
        "identities": len(snapshot.identities),
        "sizes": {name: len(memoryview(block).cast("B")) for name, block in blocks},
        "releases": [[t.name, t.time] for t in snapshot.subject_releases],
        "credit_notes": [[n.problem, n.count, n.example, n.commit] for n in snapshot.credit_notes],
        "crc32": crc,
        **({} if changes is None else {"paths": len(changes.names)}),
    }
    raw = json.dumps(header, ensure_ascii=False).encode()
    out.write(MAGIC + len(raw).to_bytes(8, "little") + raw)
    for _, block in blocks:
        if isinstance(block, array):
            block.tofile(out)
        else:
            out.write(block)


def _read(handle: IO[bytes], head: str) -> Snapshot:
    if handle.read(len(MAGIC)) != MAGIC:
        raise CorruptEntry("not a deckgen history entry")
    try:
        size = int.from_bytes(_exactly(handle, 8), "little")
        header = json.loads(_exactly(handle, size))
        if header["version"] != FORMAT_VERSION or header["head"] != head:
            raise CorruptEntry("written for another version or commit")
        sizes: dict[str, int] = header["sizes"]
        count: int = header["count"]
        hash_size: int = header["hash_size"]
        hashes = _exactly(handle, sizes["hashes"])
        crc = zlib.crc32(hashes)
        columns: dict[str, array[int]] = {}
        for name, code in _COLUMNS + _CREDITS:
            columns[name] = _column(handle, code, sizes[name])
            crc = zlib.crc32(columns[name], crc)
        people = _exactly(handle, sizes["identities"])
        crc = zlib.crc32(people, crc)
        changes = None
        if "paths" in header:
            changes, crc = _read_changes(handle, sizes, int(header["paths"]), count, crc)
        releases = tuple(Tag(str(name), int(time)) for name, time in header["releases"])
        notes = tuple(
            CreditNote(str(p), int(n), str(e), str(c)) for p, n, e, c in header["credit_notes"]
        )
        identities = _pairs(people, int(header["identities"]))
        expected = int(header["crc32"])
    except (KeyError, TypeError, ValueError) as exc:
        raise CorruptEntry(f"unreadable header ({exc})") from exc
    if handle.read(1):
        raise CorruptEntry("unexpected bytes at the end")
    if crc != expected:
        raise CorruptEntry("checksum mismatch")
    if len(hashes) != count * hash_size or any(len(columns[c]) != count for c, _ in _COLUMNS):
        raise CorruptEntry("columns of different lengths")
    credits = len(columns["credit_rows"])
    if any(len(columns[c]) != credits for c, _ in _CREDITS):
        raise CorruptEntry("credit columns of different lengths")
    if count and max(columns["authors"]) >= len(identities):
        raise CorruptEntry("an author index out of range")
    if credits and max(columns["credit_rows"]) >= count:
        raise CorruptEntry("a credit of a commit out of range")
    commits = Commits(hash_size=hash_size, hashes=hashes, **columns)
    return Snapshot(head, commits, identities, releases, notes, changes)


def _read_changes(
    handle: IO[bytes], sizes: dict[str, int], paths: int, count: int, crc: int
) -> tuple[Changes, int]:
    """Return the `Changes` columns stored after the identities, and the CRC so far."""
    columns: dict[str, array[int]] = {}
    for name, code in _CHANGE_COLUMNS:
        if name in sizes:
            columns[name] = _column(handle, code, sizes[name])
            crc = zlib.crc32(columns[name], crc)
    raw = _exactly(handle, sizes["names"])
    crc = zlib.crc32(raw, crc)
    names = tuple(raw.decode("utf-8", "surrogateescape").split("\0")) if paths else ()
    starts, rows = columns["starts"], columns["paths"]
    if len(names) != paths or len(starts) != count + 1 or starts[-1] != len(rows):
        raise CorruptEntry("changed files that do not match their commits")
    if rows and max(rows) >= paths:
        raise CorruptEntry("a path index out of range")
    changes = Changes(starts, rows, names, columns.get("added"), columns.get("deleted"))
    return changes, crc


def _column(handle: IO[bytes], code: str, size: int) -> array[int]:
    """Return the next column of `size` bytes, of items of type `code`, read straight into the
    array (no copy)."""
    column = array(code)
    items, odd = divmod(size, column.itemsize)
    if odd:
        raise CorruptEntry(f"a column of {size} bytes")
    try:
        column.fromfile(handle, items)
    except EOFError as exc:
        raise CorruptEntry("truncated") from exc
    return column


def _exactly(handle: IO[bytes], size: int) -> bytes:
    data = handle.read(size)
    if len(data) != size:
        raise CorruptEntry("truncated")
    return data


def _pairs(people: bytes, count: int) -> tuple[tuple[bytes, bytes], ...]:
    if count == 0:
        if people:
            raise CorruptEntry("identities without a count")
        return ()
    parts = people.split(b"\0")
    if len(parts) != 2 * count:
        raise CorruptEntry("identities do not match their count")
    it = iter(parts)
    return tuple(zip(it, it, strict=True))


def extend(
    old: Snapshot,
    head: str,
    new: Commits,
    identities: Sequence[tuple[bytes, bytes]],
    releases: Sequence[Tag],
    notes: Sequence[CreditNote] = (),
    changes: Changes | None = None,
) -> Snapshot:
    """Return `old` with the commits `new` (read as `old.head..head`) appended, the credit notes
    of both (counts added, the newer example kept), and their `changes` after `old`'s."""
    hashes = old.commits.hashes + new.hashes
    names = _COLUMNS + _CREDITS
    columns = {name: getattr(old.commits, name) + getattr(new, name) for name, _ in names}
    shift = len(old.commits)
    columns["credit_rows"] = old.commits.credit_rows + array(
        "I", (row + shift for row in new.credit_rows)
    )
    commits = Commits(hash_size=old.commits.hash_size, hashes=hashes, **columns)
    joined = None
    if old.changes is not None and changes is not None:
        joined = join_changes(old.changes, changes)
    counts = {n.problem: n.count for n in old.credit_notes}
    merged = {n.problem: n for n in old.credit_notes}
    for note in notes:
        merged[note.problem] = CreditNote(
            note.problem, note.count + counts.get(note.problem, 0), note.example, note.commit
        )
    return Snapshot(
        head,
        commits,
        tuple(identities),
        (*old.subject_releases, *releases),
        tuple(merged[p] for p in sorted(merged)),
        joined,
    )
