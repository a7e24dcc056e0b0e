"""Read a repository's commits from one streamed `git log`, straight into columns.

One record per commit, NUL-separated fields (`-z` ends each record with NUL too): hash, parent
hashes, mailmapped author name and e-mail, author and committer time, subject. Subjects are not
kept; they are only matched against the outline's release pattern when it has one.
"""

from __future__ import annotations

import re
from array import array
from binascii import unhexlify
from collections.abc import Iterable
from dataclasses import dataclass, field

from deckgen.errors import HistoryError
from deckgen.history.model import Commits, Identity, Tag

LOG_FORMAT = "%H%x00%P%x00%aN%x00%aE%x00%at%x00%ct%x00%s"
FIELDS = 7
LOG_CONFIG = ("i18n.logOutputEncoding=UTF-8", "log.showSignature=false")
"""Settings a user's configuration must not change: names are decoded as UTF-8."""


def log_args(head: str) -> list[str]:
    """Return the `git log` arguments that list every commit reachable from `head`."""
    return ["log", "-z", f"--format=tformat:{LOG_FORMAT}", head, "--"]


@dataclass
class LogReader:
    """Accumulates `git log` records; `subject` picks the commits that are releases."""

    subject: re.Pattern[str] | None = None
    hashes: bytearray = field(default_factory=bytearray)
    parents: array[int] = field(default_factory=lambda: array("B"))
    authors: array[int] = field(default_factory=lambda: array("I"))
    authored: array[int] = field(default_factory=lambda: array("q"))
    committed: array[int] = field(default_factory=lambda: array("q"))
    identities: list[Identity] = field(default_factory=list)
    releases: list[Tag] = field(default_factory=list)
    _index: dict[tuple[bytes, bytes], int] = field(default_factory=dict)
    _rest: bytes = b""

    def feed(self, chunk: bytes) -> None:
        """Take the next piece of git's output; records may straddle pieces."""
        fields = (self._rest + chunk).split(b"\0")
        tail = fields.pop()
        usable = len(fields) - len(fields) % FIELDS
        self._rest = b"\0".join([*fields[usable:], tail])
        self._records(fields[:usable])

    def _records(self, fields: list[bytes]) -> None:
        hashes, parents, authors = self.hashes, self.parents, self.authors
        authored, committed, index = self.authored, self.committed, self._index
        it = iter(fields)
        for h, p, name, email, at, ct, subject in zip(it, it, it, it, it, it, it, strict=True):
            hashes += unhexlify(h)
            parents.append(min(p.count(b" ") + 1, 255) if p else 0)
            who = index.get((name, email))
            if who is None:
                who = index[(name, email)] = len(self.identities)
                self.identities.append(Identity(_text(name), _text(email)))
            authors.append(who)
            authored.append(int(at or 0))
            committed.append(int(ct or 0))
            if self.subject is not None:
                self._match(_text(subject), int(ct or 0))

    def _match(self, subject: str, when: int) -> None:
        assert self.subject is not None
        found = self.subject.search(subject)
        if found:
            name = found.group(1) if self.subject.groups else found.group(0)
            self.releases.append(Tag(name=name or found.group(0), time=when))

    def commits(self) -> Commits:
        """Return the commits read, once git's output is complete."""
        if self._rest:
            raise HistoryError(f"git log ended in the middle of a record: {self._rest[:80]!r}")
        size = len(self.hashes) // len(self.authored) if len(self.authored) else 20
        return Commits(
            hash_size=size,
            hashes=bytes(self.hashes),
            parents=self.parents,
            authors=self.authors,
            authored=self.authored,
            committed=self.committed,
        )


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def parse_log(chunks: Iterable[bytes], subject: re.Pattern[str] | None = None) -> LogReader:
    """Return a reader fed with all of `chunks` (for tests and benchmarks)."""
    reader = LogReader(subject)
    for chunk in chunks:
        reader.feed(chunk)
    return reader
