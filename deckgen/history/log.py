"""Read a repository's commits from one streamed `git log`, straight into columns.

One record per commit, NUL-separated fields (`-z` ends each record with NUL too): hash, parent
hashes, mailmapped author name and e-mail, author and committer time, subject. Subjects are not
kept; they are only matched against the outline's release pattern when it has one. With credit
trailers (`identity.credit_trailers`), one more field: those trailers of the message, `Key: value`
joined by \x01, kept raw (their people are mailmapped afterwards, see `credits`).
"""

from __future__ import annotations

import re
from array import array
from binascii import unhexlify
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import cast

from deckgen.errors import HistoryError
from deckgen.history.model import Commits, Identity, Tag

LOG_FORMAT = "%H%x00%P%x00%aN%x00%aE%x00%at%x00%ct%x00%s"
FIELDS = 7
TRAILER_SEPARATOR = b"\x01"
LOG_CONFIG = ("i18n.logOutputEncoding=UTF-8", "log.showSignature=false")
"""Settings a user's configuration must not change: names are decoded as UTF-8."""
TRAILER_CONFIG = ("trailer.separators=:",)
"""With credit trailers: only `Key: value` is a trailer, whatever the user's configuration says."""


def log_format(trailers: Sequence[str] = (), *, marked: bool = False) -> str:
    """Return the format of the one `git log`: `LOG_FORMAT`, plus the `trailers` when any.

    `unfold` joins a trailer's continuation lines; keys match case-insensitively (as in git).
    `marked` puts git's mark before each hash: `-` for a boundary commit (see `log_args`).
    """
    form = f"%m{LOG_FORMAT}" if marked else LOG_FORMAT
    if not trailers:
        return form
    keys = ",".join(f"key={key}" for key in trailers)
    return f"{form}%x00%(trailers:{keys},unfold,separator=%x01)"


def log_args(
    head: str, since: str | None = None, trailers: Sequence[str] = (), *, marked: bool = False
) -> list[str]:
    """Return the `git log` arguments that list every commit reachable from `head`.

    With `since` (an ancestor of `head`), only the commits `since` does not reach: `since..head`.
    With `trailers`, each record ends with those trailers of the commit message. With `marked`,
    the records are marked (`log_format`) and followed by the boundary commits: those `since`
    reaches that are parents of a listed commit (`--boundary`), `since` itself among them when
    it is an ancestor of `head`.
    """
    exclude = [f"^{since}"] if since else []
    form = log_format(trailers, marked=marked)
    boundary = ["--boundary"] if marked else []
    return [
        "log", "-z", f"--format=tformat:{form}", *boundary, "--end-of-options", head, *exclude,
        "--",
    ]  # fmt: skip


