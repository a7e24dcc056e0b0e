"""Recognise release headings ("v6.8.0 (2020-10-01)", "[1.2.0] - 2020-05-01", "[Unreleased]").

Shared by the RST and Markdown parsers, and by selection, which matches versions whether or not
they are written with a `v` prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from deckgen.news.model import NewsError

_LINK: Final = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])?")
_VERSION: Final = re.compile(
    r"^(?:[A-Za-z][\w-]*\s+){0,2}?(?P<name>[vV]?\d+(?:\.\d+)+[\w.+~-]*|[vV]\d+)(?![\w.])"
)
_UNRELEASED_WORDS: Final = re.compile(
    r"\b(?:unreleased|upcoming|not (?:yet )?released|tbd|tba|in development|in progress)\b",
    re.IGNORECASE,
)
_UNRELEASED_TITLES: Final = frozenset(
    ("unreleased", "upcoming", "upcoming release", "next", "next release", "in development", "head")
)
_ISO: Final = re.compile(r"\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b")
_MONTHS: Final = {
    name: n
    for n, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH: Final = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
_MONTH_DAY: Final = re.compile(r"\b([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


@dataclass(frozen=True)
class ReleaseHeading:
    """A release section's title: its name as written, its date, whether it is still to come."""

    name: str
    date: date | None
    unreleased: bool


_VERSION_START: Final = re.compile(r"(?:^|(?<=[-_/\s]))v?(?=\d)")


def version_key(name: str) -> str:
    """Return the form two release names are compared in.

    The version from its first digit on: "v6.8.0", "6.8.0" and "libvirt-6.8.0" are equal;
    names without a version ("Unreleased") compare as written, ignoring case.
    """
    key = name.strip().lower()
    start = _VERSION_START.search(key)
    return key[start.end() :] if start else key


def parse_release_heading(title: str, where: str) -> ReleaseHeading | None:
    """Return the release a heading names, None when it names none ("Changelog", "Added").

    `where` ("NEWS.rst:12") prefixes the error raised for a date that does not exist.
    """
    text = " ".join(_LINK.sub(r"\1", title).split())
    if text.lower().strip(" :") in _UNRELEASED_TITLES:
        return ReleaseHeading(text.strip(" :"), None, True)
    match = _VERSION.match(text)
    if not match:
        return None
    name = match.group("name").rstrip(".-")
    rest = text[match.end() :]
    if _UNRELEASED_WORDS.search(rest):
        return ReleaseHeading(name, None, True)
    return ReleaseHeading(name, _date_in(rest, title, where), False)


def _date_in(text: str, title: str, where: str) -> date | None:
    """Return the date written in `text` (ISO, slashes, or with a month name), if any."""
    found = _ISO.search(text)
    if found:
        try:
            return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            raise NewsError(
                f"{where}: invalid date '{found.group(0)}' in release heading '{title.strip()}'"
            ) from None
    for pattern, day_first in ((_DAY_MONTH, True), (_MONTH_DAY, False)):
        for found in pattern.finditer(text):
            day, month = (found.group(1), found.group(2))
            if not day_first:
                day, month = month, day
            number = _MONTHS.get(month.lower())
            if number is None:
                continue
            try:
                return date(int(found.group(3)), number, int(day))
            except ValueError:
                raise NewsError(
                    f"{where}: invalid date '{found.group(0)}' in release heading '{title.strip()}'"
                ) from None
    return None
