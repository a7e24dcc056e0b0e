"""Run git read-only against one repository.

Every command runs with `GIT_DIR` pointing at the repository and, as working folder and work
tree, an empty scratch folder: so a work tree's checked-out (possibly edited) `.mailmap` is never
read, only the one committed at the analysed revision, and bare repositories behave the same.
`GIT_OPTIONAL_LOCKS=0` keeps git from refreshing the index: the measured repository is never
written to.

A repository deckgen did not create may carry a hostile `.git/config`: `SAFE_CONFIG` overrides
the settings that make the commands below run a program, and git gets no terminal to page to.
A partial clone fetches the objects it lacks when they are read, with programs its config names
(a remote's `uploadpack`, `core.sshCommand`, a credential helper): so git may use no transport
at all in a repository on disk; only deckgen's own clones of `url:` repositories fetch, with the
environment of `remote.remote_env`. tests/robustness/test_protections.py tries each of these.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from deckgen.errors import HistoryError
from deckgen.history.refstate import plain_git_dir
from deckgen.history.remote import remote_env
from deckgen.outline.checks import NOT_A_REPOSITORY, repository_problem

# git is started with `subprocess`, as GitPython's `Git.execute` started it (the same
# environment, folder and pipes, git's messages in English): importing GitPython cost a cold
# read about 0.1 s of CPU (and two `git version` runs), more than a fifth of git's own work on
# 45 small repositories. GitPython is imported only to open a repository `plain_git_dir` does not
# recognise (a `.git` file, a linked work tree).

READ_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_ASKPASS": "",
    "GIT_ALLOW_PROTOCOL": "",
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_GRAFT_FILE": os.devnull,
}
"""`GIT_ALLOW_PROTOCOL` empty: no transport, so a repository on disk never fetches a thing.
`GIT_NO_REPLACE_OBJECTS`, `GIT_GRAFT_FILE`: the history as committed, not as local grafts
(`git replace --graft`, the older `info/grafts`) show it;
replace refs are not cloned by default, so honouring them would give each clone its own numbers
(and two repositories could share a commit without sharing its root, which the metrics rely on)."""

SAFE_CONFIG = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "protocol.ext.allow=never",
    "log.showSignature=false",
)
"""Set on every git call: a measured repository's own config must not make git run programs."""


LEAN_CONFIG = ("core.packedGitWindowSize=1m", "core.packedGitLimit=4m")
"""Map a pack file in small windows: git's defaults (1 GiB windows) let `git log` over a million
commits hold 300 MB, a third of it mapped pack pages; with 16m windows and a 64m limit, 201 MB;
with 4m and 16m, 176 MB in the same CPU time (6.2 s either way); with these, 172 MB."""


def safe_options(config: Sequence[str] = ()) -> list[str]:
    """Return the options every git call on a repository starts with: no pager, `SAFE_CONFIG`,
    `LEAN_CONFIG`, then `config`. (Run with `READ_ENV` in the environment.)"""
    settings = (*SAFE_CONFIG, *LEAN_CONFIG, *config)
    return ["--no-pager", *(part for item in settings for part in ("-c", item))]


CHUNK = 1 << 18
"""Bytes read from git's output at a time: each is split into a list of fields while git is
still running, so a smaller piece keeps deckgen's share of the peak (deckgen and git together,
at the end of a long log) smaller; 256 KiB instead of 1 MiB took about 4 MB off it."""
PIPE_SIZE = 1 << 20
"""Bytes git may write ahead of deckgen (kernel memory, in neither process)."""
STREAM_ENV = {"GIT_FLUSH": "0"}
"""Set on a streamed `git log`: into a pipe, git flushes its output after every commit, so a log
of 100,000 commits is 100,000 small writes, each waking the reading thread for one record (0.6
CPU-seconds of deckgen's and 0.35 of git's for the changes log, 0.2 and 0.15 for the main log).
With it, git fills its buffer first; only a command that waits for an answer needs the flush,
and a streamed command reads nothing."""


def shallow_message(path: Path) -> str:
    """Return the error shown for a shallow clone, with the ways to fix it."""
    return (
        f"shallow clone: {path} has only part of its history, so its numbers would be wrong; "
        f"fetch the whole history with `git -C {path} fetch --unshallow` "
        "(GitHub Actions: `fetch-depth: 0` in actions/checkout; GitLab CI: `GIT_DEPTH: 0`)"
    )


