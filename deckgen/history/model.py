"""The history stage's output: what was read from each repository, stored compactly.

Commits are kept column by column (`array`s and one `bytes` of raw hashes) instead of one object
per commit, so a million commits fit in a few tens of megabytes.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Identity:
    """An author as git reports it after the mailmap: name and e-mail, as written."""

    name: str
    email: str


@dataclass(frozen=True, eq=False)
class Commits:
    """Every commit reachable from the analysed revision, merges included, one column per field.

    Row `i` is one commit: `hash(i)`, `parents[i]` (count, capped at 255), `authors[i]` (index into
    the repository's `identities`), `authored[i]` and `committed[i]` (Unix seconds). The arrays are
    shared, not copied: treat them as read-only.

    The credit trailers read (`identity.credit_trailers`; none without) are three more columns,
    one row per trailer: `credit_rows` (the commit's row), `credit_kinds` (index into the
    outline's `credit_trailers`) and `credit_people` (index into `identities`; `NOBODY` for a
    value that names nobody).
    """

    hash_size: int
    hashes: bytes
    parents: array[int]
    authors: array[int]
    authored: array[int]
    committed: array[int]
    credit_rows: array[int] = field(default_factory=lambda: array("I"))
    credit_kinds: array[int] = field(default_factory=lambda: array("B"))
    credit_people: array[int] = field(default_factory=lambda: array("I"))

    def __len__(self) -> int:
        return len(self.authored)

    def hash(self, i: int) -> bytes:
        """Return the raw (binary) object id of commit `i`."""
        return self.hashes[i * self.hash_size : (i + 1) * self.hash_size]

    def hex(self, i: int) -> str:
        """Return the object id of commit `i` as git prints it."""
        return self.hash(i).hex()


def no_commits() -> Commits:
    """Return the commits of an empty repository."""
    return Commits(20, b"", array("B"), array("I"), array("q"), array("q"))


@dataclass(frozen=True, eq=False)
class Changes:
    """The files each commit changed (against its first parent), read only when the outline
    asks for components or lines (`history/changes.py`), one range of rows per commit.

    Commit `i`'s files are rows `starts[i]` to `starts[i + 1]` of `paths` (an index into
    `names`, each path stored once) and, with line counts, of `added` and `deleted` (0 for a
    binary file). Merges have no rows. Aligned with the repository's `Commits`.
    """

    starts: array[int]
    paths: array[int]
    names: tuple[str, ...]
    added: array[int] | None = None
    deleted: array[int] | None = None

    def files(self, i: int) -> list[str]:
        """Return the paths commit `i` changed."""
        return [self.names[p] for p in self.paths[self.starts[i] : self.starts[i + 1]]]


@dataclass(frozen=True)
class CreditNote:
    """Credit trailers that were not `Name <e-mail>`: `count` of them had `problem` ("no e-mail":
    counted by name; "malformed": counted for nobody); `example` is the first, in `commit`."""

    problem: str
    count: int
    example: str
    commit: str


@dataclass(frozen=True)
class Tag:
    """A release found in a repository: a tag, or a commit whose subject names a release."""

    name: str
    time: int
    """Unix seconds: the tag date (annotated tag) or the commit date (lightweight tag, subject)."""
    commit: str = field(default="", compare=False)
    """The tagged commit; empty for a release found by commit subject. Not compared: a
    release is its name and date (the metrics cache keys on the commit as well)."""


def tag_revision(name: str) -> str:
    """Return the revision naming the release tag `name` (never a branch of the same name)."""
    return f"refs/tags/{name}"


@dataclass(frozen=True)
class Mark:
    """A revision the repository holds: a commit reachable from the analysed revision."""

    commit: str
    outside: bytes = field(repr=False)
    """Raw hashes (`Commits.hash_size` bytes each) of the analysed commits, merges included,
    that `commit` does not reach: `git rev-list HEAD ^commit`."""

    def hashes(self, size: int) -> list[bytes]:
        """Return the hashes of `outside`, one by one."""
        return [self.outside[i : i + size] for i in range(0, len(self.outside), size)]


@dataclass(frozen=True)
class RepoHistory:
    """One repository of the outline, as read at its revision.

    `path` is the repository read: the one on disk, or for a `url:` its clone in the cache.
    """

    group: str
    name: str
    path: Path
    rev: str
    head: str | None
    """The commit `rev` resolved to; None for an empty repository."""
    identities: tuple[Identity, ...]
    commits: Commits = field(repr=False)
    releases: tuple[Tag, ...] = ()
    url: str | None = None
    """The remote repository `path` is a cached clone of (credentials redacted); None on disk."""
    unmerged: tuple[Tag, ...] = ()
    """Tags matching `releases.tags` whose commit `rev` does not contain (not releases), oldest
    first: what a warning names when the period has no release."""
    credit_notes: tuple[CreditNote, ...] = ()
    """Credit trailers that could not be read cleanly (see `history.credits`)."""
    marks: Mapping[str, Mark] = field(default_factory=dict)
    """Revision (a `period.range` end, or a release tag's name) → where it stands, for those
    this repository holds; read only when a range or per-release statistics need them."""
    changes: Changes | None = field(default=None, repr=False)
    """The files each commit changed; None unless the outline uses components or lines."""
    components: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Component name → its globs, for this repository (the group's and its own)."""


@dataclass(frozen=True)
class RangeEnds:
    """The two revisions of `period.range` and their times, for the repositories that do not
    hold them (they count days): a tag's date as for releases, else the commit's date."""

    old: str
    new: str
    old_time: int
    new_time: int


@dataclass(frozen=True)
class History:
    """Every repository of the outline, in outline order."""

    repos: tuple[RepoHistory, ...]
    warnings: tuple[str, ...] = ()
    """What the user should know but did not stop the reading (a stale clone, a rebuilt cache)."""
    range: RangeEnds | None = None
    """`period.range` resolved (see `history.marks`); None without one."""

    def __iter__(self) -> Iterator[RepoHistory]:
        return iter(self.repos)

    def repo(self, name: str) -> RepoHistory:
        """Return the repository shown as `name`; KeyError when unknown."""
        for repo in self.repos:
            if repo.name == name:
                return repo
        raise KeyError(name)

    def group(self, group: str) -> tuple[RepoHistory, ...]:
        """Return the repositories of `group`, in outline order."""
        return tuple(r for r in self.repos if r.group == group)
