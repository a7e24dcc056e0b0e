"""The user's cache folder: where it is, and how an entry in it is written.

Several stages keep entries there (clones of remote repositories, parsed histories, computed
metrics, drawn charts); `Entries` is the one way the metrics and chart caches keep theirs. Each
entry is written to a temporary file beside it and renamed over it, so a reader sees a whole entry
or none, a killed build leaves no half entry behind, and two builds writing the same entry at once
both succeed (the last rename wins).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


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
