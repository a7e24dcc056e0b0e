"""Harvest entries from conventional-commit subjects, for projects without release notes.

Only the types that make news are kept: `feat` (new), `fix` (fixed) and `perf` (improved);
`docs:`, `chore:` and subjects that follow no convention are skipped. The scope in
`feat(parser): …` becomes the entry's component.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Final

from deckgen.news.markup import markdown_inline
from deckgen.news.model import NewsEntry

_SUBJECT: Final = re.compile(
    r"^(?P<type>[A-Za-z]+)(?:\((?P<scope>[^()]*)\))?(?P<breaking>!)?:\s+(?P<text>\S.*)$"
)
COMMIT_TYPES: Final = {
    "feat": ("new", "Features"),
    "feature": ("new", "Features"),
    "fix": ("fixed", "Bug Fixes"),
    "perf": ("improved", "Performance Improvements"),
}
"""Conventional-commit type → (category, heading)."""


def conventional_entry(
    subject: str, *, release: str = "", when: date | None = None
) -> NewsEntry | None:
    """Return the entry a conventional-commit subject makes, None for other subjects."""
    m = _SUBJECT.match(subject.strip())
    if not m or m.group("type").lower() not in COMMIT_TYPES:
        return None
    category, heading = COMMIT_TYPES[m.group("type").lower()]
    scope = (m.group("scope") or "").strip()
    return NewsEntry(
        release=release,
        date=when,
        category=category,
        heading=heading,
        title=" ".join(markdown_inline(m.group("text")).split()),
        body="",
        title_markup=subject.strip(),
        body_markup="",
        component=scope or None,
    )


def parse_conventional_commits(
    commits: Iterable[tuple[str, date | None]], *, release: str = ""
) -> list[NewsEntry]:
    """Return the entries of `(subject, commit date)` pairs, in the order given.

    The entries carry `release` (empty by default) and the commit date, so selection places them
    in the period by that date.
    """
    entries: list[NewsEntry] = []
    for subject, when in commits:
        entry = conventional_entry(subject, release=release, when=when)
        if entry is not None:
            entries.append(entry)
    return entries
