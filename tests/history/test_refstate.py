"""Cached histories checked without git: git's answers reused while the refs files are as they
were, and asked again as soon as anything git resolves refs from changes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from deckgen.history import History, gitcmd, read_history
from deckgen.history.refstate import fingerprint, plain_git_dir
from deckgen.outline.schema import Outline
from tests.gitrepos import ALICE, BOB, CAROL, git, grow, make_outline, make_repo, utc


@pytest.fixture
def git_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """Record every git command run on a repository (its arguments after the options)."""
    calls: list[tuple[str, ...]] = []
    start, stream = gitcmd.RepoGit.start, gitcmd.RepoGit.stream

    def spy_start(self: gitcmd.RepoGit, *args: str, **kwargs: object) -> gitcmd.Pending:
        calls.append(args)  # `run` starts its command here too
        return start(self, *args, **kwargs)  # type: ignore[arg-type]

    def spy_stream(self: gitcmd.RepoGit, *args: str, **kwargs: object) -> object:
        calls.append(args)
        return stream(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(gitcmd.RepoGit, "start", spy_start)
    monkeypatch.setattr(gitcmd.RepoGit, "stream", spy_stream)
    return calls


def tagged_repo(path: Path) -> Path:
    repo = make_repo(path, [(ALICE, utc(2019, 5, 1)), (BOB, utc(2020, 2, 1))])
    git(repo, "tag", "v1.0", "main~1")
    return repo


def read(outline: Outline, cache: Path) -> History:
    return read_history(outline, cache_dir=cache)


def summary(history: History) -> list[tuple[str | None, int, tuple[str, ...]]]:
    return [(r.head, len(r.commits), tuple(t.name for t in r.releases)) for r in history.repos]


def test_an_unchanged_repository_is_checked_without_git(
    tmp_path: Path, git_calls: list[tuple[str, ...]]
) -> None:
    repo = tagged_repo(tmp_path / "core")
    outline, cache = make_outline({"core": [repo]}), tmp_path / "cache"
    first = read(outline, cache)
    assert git_calls  # the first read asks git
    git_calls.clear()
    again = read(outline, cache)
    assert git_calls == []
    assert (
        summary(again) == summary(first) == [(git(repo, "rev-parse", "main").strip(), 2, ("v1.0",))]
    )
    assert again.repos[0].identities == first.repos[0].identities
    old, new = first.repos[0].commits, again.repos[0].commits
    assert new.hashes == old.hashes
    for column in ("parents", "authors", "authored", "committed"):
        assert list(getattr(new, column)) == list(getattr(old, column)), column


def test_a_new_tag_on_an_old_commit_is_seen(tmp_path: Path) -> None:
    repo = tagged_repo(tmp_path / "core")
    outline, cache = make_outline({"core": [repo]}), tmp_path / "cache"
    read(outline, cache)
    git(repo, "tag", "-a", "-m", "two", "v2.0", "main")
    assert summary(read(outline, cache))[0][2] == ("v1.0", "v2.0")


def test_new_commits_and_packed_refs_are_seen(tmp_path: Path) -> None:
    repo = tagged_repo(tmp_path / "core")
    outline, cache = make_outline({"core": [repo]}), tmp_path / "cache"
    read(outline, cache)
    tip = grow(repo, [(CAROL, utc(2020, 5, 1))])
    assert summary(read(outline, cache)) == [(tip, 3, ("v1.0",))]
    git(repo, "pack-refs", "--all")  # the loose refs move into packed-refs: same answers
    git(repo, "tag", "-d", "v1.0")
    assert summary(read(outline, cache)) == [(tip, 3, ())]


def test_a_moved_head_is_seen(tmp_path: Path) -> None:
    repo = tagged_repo(tmp_path / "core")
    outline, cache = make_outline({"core": [repo]}), tmp_path / "cache"
    read(outline, cache)
    git(repo, "checkout", "--quiet", "-f", "-b", "old", "v1.0")
    assert summary(read(outline, cache))[0][:2] == (git(repo, "rev-parse", "v1.0").strip(), 1)


def test_unusual_repositories_and_revisions_have_no_fingerprint(tmp_path: Path) -> None:
    repo = tagged_repo(tmp_path / "core")
    git_dir = plain_git_dir(repo)
    assert git_dir == repo / ".git"
    assert fingerprint(git_dir, "HEAD") is not None
    assert fingerprint(git_dir, "v1.0") is not None
    head = git(repo, "rev-parse", "HEAD").strip()
    assert fingerprint(git_dir, head) is not None
    for rev in (head[:7], "main@{1}", "HEAD:.mailmap", ":/fix", "-n"):
        assert fingerprint(git_dir, rev) is None, rev
    git(repo, "worktree", "add", "--quiet", str(tmp_path / "linked"), "v1.0")
    assert plain_git_dir(tmp_path / "linked") is None  # a .git file
    git(repo, "symbolic-ref", "refs/heads/alias", "refs/heads/main")
    assert fingerprint(git_dir, "HEAD") is None


def test_a_fingerprint_changes_with_every_ref(tmp_path: Path) -> None:
    repo = tagged_repo(tmp_path / "core")
    git_dir = plain_git_dir(repo)
    assert git_dir is not None
    seen = {fingerprint(git_dir, "HEAD")}
    for change in (
        ("tag", "v1.1"),
        ("tag", "rc/v1.2"),  # a ref in a folder of its own
        ("tag", "-f", "rc/v1.2", "main~1"),
        ("branch", "topic", "main~1"),
        ("pack-refs", "--all"),
        ("update-ref", "refs/heads/topic", "main"),
        ("config", "deckgen.test", "1"),
    ):
        git(repo, *change)
        seen.add(fingerprint(git_dir, "HEAD"))
    assert None not in seen and len(seen) == 8
    (git_dir / "shallow").write_text(git(repo, "rev-parse", "main"))
    assert fingerprint(git_dir, "HEAD") is None


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record every git process started on a repository (its command line)."""
    commands: list[list[str]] = []
    spawn = gitcmd.spawn

    def spy(command: list[str], env: Mapping[str, str], cwd: Path) -> object:
        commands.append(command)
        return spawn(command, env, cwd)

    monkeypatch.setattr(gitcmd, "spawn", spy)
    return commands


def subcommand(command: list[str]) -> str:
    """Return the git command of a command line (`git --no-pager -c K=V ... NAME ARGS`)."""
    args = iter(command[1:])
    for arg in args:
        if arg == "-c":
            next(args)
        elif not arg.startswith("-"):
            return arg
    raise AssertionError(command)


def test_a_cold_read_starts_three_git_processes_a_repository_and_a_warm_one_none(
    tmp_path: Path, spawned: list[list[str]]
) -> None:
    repos = [tagged_repo(tmp_path / name) for name in ("core", "docs")]
    outline, cache = make_outline({"core": repos}), tmp_path / "cache"
    read(outline, cache)
    assert sorted(map(subcommand, spawned)) == sorted(["for-each-ref", "log", "rev-parse"] * 2)
    spawned.clear()
    read(outline, cache)
    assert spawned == []
