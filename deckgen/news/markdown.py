"""Parse Markdown changelogs in the "Keep a Changelog" style and its common variants.

Releases are headings (`## [1.2.0] - 2020-05-01`, `## v1.2.0 (2020-05-01)`, `## [Unreleased]`,
or a title underlined with `---`);
categories are deeper headings (`### Added`) or bold lines (`**Fixed**`); items are `-`/`*` bullets,
continued on indented (or directly following) lines. Keep a Changelog's section names map as
Added → new, Changed → improved, Deprecated → removed, Removed → removed, Fixed → fixed,
Security → security (see `deckgen.news.model.normalise_category`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from deckgen.news.items import BULLET, indent_of, release_entries
from deckgen.news.markup import FENCE, inline
from deckgen.news.model import NewsEntry, NewsError
from deckgen.news.releases import ReleaseHeading, parse_release_heading

_ATX: Final = re.compile(r"^ {0,3}(?P<level>#{1,6})\s+(?P<title>.*?)(?:\s+#+)?\s*$")
_BOLD_LINE: Final = re.compile(r"^\*\*(?P<heading>[^*]+?):?\*\*:?\s*$")
_LINK_DEFINITION: Final = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_SETEXT: Final = re.compile(r"^ {0,3}(=+|-+)\s*$")


def _headings(lines: Sequence[str]) -> tuple[dict[int, tuple[int, str]], set[int]]:
    """Return {line index: (level, title)} for the headings outside code fences, and the
    indexes of setext underlines (`===` or `---` below a title line)."""
    found: dict[int, tuple[int, str]] = {}
    underlines: set[int] = set()
    fence: str | None = None
    for n, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1) == fence:
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        m = _ATX.match(line)
        if m:
            found[n] = (len(m.group("level")), m.group("title"))
            continue
        setext = _SETEXT.match(lines[n + 1]) if n + 1 < len(lines) else None
        if (
            setext
            and line.strip()
            and indent_of(line) < 4
            and not BULLET.match(line)
            and n not in underlines
        ):
            found[n] = (1 if setext.group(1)[0] == "=" else 2, line.strip())
            underlines.add(n + 1)
    return found, underlines


def parse_markdown(text: str, *, source: str = "<text>") -> list[NewsEntry]:
    """Return the entries of a Markdown changelog, in the order written.

    `source` names the file in error messages. Raise NewsError when no release heading is found.
    """
    lines = [line.rstrip() for line in text.expandtabs(8).splitlines()]
    headings, underlines = _headings(lines)
    parsed = {
        n: parse_release_heading(title, f"{source}:{n + 1}") for n, (_, title) in headings.items()
    }
    level = next((headings[n][0] for n in sorted(parsed) if parsed[n] is not None), None)
    if level is None:
        raise NewsError(
            f"{source}: no release headings found (expected headings like "
            "'## [1.2.0] - 2020-05-01' or '## v1.2.0 (2020-05-01)')"
        )
    entries: list[NewsEntry] = []
    release: ReleaseHeading | None = None
    blocks: list[tuple[str, list[str]]] = []
    for n, line in enumerate(lines):
        if n in headings:
            depth, title = headings[n]
            if depth <= level:
                entries.extend(_entries(release, blocks))
                release, blocks = parsed[n], [("", [])]
            else:
                blocks.append((inline(title, "markdown"), []))
            continue
        if release is None or n in underlines or _LINK_DEFINITION.match(line):
            continue
        bold = _BOLD_LINE.match(line)
        if bold:
            blocks.append((bold.group("heading").strip(), []))
        else:
            blocks[-1][1].append(line)
    entries.extend(_entries(release, blocks))
    return entries


def _entries(
    release: ReleaseHeading | None, blocks: Sequence[tuple[str, list[str]]]
) -> list[NewsEntry]:
    return [] if release is None else release_entries(release, blocks, "markdown")
