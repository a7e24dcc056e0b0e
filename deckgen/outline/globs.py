"""Component globs: which changed paths belong to a component, one rule for every stage.

A glob is matched against a path as git prints it, relative to the repository's top, with
`fnmatch` rules and case: `*` matches any characters, `/` included (so `src/qemu/*` is
everything under `src/qemu`), `?` one character, `[abc]` one of a set. A glob ending in `/`
names a folder and everything under it. The outline checks each glob once (`glob_problem`);
the metrics and the warnings match with `ComponentMatcher`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fnmatch import translate


def glob_problem(glob: str) -> str | None:
    """Return why `glob` cannot name paths (None: it can)."""
    if not glob.strip():
        return "an empty glob matches no path"
    if glob.startswith("/"):
        return (
            f"paths are relative to the repository's top: write {glob.lstrip('/')!r}, not {glob!r}"
        )
    if _unclosed_bracket(glob):
        return f"'[' without a closing ']' in {glob!r}"
    return None


def _unclosed_bracket(glob: str) -> bool:
    i = 0
    while i < len(glob):
        if glob[i] == "[":
            end = glob.find("]", i + 2)  # `[]]` is a set holding `]`
            if end == -1:
                return True
            i = end
        i += 1
    return False


def glob_regex(glob: str) -> str:
    """Return the regular expression (anchored at both ends) that `glob` stands for."""
    return translate(glob + "*" if glob.endswith("/") else glob)


@dataclass(frozen=True)
class ComponentMatcher:
    """The components of one repository, ready to test paths: names in order, and per name
    one compiled alternation of its globs."""

    names: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, components: Mapping[str, Sequence[str]]) -> ComponentMatcher:
        patterns = tuple(
            re.compile("|".join(f"(?:{glob_regex(g)})" for g in globs))
            for globs in components.values()
        )
        return cls(tuple(components), patterns)

    def matches(self, path: str) -> tuple[bool, ...]:
        """Return, per component, whether `path` belongs to it."""
        return tuple(p.match(path) is not None for p in self.patterns)


def glob_pattern(glob: str) -> re.Pattern[str]:
    """Return the single `glob` compiled (for the warning naming idle globs): its `match`
    tells whether a path matches it."""
    return re.compile(glob_regex(glob))