@dataclass(frozen=True)
class RepoGit:
    """A repository opened for reading: where its git folder is, and how to run git on it."""

    path: Path
    git_dir: Path
    scratch: Path
    label: str = ""
    """How messages name the repository (a remote's redacted URL); default: its path."""
    fetch_env: tuple[tuple[str, str], ...] = ()
    """Only for deckgen's own clone of a `url:` repository: the environment git fetches the
    objects the partial clone left out with. Empty for a repository on disk: it never fetches."""

    @property
    def where(self) -> str:
        """Return the repository's name in messages."""
        return self.label or str(self.path)

    def _env(self) -> dict[str, str]:
        located = {"GIT_DIR": str(self.git_dir), "GIT_WORK_TREE": str(self.scratch)}
        return {**READ_ENV, **dict(self.fetch_env), **located}

    def _command(self, args: Sequence[str], config: Sequence[str]) -> list[str]:
        return ["git", *safe_options(config), *args]

    def run(self, *args: str, config: Sequence[str] = (), check: bool = True) -> str | None:
        """Return the output of `git ARGS`; None when it fails and `check` is false."""
        return self.start(*args, config=config).result(check=check)

    def start(self, *args: str, config: Sequence[str] = ()) -> Pending:
        """Start `git ARGS` and return at once: its answer is asked for later (`Pending`)."""
        proc = spawn(self._command(args, config), self._env(), self.scratch)
        return Pending(self, args[0], proc)

    @contextmanager
    def stream(self, *args: str, config: Sequence[str] = ()) -> Iterator[Iterator[bytes]]:
        """Yield the output of `git ARGS` in chunks; raise HistoryError when git fails."""
        popen = spawn(self._command(args, config), {**self._env(), **STREAM_ENV}, self.scratch)
        stdout = cast(IO[bytes], popen.stdout)
        stderr = cast(IO[bytes], popen.stderr)
        _widen_pipe(stdout)
        done = False
        try:
            yield iter(lambda: stdout.read(CHUNK), b"")
            done = True
        finally:
            if not done and popen.poll() is None:
                popen.kill()
            status = popen.wait()
            err = stderr.read() if status else b""
            stdout.close()
            stderr.close()
            if status and done:
                raise HistoryError(f"git {args[0]} failed in {self.where}: {_stderr(err, status)}")


@dataclass(frozen=True)
class Pending:
    """A git command that runs while the caller does something else (another git command):
    `result` waits for its answer, `close` (always called) ends it when it was not asked."""

    repo: RepoGit
    name: str
    proc: subprocess.Popen[bytes]

    def result(self, *, check: bool = True) -> str | None:
        """Return the command's output, as `RepoGit.run` does."""
        out, err = self.proc.communicate()
        if self.proc.returncode:
            if not check:
                return None
            message = _stderr(err.removesuffix(b"\n"), self.proc.returncode)
            raise HistoryError(f"git {self.name} failed in {self.repo.where}: {message}")
        return os.fsdecode(out)

    def close(self) -> None:
        """End the command if its answer was not asked for (an error came first)."""
        if self.proc.returncode is None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.communicate()


