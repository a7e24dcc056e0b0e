"""Release headings and version matching."""

from __future__ import annotations

from datetime import date

import pytest

from deckgen.news.releases import ReleaseHeading, parse_release_heading, version_key


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("v6.8.0 (2020-10-01)", ReleaseHeading("v6.8.0", date(2020, 10, 1), False)),
        ("v6.9.0 (unreleased)", ReleaseHeading("v6.9.0", None, True)),
        ("[Unreleased]", ReleaseHeading("Unreleased", None, True)),
        ("libvirt 6.8.0 (2020/10/01)", ReleaseHeading("6.8.0", date(2020, 10, 1), False)),
        ("Release v2 - 3rd March 2021", ReleaseHeading("v2", date(2021, 3, 3), False)),
        ("2.1.0 (March 3rd, 2021)", ReleaseHeading("2.1.0", date(2021, 3, 3), False)),
        ("1.0.0 (Someday 3, 2021)", ReleaseHeading("1.0.0", None, False)),
        ("v7 (2021-01-01)", ReleaseHeading("v7", date(2021, 1, 1), False)),
        ("Changelog", None),
        ("Added", None),
        ("libvirt releases", None),
        ("2020-01-01", None),
    ],
)
def test_parse_release_heading(title: str, heading: ReleaseHeading | None) -> None:
    assert parse_release_heading(title, "NEWS:1") == heading


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("v6.8.0", "6.8.0"),
        ("V6.8.0", "6.8.0"),
        ("libvirt-6.8.0", "v6.8.0"),
        ("Unreleased", "unreleased"),
    ],
)
def test_version_key_matches(a: str, b: str) -> None:
    assert version_key(a) == version_key(b)


def test_version_key_keeps_versions_apart() -> None:
    assert version_key("v6.8.0") != version_key("v6.8.1")
    assert version_key("vnext") == "vnext"
