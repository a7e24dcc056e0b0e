"""Inline and block markup turned into slide text."""

from __future__ import annotations

import pytest

from deckgen.news.markup import markdown_inline, plain_blocks, rst_inline


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("Add ``virDomainGetMessages()``", "Add virDomainGetMessages()"),
        ("``*not emphasis*``", "*not emphasis*"),
        ("*emphasis* and **strong**", "emphasis and strong"),
        ("since :since:`6.8.0`", "since 6.8.0"),
        ("see :ref:`the guide <guide-label>`", "see the guide"),
        (":file:`/etc/libvirt`", "/etc/libvirt"),
        ("`Secure Boot <kbase/secureboot.html>`__", "Secure Boot"),
        ("`docs <https://libvirt.org>`_", "docs"),
        ("`<https://libvirt.org>`_", "https://libvirt.org"),
        ("use the `git log`_", "use the git log"),
        ("`virPCIDeviceReset()` is gone", "virPCIDeviceReset() is gone"),
        ("a*b*c and 2 * 3 * 4", "a*b*c and 2 * 3 * 4"),
        (r"\*literal star\*", "*literal star*"),
        ("Ünïcödé «quotes» — 日本語", "Ünïcödé «quotes» — 日本語"),
    ],
)
def test_rst_inline(source: str, plain: str) -> None:
    assert rst_inline(source) == plain


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("**bold** and __bold__", "bold and bold"),
        ("*em* and _em_", "em and em"),
        ("keep snake_case_names", "keep snake_case_names"),
        ("`code` and ``co`de``", "code and co`de"),
        ("`**not bold**`", "**not bold**"),
        ("[text](https://example.org) and [ref][1]", "text and ref"),
        ("[**bold link**](u)", "bold link"),
        ("![logo](logo.png)", "logo"),
        ("<https://example.org>", "https://example.org"),
        ("~~gone~~", "gone"),
        (r"\*not em\*", "*not em*"),
    ],
)
def test_markdown_inline(source: str, plain: str) -> None:
    assert markdown_inline(source) == plain


def test_rst_blocks() -> None:
    source = (
        "First paragraph\nwrapped.\n\n"
        ".. note::\n\n   A note.\n\n"
        "Example ::\n\n    $ virsh start\n\n"
        "#. one\n#. two\n"
    )
    assert plain_blocks(source, "rst") == (
        "First paragraph wrapped.\n\nA note.\n\nExample\n\n$ virsh start\n\n#. one\n#. two"
    )


def test_markdown_blocks() -> None:
    source = "Intro *text*.\n\n1. one\n2. two\n   - nested\n\n```\ncode  kept\n```\n"
    assert plain_blocks(source, "markdown") == (
        "Intro text.\n\n1. one\n2. two\n   - nested\n\ncode  kept"
    )


def test_rst_literal_block_needs_indentation() -> None:
    assert plain_blocks("Run::\n\nnot literal *text*\n", "rst") == "Run:\n\nnot literal text"


def test_thematic_breaks_are_dropped() -> None:
    assert plain_blocks("One\n\n---\n\nTwo\n", "markdown") == "One\n\nTwo"