def spawn(command: list[str], env: Mapping[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    """Start `command` in `cwd` with `env` over this process's environment, its output and
    messages piped; git speaks English (`LC_ALL=C`), so the messages deckgen shows are git's."""
    return subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, "LANGUAGE": "C", "LC_ALL": "C", **env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _widen_pipe(pipe: IO[bytes]) -> None:
    """Let git run ahead while a chunk is parsed (Linux pipes hold only 64 KiB by default)."""
    if sys.platform == "linux":
        import fcntl

        with suppress(OSError):
            fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_SIZE)


def _stderr(err: bytes, status: int) -> str:
    """Return git's message as deckgen shows it (quotes and white space around it dropped)."""
    text = f"'{os.fsdecode(err)}'".strip("'").strip() if err else ""
    return text or f"exit status {status}"


def open_repo(path: Path, scratch: Path, label: str = "", *, own_clone: bool = False) -> RepoGit:
    """Return `path` opened for reading; HistoryError when it is missing or not a repository.

    `own_clone` marks deckgen's own clone of a `url:` repository, the only kind allowed to fetch
    the objects a partial clone left out.
    """
    why = repository_problem(path)
    if why is not None:
        raise HistoryError(why)
    git_dir = _ordinary_git_dir(path)
    if git_dir is None:
        import git
        from git.exc import InvalidGitRepositoryError, NoSuchPathError

        try:
            repo = git.Repo(path)
        except (InvalidGitRepositoryError, NoSuchPathError) as exc:
            raise HistoryError(NOT_A_REPOSITORY.format(path)) from exc
        try:
            git_dir = Path(repo.git_dir)
        finally:
            repo.close()
    fetch_env = tuple(remote_env(scratch).items()) if own_clone else ()
    return RepoGit(path=path, git_dir=git_dir, scratch=scratch, label=label, fetch_env=fetch_env)


def _ordinary_git_dir(path: Path) -> Path | None:
    """Return the git folder GitPython's `Repo(path).git_dir` names, without GitPython, for an
    ordinary repository (`plain_git_dir`) that GitPython would open (`HEAD`, `objects`,
    `refs`); None for anything else, which GitPython is asked about."""
    text = str(path)
    if "$" in text or text.startswith("~"):
        return None  # GitPython expands variables and ~ in a path
    found = plain_git_dir(path)
    if found is None or "GIT_DIR" in os.environ or "GIT_COMMON_DIR" in os.environ:
        return None
    if not ((found / "HEAD").is_file() and (found / "objects").is_dir()):
        return None
    if not (found / "refs").is_dir():
        return None
    return Path(os.path.normpath(os.path.abspath(found)))


def resolve(repo: RepoGit, rev: str) -> str | None:
    """Return the commit `rev` names; None for the unborn branch of an empty repository."""
    found = None
    if not rev.startswith("-"):
        found = repo.run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False)
    if found:
        return found.strip()
    if _is_empty(repo) and rev in _unborn_names(repo):
        return None
    raise HistoryError(
        f"unknown revision '{rev}' in {repo.where}; `rev` must name a branch, tag or commit "
        "of that repository (git branch -a; git tag)"
    )


def resolve_tip(repo: RepoGit, rev: str) -> str | None:
    """`check_not_shallow`, then `resolve`, in one git call when `rev` names a commit."""
    if not rev.startswith("-"):
        args = ("--is-shallow-repository", "--verify", "--quiet", f"{rev}^{{commit}}")
        out = repo.run("rev-parse", *args, check=False)
        shallow, _, found = (out or "").partition("\n")
        if shallow.strip() == "true":
            raise HistoryError(shallow_message(repo.path))
        if out is not None and found.strip():
            return found.strip()
    check_not_shallow(repo)  # an unknown revision, an empty repository: say which
    return resolve(repo, rev)


def resolve_tip_and_file(repo: RepoGit, rev: str, path: str) -> tuple[str | None, str | None]:
    """`resolve_tip`, and the object id of the file `path` at that commit (`blob_id`): on a cold
    read, one git process where they took two (`--revs-only` drops a file that is not there).

    Anything else (an unknown revision, an empty repository) is answered by the two calls, with
    their messages."""
    if not rev.startswith("-"):
        commit = f"{rev}^{{commit}}"
        args = ("--revs-only", "--is-shallow-repository", commit, f"{commit}:{path}")
        out = repo.run("rev-parse", *args, check=False)
        lines = (out or "").split()
        if lines[:1] == ["true"]:
            raise HistoryError(shallow_message(repo.path))
        if len(lines) in (2, 3):
            return lines[1], lines[2] if len(lines) == 3 else None
    head = resolve_tip(repo, rev)
    return head, None if head is None else blob_id(repo, head, path)


def _is_empty(repo: RepoGit) -> bool:
    return not (repo.run("for-each-ref", "--count=1", "--format=%(refname)") or "").strip()


def _unborn_names(repo: RepoGit) -> set[str]:
    target = (repo.run("symbolic-ref", "--quiet", "HEAD", check=False) or "").strip()
    return {"HEAD", target, target.removeprefix("refs/heads/")} - {""}


def check_not_shallow(repo: RepoGit) -> None:
    """Raise HistoryError when `repo` is a shallow clone: its counts would silently be wrong."""
    answer = repo.run("rev-parse", "--is-shallow-repository") or ""
    if answer.strip() == "true":
        raise HistoryError(shallow_message(repo.path))


def is_ancestor(repo: RepoGit, old: str, new: str) -> bool:
    """Return whether commit `old` is an ancestor of (or is) `new`; False when `old` is unknown."""
    return repo.run("merge-base", "--is-ancestor", old, new, check=False) is not None


def blob_id(repo: RepoGit, head: str, path: str) -> str | None:
    """Return the object id of the file `path` at commit `head`; None when it has none."""
    found = repo.run("rev-parse", "--verify", "--quiet", f"{head}:{path}", check=False)
    return found.strip() if found else None
