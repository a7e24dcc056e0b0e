"""Entries from annotated tag messages."""

from __future__ import annotations

from datetime import date

from deckgen.news import parse_tag_messages

DAY = date(2024, 3, 1)


def _rows(message: str, tag: str = "v1.2.0") -> list[tuple[str, str, str, str | None]]:
    return [
        (e.category, e.heading, e.title, e.component)
        for e in parse_tag_messages([(tag, DAY, message)])
    ]


def test_bullets_become_entries_with_their_headings() -> None:
    message = (
        "libvirt 1.2.0\n\n"
        "New features:\n"
        "- qemu: Support `virtio-sound`\n"
        "  for real\n"
        "- Faster **everything**\n\n"
        "Bug fixes:\n"
        "* Crash on exit\n"
    )
    assert _rows(message) == [
        ("new", "New features", "qemu: Support virtio-sound for real", "qemu"),
        ("new", "New features", "Faster everything", None),
        ("fixed", "Bug fixes", "Crash on exit", None),
    ]


def test_release_fields() -> None:
    [entry] = parse_tag_messages([("v1.2.0", DAY, "- A thing\n")])
    assert (entry.release, entry.date, entry.unreleased) == ("v1.2.0", DAY, False)


def test_conventional_bullets_without_heading() -> None:
    message = "v1.2.0\n\n- feat(cli): add `--json`\n- fix: off by one\n- tidy up\n"
    assert _rows(message) == [
        ("new", "Features", "add --json", "cli"),
        ("fixed", "Bug Fixes", "off by one", None),
        ("other", "", "tidy up", None),
    ]


def test_first_line_without_bullets() -> None:
    assert _rows("First public beta\n\nLonger text.\n") == [
        ("other", "", "First public beta", None)
    ]


def test_boilerplate_first_line_is_skipped() -> None:
    assert _rows("Release v1.2.0\n") == []
    assert _rows("libvirt 1.2.0 release\n", tag="libvirt-1.2.0") == []
    assert _rows("\n\n") == []


def test_signature_is_ignored() -> None:
    message = (
        "- One\n-----BEGIN PGP SIGNATURE-----\n\n- iQEzBAABCAAdFiEE\n-----END PGP SIGNATURE-----\n"
    )
    assert _rows(message) == [("other", "", "One", None)]
