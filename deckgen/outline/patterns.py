"""The outline's regular expressions (release tags and subjects, bot names): one wording for a
pattern that does not compile, whichever stage compiles it."""

from __future__ import annotations

import re

from deckgen.errors import OutlineError, Problem


def compile_pattern(pattern: str, key: str) -> re.Pattern[str]:
    """Return `pattern` compiled; OutlineError naming the outline `key` it came from."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise OutlineError([pattern_problem(key, pattern, exc)]) from None


def pattern_problem(key: str, pattern: str, exc: re.error) -> Problem:
    """Return the problem of `pattern`, written at `key`, that `re.compile` refused with `exc`."""
    where = f" at position {exc.pos}" if exc.pos is not None else ""
    return Problem(None, key, f"not a valid regular expression ({exc.msg}{where}): {pattern!r}")
