"""The people named in credit trailers (`Reviewed-by: Jane Doe <jane@example.org>`), mailmapped.

git applies the mailmap to authors (`%aN`, `%aE`) but prints trailer values as written, so each
distinct `Name <e-mail>` is passed through `git check-mailmap` once, with the same mailmap
settings as the log: a reviewer and an author who are one person in the mailmap are one identity.

A value is read the way `git shortlog --group=trailer:...` reads it: `Name <e-mail>` (anything
after the `>` ignored, as in `Cc: x@y # 6.1`), else the whole value is a name without an e-mail,
counted by that name (`CreditNote` "no e-mail"). A value that is empty or whose angle brackets do
not pair up is counted for nobody (`CreditNote` "malformed"): deckgen does not guess who it is.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from deckgen.history.gitcmd import RepoGit
from deckgen.history.log import LogReader, decode
from deckgen.history.model import CreditNote

BATCH = 1000
"""Contacts per `git check-mailmap` call (its arguments: some 50 kB)."""
_IDENT = re.compile(rb"^([^<>]*)<([^<>]*)>([^<>]*)$", re.DOTALL)
_MAPPED = re.compile(rb"^(.*?) ?<([^<>]*)>$")
NO_EMAIL = "no e-mail"
MALFORMED = "malformed"
NOBODY = 0xFFFFFFFF
"""The identity of a credit whose value names nobody (malformed)."""


@dataclass(frozen=True)
class Parsed:
    """A trailer value read: `name` and `email` (empty without one), or `problem`."""

    name: bytes = b""
    email: bytes = b""
    problem: str | None = None


def parse_value(value: bytes) -> Parsed:
    """Return what the trailer value `value` (stripped) names."""
    if not value:
        return Parsed(problem=MALFORMED)
    found = _IDENT.match(value)
    if found is not None:
        name, email = found.group(1).strip(), found.group(2).strip()
        if not email:
            return Parsed(name, problem=NO_EMAIL) if name else Parsed(problem=MALFORMED)
        return Parsed(name, email)
    if b"<" in value or b">" in value:
        return Parsed(problem=MALFORMED)
    return Parsed(value, problem=NO_EMAIL)


def credit_people(
    repo: RepoGit, reader: LogReader, config: Sequence[str]
) -> tuple[array[int], tuple[CreditNote, ...]]:
    """Return the identity (index into `reader.identities`) of each credit `reader` read, and
    what could not be read cleanly; a malformed value's identity is `NOBODY`."""
    values = list(reader.values)
    parsed = [parse_value(v) for v in values]
    contacts = sorted({(p.name, p.email) for p in parsed if p.problem is None and p.email})
    mapped = _check_mailmap(repo, contacts, config)
    identity = []
    for p in parsed:
        if p.problem == MALFORMED:
            identity.append(NOBODY)
        elif p.email:
            identity.append(reader.identity(*mapped[(p.name, p.email)]))
        else:
            identity.append(reader.identity(p.name, b""))
    people = array("I", (identity[v] for v in reader.credit_values))
    return people, _notes(reader, values, parsed)


def _check_mailmap(
    repo: RepoGit, contacts: Sequence[tuple[bytes, bytes]], config: Sequence[str]
) -> Mapping[tuple[bytes, bytes], tuple[bytes, bytes]]:
    """Return each contact mapped through the mailmap `config` names (as the log's authors)."""
    out: dict[tuple[bytes, bytes], tuple[bytes, bytes]] = {}
    for start in range(0, len(contacts), BATCH):
        batch = contacts[start : start + BATCH]
        args = [decode(name + b" <" + email + b">") for name, email in batch]
        text = repo.run("check-mailmap", "--", *args, config=config) or ""
        lines = text.encode().splitlines()
        for contact, line in zip(batch, lines, strict=True):
            found = _MAPPED.match(line)
            out[contact] = (found.group(1), found.group(2)) if found else contact
    return out


def _notes(reader: LogReader, values: list[bytes], parsed: list[Parsed]) -> tuple[CreditNote, ...]:
    """Return one note per kind of problem: how many credits had it, and the first one."""
    first: dict[str, CreditNote] = {}
    counts: dict[str, int] = {}
    for row, kind, value in zip(
        reader.credit_rows, reader.credit_kinds, reader.credit_values, strict=True
    ):
        problem = parsed[value].problem
        if problem is None:
            continue
        counts[problem] = counts.get(problem, 0) + 1
        if problem not in first:
            size = len(reader.hashes) // max(1, len(reader.authored))
            commit = reader.hashes[row * size : (row + 1) * size].hex()
            trailer = f"{reader.trailers[kind]}: {decode(values[value])}"
            first[problem] = CreditNote(problem, 0, trailer, commit)
    return tuple(
        CreditNote(p, counts[p], note.example, note.commit) for p, note in sorted(first.items())
    )
