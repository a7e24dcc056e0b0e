"""Release tags: pattern, reachability, tag date versus commit date; releases by subject."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deckgen.errors import OutlineError
from deckgen.fastimport import FastImport
from deckgen.history import Tag, read_history
from deckgen.history.releases import parse_tags
from deckgen.outline.schema import DEFAULT_RELEASE_TAGS
from tests.gitrepos import ALICE, BOB, Change, make_outline, make_repo, utc


def stamp(*args: int) -> int:
    return int(utc(*args).timestamp())


def tagged_repo(path: Path) -> Path:
    return make_repo(
        path,
        [
            Change(ALICE, utc(2020, 1, 1), tag="v1.0", tag_when=utc(2020, 1, 3)),
            Change(ALICE, utc(2020, 2, 1), committed=utc(2020, 2, 5), tag="1.1"),
            Change(BOB, utc(2020, 3, 1), tag="v1.2-rc1", tag_when=utc(2020, 3, 1)),
            Change(BOB, utc(2020, 4, 1), tag="release-1.2.0", tag_when=utc(2020, 4, 2, 9)),
            Change(BOB, utc(2020, 5, 1), tag="nightly"),
        ],
    )


def releases(outline_repos: dict[str, list[object]], **extra: object) -> tuple[Tag, ...]:
    (repo, *_) = read_history(make_outline(outline_repos, **extra)).repos  # type: ignore[arg-type]
    return repo.releases


def test_version_tags_are_releases_dated_by_tag_or_commit(tmp_path: Path) -> None:
    repo = tagged_repo(tmp_path / "core")
    assert releases({"core": [repo]}) == (
        Tag("v1.0", stamp(2020, 1, 3)),
        Tag("1.1", stamp(2020, 2, 5)),
        Tag("release-1.2.0", stamp(2020, 4, 2, 9)),
    )


def test_custom_tag_pattern(tmp_path: Path) -> None:
    repo = tagged_repo(tmp_path / "core")
    found = releases({"core": [repo]}, releases={"tags": "rc"})
    assert found == (Tag("v1.2-rc1", stamp(2020, 3, 1)),)


def test_only_tags_merged_into_the_revision_count(tmp_path: Path) -> None:
    repo = tagged_repo(tmp_path / "core")
    with FastImport(repo) as fi:
        side = fi.commit(author=BOB, when=utc(2020, 6, 1), message="side\n", ref="side")
        fi.tag("v9.0", side)
    pinned = releases({"core": [{"path": repo, "rev": "v1.0"}]})
    assert pinned == (Tag("v1.0", stamp(2020, 1, 3)),)
    assert "v9.0" not in {t.name for t in releases({"core": [repo]})}


def test_releases_by_subject_replace_tags(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "core",
        [
            Change(ALICE, utc(2020, 1, 1), message="Release 1.0", tag="v1.0"),
            Change(ALICE, utc(2020, 2, 1), message="Fix a bug"),
            Change(ALICE, utc(2020, 3, 1), message="Release 1.1", committed=utc(2020, 3, 2)),
        ],
    )
    found = releases({"core": [repo]}, releases={"subject": r"^Release (\S+)$"})
    assert found == (Tag("1.0", stamp(2020, 1, 1)), Tag("1.1", stamp(2020, 3, 2)))


@pytest.mark.parametrize("key", ["tags", "subject"])
def test_invalid_release_pattern_is_an_outline_error(tmp_path: Path, key: str) -> None:
    repo = tagged_repo(tmp_path / "core")
    with pytest.raises(OutlineError) as err:
        releases({"core": [repo]}, releases={key: "v(1"})
    assert str(err.value) == (
        f"releases.{key}: not a valid regular expression (missing ), unterminated subpattern "
        "at position 1): 'v(1'"
    )


def test_annotated_tag_without_tagger_is_dated_by_its_commit() -> None:
    commit = "ab" * 20
    out = "\0".join(["refs/tags/v2.0", "tag", "cd" * 20, commit, "", "1600000000", ""])
    (ref,) = parse_tags(out + "\n", re.compile(DEFAULT_RELEASE_TAGS))
    assert (ref.tag, ref.target) == (Tag("v2.0", 1600000000), bytes.fromhex(commit))
