"""Build fixture git repositories and outlines for tests, quickly and with fixed authors and dates.

Repositories are written with `deckgen.fastimport`; helpers here only add the common shapes
(a linear history, a shallow clone) and a minimal valid `Outline` pointing at them.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from deckgen.fastimport import FastImport, Person, git_time
from deckgen.metrics.model import Metrics
from deckgen.outline.schema import Outline

ALICE = Person("Alice Liddell", "alice@example.org")
BOB = Person("Bob Builder", "bob@example.org")
CAROL = Person("Carol Danvers", "carol@example.org")
DAVE = Person("Dave Grohl", "dave@example.org")
BOT_PERSON = Person("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")


def at(
    year: int, month: int = 1, day: int = 1, hour: int = 12, minute: int = 0, *, tz: float = 0
) -> datetime:
    """Return a timezone-aware datetime; `tz` is the offset from UTC in hours."""
    return datetime(year, month, day, hour, minute, tzinfo=timezone(timedelta(hours=tz)))


def utc(year: int, month: int = 1, day: int = 1, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


@dataclass(frozen=True)
class Change:
    """One commit of a linear fixture history (a merge when `merge_from` names a side branch)."""

    author: Person
    when: datetime
    message: str = "Change things"
    committed: datetime | None = None
    files: Mapping[str, str] = field(default_factory=dict)
    tag: str | None = None
    """Tag this commit: annotated when `tag_when` is set, else lightweight."""
    tag_when: datetime | None = None


def linear(changes: Iterable[Change | tuple[Person, datetime]]) -> list[Change]:
    return [c if isinstance(c, Change) else Change(*c) for c in changes]


def make_repo(
    path: Path,
    changes: Iterable[Change | tuple[Person, datetime]] = (),
    *,
    bare: bool = False,
    merges: Sequence[tuple[Person, datetime]] = (),
) -> Path:
    """Create `path` with a linear history of `changes`, then one merge per entry in `merges`.

    Each merge joins a one-commit side branch (authored by the merge's author, a minute earlier)
    into the main line, so the history has merge commits as well as the side commits.
    """
    with FastImport(path, bare=bare) as fi:
        tip = 0
        for n, change in enumerate(linear(changes)):
            files = dict(change.files) or {f"file{n % 7}.txt": f"{n}\n"}
            tip = fi.commit(
                author=change.author,
                when=change.when,
                message=change.message + "\n",
                files=files,
                committed=change.committed,
                parents=(tip,) if tip else (),
            )
            if change.tag:
                tagger = change.author if change.tag_when else None
                fi.tag(change.tag, tip, tagger=tagger, when=change.tag_when)
        for n, (author, when) in enumerate(merges):
            side = fi.commit(
                author=author,
                when=when - timedelta(minutes=1),
                message="Side change\n",
                files={f"side{n}.txt": "x\n"},
                parents=(tip,),
                ref=f"side{n}",
            )
            tip = fi.commit(
                author=author,
                when=when,
                message=f"Merge branch 'side{n}'\n",
                parents=(tip, side),
            )
    return path


def grow(path: Path, changes: Iterable[Change | tuple[Person, datetime]]) -> str:
    """Add `changes` on top of branch main of the repository at `path`; return the new tip."""
    chunks = []
    for n, change in enumerate(linear(changes)):
        message = (change.message + "\n").encode()
        files = dict(change.files) or {f"grown{n % 7}.txt": f"{n}\n"}
        who = f"{change.author.name} <{change.author.email}>"
        chunks.append(
            f"commit refs/heads/main\nauthor {who} {git_time(change.when)}\n"
            f"committer {who} {git_time(change.committed or change.when)}\n"
            f"data {len(message)}\n".encode()
            + message
            + (b"from refs/heads/main^0\n" if n == 0 else b"")
        )
        for name, content in files.items():
            data = content.encode()
            chunks.append(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(data), data))
    subprocess.run(
        ["git", "-C", str(path), "fast-import", "--quiet"], input=b"".join(chunks), check=True
    )
    return git(path, "rev-parse", "main").strip()


def git(path: Path, *args: str) -> str:
    """Run git in `path` and return its output."""
    out = subprocess.run(
        ["git", "-C", str(path), *args], check=True, capture_output=True, text=True
    )
    return out.stdout


def checkout(path: Path) -> Path:
    """Check out the work tree of a repository made by fast-import (which leaves it empty)."""
    git(path, "checkout", "--quiet", "-f", "main")
    return path


def shallow_clone(source: Path, target: Path) -> Path:
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{source}", str(target)],
        check=True,
        capture_output=True,
    )
    return target


def make_outline(repos: Mapping[str, Sequence[Path | Mapping[str, Any]]], **extra: Any) -> Outline:
    """Return a minimal valid outline over `repos` (group → paths or RepoSpec mappings)."""
    doc: dict[str, Any] = {
        "title": "State of the project",
        "speaker": {"name": "Ada"},
        "event": {"name": "Test Conf"},
        "repos": {
            group: [{"path": r} if isinstance(r, Path) else dict(r) for r in specs]
            for group, specs in repos.items()
        },
        "slides": [{"kind": "title"}],
        **extra,
    }
    return Outline.model_validate(doc)


def measure(outline: Outline, as_of: date, cache_dir: Path | None = None) -> Metrics:
    """Return the metrics of `outline` as of `as_of`: history, period and metrics stages."""
    from deckgen.build import marked_history, release_marked
    from deckgen.history import read_history
    from deckgen.metrics import compute_metrics

    history, period = marked_history(outline, read_history(outline, cache_dir=cache_dir), as_of)
    return compute_metrics(outline, release_marked(outline, history, period), period, as_of)
