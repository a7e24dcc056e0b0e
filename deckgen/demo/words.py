"""Words for commit messages: components, API names, features and the subjects made of them.

A deck shows commit subjects only now and then, but a history where every commit says "change"
looks fake the moment anyone runs `git log` on it. The vocabulary here is shaped like a
virtualization project's: `component: Fix memory leak in qemuDomainDefParse`. Features and events
are shared with the release notes, so that NEWS.rst talks about the same things as the commits.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from deckgen.demo.orbit import CORE, GO, PERL, PYTHON
from deckgen.fastimport import Person

COMPONENTS = (
    "qemu", "qemu", "qemu", "qemu", "conf", "conf", "util", "util", "storage", "network", "rpc",
    "orbitctl", "security", "nodedev", "cpu", "snapshot", "migration", "xen", "bhyve", "ch",
    "lxc", "tests", "docs", "build", "ci",
)  # fmt: skip
_NOUNS = (
    "Domain", "Network", "StoragePool", "StorageVol", "Snapshot", "NodeDevice", "Secret",
    "Interface", "Disk", "Memory", "CPU", "Device", "Migration", "Backup", "Checkpoint",
)  # fmt: skip
_ACTIONS = (
    "DefParse", "DefFormat", "Lookup", "Start", "Stop", "Attach", "Detach", "Validate", "Free",
    "New", "GetInfo", "SetParams", "Prepare", "Finish", "Reconnect",
)  # fmt: skip
FEATURES = (
    "virtio-sound devices", "vhost-user block devices", "iommufd host devices", "TPM 2.0",
    "DIMM memory devices", "NUMA-aware CPU pinning", "incremental backups", "migration over TLS",
    "firmware auto-selection", "SCSI persistent reservations", "HTTP network boot",
    "CPU model baselining", "virtio-mem devices", "external snapshots", "vDPA network devices",
    "confidential guests", "cgroups v2", "the nftables firewall backend",
)  # fmt: skip
EVENTS = (
    "detaching a device during migration", "the daemon restarts with running guests",
    "a snapshot is reverted twice", "the monitor socket closes early", "hot-unplugging a disk",
    "a storage pool disappears", "parsing an empty <source/> element",
)  # fmt: skip
_OBJECTS = (
    "the domain object", "the monitor connection", "temporary files", "the XML document",
    "the lock file", "file descriptors", "the event callback",
)  # fmt: skip
_CORE_SUBJECTS = (
    "{c}: Fix memory leak in {fn}", "{c}: Fix crash when {event}", "{c}: Add support for {feat}",
    "{c}: Use automatic cleanup in {fn}", "{c}: Remove unused {fn}", "{c}: Introduce {fn}",
    "{c}: Refactor {fn}", "{c}: Check the return value of {fn}", "{c}: Simplify {fn}",
    "{c}: Don't leak {obj} on failure", "{c}: Document {feat}", "{c}: Validate {feat} settings",
    "tests: Add test cases for {feat}", "{c}: Split out {fn} from {fn2}",
)  # fmt: skip
_BINDING_SUBJECTS = {
    PYTHON: (
        "Add binding for {fn}",
        "Fix reference leak in the {fn} wrapper",
        "tests: Cover {fn}",
        "generator: Skip {fn} until it is wrapped by hand",
        "Add type hints to {noun} methods",
        "setup: Fix building against an uninstalled orbit",
    ),
    GO: (
        "Add {noun}.{action} method",
        "Fix error handling in {noun}.{action}",
        "tests: Cover {noun}.{action}",
        "Add constants for {feat}",
        "Document {noun}.{action}",
    ),
    PERL: (
        "Add binding for {fn}",
        "Fix POD for Sys::Orbit::{noun}",
        "t/: Add test for {fn}",
        "Makefile.PL: Require a newer orbit for {fn}",
    ),
}
TOPIC_WORDS = ("cleanup", "refactor", "v2", "v3", "series", "glib", "meson", "rework")


def subject(rng: random.Random, repo: str) -> str:
    """Return a plausible commit subject for `repo`."""
    noun, action = rng.choice(_NOUNS), rng.choice(_ACTIONS)
    component = rng.choice(COMPONENTS)
    prefix = "qemu" if component == "qemu" else "orbit"
    template = rng.choice(_CORE_SUBJECTS if repo == CORE else _BINDING_SUBJECTS[repo])
    return template.format(
        c=component,
        fn=f"{prefix}{noun}{action}",
        fn2=f"{prefix}{noun}{rng.choice(_ACTIONS)}",
        noun=noun,
        action=action,
        feat=rng.choice(FEATURES),
        event=rng.choice(EVENTS),
        obj=rng.choice(_OBJECTS),
    )


REVIEWED, TESTED = 14, 3
"""Of every 20 commits with someone else to review them, about this many carry a Reviewed-by
(70%), and about this many a Tested-by (15%)."""


def credits(author: Person, others: Sequence[Person], seed: int) -> str:
    """Return the Reviewed-by and Tested-by trailers of a commit by `author` (each with its
    newline), naming people among `others` (never the author), picked by `seed` (the commit's
    time): no random draw, so the rest of the history is what it would be without them."""
    people = [p for p in others if p.email != author.email]
    if not people:
        return ""
    lines = []
    if seed % 20 < REVIEWED:
        who = people[seed // 20 % len(people)]
        lines.append(f"Reviewed-by: {who.name} <{who.email}>\n")
    if seed // 7 % 20 < TESTED:
        who = people[seed // 140 % len(people)]
        lines.append(f"Tested-by: {who.name} <{who.email}>\n")
    return "".join(lines)


DRIVERS = ("qemu", "xen", "bhyve", "ch", "lxc")
"""The hypervisor drivers among `COMPONENTS`: the demo outline's components."""
_PLACES = {
    "tests": "tests/{c}test.c",
    "docs": "docs/{c}.rst",
    "build": "meson.build",
    "ci": "ci/gitlab.yml",
}


def touched_path(subject: str) -> str | None:
    """Return the file a core commit with `subject` ('qemu: Fix …') changes; None when the
    subject names no component (a binding's, say)."""
    prefix, colon, _ = subject.partition(":")
    if not colon or prefix not in COMPONENTS:
        return None
    if prefix in _PLACES:
        return _PLACES[prefix].format(c=prefix)
    return f"src/{prefix}/{prefix}_driver.c" if prefix in DRIVERS else f"src/{prefix}/{prefix}.c"


def signoff(person: Person) -> str:
    """Return the Signed-off-by trailer of `person`, with its newline."""
    return f"Signed-off-by: {person.name} <{person.email}>\n"
