"""Opening repositories: missing, not git, shallow, unknown revision, empty, read-only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from deckgen.errors import HistoryError
from deckgen.history import read_history
from deckgen.history.gitcmd import (
    RepoGit,
    blob_id,
    open_repo,
    resolve_tip,
    resolve_tip_and_file,
)
from tests.gitrepos import (
    ALICE,
    BOB,
    Change,
    git,
    make_outline,
    make_repo,
    shallow_clone,
    utc,
)

HINT = "; `rev` must name a branch, tag or commit of that repository (git branch -a; git tag)"


def two_commits(path: Path, *, bare: bool = False) -> Path:
    return make_repo(path, [(ALICE, utc(2020, 1, 1)), (BOB, utc(2020, 2, 1))], bare=bare)


def read_one(path: Path, **spec: str) -> None:
    read_history(make_outline({"core": [{"path": path, **spec}]}))


def test_missing_path_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(HistoryError) as err:
        read_one(missing)
    assert str(err.value) == f"repository not found: {missing}"


def test_folder_that_is_not_a_repository_is_reported(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(HistoryError) as err:
        read_one(plain)
    assert str(err.value) == f"not a git repository: {plain}"


def test_subfolder_of_a_work_tree_is_not_a_repository(tmp_path: Path) -> None:
    repo = two_commits(tmp_path / "core")
    (repo / "docs").mkdir()
    with pytest.raises(HistoryError) as err:
        read_one(repo / "docs")
    assert str(err.value) == f"not a git repository: {repo / 'docs'}"


def test_shallow_clone_says_how_to_fix_it(tmp_path: Path) -> None:
    clone = shallow_clone(two_commits(tmp_path / "core"), tmp_path / "clone")
    with pytest.raises(HistoryError) as err:
        read_one(clone)
    assert str(err.value) == (
        f"shallow clone: {clone} has only part of its history, so its numbers would be wrong; "
        f"fetch the whole history with `git -C {clone} fetch --unshallow` "
        "(GitHub Actions: `fetch-depth: 0` in actions/checkout; GitLab CI: `GIT_DEPTH: 0`)"
    )


@pytest.mark.parametrize("rev", ["nope", "--all", "HEAD~5"])
def test_unknown_revision_is_named(tmp_path: Path, rev: str) -> None:
    repo = two_commits(tmp_path / "core")
    with pytest.raises(HistoryError) as err:
        read_one(repo, rev=rev)
    assert str(err.value) == f"unknown revision '{rev}' in {repo}{HINT}"


def test_every_failing_repository_is_reported(tmp_path: Path) -> None:
    outline = make_outline({"core": [tmp_path / "a"], "bindings": [tmp_path / "b"]})
    with pytest.raises(HistoryError) as err:
        read_history(outline)
    assert str(err.value) == (
        f"repository not found: {tmp_path / 'a'}\nrepository not found: {tmp_path / 'b'}"
    )


@pytest.mark.parametrize("bare", [False, True])
def test_empty_repository_has_no_commits(tmp_path: Path, bare: bool) -> None:
    repo = make_repo(tmp_path / "empty", bare=bare)
    (history,) = read_history(make_outline({"core": [repo]})).repos
    assert (history.head, len(history.commits), history.identities) == (None, 0, ())


def test_unknown_revision_in_an_empty_repository_is_still_an_error(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "empty")
    with pytest.raises(HistoryError) as err:
        read_one(repo, rev="v1.0")
    assert str(err.value) == f"unknown revision 'v1.0' in {repo}{HINT}"


def test_bare_repository_is_read(tmp_path: Path) -> None:
    repo = two_commits(tmp_path / "core.git", bare=True)
    (history,) = read_history(make_outline({"core": [repo]})).repos
    assert history.name == "core"
    assert len(history.commits) == 2


def test_revision_pins_the_history(tmp_path: Path) -> None:
    repo = two_commits(tmp_path / "core")
    first = git(repo, "rev-parse", "main~1").strip()
    (history,) = read_history(make_outline({"core": [{"path": repo, "rev": "main~1"}]})).repos
    assert history.head == first
    assert [history.commits.hex(i) for i in range(len(history.commits))] == [first]


def snapshot(path: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(path)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(path.rglob("*"))
    }


def test_reading_never_writes_to_the_repository(tmp_path: Path) -> None:
    repo = two_commits(tmp_path / "core")
    git(repo, "checkout", "--quiet", "-f", "main")
    (repo / "file0.txt").write_text("edited\n")
    os.utime(repo / "file0.txt", ns=(0, 0))
    before = snapshot(repo)
    read_history(make_outline({"core": [repo]}))
    assert snapshot(repo) == before


def test_only_deckgens_own_clones_fetch_and_their_ssh_never_prompts(
    tmp_path: Path, ssh_calls: Path
) -> None:
    """A partial clone fetches a missing object when it is read: never in a repository on disk
    (its config chooses the programs that would run), in deckgen's clones with ssh in batch mode."""
    url = "ssh://example.invalid/x.git"
    repo = two_commits(tmp_path / "core")
    partial = {
        "core.repositoryformatversion": "1",
        "extensions.partialClone": "origin",
        "remote.origin.promisor": "true",
        "remote.origin.url": url,
    }
    for key, value in partial.items():
        git(repo, "config", key, value)
    missing = "1" * 40
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    assert open_repo(repo, scratch).run("cat-file", "-e", missing, check=False) is None
    assert not ssh_calls.exists()
    clone = open_repo(repo, scratch, label=url, own_clone=True)
    assert clone.run("cat-file", "-e", missing, check=False) is None
    assert ssh_calls.read_text().startswith("ssh -o BatchMode=yes ")


