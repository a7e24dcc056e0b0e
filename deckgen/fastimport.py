"""Write git histories quickly with `git fast-import`: for the demo project, tests and benchmarks.

A `FastImport` streams commands into one `git fast-import` process, so thousands of commits with
fixed authors and dates take a fraction of a second. Nothing here is used to read history.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from types import TracebackType


@dataclass(frozen=True)
class Person:
    name: str
    email: str


def git_time(when: datetime) -> str:
    """Return aware `when` as git's raw date: seconds and offset, e.g. '1577836800 -0500'."""
    if when.tzinfo is None:
        raise ValueError("git_time needs a timezone-aware datetime")
    offset = when.utcoffset()
    assert offset is not None
    return f"{int(when.timestamp())} {_offset_text(offset)}"


@cache  # a history has a few dozen offsets and may have a hundred thousand dates
def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{mins:02d}"


class FastImport:
    """A running `git fast-import` into `repo` (created with `git init` when missing).

    Use as a context manager; marks are returned by `commit` and can be used as parents and tag
    targets. Commits go to `branch` unless another ref is given.
    """

    def __init__(self, repo: Path, *, bare: bool = False, branch: str = "main") -> None:
        self.repo = repo
        self.branch = branch
        if not (repo / ".git").exists() and not (repo / "HEAD").exists():
            repo.mkdir(parents=True, exist_ok=True)
            args = ["git", "init", "--quiet", f"--initial-branch={branch}"]
            subprocess.run([*args, *(["--bare"] if bare else []), str(repo)], check=True)
        self._proc = subprocess.Popen(
            ["git", "-C", str(repo), "fast-import", "--quiet", "--done"],
            stdin=subprocess.PIPE,
        )
        assert self._proc.stdin is not None
        self._stdin = self._proc.stdin
        self._next_mark = 1

    def __enter__(self) -> FastImport:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _write(self, text: str) -> None:
        self._stdin.write(text.encode())

    def _data(self, payload: str) -> None:
        raw = payload.encode()
        self._stdin.write(b"data %d\n" % len(raw))
        self._stdin.write(raw)
        self._stdin.write(b"\n")

    def commit(
        self,
        *,
        author: Person,
        when: datetime,
        message: str,
        files: Mapping[str, str] | None = None,
        committer: Person | None = None,
        committed: datetime | None = None,
        parents: tuple[int, ...] = (),
        ref: str | None = None,
    ) -> int:
        """Add a commit and return its mark. The first parent defaults to the branch tip."""
        mark = self._next_mark
        self._next_mark += 1
        who = committer or author
        raw = message.encode()
        text = (  # one write per commit: tens of thousands of commits stream in seconds
            f"commit refs/heads/{ref or self.branch}\nmark :{mark}\n"
            f"author {author.name} <{author.email}> {git_time(when)}\n"
            f"committer {who.name} <{who.email}> {git_time(committed or when)}\n"
            f"data {len(raw)}\n"
        )
        chunks = [text.encode(), raw, b"\n"]
        if parents:
            chunks.append(f"from :{parents[0]}\n".encode())
            chunks += [f"merge :{extra}\n".encode() for extra in parents[1:]]
        for path, content in (files or {}).items():
            payload = content.encode()
            chunks += [b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(payload)), payload]
            chunks.append(b"\n")
        self._stdin.write(b"".join(chunks))
        return mark

    def tag(
        self,
        name: str,
        target: int,
        *,
        tagger: Person | None = None,
        when: datetime | None = None,
        message: str | None = None,
    ) -> None:
        """Tag commit `target`: annotated when `tagger` and `when` are given, else lightweight."""
        if tagger is None or when is None:
            self._write(f"reset refs/tags/{name}\nfrom :{target}\n\n")
            return
        self._write(f"tag {name}\nfrom :{target}\n")
        self._write(f"tagger {tagger.name} <{tagger.email}> {git_time(when)}\n")
        self._data(message or f"Release {name}\n")

    def delete_branch(self, name: str) -> None:
        """Delete the branch `name` (e.g. a merged side branch) when the import finishes."""
        self._write(f"reset refs/heads/{name}\n\n")

    def close(self) -> None:
        """Finish the import; raise CalledProcessError when git fast-import failed."""
        if self._proc.poll() is None:
            self._write("done\n")
            self._stdin.close()
            code = self._proc.wait()
            if code:
                raise subprocess.CalledProcessError(code, "git fast-import")
