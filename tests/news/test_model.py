"""Category names and components."""

from __future__ import annotations

import pytest

from deckgen.news import CATEGORIES, CATEGORY_HEADINGS, component_of, normalise_category


@pytest.mark.parametrize(
    ("heading", "category"),
    [
        ("New features", "new"),
        ("Added", "new"),
        ("Improvements", "improved"),
        ("Changed", "improved"),
        ("Performance Improvements", "improved"),
        ("Bug fixes", "fixed"),
        ("Fixed", "fixed"),
        ("Bugfixes", "fixed"),
        ("Removed features", "removed"),
        ("Deprecated", "removed"),
        ("Security", "security"),
        ("Security fixes", "security"),
        ("Packaging changes", "other"),
        ("Documentation", "other"),
        ("Notable New Features!", "new"),
        ("🚀 Features", "new"),
        ("🐛 Bug Fixes", "fixed"),
        ("⚠ BREAKING CHANGES", "other"),
        ("Improved Documentation", "other"),
        ("Deprecations and Removals", "removed"),
        ("Trivial/Internal Changes", "other"),
    ],
)
def test_normalise_category(heading: str, category: str) -> None:
    assert normalise_category(heading) == category


def test_every_category_has_a_heading() -> None:
    assert tuple(CATEGORY_HEADINGS) == CATEGORIES


@pytest.mark.parametrize(
    ("title", "component"),
    [
        ("qemu: Add x", "qemu"),
        ("virt-admin: y", "virt-admin"),
        ("node_device: z", "node_device"),
        ("Qemu: capitalised", None),
        ("esx/vmware: two", None),
        ("qemu:no space", None),
        ("Plain title", None),
    ],
)
def test_component_of(title: str, component: str | None) -> None:
    assert component_of(title) == component
