"""The output stage: put the finished deck on disk without ever leaving half a file.

The bytes go to a temporary file in the target folder, are flushed to disk, and then renamed over
the target: a build that fails or is killed leaves the previous deck as it was.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import tempfile
import time
from pathlib import Path

from deckgen.errors import OutputError


def check_target(target: Path, suffix: str | None = None) -> None:
    """Raise `OutputError` when `target` cannot be written: its folder is missing, it is a
    folder, or (with `suffix`, e.g. ".pptx") it lacks the suffix programs open it by. Checked
    before a build as well as at the write, so a long build does not end in this error."""
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(
            f"output folder does not exist: {folder}\n  create it first (mkdir -p {folder}) "
            "or choose another path with -o"
        )
    if target.is_dir():
        raise OutputError(f"output path is a folder, not a file: {target}")
    if suffix is not None and target.suffix.lower() != suffix:
        raise OutputError(
            f"the deck must be a {suffix} file: {target}\n  PowerPoint and LibreOffice open a "
            f"deck by its name; use -o {target.with_name(target.name + suffix)}"
        )


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` atomically; raise `OutputError` with a clear reason on failure."""
    check_target(target)
    folder = target.parent
    remove_stale_temps(target)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write to {folder}: {_reason(exc)}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644 & ~_umask())
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputError(f"cannot write {target}: {_reason(exc)}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


STALE_AFTER = 3600
"""Seconds after which a temporary file beside the target is a leftover of a killed build."""


def remove_stale_temps(target: Path) -> None:
    """Delete the temporary files a killed build left beside `target` (an hour old or more).

    Younger ones may belong to a build writing the same file right now: they are left alone.
    """
    remove_stale(target.parent, f".{glob.escape(target.name)}.*.tmp")


def remove_stale(folder: Path, pattern: str, *, folders: bool = False) -> None:
    """Delete the files (`folders`: the folders) matching `pattern` in `folder` last written
    `STALE_AFTER` seconds ago or more: what a killed writer left (`write_atomic`, the demo)."""
    limit = time.time() - STALE_AFTER
    for temp in folder.glob(pattern):
        with contextlib.suppress(OSError):
            if temp.is_dir() != folders or temp.stat().st_mtime >= limit:
                continue
            if folders:
                shutil.rmtree(temp, ignore_errors=True)
            else:
                temp.unlink()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or str(exc)
