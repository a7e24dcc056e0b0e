"""Choosing the parser of a release-notes file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.news import CATEGORIES, NewsError, detect_format, parse_news

RST = "v1.0.0 (2020-01-01)\n===================\n\n* **Bug fixes**\n\n  * A fix\n"
MARKDOWN = "# Changelog\n\n## 1.0.0 - 2020-01-01\n### Fixed\n- A fix\n"


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("NEWS.rst", "", "rst"),
        ("docs/CHANGES.REST", "", "rst"),
        ("CHANGELOG.md", "", "markdown"),
        ("NEWS.markdown", RST, "markdown"),
        ("NEWS", RST, "rst"),
        ("CHANGES.txt", MARKDOWN, "markdown"),
        ("NEWS", "", "markdown"),
    ],
)
def test_detect_format(name: str, text: str, fmt: str) -> None:
    assert detect_format(name, text) == fmt


@pytest.mark.parametrize(
    ("name", "text", "release"), [("NEWS", RST, "v1.0.0"), ("CHANGELOG.md", MARKDOWN, "1.0.0")]
)
def test_parse_news_auto(name: str, text: str, release: str) -> None:
    [entry] = parse_news(text, source=name)
    assert (entry.release, entry.category, entry.title) == (release, "fixed", "A fix")


def test_unknown_format() -> None:
    with pytest.raises(NewsError) as caught:
        parse_news(RST, "asciidoc")
    assert str(caught.value) == (
        "unknown news format 'asciidoc', expected one of: auto, markdown, rst"
    )


_PIECES = st.sampled_from(
    [
        "v1.0.0 (2020-01-01)",
        "## [1.0.0] - 2020-01-01",
        "===",
        "---",
        "* **New features**",
        "  * qemu: item",
        "    body ``code`` *em*",
        "- item",
        "  - nested",
        "```",
        "::",
        "",
        "   ",
        "`",
        "**",
        "#",
        "[x](y",
        "\t* tab",
        "Ü日本",
    ]
)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_PIECES, max_size=25), fmt=st.sampled_from(["rst", "markdown", "auto"]))
def test_any_text_parses_or_fails_cleanly(lines: list[str], fmt: str) -> None:
    try:
        entries = parse_news("\n".join(lines), fmt, source="NEWS")
    except NewsError as exc:
        assert str(exc).startswith("NEWS")
        return
    for entry in entries:
        assert entry.category in CATEGORIES
        assert "\n" not in entry.title
