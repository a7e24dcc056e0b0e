"""The reStructuredText parser, on NEWS files written like libvirt's NEWS.rst."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from deckgen.news import NewsError, parse_rst

NEWS = textwrap.dedent(
    """\
    ================
    libvirt releases
    ================

    This is the list of official releases for libvirt, along with an overview of
    the changes introduced by each of them.

    For a more fine-grained view, use the `git log`_.


    v6.9.0 (unreleased)
    ===================

    * **Security**

    * **Removed features**

    * **New features**

      * qemu: Implement ``virDomainGetMessages``

        Not released yet.


    v6.8.0 (2020-10-01)
    ===================

    * **New features**

      * bhyve: Extend the guest agent support

        The bhyve driver now supports several APIs on top of the guest agent:

         * Getting and setting guest OS SSH keys
         * Setting guest OS user's
           password

        Additionally, domain rebooting is now supported.

      * xen: Add support for ``<features>``
        with the ``e820_host`` option, written over
        three lines

        Configure it with::

         <features>
           <xen/>
         </features>

        See `the documentation <formatdomain.html#features>`__ and :since:`6.8.0`.

      * Allow *disabling* the :ref:`TLS check <tls>` in `virsh`

    * **Improvements**

      * Überarbeitete Übersetzungen — 日本語 too

    * **Bug fixes**

      * hyperv: Hyper-V guests now report TPM device status in their domain xml
        definition.

    * **Packaging changes**

      * Require meson 0.54


    v6.7.0
    ======

    * **Removed features**

      * Drop python2 support


    .. _git log: https://gitlab.com/libvirt/libvirt/-/commits/master
    """
)


def test_releases_categories_and_titles() -> None:
    entries = parse_rst(NEWS)
    assert [(e.release, e.category, e.heading, e.title) for e in entries] == [
        ("v6.9.0", "new", "New features", "qemu: Implement virDomainGetMessages"),
        ("v6.8.0", "new", "New features", "bhyve: Extend the guest agent support"),
        (
            "v6.8.0",
            "new",
            "New features",
            "xen: Add support for <features> with the e820_host option, written over three lines",
        ),
        ("v6.8.0", "new", "New features", "Allow disabling the TLS check in virsh"),
        ("v6.8.0", "improved", "Improvements", "Überarbeitete Übersetzungen — 日本語 too"),
        (
            "v6.8.0",
            "fixed",
            "Bug fixes",
            "hyperv: Hyper-V guests now report TPM device status in their domain xml definition.",
        ),
        ("v6.8.0", "other", "Packaging changes", "Require meson 0.54"),
        ("v6.7.0", "removed", "Removed features", "Drop python2 support"),
    ]


def test_dates_unreleased_and_missing() -> None:
    entries = parse_rst(NEWS)
    assert (entries[0].date, entries[0].unreleased) == (None, True)
    assert (entries[1].date, entries[1].unreleased) == (date(2020, 10, 1), False)
    assert (entries[-1].date, entries[-1].unreleased) == (None, False)


def test_components() -> None:
    assert [e.component for e in parse_rst(NEWS)] == [
        "qemu",
        "bhyve",
        "xen",
        None,
        None,
        "hyperv",
        None,
        None,
    ]


def test_nested_bullets_stay_in_the_body() -> None:
    bhyve = parse_rst(NEWS)[1]
    assert bhyve.body == (
        "The bhyve driver now supports several APIs on top of the guest agent:\n\n"
        "- Getting and setting guest OS SSH keys\n"
        "- Setting guest OS user's password\n\n"
        "Additionally, domain rebooting is now supported."
    )
    assert bhyve.body_markup == (
        "The bhyve driver now supports several APIs on top of the guest agent:\n\n"
        " * Getting and setting guest OS SSH keys\n"
        " * Setting guest OS user's\n"
        "   password\n\n"
        "Additionally, domain rebooting is now supported."
    )


def test_multi_line_title_keeps_its_markup() -> None:
    xen = parse_rst(NEWS)[2]
    assert xen.title_markup == (
        "xen: Add support for ``<features>``\n"
        "with the ``e820_host`` option, written over\n"
        "three lines"
    )


def test_literal_blocks_roles_and_links_in_the_body() -> None:
    xen = parse_rst(NEWS)[2]
    assert xen.body == (
        "Configure it with:\n\n"
        "<features>\n"
        "  <xen/>\n"
        "</features>\n\n"
        "See the documentation and 6.8.0."
    )


def test_categories_as_subsection_titles() -> None:
    text = textwrap.dedent(
        """\
        1.0.0 (2021-03-04)
        ==================

        New features
        ------------

        - Frobnicate

        Bug fixes
        ---------

        - Unfrobnicate
        """
    )
    assert [(e.category, e.heading, e.title) for e in parse_rst(text)] == [
        ("new", "New features", "Frobnicate"),
        ("fixed", "Bug fixes", "Unfrobnicate"),
    ]


def test_plain_category_bullets() -> None:
    text = textwrap.dedent(
        """\
        v3.0.0 (2017-01-17)
        ===================

        * New features

          * Domain events

        * Packaging changes:

          * Needs meson

        * Not a category

          * Nested under an item
        """
    )
    assert [(e.category, e.heading, e.title, e.body) for e in parse_rst(text)] == [
        ("new", "New features", "Domain events", ""),
        ("other", "Packaging changes", "Needs meson", ""),
        ("other", "", "Not a category", "- Nested under an item"),
    ]


def test_items_outside_a_category_are_other() -> None:
    [entry] = parse_rst("v1.0 (2020-01-01)\n=================\n\n* Something\n")
    assert (entry.category, entry.heading) == ("other", "")


def test_to_json() -> None:
    assert parse_rst(NEWS)[7].to_json() == {
        "release": "v6.7.0",
        "date": None,
        "category": "removed",
        "heading": "Removed features",
        "title": "Drop python2 support",
        "body": "",
    }
    assert parse_rst(NEWS)[6].to_json()["date"] == "2020-10-01"


def test_no_release_sections() -> None:
    with pytest.raises(NewsError) as caught:
        parse_rst("Title\n=====\n\n* item\n", source="NEWS.rst")
    assert str(caught.value) == (
        "NEWS.rst: no release sections found (expected titles like "
        "'v1.2.0 (2020-05-01)' underlined with '=')"
    )


def test_invalid_date() -> None:
    text = "intro\n\nv1.0 (2020-13-45)\n=================\n"
    with pytest.raises(NewsError) as caught:
        parse_rst(text, source="NEWS.rst")
    assert str(caught.value) == (
        "NEWS.rst:3: invalid date '2020-13-45' in release heading 'v1.0 (2020-13-45)'"
    )


def test_towncrier_style_with_short_underline() -> None:
    text = textwrap.dedent(
        """\
        1.2.0 (2020-05-01)
        ========

        Features
        --------

        - Add ``--json`` output. (#123)

        Improved Documentation
        ----------------------

        - Explain the cache.
        """
    )
    assert [(e.release, e.category, e.heading, e.title) for e in parse_rst(text)] == [
        ("1.2.0", "new", "Features", "Add --json output. (#123)"),
        ("1.2.0", "other", "Improved Documentation", "Explain the cache."),
    ]
