"""Release marks: what each release does not reach, as `git rev-list HEAD ^RELEASE` lists it."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

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


def test_any_release_taken_for_the_common_ancestor_gives_what_git_says(tmp_path: Path) -> None:
    """`_reached_marks` first tries the oldest release as the common ancestor of them all and
    falls back to `merge-base --octopus` when the walks show it is not: whichever release it is
    offered (on the main line or on a side branch), the marks equal `git rev-list main ^TAG`."""
    from deckgen.history.marks import _open, _reached_marks

    repo = tmp_path / "core.git"
    tags = branchy(repo, seed=11)
    (repo_history,) = read_history(make_outline({"core": [repo]})).repos
    assert repo_history.head is not None
    commits = {tag: git(repo, "rev-parse", f"{tag}^{{commit}}").strip() for tag in tags}
    expected = {c: sorted(git(repo, "rev-list", "main", f"^{c}").split()) for c in commits.values()}
    git_dir = _open(repo_history, tmp_path)
    tried = set()
    for oldest in [*commits.values(), None]:
        marks = _reached_marks(git_dir, repo_history.head, commits, oldest)
        assert marks is not None
        for tag, commit in commits.items():
            assert sorted(h.hex() for h in marks[tag].hashes(20)) == expected[commit], (oldest, tag)
        tried.add(oldest)
    assert len(tried) == len(tags) + 1


def test_a_chain_of_releases_needs_no_octopus_merge_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a linear chain of releases the oldest is the common ancestor: `merge-base --octopus`
    (as costly as the walk itself on a long history) is not run."""
    from deckgen.history.gitcmd import RepoGit

    repo = tmp_path / "core.git"
    with FastImport(repo, bare=True) as fi:
        tip = 0
        for n in range(30):
            when = utc(2020) + timedelta(days=n)
            tip = fi.commit(
                author=ALICE, when=when, message=f"c{n}\n", parents=(tip,) if tip else ()
            )
            if n % 5 == 4:
                fi.tag(f"v1.{n}", tip)
    history = read_history(make_outline({"core": [repo]}))
    (repo_history,) = history.repos
    commits = {t.name: t.commit for t in repo_history.releases}
    assert len(commits) == 6
    ran: list[tuple[str, ...]] = []
    run = RepoGit.run

    def recording(self: RepoGit, *args: str, **kwargs: object) -> str | None:
        ran.append(args)
        return run(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RepoGit, "run", recording)
    (marked,) = read_marks(history, {"core": commits}, reached=True).repos
    assert [a[0] for a in ran] == ["rev-list"]
    for tag, commit in commits.items():
        expected = git(repo, "rev-list", "main", f"^{commit}").split()
        assert sorted(h.hex() for h in marked.marks[tag].hashes(20)) == sorted(expected)


def test_range_ends_are_kept_by_the_commits_they_follow_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A range's ends are marked from git once: read again with the same cache folder, only
    the revisions are resolved (no `merge-base`, no `rev-list`), and the marks are the same.
    An end the analysed commit does not reach is kept as such; a damaged entry is read from
    git again and rewritten; another analysed commit is another entry."""
    from deckgen.history.gitcmd import RepoGit
    from deckgen.history.marks import read_range

    repo = tmp_path / "core.git"
    tags = branchy(repo, seed=3)
    tree = git(repo, "rev-parse", f"{tags[3]}^{{tree}}").strip()
    stray = git(repo, "commit-tree", tree, "-p", tags[3], "-m", "never merged").strip()
    git(repo, "tag", "stray", stray)
    history = read_history(make_outline({"core": [repo]}))
    cache = tmp_path / "cache"
    old, new = tags[2], tags[-1]
    ran: list[str] = []
    run = RepoGit.run

    def recording(self: RepoGit, *args: str, **kwargs: object) -> str | None:
        ran.append(args[0])
        return run(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RepoGit, "run", recording)
    fresh = read_range(history, old, new, ("core",))
    first = read_range(history, old, new, ("core",), cache)
    assert "rev-list" in ran
    ran.clear()
    again = read_range(history, old, new, ("core",), cache)
    assert "rev-list" not in ran and "merge-base" not in ran
    assert again.repos[0].marks == first.repos[0].marks == fresh.repos[0].marks
    assert again.range == fresh.range
    (folder,) = (cache / "history").iterdir()
    entries = sorted(folder.glob("*.mark"))
    assert len(entries) == 2
    entries[0].write_bytes(entries[0].read_bytes()[:-3])  # not a whole number of hashes
    ran.clear()
    mended = read_range(history, old, new, ("core",), cache)
    assert ran.count("rev-list") == 1
    assert mended.repos[0].marks == fresh.repos[0].marks
    ran.clear()
    assert read_range(history, old, new, ("core",), cache).repos[0].marks == fresh.repos[0].marks
    assert "rev-list" not in ran
    beside = read_range(history, "stray", new, ("core",), cache)
    assert "stray" not in beside.repos[0].marks and new in beside.repos[0].marks
    ran.clear()
    assert read_range(history, "stray", new, ("core",), cache).repos[0].marks.keys() == {new}
    assert "merge-base" not in ran and "rev-list" not in ran
