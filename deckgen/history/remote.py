"""Remote repositories (`url:` in the outline): a bare treeless clone in the cache, kept current.

A URL is cloned once, into a temporary folder renamed into place, as
`<cache>/repos/<sha256(url)[:16]>-<name>.git` with `--filter=tree:0`: `git log` needs commits
only, and the few trees and blobs read later (the `.mailmap`, release notes) are fetched on demand.
On later runs `git ls-remote` lists the remote's branches and tags; only when that list differs
from the one stored in the clone is it fetched (branches and tags mirrored, deleted ones pruned).
When the remote cannot be reached, the clone fetched before is used, with a warning.

Credentials come from the user's git configuration (credential helpers, `insteadOf`, ssh keys),
never from the outline: a URL carrying a password is refused. Only https, ssh, git and file URLs
are allowed, in deckgen's checks and in git's (`GIT_ALLOW_PROTOCOL`), and every message shows
URLs with their user part redacted. git never prompts: not for a password (`GIT_TERMINAL_PROMPT`),
nor, through ssh, for a passphrase or an unknown host key (`batch_ssh`). It runs in the cache
folder, outside any repository, so the configuration of the repository deckgen was started in
(its `core.sshCommand`, say) plays no part.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from deckgen.cachedir import write_entry
from deckgen.errors import HistoryError

SCHEMES = ("https", "ssh", "git+ssh", "ssh+git", "git", "file")
STATE_FILE = "deckgen-remote-refs"
"""Where a clone keeps the `ls-remote` output it was last brought up to date with."""
REFSPECS = ("+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*")

PROTOCOLS = "https:ssh:git:file"
"""The transports git may use (`GIT_ALLOW_PROTOCOL`), as `check_url` allows them."""
SSH_BATCH = "ssh -o BatchMode=yes"
"""How git runs ssh unless the user chose otherwise: it fails instead of asking on the terminal."""
BATCH_HINT = (
    "; ssh runs in batch mode, without asking for a passphrase or to accept a new host key: "
    "add the key to ssh-agent and the host to ~/.ssh/known_hosts, or set GIT_SSH_COMMAND"
)
_USER_SSH_VARIABLES = ("GIT_SSH_COMMAND", "GIT_SSH", "GIT_SSH_VARIANT")
_USER_SSH_SETTINGS = r"^(core\.sshcommand|ssh\.variant)$"
_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ALLOW_PROTOCOL": PROTOCOLS,
    "GIT_PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",
}
_LOCATING = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")
"""Variables a calling git hook may have set that would point git at another repository."""
_USERINFO = re.compile(r"(?<=://)[^/@\s]*@")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_SCP = re.compile(r"^(?:[^/@:\s]+@)?[^/:\s]+:")


def redact(text: str) -> str:
    """Return `text` with the user part of every URL in it shown as `***`."""
    return _USERINFO.sub("***@", text)


def check_url(url: str) -> None:
    """Raise HistoryError unless `url` is an https, ssh, git or file URL without a password."""
    shown = redact(url)
    if url.startswith("-"):
        raise HistoryError(f"refused repository URL '{shown}': a URL cannot start with '-'")
    found = _SCHEME.match(url)
    if found is None and "::" in url:
        raise HistoryError(
            f"refused repository URL '{shown}': git transports such as ext:: are not allowed; "
            "use an https, ssh, git or file URL"
        )
    if found is None:
        if _SCP.match(url) and not re.match(r"^[A-Za-z]:[\\/]", url):
            return  # scp-like ssh: [user@]host:path
        raise HistoryError(
            f"refused repository URL '{shown}': not a URL; use `path:` for a repository on disk, "
            "or a file:// URL"
        )
    if found.group(1).lower() not in SCHEMES:
        raise HistoryError(
            f"refused repository URL '{shown}': only https, ssh, git and file URLs are allowed"
        )
    userinfo = url[found.end() :].split("/", 1)[0].rpartition("@")[0]
    if ":" in userinfo:
        raise HistoryError(
            f"refused repository URL '{shown}': it carries a password; remove it and let git "
            "find the credentials (a credential helper, ~/.netrc or an ssh key)"
        )


def clone_folder(cache: Path, url: str) -> Path:
    """Return where the clone of `url` lives under the cache folder `cache`."""
    digest = hashlib.sha256(url.encode()).hexdigest()[:16]
    tail = re.split(r"[/:]", url.rstrip("/"))[-1].removesuffix(".git")
    name = re.sub(r"[^A-Za-z0-9._-]", "_", tail).lstrip(".") or "repo"
    return cache / "repos" / f"{digest}-{name}.git"


@dataclass(frozen=True)
class Clone:
    """A remote repository's clone, ready to be read, and what the user should know about it."""

    path: Path
    warnings: tuple[str, ...] = ()


