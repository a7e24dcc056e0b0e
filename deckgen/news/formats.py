"""Pick the parser for a release-notes file: by name, or guessed from its path and text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Final, Literal, Protocol

from deckgen.news.markdown import parse_markdown
from deckgen.news.model import NewsEntry, NewsError
from deckgen.news.rst import parse_rst

Format = Literal["rst", "markdown"]


class Parser(Protocol):
    """A release-notes parser: text in, entries out; `source` names the file in messages."""

    def __call__(self, text: str, *, source: str = ...) -> list[NewsEntry]: ...


PARSERS: Final[Mapping[str, Parser]] = {"markdown": parse_markdown, "rst": parse_rst}
"""Release-notes formats by name; `auto` picks one with `detect_format`."""

_SUFFIXES: Final[Mapping[str, Format]] = {
    ".rst": "rst",
    ".rest": "rst",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
}
_ATX_RELEASE: Final = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
_UNDERLINE: Final = re.compile(r"^\S.*\n([=\-~^])\1{2,}\s*$", re.MULTILINE)


def detect_format(path_name: str, text: str) -> Format:
    """Return the format of a release-notes file: from its suffix, else from its headings.

    Files without a telling suffix (NEWS, CHANGES.txt) are RST when they have underlined titles
    and no `#` headings, Markdown otherwise.
    """
    suffix = PurePosixPath(path_name).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if _UNDERLINE.search(text) and not _ATX_RELEASE.search(text):
        return "rst"
    return "markdown"


def parse_news(text: str, fmt: str = "auto", *, source: str = "<text>") -> list[NewsEntry]:
    """Return the entries of release notes in format `fmt` ("auto", "rst" or "markdown")."""
    if fmt == "auto":
        fmt = detect_format(source, text)
    parser = PARSERS.get(fmt)
    if parser is None:
        valid = ", ".join(["auto", *sorted(PARSERS)])
        raise NewsError(f"unknown news format '{fmt}', expected one of: {valid}")
    return parser(text, source=source)
