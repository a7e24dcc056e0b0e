"""The user's cache folder: where it is, and how an entry in it is written.

Several stages keep entries there (clones of remote repositories, parsed histories, computed
metrics). Each entry is written to a temporary file beside it and renamed over it, so a reader sees
a whole entry or none, a killed build leaves no half entry behind, and two builds writing the same
entry at once both succeed (the last rename wins).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
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
