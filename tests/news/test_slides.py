"""A news slide becomes bullets: curated groups, hand-written items, notes from the bodies."""

from __future__ import annotations

from datetime import date

from deckgen.news.model import NewsEntry
from deckgen.news.slides import NOTHING_YET, news_bullets
from deckgen.outline.schema import NewsSlide


def entry(release: str, category: str, title: str, body: str = "") -> NewsEntry:
    return NewsEntry(
        release=release, date=date(2026, 3, 1), category=category, heading=category.title(),
        title=title, body=body, title_markup=title, body_markup=body,
        component=title.split(":")[0] if ":" in title else None,
    )  # fmt: skip


ENTRIES = [
    entry("v12.1.0", "new", "qemu: virtio-mem devices", "Guests can grow memory."),
    entry("v12.1.0", "fixed", "xen: crash on start"),
    entry("v12.0.0", "new", "bhyve: UEFI boot"),
    entry("v12.0.0", "removed", "Dropped Xen older than 4.9"),
]


def test_grouped_by_category_with_hand_items_and_notes() -> None:
    spec = NewsSlide(title="What's new", items=["And much more"])
    slide = news_bullets(spec, ENTRIES)
    assert slide.kind == "bullets"
    assert slide.items == [
        {"New features": ["qemu: virtio-mem devices", "bhyve: UEFI boot"]},
        {"Removed features": ["Dropped Xen older than 4.9"]},
        "And much more",
    ]
    assert slide.notes == (
        "qemu: virtio-mem devices (v12.1.0): Guests can grow memory.\n\n"
        "bhyve: UEFI boot (v12.0.0)\n\n"
        "Dropped Xen older than 4.9 (v12.0.0)"
    )


def test_component_grouping_release_shown_and_renamed() -> None:
    spec = NewsSlide(
        categories=["new", "fixed"], group_by="component", show_release=True,
        rename={"qemu": "QEMU driver"}, notes="Written by hand",
    )  # fmt: skip
    slide = news_bullets(spec, ENTRIES)
    assert slide.items == [
        {"QEMU driver": ["virtio-mem devices (v12.1.0)"]},
        {"xen": ["crash on start (v12.1.0)"]},
        {"bhyve": ["UEFI boot (v12.0.0)"]},
    ]
    assert slide.notes == "Written by hand"


def test_flat_list_with_pick_and_limit() -> None:
    spec = NewsSlide(group_by="none", categories=["new", "removed"], pick=["xen|bhyve"], limit=1)
    assert news_bullets(spec, ENTRIES).items == ["bhyve: UEFI boot"]


def test_nothing_in_the_period_says_so() -> None:
    slide = news_bullets(NewsSlide(title="News"), [])
    assert slide.items == [NOTHING_YET]
    assert slide.notes is None
