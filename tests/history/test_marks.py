"""Release marks: what each release does not reach, as `git rev-list HEAD ^RELEASE` lists it."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from deckgen.fastimport import FastImport
from deckgen.history import read_history
from deckgen.history.marks import read_marks
from tests.gitrepos import ALICE, BOB, CAROL, git, make_outline, utc


def branchy(path: Path, seed: int) -> list[str]:
    """Write a history of 300 commits with side branches merged late, some crossing (a side
    branch forked before another's merge and merged after it), and tag 24 commits on the main
    line and on side branches; return the tag names."""
    rng = random.Random(seed)
    people = [ALICE, BOB, CAROL]
    tags = []
    with FastImport(path, bare=True) as fi:
        main = fi.commit(author=ALICE, when=utc(2020), message="root\n")
        open_sides: list[tuple[str, int]] = []
        for n in range(300):
            when = utc(2020) + timedelta(hours=n + 1)
            who = rng.choice(people)
            roll = rng.random()
            if roll < 0.1:
                ref = f"side{n}"
                side = fi.commit(
                    author=who, when=when, message=f"fork {n}\n", parents=(main,), ref=ref
                )
                open_sides.append((ref, side))
                tip = side
            elif roll < 0.25 and open_sides:
                ref, side = open_sides.pop(rng.randrange(len(open_sides)))
                side = fi.commit(
                    author=who, when=when, message=f"side {n}\n", parents=(side,), ref=ref
                )
                open_sides.append((ref, side))
                tip = side
            elif roll < 0.35 and open_sides:
                _, side = open_sides.pop(0)
                main = fi.commit(
                    author=who, when=when, message=f"merge {n}\n", parents=(main, side)
                )
                tip = main
            else:
                main = fi.commit(author=who, when=when, message=f"change {n}\n", parents=(main,))
                tip = main
            if n % 12 == 5:
                fi.tag(f"v{n}", tip)
                tags.append(f"v{n}")
        for _, side in open_sides:
            main = fi.commit(
                author=ALICE, when=utc(2021), message="merge rest\n", parents=(main, side)
            )
    return tags


def test_each_release_mark_is_what_git_rev_list_says(tmp_path: Path) -> None:
    """The marks read together (one walk, each release's walk reusing the releases it
    reaches) equal `git rev-list main ^TAG` for every tag, in the order git lists them."""
    repo = tmp_path / "core.git"
    tags = branchy(repo, seed=7)
    history = read_history(make_outline({"core": [repo]}))
    commits = {tag: git(repo, "rev-parse", f"{tag}^{{commit}}").strip() for tag in tags}
    marked = read_marks(history, {"core": commits}, reached=True)
    (repo_history,) = marked.repos
    order = git(repo, "rev-list", "main").split()
    position = {commit: n for n, commit in enumerate(order)}
    assert len(repo_history.marks) == len(tags)
    for tag, commit in commits.items():
        mark = repo_history.marks[tag]
        assert mark.commit == commit
        found = [h.hex() for h in mark.hashes(20)]
        expected = git(repo, "rev-list", "main", f"^{commit}").split()
        assert sorted(found) == sorted(expected), tag
        assert found == sorted(found, key=position.__getitem__), tag
