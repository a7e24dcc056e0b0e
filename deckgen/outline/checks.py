"""Checks of an outline's values against each other, without reading files or running git.

The schema checks each value on its own; these need more than one: repository names that must
differ (every repository is a named scope), a release group that must be one of the groups, and
regular expressions that must compile. `build` reports them with the outline's positions before
anything runs; the history and metrics stages run the same checks when they are called directly,
so a problem reads the same wherever it is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from deckgen.errors import OutlineError, Problem
from deckgen.outline.schema import Outline


def outline_problems(outline: Outline) -> list[Problem]:
    """Return every problem of `outline` these checks find (without locations)."""
    problems = [*_duplicate_names(outline), *_release_group(outline)]
    for key, pattern in _patterns(outline):
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(_pattern_problem(key, pattern, exc))
    return problems


def check_outline(outline: Outline) -> None:
    """Raise OutlineError with every problem `outline_problems` finds."""
    problems = outline_problems(outline)
    if problems:
        raise OutlineError(problems)


def compile_pattern(pattern: str, key: str) -> re.Pattern[str]:
    """Return `pattern` compiled; OutlineError naming the outline `key` it came from."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise OutlineError([_pattern_problem(key, pattern, exc)]) from None


def _pattern_problem(key: str, pattern: str, exc: re.error) -> Problem:
    where = f" at position {exc.pos}" if exc.pos is not None else ""
    return Problem(None, key, f"not a valid regular expression ({exc.msg}{where}): {pattern!r}")


def _patterns(outline: Outline) -> Iterator[tuple[str, str]]:
    yield "releases.tags", outline.releases.tags
    if outline.releases.subject is not None:
        yield "releases.subject", outline.releases.subject
    for i, pattern in enumerate(outline.identity.bots):
        yield f"identity.bots[{i}]", pattern


def _duplicate_names(outline: Outline) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for group, specs in outline.repos.items():
        for i, spec in enumerate(specs):
            key = f"repos.{group}[{i}]"
            first = seen.setdefault(spec.display_name, key)
            if first != key:
                yield Problem(
                    None,
                    key,
                    f"repository name {spec.display_name!r} is already used by {first}; "
                    "give one of them a `name:`",
                )


def _release_group(outline: Outline) -> Iterator[Problem]:
    if outline.release_group not in outline.repos:
        groups = ", ".join(repr(g) for g in outline.repos)
        yield Problem(
            None,
            "releases.group",
            f"expected one of the groups {groups}, got {outline.release_group!r}",
        )
