"""Which mailmap git applies: the one committed at the analysed revision, then the outline's.

git reads a work tree's checked-out `.mailmap`, then `mailmap.blob`, then `mailmap.file`, later
entries winning. deckgen runs git from an empty scratch work tree (see `gitcmd`), points
`mailmap.blob` at the analysed commit, and sets `mailmap.file` explicitly so a user's global
configuration cannot change the numbers.
"""

from __future__ import annotations

import os
from pathlib import Path

from deckgen.errors import OutlineError, Problem


def mailmap_config(head: str, extra: Path | None) -> list[str]:
    """Return the `-c` settings that make git apply `head`'s .mailmap, then `extra`."""
    return [f"mailmap.blob={head}:.mailmap", f"mailmap.file={extra or os.devnull}"]


def check_extra_mailmap(extra: Path | None) -> None:
    """Raise OutlineError when the outline names a mailmap file that does not exist.

    git would silently ignore it, and the numbers would quietly change.
    """
    if extra is not None and not extra.is_file():
        raise OutlineError([Problem(None, ("identity", "mailmap"), f"file not found: {extra}")])