def ensure_clone(url: str, cache: Path) -> Clone:
    """Return the clone of `url` in `cache`, cloned or fetched when the remote has moved."""
    check_url(url)
    folder = clone_folder(cache, url)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _locked(folder.with_name(folder.name + ".lock")):
        cloned = (folder / "HEAD").is_file()
        try:
            refs = _git(["ls-remote", "--heads", "--tags", "--", url], url, "reach", folder.parent)
        except HistoryError as exc:
            if not cloned:
                raise
            return Clone(folder, (f"{exc}; using the copy fetched before",))
        state = folder / STATE_FILE
        if not cloned:
            shutil.rmtree(folder, ignore_errors=True)  # what a killed run may have left
            _clone(url, folder)
        elif _read(state) != refs:
            fetch = ["fetch", "--quiet", "--prune", "--end-of-options", "origin", *REFSPECS]
            _git(["-C", str(folder), *fetch], url, "fetch", folder.parent)
        else:
            return Clone(folder)
        write_entry(state, lambda out: out.write(refs.encode()))
    return Clone(folder)


def _clone(url: str, folder: Path) -> None:
    temp = Path(tempfile.mkdtemp(prefix=".clone-", dir=folder.parent))
    try:
        target = temp / "repo.git"
        _git(
            ["clone", "--bare", "--filter=tree:0", "--quiet", "--", url, str(target)],
            url,
            "clone",
            folder.parent,
        )
        os.replace(target, folder)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def remote_env(where: Path) -> dict[str, str]:
    """Return the variables git talks to a remote with: four protocols, no prompts of any kind."""
    return {**_ENV, **batch_ssh(where)}


def batch_ssh(where: Path) -> dict[str, str]:
    """Return `GIT_SSH_COMMAND=ssh -o BatchMode=yes`, unless the user chose how git runs ssh.

    `GIT_TERMINAL_PROMPT=0` stops git's own prompts, but ssh asks on the terminal itself (a key's
    passphrase, an unknown host key) and the build would wait forever; in batch mode ssh fails at
    once and git says why. A choice of the user's own (GIT_SSH_COMMAND, GIT_SSH, GIT_SSH_VARIANT,
    core.sshCommand or ssh.variant in their git configuration) is kept as it is: it may not be
    OpenSSH at all (plink, a wrapper script), and the user answers for its prompts. `where` is a
    folder outside any repository, so only the user's own configuration is read.
    """
    if any(name in os.environ for name in _USER_SSH_VARIABLES):
        return {}
    try:
        done = subprocess.run(
            ["git", "config", "--get-regexp", _USER_SSH_SETTINGS],
            cwd=where,
            env=_outside_repositories(where),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except OSError:
        return {}  # the git command that follows reports it
    return {} if done.stdout.strip() else {"GIT_SSH_COMMAND": SSH_BATCH}


def _outside_repositories(where: Path) -> dict[str, str]:
    """Return the environment with git's repository discovery stopped at `where`."""
    env = {k: v for k, v in os.environ.items() if k not in _LOCATING}
    env["GIT_CEILING_DIRECTORIES"] = str(where.resolve().parent)
    return env


def _git(args: Sequence[str], url: str, doing: str, where: Path) -> str:
    """Return the output of `git ARGS` run in `where`; HistoryError naming the (redacted) URL
    when it fails."""
    env = _outside_repositories(where) | remote_env(where)
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=where,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise HistoryError(f"cannot run git: {exc}") from exc
    if done.returncode:
        why = _why(done.stderr, done.returncode)
        if env.get("GIT_SSH_COMMAND") == SSH_BATCH and _is_ssh(url):
            why += BATCH_HINT
        raise HistoryError(f"cannot {doing} {redact(url)}: {why}")
    return done.stdout.decode("utf-8", "replace")


def _why(stderr: bytes, status: int) -> str:
    """Return git's first error, with what ssh said before it (`Host key verification failed.`)."""
    text = stderr.decode("utf-8", "replace").strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [n for n, line in enumerate(lines) if line.startswith(("fatal:", "error:"))]
    if not errors:
        return redact(" ".join(lines[-1:])) or f"exit status {status}"
    why = lines[errors[0]].partition(":")[2].strip()
    said = [line for line in lines[: errors[0]] if not line.startswith(("warning:", "hint:"))]
    if said:
        why += f" ({' '.join(said)})"
    return redact(why) or f"exit status {status}"


def _is_ssh(url: str) -> bool:
    found = _SCHEME.match(url)
    if found is None:
        return _SCP.match(url) is not None
    return found.group(1).lower() in ("ssh", "git+ssh", "ssh+git")


def _read(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except OSError:
        return None


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created when missing): one process updates a clone."""
    try:
        import fcntl
    except ImportError:  # Windows: git's own ref locks are the only guard
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
