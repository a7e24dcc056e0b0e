"""Answer "is this repository as it was?" from its files, without starting git.

Checking a cached history costs four or five git calls per repository (shallow? the tip, the
`.mailmap` blob at the tip, its presence, the tags): about 0.3 s for 45 repositories, a quarter
of an unchanged rebuild. Every answer depends only on the refs and on objects, and objects never
change once written. So `fingerprint` digests what git reads the refs from (`HEAD`,
`packed-refs`, every loose ref under `refs/`, `config`, whether `shallow` exists) together with
the `rev` asked for; while that digest is the one recorded with git's answers (`Recorded`, kept
beside the repository's cached histories), the answers still hold.

Anything unusual gives no fingerprint and git is asked as before: a linked work tree or a
`.git` file (`commondir`, `gitdir:`), the reftable ref format, a config with `include`s, a
shallow clone, a symbolic ref other than `HEAD`, a `rev` that may be an abbreviated hash (a new
object can make it ambiguous) or reads the reflog (`main@{yesterday}`) or a path (`:/fix`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from deckgen.cachedir import write_entry

MEMO = "refs.json"
_HEXISH = re.compile(r"[0-9a-fA-F]{4,}")


def plain_git_dir(path: Path) -> Path | None:
    """Return the git folder of `path` when it is an ordinary one (`path/.git` or a bare
    repository); None for anything else (a `.git` file, a linked work tree)."""
    dot_git = path / ".git"
    if dot_git.is_dir() and not dot_git.is_symlink():
        git_dir = dot_git
    elif not dot_git.exists() and (path / "HEAD").is_file() and (path / "objects").is_dir():
        git_dir = path
    else:
        return None
    if (git_dir / "commondir").exists() or (git_dir / "reftable").exists():
        return None
    return git_dir


def fingerprint(git_dir: Path, rev: str) -> str | None:
    """Return a digest of the files git resolves `rev` and lists tags from; None when the
    repository or `rev` is unusual (see the module's docstring)."""
    if rev.startswith("-") or "@{" in rev or ":" in rev:
        return None  # reflogs and dates, paths and searches: git's to answer
    if _HEXISH.fullmatch(rev) and len(rev) not in (40, 64):
        return None
    folder = str(git_dir)
    if os.path.exists(os.path.join(folder, "shallow")):
        return None
    digest = hashlib.sha256(b"deckgen-refs 1\0" + rev.encode() + b"\0")
    try:
        head = _read(os.path.join(folder, "HEAD"))
        config = _read(os.path.join(folder, "config"))
    except OSError:
        return None
    if any(word in config.lower() for word in (b"reftable", b"refstorage", b"include")):
        return None
    if not (head.startswith(b"ref: refs/heads/") or re.fullmatch(rb"[0-9a-f]{40,64}\n?", head)):
        return None
    digest.update(b"HEAD\0" + head + b"\0config\0" + config + b"\0")
    with suppress(FileNotFoundError):
        digest.update(b"packed-refs\0" + _read(os.path.join(folder, "packed-refs")) + b"\0")
    try:
        if not _digest_refs(digest, os.path.join(folder, "refs"), ""):
            return None
    except OSError:
        return None  # a folder or ref that cannot be read: git's to answer
    return digest.hexdigest()


def _digest_refs(digest: hashlib._Hash, folder: str, prefix: str) -> bool:
    """Add every loose ref under `folder` to `digest`, as `os.walk` visits them (a folder's
    files by name, then its folders by name, not following links): its path after `prefix`
    and its content. Return False at a symbolic ref (besides HEAD: let git follow it).

    `os.scandir` and plain paths, not `os.walk` and `pathlib`: a fifth of the time, which an
    unchanged `deckgen metrics` of 45 repositories spends on every one of them."""
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    folders = []
    for entry in entries:
        if entry.is_dir():
            folders.append(entry)
            continue
        content = _read(entry.path)
        if content.startswith(b"ref:"):
            return False
        digest.update(f"{prefix}{entry.name}".encode() + b"\0" + content + b"\0")
    return all(
        _digest_refs(digest, entry.path, f"{prefix}{entry.name}{os.sep}")
        for entry in folders
        if not entry.is_symlink()
    )


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


@dataclass(frozen=True)
class Recorded:
    """git's answers for a repository whose refs had `fingerprint`."""

    fingerprint: str
    head: str
    mailmap: str | None
    """The object id of the `.mailmap` at `head` (present in the repository), or None."""
    tags: str | None
    """The output of `for-each-ref` over `refs/tags` (`releases.TAG_FORMAT`); None when the
    tags were not listed (releases found by subject)."""


def recall(folder: Path, fingerprint: str) -> Recorded | None:
    """Return the answers recorded in `folder` when they were given for `fingerprint`."""
    try:
        fields = json.loads((folder / MEMO).read_bytes())
        found = Recorded(
            str(fields["fingerprint"]),
            str(fields["head"]),
            None if fields["mailmap"] is None else str(fields["mailmap"]),
            None if fields["tags"] is None else str(fields["tags"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return found if found.fingerprint == fingerprint else None


def remember(folder: Path, recorded: Recorded) -> None:
    """Record git's answers in `folder`; a folder that cannot be written is no error."""
    data = json.dumps(asdict(recorded)).encode()
    with suppress(OSError):
        write_entry(folder / MEMO, lambda out: out.write(data))
