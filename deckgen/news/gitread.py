"""Read release notes and tag messages from a repository's object store, never its work tree.

The news of a period are those committed at the analysed revision: a checked-out (possibly edited
or half-merged) NEWS file must not leak into a deck, and bare repositories work the same way.
Git runs read-only, as in the history stage: no prompts, no optional locks, no program named by
the repository's own config.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final

from deckgen.history.gitcmd import READ_ENV, safe_options
from deckgen.history.remote import remote_env
from deckgen.news.model import NewsError
from deckgen.news.tags import TagMessage

_LOCATION_VARIABLES: Final = frozenset(
    (
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_COMMON_DIR",
        "GIT_NAMESPACE",
    )
)


def _git(repo: Path, *args: str, own_clone: bool) -> subprocess.CompletedProcess[bytes]:
    """Run git on exactly `repo` (no inherited GIT_DIR, no search upwards for a parent repo),
    with the history stage's protections against a hostile repository config.

    Only deckgen's own clone of a `url:` repository (`own_clone`) may fetch the objects its
    partial clone left out; a repository on disk gets no transport at all.
    """
    env = {k: v for k, v in os.environ.items() if k not in _LOCATION_VARIABLES} | READ_ENV
    if own_clone:
        env |= remote_env(repo.resolve().parent)
    env["GIT_CEILING_DIRECTORIES"] = str(repo.resolve().parent)
    try:
        return subprocess.run(
            ["git", *safe_options(), "-C", str(repo), *args],
            capture_output=True,
            env=env,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError as exc:  # pragma: no cover - git is a requirement of deckgen
        raise NewsError("git is not installed (needed to read release notes)") from exc


def _commit(repo: Path, rev: str, reading: str, own_clone: bool) -> str:
    """Return the commit `rev` names in `repo`; NewsError when it names none."""
    if not repo.is_dir():
        raise NewsError(f"repository not found: {repo} (reading {reading})")
    verify = ("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    done = _git(repo, *verify, own_clone=own_clone)
    if done.returncode:
        probe = _git(repo, "rev-parse", "--git-dir", own_clone=own_clone)
        if probe.returncode:
            raise NewsError(f"not a git repository: {repo} (reading {reading})")
        raise NewsError(f"unknown revision '{rev}' in {repo} (reading {reading})")
    return done.stdout.decode().strip()


def read_news_file(repo_path: Path, rev: str, path: str, *, own_clone: bool = False) -> str:
    """Return the text of `path` as committed at `rev` in `repo_path` (UTF-8, BOM dropped).

    `own_clone`: `repo_path` is deckgen's clone of a `url:` repository (see `_git`).
    """
    reading = f"news file '{path}'"
    commit = _commit(repo_path, rev, reading, own_clone)
    spec = f"{commit}:{path.removeprefix('./')}"
    kind = _git(repo_path, "cat-file", "-t", spec, own_clone=own_clone)
    if kind.returncode:
        raise NewsError(f"news file '{path}' not found at revision '{rev}' in {repo_path}")
    if kind.stdout.strip() != b"blob":
        raise NewsError(f"news file '{path}' is a folder at revision '{rev}' in {repo_path}")
    shown = _git(repo_path, "show", "--end-of-options", spec, own_clone=own_clone)
    if shown.returncode:  # pragma: no cover - the object was just found
        detail = shown.stderr.decode(errors="replace").strip()
        raise NewsError(
            f"cannot read news file '{path}' at revision '{rev}' in {repo_path}: {detail}"
        )
    try:
        return shown.stdout.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NewsError(
            f"news file '{path}' at revision '{rev}' in {repo_path} is not UTF-8 text "
            f"(byte 0x{shown.stdout[exc.start]:02x} at offset {exc.start})"
        ) from None


_SEP: Final = "\x1f"
_END: Final = "\x1e"


def read_tag_messages(
    repo_path: Path, rev: str = "HEAD", *, own_clone: bool = False
) -> list[TagMessage]:
    """Return (name, date, message) of the annotated tags reachable from `rev`, newest first.

    Lightweight tags have no message of their own and are skipped; the date is the tagger's
    calendar day.
    """
    _commit(repo_path, rev, "tag messages", own_clone)
    fmt = _SEP.join(("%(objecttype)", "%(refname:strip=2)", "%(taggerdate:short)", "%(contents)"))
    done = _git(
        repo_path,
        "for-each-ref",
        "--sort=-taggerdate",
        f"--format={fmt}{_END}",
        f"--merged={rev}",
        "refs/tags",
        own_clone=own_clone,
    )
    if done.returncode:  # pragma: no cover - the repository and revision were just checked
        detail = done.stderr.decode(errors="replace").strip()
        raise NewsError(f"cannot list tags in {repo_path}: {detail}")
    tags: list[TagMessage] = []
    for record in _records(done.stdout.decode("utf-8", errors="replace")):
        kind, name, day, message = record
        if kind == "tag":
            tags.append((name, date.fromisoformat(day) if day else None, message))
    return tags


def _records(out: str) -> list[list[str]]:
    records: list[list[str]] = []
    for chunk in out.split(_END):
        fields = chunk.lstrip("\n").split(_SEP, 3)
        if len(fields) == 4:
            records.append(fields)
    return records


def read_subjects(
    repo_path: Path, rev: str, since: date, until: date, *, own_clone: bool = False
) -> list[tuple[str, date]]:
    """Return (subject, author day in UTC) of the non-merge commits authored in since..until."""
    _commit(repo_path, rev, "commit subjects", own_clone)
    done = _git(
        repo_path,
        "log",
        "--no-merges",
        f"--format=%s{_SEP}%at{_END}",
        # committer date >= author date, so this only skips commits authored before `since`
        f"--since={since.isoformat()}T00:00:00Z",
        "--end-of-options",
        rev,
        own_clone=own_clone,
    )
    if done.returncode:  # pragma: no cover - the repository and revision were just checked
        detail = done.stderr.decode(errors="replace").strip()
        raise NewsError(f"cannot read commit subjects in {repo_path}: {detail}")
    subjects = []
    for chunk in done.stdout.decode("utf-8", errors="replace").split(_END):
        subject, sep, day = chunk.lstrip("\n").partition(_SEP)
        if sep:
            when = datetime.fromtimestamp(int(day.strip()), UTC).date()
            if since <= when <= until:
                subjects.append((subject, when))
    return subjects
