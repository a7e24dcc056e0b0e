"""The outline's regular expressions (release tags and subjects, bot names): one wording for a
pattern that does not compile, whichever stage compiles it."""

from __future__ import annotations

import re

from deckgen.errors import KeyPath, Problem


def pattern_problem(key: KeyPath, pattern: str, exc: re.error) -> Problem:
    """Return the problem of `pattern`, written at `key`, that `re.compile` refused with `exc`."""
    where = f" at position {exc.pos}" if exc.pos is not None else ""
    return Problem(None, key, f"not a valid regular expression ({exc.msg}{where}): {pattern!r}")
