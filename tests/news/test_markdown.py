"""The Markdown parser, on "Keep a Changelog" files and their common variants."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from deckgen.news import NewsError, parse_markdown

KEEP_A_CHANGELOG = textwrap.dedent(
    """\
    # Changelog

    All notable changes to this project will be documented in this file.

    ## [Unreleased]
    ### Added
    - Dark mode

    ## [1.2.0] - 2020-05-01
    ### Added
    - **Export** to `PDF` via [pandoc](https://pandoc.org)
      and to _HTML_, written over two lines
    - Plugins
    continue lazily
      - nested detail with `code`
      - another detail
    ### Changed
    - Faster start-up
    ### Deprecated
    - The `--old` flag
    ### Removed
    - Python 3.7 support
    ### Fixed
    - parser: crash on empty input ([#12](https://example.org/12))
    ### Security
    - Escape titles

    ## [1.1.0](https://example.org/compare/v1.0.0...v1.1.0) - 2020-03-02
    ### Fixed
    * A bug

    [Unreleased]: https://example.org/compare/v1.2.0...HEAD
    [1.2.0]: https://example.org/compare/v1.1.0...v1.2.0
    """
)


def test_keep_a_changelog() -> None:
    entries = parse_markdown(KEEP_A_CHANGELOG)
    assert [(e.release, e.date, e.category, e.heading, e.title) for e in entries] == [
        ("Unreleased", None, "new", "Added", "Dark mode"),
        (
            "1.2.0",
            date(2020, 5, 1),
            "new",
            "Added",
            "Export to PDF via pandoc and to HTML, written over two lines",
        ),
        ("1.2.0", date(2020, 5, 1), "new", "Added", "Plugins continue lazily"),
        ("1.2.0", date(2020, 5, 1), "improved", "Changed", "Faster start-up"),
        ("1.2.0", date(2020, 5, 1), "removed", "Deprecated", "The --old flag"),
        ("1.2.0", date(2020, 5, 1), "removed", "Removed", "Python 3.7 support"),
        ("1.2.0", date(2020, 5, 1), "fixed", "Fixed", "parser: crash on empty input (#12)"),
        ("1.2.0", date(2020, 5, 1), "security", "Security", "Escape titles"),
        ("1.1.0", date(2020, 3, 2), "fixed", "Fixed", "A bug"),
    ]
    assert [e.unreleased for e in entries] == [True] + [False] * 8


def test_markup_kept_and_nested_items_in_body() -> None:
    entries = parse_markdown(KEEP_A_CHANGELOG)
    assert entries[1].title_markup == (
        "**Export** to `PDF` via [pandoc](https://pandoc.org)\n"
        "and to _HTML_, written over two lines"
    )
    assert entries[2].body == "- nested detail with code\n- another detail"
    assert entries[2].body_markup == "- nested detail with `code`\n- another detail"
    assert entries[6].component == "parser"


@pytest.mark.parametrize(
    ("heading", "release", "day"),
    [
        ("## 1.2.0 - 2020-05-01", "1.2.0", date(2020, 5, 1)),
        ("## v1.2.0 - 2020-05-01", "v1.2.0", date(2020, 5, 1)),
        ("## 1.2.0 (2020-05-01)", "1.2.0", date(2020, 5, 1)),
        ("## [v1.2.0] – 2020-05-01 [YANKED]", "v1.2.0", date(2020, 5, 1)),
        ("## Version 1.2.0 (May 1, 2020)", "1.2.0", date(2020, 5, 1)),
        ("## 1.2.0 / 1 May 2020", "1.2.0", date(2020, 5, 1)),
        ("# 1.2.0-rc.1", "1.2.0-rc.1", None),
        ("### 2.0", "2.0", None),
    ],
)
def test_heading_variants(heading: str, release: str, day: date | None) -> None:
    [entry] = parse_markdown(f"# Changes\n\n{heading}\n\n#### Fixed\n\n- A bug\n")
    assert (entry.release, entry.date, entry.category, entry.unreleased) == (
        release,
        day,
        "fixed",
        False,
    )


def test_unreleased_variants() -> None:
    text = "## 2.0.0 (unreleased)\n- a\n\n## Upcoming\n- b\n\n## 1.0.0 - 2019-01-01\n- c\n"
    assert [(e.release, e.unreleased, e.category) for e in parse_markdown(text)] == [
        ("2.0.0", True, "other"),
        ("Upcoming", True, "other"),
        ("1.0.0", False, "other"),
    ]


def test_bold_categories_and_code_fences() -> None:
    text = textwrap.dedent(
        """\
        ## 1.0.0 - 2019-01-01

        **Bug fixes:**

        - Quoting

          ```sh
          # not a heading
          run --quoted
          ```

        **New**

        - Feature
        """
    )
    fix, new = parse_markdown(text)
    assert (fix.category, fix.heading, fix.title) == ("fixed", "Bug fixes", "Quoting")
    assert fix.body == "# not a heading\nrun --quoted"
    assert (new.category, new.title) == ("new", "Feature")


def test_no_release_headings() -> None:
    with pytest.raises(NewsError) as caught:
        parse_markdown("# Changelog\n\n- stuff\n", source="CHANGELOG.md")
    assert str(caught.value) == (
        "CHANGELOG.md: no release headings found (expected headings like "
        "'## [1.2.0] - 2020-05-01' or '## v1.2.0 (2020-05-01)')"
    )


def test_invalid_date() -> None:
    with pytest.raises(NewsError) as caught:
        parse_markdown("# Log\n\n## [1.0.0] - 2020-02-30\n", source="CHANGELOG.md")
    assert str(caught.value) == (
        "CHANGELOG.md:3: invalid date '2020-02-30' in release heading '[1.0.0] - 2020-02-30'"
    )


def test_setext_headings() -> None:
    text = "Changes\n=======\n\n1.0.0 (2019-01-01)\n------------------\n\n- First\n---\n- Second\n"
    entries = parse_markdown(text)
    assert [(e.release, e.date, e.title) for e in entries] == [
        ("1.0.0", date(2019, 1, 1), "First"),
        ("1.0.0", date(2019, 1, 1), "Second"),
    ]


def test_list_indentation_may_shrink() -> None:
    text = "## 1.0.0\n\n  - indented first\n    more\n\n- then flush\n  - nested\n"
    assert [(e.title, e.body) for e in parse_markdown(text)] == [
        ("indented first more", ""),
        ("then flush", "- nested"),
    ]