@dataclass
class LogReader:
    """Accumulates `git log` records; `subject` picks the commits that are releases."""

    subject: re.Pattern[str] | None = None
    trailers: Sequence[str] = ()
    """The credit trailer keys asked for; each record then has one more field."""
    marked: bool = False
    """Read a marked log (`log_args`): boundary records go to `boundary`, not to the columns."""
    boundary: list[bytes] = field(default_factory=list)
    """The boundary commits of a marked log (hexadecimal, as git prints them)."""
    hashes: bytearray = field(default_factory=bytearray)
    parents: array[int] = field(default_factory=lambda: array("B"))
    authors: array[int] = field(default_factory=lambda: array("I"))
    authored: array[int] = field(default_factory=lambda: array("q"))
    committed: array[int] = field(default_factory=lambda: array("q"))
    identities: list[Identity] = field(default_factory=list)
    releases: list[Tag] = field(default_factory=list)
    credit_rows: array[int] = field(default_factory=lambda: array("I"))
    """Per credit trailer read: the row of its commit ..."""
    credit_kinds: array[int] = field(default_factory=lambda: array("B"))
    """... its kind (index into `trailers`) ..."""
    credit_values: array[int] = field(default_factory=lambda: array("I"))
    """... and its value (index into `values`)."""
    values: dict[bytes, int] = field(default_factory=dict)
    """Each distinct trailer value, as written, numbered in order of first use."""
    _index: dict[tuple[bytes, bytes], int] = field(default_factory=dict)
    _rest: bytes = b""
    _kinds: dict[bytes, int] = field(default_factory=dict)
    _lines: dict[bytes, int] = field(default_factory=dict)
    """Each distinct trailer line read: its number in `_line_kinds` and `_line_values` (-1 when
    it is not one of the trailers asked for)."""
    _line_kinds: list[int] = field(default_factory=list)
    _line_values: list[int] = field(default_factory=list)

    @property
    def width(self) -> int:
        """Return the fields per record."""
        return FIELDS + 1 if self.trailers else FIELDS

    def seed(self, raw: Iterable[tuple[bytes, bytes]]) -> None:
        """Start from identities already known (name and e-mail as git wrote them), in order."""
        for name, email in raw:
            if (name, email) not in self._index:
                self._index[(name, email)] = len(self.identities)
                self.identities.append(Identity(decode(name), decode(email)))

    def raw_identities(self) -> list[tuple[bytes, bytes]]:
        """Return the identities as git wrote them, in the order of `identities`."""
        return list(self._index)

    def feed(self, chunk: bytes) -> None:
        """Take the next piece of git's output; records may straddle pieces."""
        fields = (self._rest + chunk).split(b"\0")
        tail = fields.pop()
        usable = len(fields) - len(fields) % self.width
        self._rest = b"\0".join([*fields[usable:], tail])
        self._records(fields[:usable])

    def _records(self, fields: list[bytes]) -> None:
        """Append the records in `fields` (a whole number of them), one column at a time."""
        if self.marked and fields:
            fields = self._unmarked(fields)
        if not fields:
            return
        if self.trailers:
            self._credits(fields[FIELDS :: FIELDS + 1], len(self.authored))
            del fields[FIELDS :: FIELDS + 1]
        hexes = b"".join(fields[0::FIELDS])
        self.hashes += unhexlify(hexes.replace(b">", b"") if self.marked else hexes)
        width = len(fields[0]) - self.marked  # a hexadecimal hash (after its mark)
        self.parents.extend(_parent_counts(fields[1::FIELDS], width + 1))
        keys = list(zip(fields[2::FIELDS], fields[3::FIELDS], strict=True))
        get = self._index.get
        found: list[int | None] = list(map(get, keys))
        if None in found:
            for row, key in enumerate(keys):
                if found[row] is None:
                    who = get(key)
                    if who is None:
                        who = self._index[key] = len(self.identities)
                        self.identities.append(Identity(decode(key[0]), decode(key[1])))
                    found[row] = who
        self.authors.extend(cast(list[int], found))
        authored, committed = fields[4::FIELDS], fields[5::FIELDS]
        self.authored.extend(_times(authored))
        self.committed.extend(_times(committed))
        if self.subject is not None:
            for subject, when in zip(fields[6::FIELDS], committed, strict=True):
                self._match(decode(subject), int(when or 0))

    def _unmarked(self, fields: list[bytes]) -> list[bytes]:
        """Return `fields` without the boundary records, which git writes after all the others
        (their hashes go to `boundary`)."""
        width = self.width
        if not self.boundary and fields[-width][:1] != b"-":
            return fields  # the last record is not a boundary: none is
        marks = b"".join(hexed[:1] for hexed in fields[0::width])
        first = 0 if self.boundary else marks.find(b"-")
        if marks[first:].strip(b"-"):
            raise HistoryError(f"git log listed a commit after a boundary commit: {marks!r}")
        self.boundary += [hexed[1:] for hexed in fields[first * width :: width]]
        return fields[: first * width]

    def _credits(self, blocks: list[bytes], first_row: int) -> None:
        """Record the trailers of each commit (`blocks`, from row `first_row` on).

        A trailer line is read once: the same `Reviewed-by: Jane <jane@example.org>` recurs on
        thousands of commits, so each distinct line keeps its kind and value (a third of the
        parse's time at 100,000 commits)."""
        if not self._kinds:
            self._kinds = {key.lower().encode(): n for n, key in enumerate(self.trailers)}
        lines, line_kinds, line_values = self._lines, self._line_kinds, self._line_values
        rows, read = [], []
        for offset, block in enumerate(blocks):
            if not block:
                continue
            for line in block.split(TRAILER_SEPARATOR):
                number = lines.get(line)
                if number is None:
                    number = lines[line] = self._line(line)
                if number >= 0:
                    rows.append(first_row + offset)
                    read.append(number)
        self.credit_rows.extend(rows)
        self.credit_kinds.extend(map(line_kinds.__getitem__, read))
        self.credit_values.extend(map(line_values.__getitem__, read))

    def _line(self, line: bytes) -> int:
        """Return the number of the new distinct trailer line `line`, or -1 when it is not one
        of the trailers asked for (git printed a key it matched with a separator other than
        ':')."""
        key, _, value = line.partition(b":")
        kind = self._kinds.get(key.strip().lower())
        if kind is None:
            return -1
        self._line_kinds.append(kind)
        self._line_values.append(self.values.setdefault(value.strip(), len(self.values)))
        return len(self._line_kinds) - 1

    def absorb(self, other: LogReader) -> None:
        """Append the commits `other` read after those read here (identities, trailer values
        and credits renumbered into this reader's), e.g. an older range of the same history."""
        if other._rest:
            raise HistoryError(f"git log ended in the middle of a record: {other._rest[:80]!r}")
        first = len(self.authored)
        people = [self.identity(name, email) for name, email in other._index]
        values = [self.values.setdefault(value, len(self.values)) for value in other.values]
        self.hashes += other.hashes
        self.parents.extend(other.parents)
        self.authors.extend([people[who] for who in other.authors])
        self.authored.extend(other.authored)
        self.committed.extend(other.committed)
        self.releases += other.releases
        self.credit_rows.extend([first + row for row in other.credit_rows])
        self.credit_kinds.extend(other.credit_kinds)
        self.credit_values.extend([values[value] for value in other.credit_values])

    def identity(self, name: bytes, email: bytes) -> int:
        """Return the index of the identity `name`, `email` (as git writes them), added if new."""
        who = self._index.get((name, email))
        if who is None:
            who = self._index[(name, email)] = len(self.identities)
            self.identities.append(Identity(decode(name), decode(email)))
        return who

    def _match(self, subject: str, when: int) -> None:
        assert self.subject is not None
        found = self.subject.search(subject)
        if found:
            name = found.group(1) if self.subject.groups else found.group(0)
            self.releases.append(Tag(name=name or found.group(0), time=when))

    def commits(self, credit_people: array[int] | None = None) -> Commits:
        """Return the commits read, once git's output is complete; `credit_people` is the
        identity of each credit read (see `credits.credit_people`)."""
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
            credit_rows=self.credit_rows,
            credit_kinds=self.credit_kinds,
            credit_people=credit_people if credit_people is not None else array("I"),
        )


def _parent_counts(parents: list[bytes], step: int) -> list[int]:
    """Return how many parents each `%P` field names (at most 255): each hash takes `step`
    bytes with its separating space, so the count is read from the field's length."""
    counts = [(size + 1) // step for size in map(len, parents)]
    return [min(n, 255) for n in counts] if counts and max(counts) > 255 else counts


def _times(fields: list[bytes]) -> list[int]:
    """Return the Unix times of `fields` (an empty one, which git writes for a commit without a
    date it can read, is 0)."""
    try:
        return list(map(int, fields))
    except ValueError:
        return [int(t or 0) for t in fields]


def decode(raw: bytes) -> str:
    """Return a name or e-mail git wrote as text (invalid UTF-8 replaced)."""
    return raw.decode("utf-8", "replace")
