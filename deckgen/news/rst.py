"""Parse reStructuredText NEWS files in the style of libvirt's NEWS.rst.

A section per release, titled `v6.8.0 (2020-10-01)` (or `(unreleased)`) and underlined; inside,
categories as bold top-level bullets (`* **New features**`) or as subsection titles; inside those,
one nested bullet per item: a title paragraph, then description paragraphs indented below it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from deckgen.news.items import BULLET, indent_of, release_entries
from deckgen.news.model import (
    NewsEntry,
    NewsError,
    is_category_heading,
)
from deckgen.news.releases import ReleaseHeading, parse_release_heading

_ADORNMENT: Final = re.compile(r"^([=\-~^\"'`#*+:.])\1{2,}\s*$")
_BOLD_BULLET: Final = re.compile(r"^(?:[-*+•] +)?\*\*(?P<heading>[^*]+?)\*\*:?\s*$")


@dataclass(frozen=True)
class _Heading:
    start: int  # first line of the heading (the overline when there is one)
    end: int  # first line after the underline
    title: str
    style: tuple[str, bool]  # adornment character, overlined


def _headings(lines: Sequence[str]) -> list[_Heading]:
    """Return the section titles of an RST document, in order."""
    found: list[_Heading] = []
    n = 0
    while n + 1 < len(lines):
        title, under = lines[n], lines[n + 1]
        adorn = _ADORNMENT.match(under)
        if (
            title[:1].strip()  # section titles start in the first column
            and not _ADORNMENT.match(title)
            and adorn  # an underline shorter than its title is tolerated, as docutils does
        ):
            over = n > 0 and lines[n - 1].rstrip() == under.rstrip()
            start = n - 1 if over else n
            found.append(_Heading(start, n + 2, title.strip(), (adorn.group(1), over)))
            n += 2
            continue
        n += 1
    return found


def parse_rst(text: str, *, source: str = "<text>") -> list[NewsEntry]:
    """Return the entries of a reStructuredText NEWS file, newest release first as written.

    `source` names the file in error messages. Raise NewsError when no release section is found.
    """
    lines = [line.rstrip() for line in text.expandtabs(8).splitlines()]
    headings = _headings(lines)
    releases: list[tuple[_Heading, ReleaseHeading | None]] = [
        (h, parse_release_heading(h.title, f"{source}:{h.start + 1}")) for h in headings
    ]
    style = next((h.style for h, r in releases if r is not None), None)
    if style is None:
        raise NewsError(
            f"{source}: no release sections found (expected titles like "
            "'v1.2.0 (2020-05-01)' underlined with '=')"
        )
    tops = [(h, r) for h, r in releases if h.style == style]
    entries: list[NewsEntry] = []
    for k, (heading, release) in enumerate(tops):
        if release is None:
            continue
        end = tops[k + 1][0].start if k + 1 < len(tops) else len(lines)
        inner = [h for h in headings if heading.end <= h.start < end]
        entries.extend(_section(lines, heading.end, end, inner, release))
    return entries


def _section(
    lines: Sequence[str], start: int, end: int, subs: Sequence[_Heading], release: ReleaseHeading
) -> list[NewsEntry]:
    """Return the entries of one release section, split into categories."""
    blocks: list[tuple[str, list[str]]] = [("", [])]
    n = start
    in_bullet_category = False
    sub_starts = {h.start: h for h in subs}
    while n < end:
        if n in sub_starts:
            in_bullet_category = False
            blocks.append((sub_starts[n].title, []))
            n = sub_starts[n].end
            continue
        line = lines[n]
        top = bool(line) and indent_of(line) == 0
        bold = _BOLD_BULLET.match(line) if top else None
        if bold or (top and _plain_category(lines, n, end)):
            heading = bold.group("heading") if bold else line.lstrip("-*+• ").rstrip(":")
            blocks.append((heading.strip(), []))
            in_bullet_category = True
            n += 1
            continue
        if top and in_bullet_category and BULLET.match(line):
            # A top-level bullet beside the category bullets belongs to none of them.
            blocks.append(("", []))
            in_bullet_category = False
        blocks[-1][1].append(line)
        n += 1
    return release_entries(release, blocks, "rst")


def _plain_category(lines: Sequence[str], n: int, end: int) -> bool:
    """Tell whether a top-level bullet without bold ("* New features") is a category: its text
    is a known category heading and the next text line is a more indented bullet."""
    m = BULLET.match(lines[n])
    if not m or not is_category_heading(m.group("text")):
        return False
    following = next((line for line in lines[n + 1 : end] if line.strip()), "")
    return bool(BULLET.match(following)) and indent_of(following) > 0
