"""Who was working for whom: commits attributed to organisations by author e-mail, like gitdm.

`identity.affiliations` maps e-mail addresses and domains to organisations, each until an optional
last day. A commit's author e-mail (after the mailmap, lower-cased) is looked up as an address
first, then by its domain and each parent domain, longest first; among the entries of one match,
the earliest `until` first and an open-ended one last. The first entry whose `until` is not before
the commit's author day (UTC) names the organisation; past all of them, the commit is `Unknown`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from deckgen.history import Identity
from deckgen.metrics.model import OrgStats, Period
from deckgen.metrics.period import bounds, start_of
from deckgen.outline.schema import Affiliation

UNKNOWN = "Unknown"
"""The organisation of a commit no entry matches."""
NEVER = 2**62

Rules = tuple[tuple[int, int], ...]
"""(end, organisation number) pairs tried in order: the first with `time < end` applies."""


@dataclass(frozen=True)
class EmailMap:
    """The outline's affiliations, ready for lookups; organisation 0 is `Unknown`."""

    organisations: tuple[str, ...]
    addresses: Mapping[str, Rules]
    domains: Mapping[str, Rules]

    def rules(self, email: str) -> Rules:
        """Return the entries that may apply to commits from `email`, in the order tried."""
        email = email.strip().lower()
        found = list(self.addresses.get(email, ()))
        if "@" in email:
            labels = email.rpartition("@")[2].split(".")
            for i in range(len(labels)):
                found += self.domains.get(".".join(labels[i:]), ())
        return tuple(found)

    def of_identities(self, identities: Iterable[Identity]) -> list[Rules]:
        """Return the rules of each identity, by index."""
        return [self.rules(who.email) for who in identities]


def email_map(affiliations: Sequence[Affiliation]) -> EmailMap | None:
    """Return the lookup table of `affiliations`; None when the outline has none."""
    if not affiliations:
        return None
    names = [UNKNOWN]
    number: dict[str, int] = {UNKNOWN: 0}
    entries: dict[tuple[bool, str], list[tuple[int, int]]] = {}
    for entry in affiliations:
        org = number.setdefault(entry.organisation, len(names))
        if org == len(names):
            names.append(entry.organisation)
        match = entry.match.strip().lower()
        is_domain = "@" not in match or match.startswith("@")
        key = (is_domain, match.lstrip("@"))
        end = NEVER if entry.until is None else start_of(entry.until + timedelta(days=1))
        entries.setdefault(key, []).append((end, org))
    table: dict[bool, dict[str, Rules]] = {True: {}, False: {}}
    for (is_domain, match), rules in entries.items():
        table[is_domain][match] = tuple(sorted(rules, key=lambda rule: rule[0]))
    return EmailMap(tuple(names), table[False], table[True])


def organisation_of(rules: Rules, when: int) -> int:
    """Return the organisation number of a commit made at `when` under `rules` (0: unknown)."""
    for end, org in rules:
        if when < end:
            return org
    return 0


def organisations(
    times: Sequence[int],
    people: Sequence[int],
    orgs: Sequence[int],
    names: Sequence[str],
    period: Period,
) -> dict[str, OrgStats]:
    """Return commits and contributors by organisation inside `period`, most commits first."""
    start, end = bounds(period)
    commits: dict[int, int] = {}
    members: dict[int, set[int]] = {}
    for when, person, org in zip(times, people, orgs, strict=True):
        if start <= when < end:
            commits[org] = commits.get(org, 0) + 1
            members.setdefault(org, set()).add(person)
    order = sorted(commits, key=lambda org: (-commits[org], names[org].casefold(), names[org]))
    return {names[org]: OrgStats(commits[org], len(members[org])) for org in order}


def elephant_factor(stats: Mapping[str, OrgStats]) -> int | None:
    """Return the fewest organisations whose commits make at least half of the known commits.

    `Unknown` is not an organisation: its commits are left out of the total. None when no commit
    of the period belongs to an organisation.
    """
    counts = sorted((s.commits for name, s in stats.items() if name != UNKNOWN), reverse=True)
    total = sum(counts)
    if total == 0:
        return None
    reached = 0
    for n, count in enumerate(counts, start=1):
        reached += count
        if 2 * reached >= total:
            return n
    raise AssertionError("unreachable: the counts add up to the total")
