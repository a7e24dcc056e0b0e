"""The user's cache folder: where it is, how an entry in it is written, and how it is cleaned.

Several stages keep entries there (clones of remote repositories, parsed histories, computed
metrics, drawn charts, themes, font widths, finished slides); `Entries` is the one way the
metrics, chart, theme, font-width and slide caches keep theirs. Each entry is written to a
temporary file beside it and renamed over it, so a reader sees a whole entry or none, a killed
build leaves no half entry behind, and two builds writing the same entry at once both succeed
(the last rename wins).

`deckgen cache clean` deletes entries whole: a file, or a folder that is one entry (a git
repository: a clone or a demo repository; a demo project, marked by its manifest), never a file
inside one, which would leave a broken repository behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeVar

if TYPE_CHECKING:
    from importlib.metadata import Distribution


def default_cache_dir() -> Path:
    """Return the user's cache folder for deckgen (platformdirs: ~/.cache/deckgen on Linux)."""
    import platformdirs

    return platformdirs.user_cache_path("deckgen")


def write_entry(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Create or replace the cache entry `path` with what `write` writes, atomically.

    The folder is created when missing; OSError when it cannot be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class CorruptEntry(Exception):
    """A cache entry that cannot be read back: the caller computes it again, with a warning."""


T = TypeVar("T")


@dataclass(frozen=True)
class Entries:
    """The entries of one kind in a folder of the cache, by key: written whole or not at all
    (`write_entry`), marked when used, and the least recently used forgotten past `keep`."""

    folder: Path
    suffix: str
    keep: int

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        """Return the bytes stored under `key`; None when there is no entry; OSError."""
        try:
            return self.path(key).read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # no entry; writing says why, if it fails
            return None

    def used(self, key: str) -> None:
        """Mark the entry as used just now: the most recently used are kept longest."""
        with suppress(OSError):
            os.utime(self.path(key))

    def write(self, key: str, data: bytes) -> None:
        """Write the entry atomically and forget the least recently used ones; OSError."""
        write_entry(self.path(key), lambda out: out.write(data))
        entries = []
        for path in self.folder.glob(f"*{self.suffix}"):
            with suppress(OSError):
                entries.append((path.stat().st_mtime, path))
        for _, path in sorted(entries, reverse=True)[self.keep :]:
            with suppress(OSError):
                path.unlink(missing_ok=True)

    def drop(self, key: str) -> None:
        """Delete the entry under `key`, if it is there and can be deleted."""
        with suppress(OSError):
            self.path(key).unlink(missing_ok=True)

    def kept(
        self,
        key: str,
        make: Callable[[], T],
        load: Callable[[bytes], T],
        dump: Callable[[T], bytes],
    ) -> T:
        """Return what `load` reads from the entry under `key`; else `make()`, kept there by
        `dump`. An entry that cannot be read back is made again and replaced; a folder that
        cannot be written is no error (the next run makes it again)."""
        with suppress(OSError, CorruptEntry, ValueError, KeyError, TypeError):
            raw = self.read(key)
            if raw is not None:
                found = load(raw)
                self.used(key)
                return found
        made = make()
        with suppress(OSError):
            self.write(key, dump(made))
        return made


DEMO_MANIFEST = "orbit-demo.json"
"""Written last into a generated demo project (deckgen/demo/cache.py): its presence marks the
project complete."""

WHOLE_FOLDER_MARKS = ("HEAD", DEMO_MANIFEST)
"""A folder holding one of these is one entry: a git repository, or a demo project."""


@dataclass(frozen=True)
class Cleaned:
    """What `clean` deleted."""

    entries: int
    size: int
    """Bytes."""


def cache_entries(folder: Path) -> Iterator[Path]:
    """Yield the entries below `folder`: files, and folders that are one entry whole."""
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return
    for child in children:
        if child.is_dir() and not child.is_symlink():
            if any((child / mark).exists() for mark in WHOLE_FOLDER_MARKS):
                yield child
            else:
                yield from cache_entries(child)
        else:
            yield child


def last_used(entry: Path) -> float:
    """Return when `entry` was last written or marked used: for a folder, its newest file (a
    folder's own time changes when a file is added or removed, not when it is used)."""
    if not entry.is_dir() or entry.is_symlink():
        return entry.lstat().st_mtime
    newest = 0.0
    for parent, _, files in os.walk(entry):
        for name in files:
            with suppress(OSError):
                newest = max(newest, os.lstat(os.path.join(parent, name)).st_mtime)
    return newest


def entry_size(entry: Path) -> int:
    """Return the bytes of `entry`, a file or a folder."""
    if not entry.is_dir() or entry.is_symlink():
        return entry.lstat().st_size
    total = 0
    for parent, _, files in os.walk(entry):
        for name in files:
            with suppress(OSError):
                total += os.lstat(os.path.join(parent, name)).st_size
    return total


def clean(folder: Path, *, older_than: float | None = None, now: float) -> Cleaned:
    """Delete the entries below `folder` (all, or those last used more than `older_than` seconds
    before `now`), then the folders left empty; entries that cannot be deleted are left."""
    count = size = 0
    for entry in list(cache_entries(folder)):
        try:
            if older_than is not None and now - last_used(entry) <= older_than:
                continue
            bytes_ = entry_size(entry)
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            continue
        count += 1
        size += bytes_
    _remove_empty_folders(folder)
    return Cleaned(count, size)


def _remove_empty_folders(folder: Path) -> None:
    for parent, _, _ in sorted(os.walk(folder), key=lambda item: -len(item[0])):
        if parent != str(folder):
            with suppress(OSError):
                os.rmdir(parent)  # fails, as it should, unless empty


def file_stamp(path: Path) -> tuple[int, int] | None:
    """Return the size and modification time of the file at `path` (None when it cannot be
    read): what a cache key notes of a file too large to digest, such as a font."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def source_digest(sources: Iterable[tuple[str, Path]], packages: Iterable[str] = ()) -> str:
    """Return a digest of what a cache entry's code depends on: each source file (its name
    in the digest, then its bytes) and the installed version of each of `packages` ("-" when
    it is not installed). The caches call it once per run (`functools.cache`)."""
    digest = hashlib.sha256()
    for name, path in sources:
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    packages = list(packages)
    if packages:
        from importlib import metadata  # here: 15 ms that only some caches need

        for package in packages:
            try:
                version = _version(metadata.distribution(package))
            except metadata.PackageNotFoundError:
                version = "-"
            digest.update(f"{package}={version}\0".encode())
    return digest.hexdigest()


def _version(distribution: Distribution) -> str:
    """Return the version of an installed `importlib.metadata.Distribution`: its `Version:`
    header, read without parsing the whole file as `Distribution.version` does (matplotlib's
    and fontTools' carry their long descriptions: 6-9 ms each, per rebuild)."""
    text = distribution.read_text("METADATA") or distribution.read_text("PKG-INFO") or ""
    for line in text.partition("\n\n")[0].splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip().lower() == "version":
            return value.strip()
    return str(distribution.version)
