"""Read the files each commit changed: a second streamed `git log`, only for components or lines.

`git log -z --no-merges --numstat` (or `--name-only` when no line counts are wanted) over the
same revisions as the main log, so its commits come in the same order, merges left out (git
shows them no diff by default, and the metrics never count them). Each record is an empty field,
the hash, then one field per file: `added<TAB>deleted<TAB>path` (`-` and `-` for a binary file,
counted as 0 lines) or the bare path. The empty field marks a record: a path is never empty.

The reading is pinned where a user's configuration would change the numbers: `--no-renames`
(a renamed file is a deletion of the old path and an addition of the new one, as git without
rename detection shows it, whatever `diff.renames` says), `--diff-algorithm=myers` (line counts
differ between algorithms), `--no-ext-diff`, `--no-textconv`, `--no-relative`.
"""

from __future__ import annotations

from array import array
from binascii import unhexlify
from dataclasses import dataclass, field

from deckgen.errors import HistoryError
from deckgen.history.model import Changes, Commits

CHANGES_FORMAT = "%x00%H"
PINNED = (
    "--no-merges",
    "--no-renames",
    "--diff-algorithm=myers",
    "--no-ext-diff",
    "--no-textconv",
    "--no-relative",
)

PACK_WINDOWS = ("core.packedGitWindowSize=4m", "core.packedGitLimit=16m")
"""Pack windows of the changes log, over `gitcmd.LEAN_CONFIG`'s 1m and 4m (the later `-c` wins):
diffing blobs reads all over the pack, and 1 MiB windows cost git 0.43 s more (6.77 s against
6.34 s at 100,000 commits, 7%) for 9 MB less (148 against 157 MB; git's defaults: 217 MB)."""


def changes_args(head: str, lines: bool, since: str | None = None) -> list[str]:
    """Return the `git log` arguments listing the files (and with `lines`, the line counts)
    of every non-merge commit reachable from `head` (and not from `since`)."""
    exclude = [f"^{since}"] if since else []
    what = "--numstat" if lines else "--name-only"
    return [
        "log",
        "-z",
        what,
        *PINNED,
        f"--format=tformat:{CHANGES_FORMAT}",
        "--end-of-options",
        head,
        *exclude,
        "--",
    ]


@dataclass
class ChangesReader:
    """Accumulates the records of the changes log: per commit a range of file rows."""

    lines: bool
    hashes: list[bytes] = field(default_factory=list)
    starts: array[int] = field(default_factory=lambda: array("Q"))
    paths: array[int] = field(default_factory=lambda: array("I"))
    added: array[int] = field(default_factory=lambda: array("I"))
    deleted: array[int] = field(default_factory=lambda: array("I"))
    names: list[str] = field(default_factory=list)
    _index: dict[bytes, int] = field(default_factory=dict)
    _rest: bytes = b""
    _header: bool = False
    _first: bool = False
    """The next field is the first file of a commit (after the newline that ends its header)."""

    def seed(self, names: tuple[str, ...]) -> None:
        """Start from paths already known (a cached history being extended), in order."""
        for name in names:
            self._index.setdefault(name.encode("utf-8", "surrogateescape"), len(self.names))
            self.names.append(name)

    def feed(self, chunk: bytes) -> None:
        """Take the next piece of git's output; fields may straddle pieces.

        One pass over the fields with everything it touches in local names: it runs beside
        git, on a core git may want too, for every file of every commit."""
        fields = (self._rest + chunk).split(b"\0")
        self._rest = fields.pop()
        index, names, lines = self._index, self.names, self.lines
        header, first = self._header, self._first
        hashes, starts, paths = self.hashes.append, self.starts.append, self.paths
        path, added, deleted = paths.append, self.added.append, self.deleted.append
        for value in fields:
            if header:
                hashes(value)
                starts(len(paths))
                header, first = False, True
            elif not value:
                header = True
            else:
                if first:  # a newline separates the header from the first file
                    value, first = value[1:], False
                if lines:
                    plus, minus, value = value.split(b"\t", 2)
                    added(int(plus) if plus != b"-" else 0)
                    deleted(int(minus) if minus != b"-" else 0)
                found = index.get(value)
                if found is None:
                    found = index[value] = len(names)
                    names.append(value.decode("utf-8", "surrogateescape"))
                path(found)
        self._header, self._first = header, first

    def changes(self, commits: Commits) -> Changes:
        """Return the changes aligned with `commits` (the main log of the same revisions)."""
        import numpy as np  # only here: a history read back from the cache needs no numpy

        if self._rest or self._header:
            raise HistoryError(f"git log ended in the middle of a record: {self._rest[:80]!r}")
        rows = np.flatnonzero(np.frombuffer(commits.parents, dtype=np.uint8) <= 1)
        read = unhexlify(b"".join(self.hashes))
        size = commits.hash_size
        listed = np.frombuffer(commits.hashes, dtype=np.uint8).reshape(-1, size)[rows]
        if len(rows) != len(self.hashes) or listed.tobytes() != read:
            raise HistoryError(
                "the changed files git listed do not match its commits (did the repository "
                "change while it was read?)"
            )
        bounds = np.append(np.frombuffer(self.starts, dtype=np.uint64), len(self.paths))
        per_commit = np.zeros(len(commits), dtype=np.int64)
        per_commit[rows] = np.diff(bounds.astype(np.int64))
        starts = array("Q")  # from the bytes: array("Q", an ndarray) converts one by one
        starts.frombytes(np.concatenate([[0], np.cumsum(per_commit)]).astype(np.uint64).tobytes())
        return Changes(
            starts=starts,
            paths=self.paths,
            names=tuple(self.names),
            added=self.added if self.lines else None,
            deleted=self.deleted if self.lines else None,
        )


def join_changes(old: Changes, new: Changes) -> Changes:
    """Return `old` followed by `new` (read as `old.head..head`, its names seeded with old's)."""
    shift = old.starts[-1]
    starts = old.starts + array("Q", (s + shift for s in new.starts[1:]))
    both = None if old.added is None or new.added is None else old.added + new.added
    gone = None if old.deleted is None or new.deleted is None else old.deleted + new.deleted
    return Changes(starts, old.paths + new.paths, new.names, both, gone)
