"""Harvest "what happened this year" bullets from a project's own release notes.

Release notes are read from git at the analysed revision (`gitread`), parsed into `NewsEntry`s
(`rst`, `markdown`, `tags`, `commits`), narrowed to the releases of the period (`select`), then
chosen and grouped for a slide (`curate`). Every step is a plain function on frozen data.
"""

from __future__ import annotations

from pathlib import Path

from deckgen.news.commits import parse_conventional_commits
from deckgen.news.curate import GroupBy, NewsGroup, curate
from deckgen.news.formats import PARSERS, Format, detect_format, parse_news
from deckgen.news.gitread import read_news_file, read_tag_messages
from deckgen.news.markdown import parse_markdown
from deckgen.news.model import (
    CATEGORIES,
    CATEGORY_HEADINGS,
    NewsEntry,
    NewsError,
    component_of,
    normalise_category,
)
from deckgen.news.releases import version_key
from deckgen.news.rst import parse_rst
from deckgen.news.select import select_entries
from deckgen.news.tags import TagMessage, parse_tag_messages

__all__ = [
    "CATEGORIES",
    "CATEGORY_HEADINGS",
    "PARSERS",
    "Format",
    "GroupBy",
    "NewsEntry",
    "NewsError",
    "NewsGroup",
    "TagMessage",
    "component_of",
    "curate",
    "detect_format",
    "harvest",
    "normalise_category",
    "parse_conventional_commits",
    "parse_markdown",
    "parse_news",
    "parse_rst",
    "parse_tag_messages",
    "read_news_file",
    "read_tag_messages",
    "select_entries",
    "version_key",
]


def harvest(repo_path: Path, rev: str, path: str, fmt: str = "auto") -> list[NewsEntry]:
    """Return the entries of the release-notes file `path` as committed at `rev`."""
    text = read_news_file(repo_path, rev, path)
    return parse_news(text, fmt, source=f"{path}@{rev}")
