"""The cache: generate a demo project once, into its folder, and reuse it from then on.

Generating takes seconds, and `deckgen demo` may run in several processes at once or be killed
half-way, so a project is written into a temporary folder beside its final one and renamed into
place when complete. The manifest, written last, marks it complete: a folder without one is
generated again, and temporary folders left by a crash are removed once they are an hour old.
The folder is named after `DEMO_VERSION` and the as-of date, so a changed generator never
reuses an old project.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from contextlib import suppress
from datetime import date
from pathlib import Path

from deckgen.cachedir import DEMO_MANIFEST
from deckgen.demo.orbit import DEMO_VERSION, REPOS
from deckgen.demo.simulation import simulate
from deckgen.demo.writer import write_repo
from deckgen.errors import DeckgenError
from deckgen.output import STALE_AFTER, remove_stale

EARLIEST_AS_OF = date(2016, 1, 1)
"""The demo needs a year of monthly releases before the as-of year."""

MANIFEST = DEMO_MANIFEST

KEEP_PROJECTS = 3
"""How many demo projects (one per as-of date, some 30 MB each) the cache keeps: the most
recently used; generating another deletes the least recently used beyond these."""


def ensure_demo_project(cache_dir: Path, as_of: date) -> Path:
    """Return the demo project for `as_of` under `cache_dir`, generating it when not there yet."""
    if as_of < EARLIEST_AS_OF:
        raise DeckgenError(
            f"the demo project needs an as-of date from {EARLIEST_AS_OF.isoformat()} on, "
            f"got {as_of.isoformat()}"
        )
    final = cache_dir / f"orbit-v{DEMO_VERSION}-{as_of.isoformat()}"
    if _is_complete(final, as_of):
        with suppress(OSError):  # used now: kept longest
            os.utime(final / MANIFEST)
        return final
    if shutil.which("git") is None:
        raise DeckgenError("git is not installed: the demo project is written with git fast-import")
    try:
        _generate_into(final, as_of)
    except OSError as exc:
        raise DeckgenError(
            f"cannot write the demo project into {cache_dir}: {exc.strerror or exc}"
        ) from None
    forget_old_projects(cache_dir, keep=KEEP_PROJECTS)
    return final


def forget_old_projects(cache_dir: Path, *, keep: int) -> list[Path]:
    """Delete the demo projects in `cache_dir` beyond the `keep` most recently used, except those
    used within the last hour (another build may be reading one); return the deleted ones."""
    projects = []
    for folder in cache_dir.glob("orbit-v*"):
        with suppress(OSError):
            projects.append((folder.joinpath(MANIFEST).stat().st_mtime, folder))
    limit = time.time() - STALE_AFTER
    deleted = []
    for used, folder in sorted(projects, reverse=True)[keep:]:
        if used < limit:
            shutil.rmtree(folder, ignore_errors=True)
            deleted.append(folder)
    return deleted


def _generate_into(final: Path, as_of: date) -> None:
    """Generate the project in a temporary folder next to `final`, then rename it into place."""
    final.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(final.parent, ".orbit-v*.tmp", folders=True)  # what a killed generation left
    temp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent))
    try:
        _generate(temp, as_of)
        if _is_complete(final, as_of):  # another process finished first: keep theirs
            return
        if final.exists():  # incomplete, e.g. damaged by hand: we only ever rename complete ones
            shutil.rmtree(final)
        try:
            os.rename(temp, final)
        except OSError:
            if not _is_complete(final, as_of):  # unless another process just won the race
                raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _is_complete(folder: Path, as_of: date) -> bool:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(manifest, dict)
        and manifest.get("version") == DEMO_VERSION
        and manifest.get("as_of") == as_of.isoformat()
        and all((folder / repo / "HEAD").is_file() for repo in manifest.get("repos", ()))
    )


def _generate(folder: Path, as_of: date) -> None:
    """Write every repository of the demo project for `as_of` into `folder`, manifest last."""
    histories = simulate(as_of)
    for repo in REPOS:
        write_repo(folder / repo, histories[repo])
    manifest = {"version": DEMO_VERSION, "as_of": as_of.isoformat(), "repos": list(REPOS)}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
