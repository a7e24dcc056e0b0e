"""Checks across an outline's values: made once, when the `Outline` is built, and trusted after."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build import OutlineSource, load_and_check
from deckgen.errors import OutlineError
from tests.gitrepos import ALICE, make_outline, make_repo, utc

DUPLICATE = (
    "repos.bindings[0]: repository name 'foo' is already used by repos.core[0]; "
    "give one of them a `name:`"
)
GROUP = "releases.group: expected one of the groups 'core', 'bindings', got 'docs'"
BOTS = "identity.bots[1]: not a valid regular expression (missing ), unterminated subpattern "
BOTS += "at position 0): '(bot'"


def two_foos(tmp_path: Path) -> tuple[Path, Path]:
    return (
        make_repo(tmp_path / "a" / "foo", [(ALICE, utc(2020, 1, 1))]),
        make_repo(tmp_path / "b" / "foo", [(ALICE, utc(2020, 1, 1))]),
    )


def test_every_problem_is_found_at_once(tmp_path: Path) -> None:
    a, b = two_foos(tmp_path)
    with pytest.raises(OutlineError) as err:
        make_outline(
            {"core": [a], "bindings": [b]},
            releases={"group": "docs"},
            identity={"bots": ["ok", "(bot"]},
        )
    assert [str(p) for p in err.value.problems] == [DUPLICATE, GROUP, BOTS]


def test_a_problem_carries_its_key_path_as_data(tmp_path: Path) -> None:
    """The loader locates a problem from its key path: keys and indices, never text parsed."""
    a, b = two_foos(tmp_path)
    with pytest.raises(OutlineError) as err:
        make_outline({"core": [a], "bindings": [b]}, identity={"bots": ["ok", "(bot"]})
    assert [p.key_path for p in err.value.problems] == [
        ("repos", "bindings", 0),
        ("identity", "bots", 1),
    ]


def test_a_good_outline_keeps_its_patterns_compiled(tmp_path: Path) -> None:
    a, _ = two_foos(tmp_path)
    outline = make_outline({"core": [a]}, releases={"tags": "^v(.+)$", "subject": "^Release"})
    assert outline.release_tags.match("v1.2")[1] == "1.2"  # type: ignore[index]
    assert outline.release_subject is not None and outline.release_subject.match("Release 1")


def test_a_repository_is_named_after_its_resolved_folder(tmp_path: Path) -> None:
    two_foos(tmp_path)
    talk = tmp_path / "a" / "foo" / "talk.yaml"  # `.` and `../../b/foo`: both are 'foo'
    talk.write_text(
        "repos:\n  core:\n    - path: .\n  bindings:\n    - path: ../../b/foo\n"
        "slides:\n  - kind: title\n"
    )
    with pytest.raises(OutlineError) as err:
        load_and_check(OutlineSource(talk))
    assert str(err.value).endswith("talk.yaml:5:7: " + DUPLICATE)


def test_build_says_it_with_the_position(tmp_path: Path) -> None:
    a, b = two_foos(tmp_path)
    talk = tmp_path / "talk.yaml"
    talk.write_text(
        "title: T\nspeaker: {name: S}\nevent: {name: E}\n"
        f"repos:\n  core:\n    - path: {a}\n  bindings:\n    - path: {b}\n"
        "slides:\n  - kind: title\n"
    )
    with pytest.raises(OutlineError) as err:
        load_and_check(OutlineSource(talk))
    assert str(err.value).endswith(f"talk.yaml:8:7: {DUPLICATE}")
