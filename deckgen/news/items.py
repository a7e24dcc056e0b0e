"""Split a block of release-note lines into items: one per bullet of the outermost list.

An item's title is its first paragraph (possibly wrapped over several lines), its body everything
indented below it: description paragraphs, nested bullets, literal blocks.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from deckgen.news.markup import FENCE, Dialect, inline, plain_blocks
from deckgen.news.model import NewsEntry, component_of, normalise_category
from deckgen.news.releases import ReleaseHeading

BULLET: Final = re.compile(r"^(?P<indent> *)(?P<marker>[-*+•])(?P<gap> +)(?P<text>\S.*)$")
BREAK: Final = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
"""A thematic break (`---`, `* * *`): it ends a list and is never an item."""


def _bullet(line: str) -> re.Match[str] | None:
    return None if BREAK.match(line) else BULLET.match(line)


@dataclass(frozen=True)
class Item:
    """The source text of one bullet, dedented: its title paragraph and its body."""

    title: str
    body: str


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def split_items(lines: Sequence[str]) -> list[Item]:
    """Return the items of the outermost bullet list in `lines` (tabs already expanded).

    Text that is not part of a bullet (an introduction, a stray paragraph) is skipped.
    """
    items: list[Item] = []
    level: int | None = None  # the list's indentation: its first bullet's, or less later on
    n = 0
    while n < len(lines):
        m = _bullet(lines[n])
        if not m or (level is not None and len(m.group("indent")) > level):
            n += 1
            continue
        level = len(m.group("indent"))
        column = level + 1 + len(m.group("gap"))
        end = n + 1
        in_title = True
        while end < len(lines):
            line = lines[end]
            nested = BULLET.match(line)
            # A line back at the list's level ends the item, unless it continues the item's
            # title paragraph (Markdown's "lazy" continuation lines).
            if line.strip() and indent_of(line) <= level and (nested or not in_title):
                break
            if BREAK.match(line) and indent_of(line) <= level:
                break
            in_title = in_title and bool(line.strip()) and not nested
            end += 1
        rest = [_strip_indent(line, column) for line in lines[n + 1 : end]]
        items.append(_item(m.group("text"), rest))
        n = end
    return items


def _strip_indent(line: str, column: int) -> str:
    """Remove up to `column` leading spaces (less when the line is indented less)."""
    return line[min(column, indent_of(line)) :]


def _item(first: str, rest: Sequence[str]) -> Item:
    title = [first]
    k = 0
    while k < len(rest) and rest[k].strip() and not _starts_block(rest[k]):
        title.append(rest[k].strip())
        k += 1
    body = textwrap.dedent("\n".join(rest[k:])).strip("\n")
    return Item(title="\n".join(title), body="\n".join(s.rstrip() for s in body.split("\n")))


def _starts_block(line: str) -> bool:
    """Tell whether `line` ends a wrapped title: a nested bullet or a code fence."""
    return bool(BULLET.match(line) or FENCE.match(line))


def release_entries(
    release: ReleaseHeading, blocks: Sequence[tuple[str, Sequence[str]]], dialect: Dialect
) -> list[NewsEntry]:
    """Return the entries of a release section given as (category heading, lines) blocks."""
    entries: list[NewsEntry] = []
    for heading, block in blocks:
        category = normalise_category(heading) if heading else "other"
        for item in split_items(block):
            title = inline(item.title, dialect)
            entries.append(
                NewsEntry(
                    release=release.name,
                    date=release.date,
                    category=category,
                    heading=heading,
                    title=title,
                    body=plain_blocks(item.body, dialect),
                    title_markup=item.title,
                    body_markup=item.body,
                    component=component_of(title),
                    unreleased=release.unreleased,
                )
            )
    return entries
