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
from typing import TYPE_CHECKING

import numpy as np

from deckgen.history import Identity
from deckgen.metrics.columns import distinct
from deckgen.metrics.model import OrgStats
from deckgen.metrics.period import NEVER, start_of
from deckgen.outline.schema import Affiliation

if TYPE_CHECKING:  # numpy.typing costs a tenth of a second to import
    import numpy.typing as npt

UNKNOWN = "Unknown"
"""The organisation of a commit no entry matches."""

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

    def of_identities(self, identities: Iterable[Identity]) -> RuleTable:
        """Return the rules of each identity, by index."""
        return RuleTable.of([self.rules(who.email) for who in identities])


@dataclass(frozen=True, eq=False)
class RuleTable:
    """The rules of many identities as columns, to look up many commits at once: rule `k` of
    identity `i` is (`ends[k, i]`, `orgs[k, i]`); rules after an open-ended one are cut, as they
    never apply, and shorter lists are padded with rules that never apply either."""

    ends: npt.NDArray[np.int64]
    orgs: npt.NDArray[np.int32]

    @classmethod
    def of(cls, rules: Sequence[Rules]) -> RuleTable:
        """Return the table of `rules`, by identity."""
        cut = [_until_open(r) for r in rules]
        depth = max((len(r) for r in cut), default=0)
        ends = np.full((depth, len(cut)), np.iinfo(np.int64).min, dtype=np.int64)
        orgs = np.zeros((depth, len(cut)), dtype=np.int32)
        for i, identity in enumerate(cut):
            for k, (end, org) in enumerate(identity):
                ends[k, i], orgs[k, i] = end, org
        return cls(ends, orgs)

    def organisations(
        self, identities: npt.NDArray[np.integer], times: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.int32]:
        """Return the organisation number of each commit by `identities[j]` at `times[j]`."""
        found = np.zeros(len(times), dtype=np.int32)
        pending = np.ones(len(times), dtype=bool)
        for ends, orgs in zip(self.ends, self.orgs, strict=True):
            hit = pending & (times < ends[identities])
            found[hit] = orgs[identities[hit]]
            pending &= ~hit
        return found


def _until_open(rules: Rules) -> Rules:
    for k, (end, _) in enumerate(rules):
        if end >= NEVER:
            return rules[: k + 1]
    return rules


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
    one = np.zeros(1, dtype=np.intp)
    return int(RuleTable.of([rules]).organisations(one, np.array([when], dtype=np.int64))[0])


def organisations(
    people: npt.NDArray[np.int32],
    orgs: npt.NDArray[np.int32],
    names: Sequence[str],
    inside: npt.NDArray[np.bool_],
) -> dict[str, OrgStats]:
    """Return commits and contributors by organisation of the commits `inside` selects (the
    period's: `ScopeView.inside`), most commits first.

    `people` are person numbers from 0; contributors are the distinct (organisation, person)
    pairs of those commits.
    """
    org, who = orgs[inside].astype(np.int64), people[inside]
    commits = np.bincount(org, minlength=len(names))
    width = int(who.max()) + 1 if len(who) else 1
    pairs = distinct(org * width + who)
    members = np.bincount(pairs // width, minlength=len(names))
    found = [int(n) for n in np.flatnonzero(commits)]
    order = sorted(found, key=lambda n: (-commits[n], names[n].casefold(), names[n]))
    return {names[n]: OrgStats(int(commits[n]), int(members[n])) for n in order}


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
