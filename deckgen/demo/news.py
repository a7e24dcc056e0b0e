"""Release notes: each release's section of NEWS.rst, and the yearly archives of older ones.

The talk's "what happened this year" slide reads NEWS.rst, so the notes follow the layout of
the model project's: a section per release, bold categories, a bullet with a sentence of text
per item. Most items are drawn from stock phrases; the as-of year's real news, the highlights,
is spread over that year's releases so that the slide has something to say.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from deckgen.demo.schedule import Release
from deckgen.demo.words import EVENTS, FEATURES

NEWS_HEADER = """\
==============
Orbit releases
==============

The releases of Orbit in this year and the previous one, newest first: new features,
improvements, bug fixes and removed features. Earlier years are in ``docs/news/YEAR.rst``.

"""

_NEWS_DRIVERS = ("qemu", "qemu", "qemu", "xen", "bhyve", "ch", "lxc", "conf", "storage", "network")
_NEWS = {
    "New features": (
        ("{drv}: Add support for {feat}", "Orbit now supports {feat}; the domain XML tells how."),
        ("{drv}: Report {feat} in the capabilities", "Applications can check for {feat}."),
        ("orbitctl: Set up {feat}", "New ``orbitctl`` options set up {feat} without XML."),
    ),
    "Improvements": (
        ("{drv}: Faster startup of guests with many disks", "Disks are prepared in parallel."),
        ("conf: Clearer errors for invalid domain XML", "Errors name the element at fault."),
        ("daemon: Lower memory use", "The daemon keeps less state for each guest."),
        ("{drv}: Better defaults for new guests", "New guests get virtio devices by default."),
        ("orbitctl: More tab completion", "Domain, network and pool names are completed."),
        ("{drv}: Stricter checks of {feat} settings", "Settings the hypervisor would reject fail."),
    ),
    "Bug fixes": (
        ("{drv}: Fix a crash when {event}", "The daemon no longer crashes in this case."),
        ("{drv}: Don't leak descriptors when a guest fails to start", "Each failure leaked two."),
        ("{drv}: Fix reconnecting to guests after an upgrade", "Guests were shown as shut off."),
        ("{drv}: Report the right state of paused guests", "A failed resume showed them running."),
        ("daemon: Fix a deadlock when two clients stop one guest", "The second call now waits."),
        ("{drv}: Keep the boot order when a disk is unplugged", "Other disks kept stale indexes."),
    ),
    "Removed features": (
        ("api: Drop the deprecated ``orbitDomainGetStats2``", "Use ``orbitDomainGetStats``."),
        ("nodedev: Remove the HAL backend", "udev has been the only backend in use for years."),
    ),
}  # fmt: skip
NEWS_THIS_YEAR = (  # the talk's "what happened this year", spread over the year's releases
    ("Improvements", "po: Translations moved to Weblate",
     "Translators work at translate.orbit.example; their changes arrive as merge requests."),
    ("New features", "qemu: Support for virtio-mem memory devices",
     "Guests can grow and shrink their memory at run time in small blocks, without DIMMs."),
    ("Improvements", "build: Meson replaces autotools",
     "The whole project builds with Meson; a full build takes half the time it used to."),
    ("Removed features", "xen: Drop support for Xen older than 4.9",
     "Xen 4.9 is the oldest version that a supported distribution ships."),
    ("New features", "qemu: Incremental backups",
     "``orbitctl backup-begin`` copies only the blocks that changed since a checkpoint."),
    ("Improvements", "scripts: Helper scripts converted to Python 3",
     "The Perl and shell helpers used during the build are now Python 3 scripts."),
    ("New features", "ch: Network interface hotplug",
     "Cloud Hypervisor guests can be given new network interfaces while they run."),
    ("Improvements", "util: GLib is the new base library",
     "Hand-written helpers for strings, lists and hash tables gave way to GLib's."),
    ("New features", "bhyve: UEFI boot with persistent variables",
     "Guests keep their UEFI variables across reboots."),
    ("Improvements", "util: Abort when memory allocation fails",
     "Out-of-memory error paths are gone: a failed allocation aborts, as in GLib."),
    ("Removed features", "qemu: Drop support for QEMU older than 4.2",
     "QEMU 4.2 is the oldest version that a supported distribution ships."),
    ("New features", "xen: PCI passthrough of SR-IOV virtual functions",
     "Virtual functions can be assigned to Xen guests like any other PCI device."),
    ("Improvements", "docs: Documentation converted to reStructuredText",
     "Every page is now written in reStructuredText."),
)  # fmt: skip


def news_section(
    rng: random.Random, release: Release, highlights: Sequence[tuple[str, str, str]] = ()
) -> str:
    """Return the NEWS.rst section of `release`: bold categories, a bullet with text per item.

    `highlights` are (category, title, text) items to list first: the talk's news of the year.
    """
    counts = {
        "New features": rng.randint(1, 3),
        "Improvements": rng.randint(1, 3),
        "Bug fixes": rng.randint(1, 4),
        "Removed features": 1 if rng.random() < 0.15 else 0,
    }
    title = f"v{release.version} ({release.day.isoformat()})"
    lines = [title, "=" * len(title), ""]
    for category, count in counts.items():
        items = [(heading, text) for c, heading, text in highlights if c == category]
        for _ in range(count):
            heading, text = rng.choice(_NEWS[category])
            words = {
                "feat": rng.choice(FEATURES),
                "event": rng.choice(EVENTS),
                "drv": rng.choice(_NEWS_DRIVERS),
            }
            item = (heading.format(**words), text.format(**words))
            if item[0] not in (i[0] for i in items):
                items.append(item)
        if not items:
            continue
        lines += [f"* **{category}**", ""]
        for heading, text in items:
            lines += [f"  * {heading}", "", f"    {text}", ""]
    return "\n".join(lines) + "\n"


def news_archive(year: int, sections: Sequence[tuple[int, str]]) -> str:
    """Return docs/news/YEAR.rst: the NEWS.rst sections of the releases of `year`."""
    title = f"Orbit releases of {year}"
    rule = "=" * len(title)
    body = "".join(text for y, text in reversed(sections) if y == year)
    return f"{rule}\n{title}\n{rule}\n\n{body}"
