"""Where a folder's repository is, and who the user is: what `deckgen init` asks git.

Read-only, like every git call of deckgen: `git rev-parse` and `git config`, run in the folder the
user named without a terminal prompt. `rev-parse` runs with the user's own `GIT_*` variables set
aside (a stray `GIT_DIR` would point it at another repository); `config` keeps them, since they
may name the user's configuration (`GIT_CONFIG_GLOBAL`).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from deckgen.errors import DeckgenError

_GIT_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
"""Set on both commands: no prompt, and no refresh of the index (git is only read)."""


@dataclass(frozen=True)
class FoundRepository:
    """The repository a folder is in: a work tree's top level, or a bare one."""

    path: Path
    bare: bool

    @property
    def project(self) -> str:
        """The folder's name (without `.git`), shown with � where it is not UTF-8."""
        name = self.path.name.removesuffix(".git") or "project"
        return name.encode(errors="surrogateescape").decode(errors="replace")


def find_repository(directory: Path) -> FoundRepository:
    """Return the repository that `directory` is in (read-only: `git rev-parse`)."""
    if not directory.is_dir():
        raise DeckgenError(f"not a folder: {directory}")
    facts, why = _rev_parse(directory, "--is-bare-repository", "--is-inside-work-tree")
    if facts is None or len(facts) != 2:
        said = f" (git: {why})" if why and "not a git repository" not in why else ""
        raise DeckgenError(
            f"not a git repository: {directory}{said}\n  run deckgen init inside a repository, "
            "or name one: deckgen init PATH/TO/REPO"
        )
    bare, inside_work_tree = (fact == "true" for fact in facts)
    if inside_work_tree:
        top, _ = _rev_parse(directory, "--show-toplevel")
        if top:
            return FoundRepository(Path(top[0]).resolve(), bare=False)
    git_dir, _ = _rev_parse(directory, "--absolute-git-dir")
    if bare and git_dir:
        return FoundRepository(Path(git_dir[0]).resolve(), bare=True)
    if git_dir and Path(git_dir[0]).name == ".git":  # inside a work tree's .git folder
        return FoundRepository(Path(git_dir[0]).resolve().parent, bare=False)
    raise DeckgenError(
        f"{directory} is inside a git folder, not a work tree; run deckgen init in the "
        "repository's work tree"
    )


def user_name(directory: Path) -> str:
    """Return `git config user.name` for `directory`, or a placeholder to edit."""
    try:
        result = _git(directory, ("config", "user.name"), os.environ, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "Your Name"
    return result.stdout.decode(errors="replace").strip() or "Your Name"


def _rev_parse(directory: Path, *options: str) -> tuple[list[str] | None, str]:
    """Return the lines `git rev-parse OPTIONS` prints in `directory` (None when it fails), and
    the first line of what git said on failure."""
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        result = _git(directory, ("rev-parse", *options), env, timeout=30)
    except FileNotFoundError:
        raise DeckgenError(
            "git is not installed: deckgen init asks git where the repository is"
        ) from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, str(exc)
    if result.returncode == 0:  # paths as the file system has them, even if not UTF-8
        return os.fsdecode(result.stdout).splitlines(), ""
    said = result.stderr.decode(errors="replace").strip().splitlines()
    return None, next(iter(said), "")


def _git(
    directory: Path, args: Sequence[str], env: Mapping[str, str], *, timeout: float
) -> subprocess.CompletedProcess[bytes]:
    """Run `git -C directory ARGS` in `env`, without a prompt."""
    return subprocess.run(
        ["git", "-C", str(directory), *args],
        capture_output=True,
        check=False,
        timeout=timeout,
        env={**env, **_GIT_ENV},
    )
