"""Choosing, renaming and grouping entries for a slide."""

from __future__ import annotations

from datetime import date

import pytest

from deckgen.news import NewsEntry, NewsError, NewsGroup, component_of, curate


def _entry(release: str, category: str, title: str) -> NewsEntry:
    return NewsEntry(
        release=release,
        date=date(2020, 1, 1),
        category=category,
        heading=category.title(),
        title=title,
        body="",
        title_markup=title,
        body_markup="",
        component=component_of(title),
    )


ENTRIES = [
    _entry("v2.0", "fixed", "qemu: Fix crash"),
    _entry("v2.0", "new", "qemu: Add virtio-sound"),
    _entry("v2.0", "new", "Add hvf domain type"),
    _entry("v1.9", "new", "xen: Add e820_host"),
    _entry("v1.9", "security", "Fix CVE-2020-1234"),
    _entry("v1.9", "new", "qemu: Add virtio-sound"),
]


def _shape(groups: list[NewsGroup]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(g.key, g.heading, g.titles) for g in groups]


def test_by_category_in_canonical_order() -> None:
    assert _shape(curate(ENTRIES)) == [
        (
            "new",
            "New features",
            ("qemu: Add virtio-sound", "Add hvf domain type", "xen: Add e820_host"),
        ),
        ("fixed", "Bug fixes", ("qemu: Fix crash",)),
        ("security", "Security", ("Fix CVE-2020-1234",)),
    ]


def test_categories_choose_and_order() -> None:
    groups = curate(ENTRIES, categories=["security", "new"], limit=1)
    assert _shape(groups) == [
        ("security", "Security", ("Fix CVE-2020-1234",)),
        ("new", "New features", ("qemu: Add virtio-sound",)),
    ]
    assert groups[1].entries == (ENTRIES[1],)


def test_pick_exclude_and_rename() -> None:
    groups = curate(
        ENTRIES,
        pick=["^qemu:", "XEN"],
        exclude="crash",
        group_by=None,
        rename={"xen: Add e820_host": "Xen: e820 host memory map"},
    )
    assert _shape(groups) == [
        ("", "", ("qemu: Add virtio-sound", "Xen: e820 host memory map")),
    ]


def test_by_release() -> None:
    groups = curate(ENTRIES, group_by="release", rename={"v1.9": "Version 1.9"})
    assert _shape(groups) == [
        ("v2.0", "v2.0", ("qemu: Fix crash", "qemu: Add virtio-sound", "Add hvf domain type")),
        (
            "v1.9",
            "Version 1.9",
            ("xen: Add e820_host", "Fix CVE-2020-1234", "qemu: Add virtio-sound"),
        ),
    ]


def test_by_component_drops_the_prefix() -> None:
    groups = curate(ENTRIES, group_by="component", rename={"qemu": "QEMU"}, total=4)
    assert _shape(groups) == [
        ("qemu", "QEMU", ("Fix crash", "Add virtio-sound")),
        ("xen", "xen", ("Add e820_host",)),
        ("", "Other", ("Add hvf domain type",)),
    ]


def test_total_limit_over_groups() -> None:
    groups = curate(ENTRIES, total=2)
    assert _shape(groups) == [
        ("new", "New features", ("qemu: Add virtio-sound", "Add hvf domain type")),
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"categories": ["feature"]},
            "unknown news category 'feature', expected one of: "
            "new, improved, fixed, removed, security, other",
        ),
        (
            {"categories": ["fix"]},
            "unknown news category 'fix' (did you mean 'fixed'?), expected one of: "
            "new, improved, fixed, removed, security, other",
        ),
        (
            {"group_by": "releases"},
            "unknown news grouping 'releases' (did you mean 'release'?), expected one of: "
            "category, release, component",
        ),
        (
            {"pick": "qemu("},
            "news pick: invalid regular expression 'qemu(': "
            "missing ), unterminated subpattern at position 4",
        ),
        (
            {"exclude": ["ok", "*"]},
            "news exclude: invalid regular expression '*': nothing to repeat at position 0",
        ),
        ({"limit": 0}, "news limit must be at least 1, got 0"),
        ({"total": -1}, "news total must be at least 1, got -1"),
    ],
)
def test_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(NewsError) as caught:
        curate(ENTRIES, **kwargs)  # type: ignore[arg-type]
    assert str(caught.value) == message
