"""What the news stage hands on: one `NewsEntry` per feature bullet of a project's release notes.

Entries are plain frozen data, so the curation step and the deck stage can filter, group and print
them without knowing which file format (or tag message, or commit subject) they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from deckgen.errors import NewsError as NewsError  # the news modules raise it from here

CATEGORIES: Final = ("new", "improved", "fixed", "removed", "security", "other")
"""The normalised categories, in the order slides list them."""

CATEGORY_HEADINGS: Final = {
    "new": "New features",
    "improved": "Improvements",
    "fixed": "Bug fixes",
    "removed": "Removed features",
    "security": "Security",
    "other": "Other changes",
}
"""The heading a category gets when entries of several releases are grouped by category."""

_EXACT: Final = {
    **dict.fromkeys(
        ("new features", "new feature", "features", "feature", "added", "new", "additions"), "new"
    ),
    **dict.fromkeys(
        (
            "improvements",
            "improvement",
            "changed",
            "changes",
            "enhancements",
            "enhancement",
            "performance",
            "performance improvements",
            "minor changes",
            "major changes",
        ),
        "improved",
    ),
    **dict.fromkeys(("bug fixes", "bugfixes", "bug fix", "fixes", "fixed", "bugs fixed"), "fixed"),
    # Deprecated → removed: a deprecation announces a removal, and libvirt-style files list
    # deprecations under "Removed features" too; on a year-in-review slide they belong together.
    **dict.fromkeys(
        ("removed features", "removed", "removals", "deprecated", "deprecations"), "removed"
    ),
    **dict.fromkeys(("security", "security fixes", "security updates"), "security"),
}

_OTHER_HEADINGS: Final = frozenset(
    (
        "packaging changes",
        "documentation",
        "improved documentation",
        "portability",
        "notes",
        "other changes",
        "other",
        "breaking changes",
    )
)

_KEYWORDS: Final = (
    ("secur", "security"),
    ("fix", "fixed"),
    ("bug", "fixed"),
    ("remov", "removed"),
    ("deprecat", "removed"),
    ("improv", "improved"),
    ("enhanc", "improved"),
    ("perf", "improved"),
    ("new", "new"),
    ("add", "new"),
    ("feature", "new"),
)


def normalise_category(heading: str) -> str:
    """Return the category (one of `CATEGORIES`) a section heading such as "Bug fixes" means."""
    key = " ".join(re.sub(r"[^\w\s]", " ", heading.lower()).split())
    if key in _EXACT:
        return _EXACT[key]
    if key in _OTHER_HEADINGS:
        return "other"
    for word, category in _KEYWORDS:
        if word in key:
            return category
    return "other"


def is_category_heading(text: str) -> bool:
    """Tell whether `text` is a usual category heading ("New features", "Packaging changes")."""
    return text.strip().rstrip(":").lower() in _EXACT.keys() | _OTHER_HEADINGS


_COMPONENT = re.compile(r"^([a-z0-9_-]+): ")


def component_of(title: str) -> str | None:
    """Return the area a title is prefixed with ("qemu" for "qemu: Add …"), else None."""
    match = _COMPONENT.match(title)
    return match.group(1) if match else None


@dataclass(frozen=True)
class NewsEntry:
    """One item of the release notes: plain text for slides, the source markup kept beside it.

    `date` is the release date written in the notes (None when missing or unreleased);
    `unreleased` marks sections such as "v6.9.0 (unreleased)" or "[Unreleased]".
    """

    release: str
    date: date | None
    category: str
    heading: str
    title: str
    body: str
    title_markup: str
    body_markup: str
    component: str | None = None
    unreleased: bool = False

    def to_json(self) -> dict[str, Any]:
        """Return the entry as the JSON export writes it."""
        return {
            "release": self.release,
            "date": self.date.isoformat() if self.date else None,
            "category": self.category,
            "heading": self.heading,
            "title": self.title,
            "body": self.body,
        }
