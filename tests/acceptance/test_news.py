"""Release notes end to end: `deckgen news` and a `news` slide built from a NEWS.rst in git."""

from __future__ import annotations

import json
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import main
from deckgen.fastimport import FastImport, Person

ANN = Person("Ann Example", "ann@example.org")

NEWS = textwrap.dedent(
    """\
    ============
    Foo releases
    ============

    v2.1.0 (unreleased)
    ===================

    * **New features**

      * qemu: Not released yet

    2.0.0 (2026-03-01)
    ==================

    * **New features**

      * qemu: Add ``virtio-mem`` devices

        Guests can grow their memory with :doc:`virtio-mem <kbase/mem>`.

      * xen: Boot with UEFI

    * **Removed features**

      * Drop Xen older than 4.9

    v1.9.0 (2025-11-01)
    ===================

    * **New features**

      * qemu: Last year's feature
    """
)

OUTLINE = """\
title: State of Foo
speaker: {name: Ann Example}
event: {name: FooConf}
repos: {core: [foo.git]}
news: {file: NEWS.rst}
slides:
  - kind: news
    title: What's new
    group_by: component
    categories: [new]
    items: [And more]
  - kind: news
    title: Removed
    categories: [removed]
    group_by: none
"""


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("news")
    with FastImport(root / "foo.git", bare=True) as repo:
        old = repo.commit(
            author=ANN, when=at("2025-11-01"), message="1.9\n", files={"NEWS.rst": ""}
        )
        repo.tag("v1.9.0", old, tagger=ANN, when=at("2025-11-01"))
        # the file names the release 2.0.0, the tag is v2.0.0 and a day later than the file says
        mark = repo.commit(author=ANN, when=at("2026-03-02"), message="2.0\n")
        repo.tag("v2.0.0", mark, tagger=ANN, when=at("2026-03-02"))
        repo.commit(author=ANN, when=at("2026-05-01"), message="notes\n", files={"NEWS.rst": NEWS})
    (root / "talk.yaml").write_text(OUTLINE)
    return root


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_news_json_lists_the_period_entries(project: Path) -> None:
    code, stdout, stderr = run(
        "news", str(project / "talk.yaml"), "--json", "--as-of", "2026-06-30"
    )
    assert (code, stderr) == (0, "")
    entries = json.loads(stdout)
    assert [(e["release"], e["date"], e["category"], e["title"]) for e in entries] == [
        ("2.0.0", "2026-03-01", "new", "qemu: Add virtio-mem devices"),
        ("2.0.0", "2026-03-01", "new", "xen: Boot with UEFI"),
        ("2.0.0", "2026-03-01", "removed", "Drop Xen older than 4.9"),
    ]
    assert entries[0]["body"] == "Guests can grow their memory with virtio-mem."


def test_news_slides_are_built_from_the_file(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "news.pptx"
    code, _, stderr = run(
        "build", str(project / "talk.yaml"), "-o", str(out), "--as-of", "2026-06-30"
    )
    assert code == 0, stderr
    first, second = Presentation(str(out)).slides
    body = next(s for s in first.placeholders if s.placeholder_format.idx == 1).text_frame.text
    assert body.splitlines() == [
        "qemu",
        "Add virtio-mem devices",
        "xen",
        "Boot with UEFI",
        "And more",
    ]
    assert first.notes_slide.notes_text_frame.text.startswith(
        "qemu: Add virtio-mem devices (2.0.0): Guests can grow their memory with virtio-mem."
    )
    assert "Drop Xen older than 4.9" in "\n".join(
        s.text_frame.text for s in second.shapes if s.has_text_frame
    )


def test_news_without_a_source_is_a_clear_error(project: Path, tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(OUTLINE.replace("news: {file: NEWS.rst}\n", "").replace(
        "foo.git", str(project / "foo.git")))  # fmt: skip
    code, _, stderr = run("news", str(outline))
    assert code == 1
    assert stderr == (
        f"error: {outline}: no `news:` source in the outline; add one, e.g. news: "
        "{repo: core, file: NEWS.rst} (see `deckgen help news`)\n"
    )
