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
URLs with their user part redacted.
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

from deckgen.errors import HistoryError

SCHEMES = ("https", "ssh", "git+ssh", "ssh+git", "git", "file")
STATE_FILE = "deckgen-remote-refs"
"""Where a clone keeps the `ls-remote` output it was last brought up to date with."""
REFSPECS = ("+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*")

_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ALLOW_PROTOCOL": "https:ssh:git:file",
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
            refs = _git(["ls-remote", "--heads", "--tags", "--", url], url, "reach")
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
            _git(["-C", str(folder), *fetch], url, "fetch")
        else:
            return Clone(folder)
        _write_atomic(state, refs)
    return Clone(folder)


def _clone(url: str, folder: Path) -> None:
    temp = Path(tempfile.mkdtemp(prefix=".clone-", dir=folder.parent))
    try:
        target = temp / "repo.git"
        _git(
            ["clone", "--bare", "--filter=tree:0", "--quiet", "--", url, str(target)],
            url,
            "clone",
        )
        os.replace(target, folder)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _git(args: Sequence[str], url: str, doing: str) -> str:
    """Return the output of `git ARGS`; HistoryError naming the (redacted) URL when it fails."""
    env = {k: v for k, v in os.environ.items() if k not in _LOCATING} | _ENV
    try:
        done = subprocess.run(
            ["git", *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise HistoryError(f"cannot run git: {exc}") from exc
    if done.returncode:
        text = done.stderr.decode("utf-8", "replace").strip()
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        first = [line for line in lines if line.startswith(("fatal:", "error:"))]
        why = first[0].partition(":")[2].strip() if first else " ".join(lines[-1:])
        why = redact(why) or f"exit status {done.returncode}"
        raise HistoryError(f"cannot {doing} {redact(url)}: {why}")
    return done.stdout.decode("utf-8", "replace")


def _read(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except OSError:
        return None


def _write_atomic(path: Path, text: str) -> None:
    fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


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