@pytest.mark.parametrize("committed", [True, False])
def test_tip_and_mailmap_come_from_one_git_call(tmp_path: Path, committed: bool) -> None:
    """A cold read resolves the tip and finds the .mailmap in one git process, with the answers
    of the two separate calls; an unknown revision is named as before."""
    files = {".mailmap": "Bob <bob@example.org>\n"} if committed else {}
    repo = make_repo(
        tmp_path / "core",
        [Change(ALICE, utc(2020, 1, 1), files=files), Change(BOB, utc(2020, 2, 1))],
    )
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    opened = open_repo(repo, scratch)
    calls: list[tuple[str, ...]] = []
    original = RepoGit.run

    def counted(self: RepoGit, *args: str, **kwargs: Any) -> str | None:
        calls.append(args)
        return original(self, *args, **kwargs)

    head = git(repo, "rev-parse", "HEAD").strip()
    blob = git(repo, "rev-parse", "HEAD:.mailmap").strip() if committed else None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(RepoGit, "run", counted)
        assert resolve_tip_and_file(opened, "HEAD", ".mailmap") == (head, blob)
        assert len(calls) == 1
        with pytest.raises(HistoryError, match=r"^unknown revision 'nope' in "):
            resolve_tip_and_file(opened, "nope", ".mailmap")
    assert (resolve_tip(opened, "HEAD"), blob_id(opened, head, ".mailmap")) == (head, blob)


def test_tip_and_file_of_a_shallow_clone_is_an_error(tmp_path: Path) -> None:
    clone = shallow_clone(two_commits(tmp_path / "core"), tmp_path / "clone")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    with pytest.raises(HistoryError, match=r"^shallow clone: "):
        resolve_tip_and_file(open_repo(clone, scratch), "HEAD", ".mailmap")


def test_reading_an_ordinary_repository_does_not_import_gitpython(tmp_path: Path) -> None:
    """git is started directly (importing GitPython cost a cold read about 0.1 s of CPU); GitPython
    only opens what `plain_git_dir` does not recognise, such as a linked work tree."""
    repo = two_commits(tmp_path / "core")
    linked = tmp_path / "linked"
    git(repo, "worktree", "add", "--quiet", str(linked))
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from deckgen.history import read_history\n"
        "from tests.gitrepos import make_outline\n"
        "for path in sys.argv[1:]:\n"
        "    (repo,) = read_history(make_outline({'core': [Path(path)]}), use_cache=False).repos\n"
        "    print(len(repo.commits), 'git' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", code, str(repo), str(linked)],
        capture_output=True, text=True, check=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert done.stdout.split("\n") == ["2 False", "2 True", ""]
