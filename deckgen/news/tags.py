"""Harvest entries from annotated tag messages, for projects that announce releases there.

Each bullet of a tag message becomes an entry; a message without bullets gives one entry, its
first line, unless that line only repeats the release ("Release v1.2.0"). A line such as
"Bug fixes:" or "## Fixed" above bullets sets their category; bullets without one are
categorised by a conventional-commit prefix when they have one, else as "other".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Final

from deckgen.news.commits import conventional_entry
from deckgen.news.items import BULLET, split_items
from deckgen.news.markup import inline, plain_blocks
from deckgen.news.model import NewsEntry, component_of, normalise_category
from deckgen.news.releases import version_key

_SIGNATURE: Final = re.compile(r"^-----BEGIN (?:PGP|SSH) SIGNATURE-----", re.MULTILINE)
_HEADING: Final = re.compile(r"^(?:#+\s*(?P<atx>.+?)\s*#*|(?P<colon>[^\s*+•-].*?):)\s*$")

TagMessage = tuple[str, date | None, str]
"""(tag name, tag date, message)."""


def parse_tag_messages(tags: Iterable[TagMessage]) -> list[NewsEntry]:
    """Return the entries of annotated tag messages, tag by tag in the order given."""
    entries: list[NewsEntry] = []
    for name, when, message in tags:
        entries.extend(_tag_entries(name, when, message))
    return entries


def _tag_entries(name: str, when: date | None, message: str) -> list[NewsEntry]:
    text = _SIGNATURE.split(message, maxsplit=1)[0]
    lines = [line.rstrip() for line in text.expandtabs(8).splitlines()]
    blocks: list[tuple[str, list[str]]] = [("", [])]
    for line in lines:
        heading = _HEADING.match(line) if not BULLET.match(line) else None
        if heading:
            blocks.append(((heading.group("atx") or heading.group("colon")).strip(), []))
        else:
            blocks[-1][1].append(line)
    entries = [
        _entry(name, when, heading, item.title, item.body)
        for heading, block in blocks
        for item in split_items(block)
    ]
    if entries:
        return entries
    first = next((line.strip() for line in lines if line.strip()), "")
    if not first or _only_names_release(first, name):
        return []
    return [_entry(name, when, "", first, "")]


def _entry(name: str, when: date | None, heading: str, title: str, body: str) -> NewsEntry:
    if not heading:
        commit = conventional_entry(" ".join(title.split()), release=name, when=when)
        if commit is not None:
            return commit
    plain = inline(title, "markdown")
    return NewsEntry(
        release=name,
        date=when,
        category=normalise_category(heading) if heading else "other",
        heading=heading,
        title=plain,
        body=plain_blocks(body, "markdown"),
        title_markup=title,
        body_markup=body,
        component=component_of(plain),
    )


def _only_names_release(line: str, tag: str) -> bool:
    """Tell whether a first line is boilerplate such as "Release v1.2.0" or "libvirt 1.2.0"."""
    words = re.findall(r"[\w.+~-]+", line.lower())
    versions = {version_key(tag), version_key(tag.rsplit("-", 1)[-1])}
    return len(words) <= 4 and any(version_key(w) in versions for w in words)
