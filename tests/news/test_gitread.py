"""Reading release notes and tag messages from git objects, never from a work tree."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from deckgen.fastimport import FastImport, Person
from deckgen.news import NewsError, harvest, read_news_file, read_tag_messages

ALICE = Person("Alice Liddell", "alice@example.org")
NEWS_V1 = "v1.0.0 (2020-01-10)\n===================\n\n* **New features**\n\n  * Première\n"
NEWS_V2 = NEWS_V1.replace("v1.0.0 (2020-01-10)", "v1.1.0 (2020-06-01)")


def _when(month: int, day: int) -> datetime:
    return datetime(2020, month, day, 12, tzinfo=UTC)


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    repo = tmp_path / "project.git"
    with FastImport(repo, bare=True) as fi:
        first = fi.commit(
            author=ALICE,
            when=_when(1, 10),
            message="Release 1.0.0\n",
            files={"NEWS.rst": "\ufeff" + NEWS_V1, "docs/README": "docs\n"},
        )
        fi.tag("v1.0.0", first, tagger=ALICE, when=_when(1, 10), message="Release v1.0.0\n")
        second = fi.commit(
            author=ALICE, when=_when(6, 1), message="Release 1.1\n", files={"NEWS.rst": NEWS_V2}
        )
        fi.tag(
            "v1.1.0",
            second,
            tagger=ALICE,
            when=_when(6, 1),
            message="Version 1.1.0\n\nNew features:\n- Speed\n",
        )
        fi.tag("lightweight", second)
    return repo


def test_reads_the_committed_file(bare: Path) -> None:
    assert read_news_file(bare, "HEAD", "NEWS.rst") == NEWS_V2
    assert read_news_file(bare, "v1.0.0", "./NEWS.rst") == NEWS_V1  # BOM dropped


def test_harvest(bare: Path) -> None:
    [entry] = harvest(bare, "main", "NEWS.rst")
    assert (entry.release, entry.date, entry.title) == ("v1.1.0", date(2020, 6, 1), "Première")


def test_work_tree_is_not_read(tmp_path: Path) -> None:
    repo = tmp_path / "project"
    with FastImport(repo) as fi:
        fi.commit(author=ALICE, when=_when(1, 1), message="x\n", files={"NEWS.md": "committed\n"})
    (repo / "NEWS.md").write_text("edited\n")
    assert read_news_file(repo, "HEAD", "NEWS.md") == "committed\n"


def test_missing_file(bare: Path) -> None:
    with pytest.raises(NewsError) as caught:
        read_news_file(bare, "v1.0.0", "CHANGELOG.md")
    assert str(caught.value) == f"news file 'CHANGELOG.md' not found at revision 'v1.0.0' in {bare}"


def test_folder(bare: Path) -> None:
    with pytest.raises(NewsError) as caught:
        read_news_file(bare, "HEAD", "docs")
    assert str(caught.value) == f"news file 'docs' is a folder at revision 'HEAD' in {bare}"


def test_unknown_revision(bare: Path) -> None:
    with pytest.raises(NewsError) as caught:
        read_news_file(bare, "--output=x", "NEWS.rst")
    assert str(caught.value) == (
        f"unknown revision '--output=x' in {bare} (reading news file 'NEWS.rst')"
    )


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(NewsError) as caught:
        read_news_file(tmp_path, "HEAD", "NEWS.rst")
    assert str(caught.value) == f"not a git repository: {tmp_path} (reading news file 'NEWS.rst')"
    missing = tmp_path / "missing"
    with pytest.raises(NewsError) as caught:
        read_news_file(missing, "HEAD", "NEWS.rst")
    assert str(caught.value) == f"repository not found: {missing} (reading news file 'NEWS.rst')"


def test_not_utf8(bare: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
    }

    def git(*args: str, stdin: bytes = b"") -> str:
        done = subprocess.run(
            ["git", "-C", str(bare), *args], input=stdin, capture_output=True, check=True, env=env
        )
        return done.stdout.decode().strip()

    blob = git("hash-object", "-w", "--stdin", stdin="Caf\xe9\n".encode("latin-1"))
    tree = git("mktree", stdin=f"100644 blob {blob}\tNEWS.rst\n".encode())
    git("update-ref", "refs/heads/latin1", git("commit-tree", tree, "-m", "latin-1"))
    with pytest.raises(NewsError) as caught:
        read_news_file(bare, "latin1", "NEWS.rst")
    assert str(caught.value) == (
        f"news file 'NEWS.rst' at revision 'latin1' in {bare} is not UTF-8 text "
        "(byte 0xe9 at offset 3)"
    )


def test_tag_messages(bare: Path) -> None:
    assert read_tag_messages(bare) == [
        ("v1.1.0", date(2020, 6, 1), "Version 1.1.0\n\nNew features:\n- Speed\n"),
        ("v1.0.0", date(2020, 1, 10), "Release v1.0.0\n"),
    ]
    assert read_tag_messages(bare, "v1.0.0") == [("v1.0.0", date(2020, 1, 10), "Release v1.0.0\n")]
