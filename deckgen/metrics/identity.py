"""Who is who: identities from every repository folded into people, bots set aside.

An identity is the author e-mail after the repository's mailmap, lower-cased (the normalised name
when the e-mail is empty); with `identity.key: name`, the mailmapped name exactly as written, as
`git shortlog` groups authors (the e-mail when the name is empty). People named in credit trailers
are identities of the same table, so all of this applies to them too. The outline's aliases
join identities by e-mail or name into one person; `merge_by_name` joins identities sharing a
normalised name. Identities whose name or e-mail matches a bot pattern (`re.search`) are
bots: they are nobody.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from deckgen.history import History, Identity
from deckgen.metrics.columns import column
from deckgen.outline.schema import IdentitySpec

BOT_PERSON = -1
"""The person number of a bot's commits."""


@dataclass(frozen=True)
class People:
    """Every person of the repository set, and the person behind each repository's identities."""

    names: tuple[str, ...]
    """Display name by person number: the alias name, else the most recent author name."""
    of_repo: Mapping[str, array[int]]
    """Repository name → person number (or BOT_PERSON) by index into its `identities`."""


def normalise_name(name: str) -> str:
    """Return `name` case-folded with runs of white space made one space."""
    return " ".join(name.split()).casefold()


class _Union:
    """Union-find over string keys: the people emerge as the connected keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        root = self.parent.setdefault(key, key)
        while self.parent[root] != root:
            root = self.parent[root]
        while key != root:  # path compression: later finds take one step
            self.parent[key], key = root, self.parent[key]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def identity_key(who: Identity, key: str = "email") -> str:
    """Return the key that makes identities one person before aliases: see the module doc."""
    if key == "name" and who.name:
        return f"x:{who.name}"  # exactly: not the normalised "n:" of merge_by_name
    email = who.email.strip().lower()
    return f"e:{email}" if email else f"n:{normalise_name(who.name)}"


def resolve_people(spec: IdentitySpec, history: History, bots: Sequence[re.Pattern[str]]) -> People:
    """Return the people of `history` under the outline's aliases, `bots` (the outline's
    `bot_patterns`, compiled when it was checked) and options."""
    by_email: dict[str, str] = {}
    by_name: dict[str, str] = {}
    alias_names: dict[str, str] = {}
    union = _Union()
    for i, alias in enumerate(spec.aliases):
        node = f"a:{i}"
        alias_names[node] = alias.name
        union.find(node)
        for email in alias.emails:
            by_email[email.strip().lower()] = node
        for name in (alias.name, *alias.names):
            by_name[normalise_name(name)] = node

    keys: dict[str, list[str | None]] = {}
    latest: dict[str, tuple[bool, int, str, str]] = {}
    for repo in history:
        last = _latest_use(repo.commits.authors, repo.commits.authored, len(repo.identities))
        repo_keys: list[str | None] = []
        for who, when in zip(repo.identities, last, strict=True):
            if any(p.search(who.name) or p.search(who.email) for p in bots):
                repo_keys.append(None)
                continue
            key = identity_key(who, spec.key)
            union.find(key)
            name = normalise_name(who.name)
            for linked in (by_email.get(who.email.strip().lower()), by_name.get(name)):
                if linked is not None:
                    union.join(linked, key)
            if spec.merge_by_name and name:
                union.join(f"n:{name}", key)
            use = (bool(who.name.strip()), when, who.name.strip(), who.email.strip().lower())
            if key not in latest or use > latest[key]:  # a name, then the latest; not read order
                latest[key] = use
            repo_keys.append(key)
        keys[repo.name] = repo_keys
    return _number(union, keys, latest, alias_names, exact=spec.key == "name")


def _latest_use(authors: array[int], authored: array[int], count: int) -> list[int]:
    """Return, by identity index, the last time the identity authored a commit."""
    last = np.full(count, -(2**62), dtype=np.int64)
    np.maximum.at(last, column(authors, np.uint32), column(authored, np.int64))
    return [int(when) for when in last]


def _number(
    union: _Union,
    keys: dict[str, list[str | None]],
    latest: dict[str, tuple[bool, int, str, str]],
    alias_names: dict[str, str],
    *,
    exact: bool = False,
) -> People:
    """Number the people; each one's name is the alias name, else the most recent non-empty
    author name, else the e-mail's local part; each one's e-mail is the most recent. `exact`
    (`identity.key: name`): people are names as written, told apart only when they look alike."""
    number: dict[str, int] = {}
    shown: list[tuple[bool, int, str]] = []
    emails: list[tuple[int, str]] = []
    for node, name in alias_names.items():
        root = union.find(node)
        if root not in number:
            number[root] = len(shown)
            shown.append((True, 2**62, name))
            emails.append((-(2**62), ""))
    for key, (named, when, name, email) in latest.items():
        root = union.find(key)
        if root not in number:
            number[root] = len(shown)
            shown.append((named, when, name))
            emails.append((when, email))
            continue
        person = number[root]
        shown[person] = max(shown[person], (named, when, name))
        emails[person] = max(emails[person], (when, email))
    of_repo = {
        repo: array("i", (BOT_PERSON if k is None else number[union.find(k)] for k in repo_keys))
        for repo, repo_keys in keys.items()
    }
    addresses = [email for _, email in emails]
    names = [_display(name, email) for (_, _, name), email in zip(shown, addresses, strict=True)]
    return People(names=tell_apart(names, addresses, exact=exact), of_repo=of_repo)


def _display(name: str, email: str) -> str:
    """Return the name shown for an author: the name, else the e-mail's local part."""
    return name or email.partition("@")[0] or email or "anonymous"


def tell_apart(names: list[str], emails: list[str], *, exact: bool = False) -> tuple[str, ...]:
    """Return `names` with the people who share a name (case and spacing aside) told apart by
    their e-mail's domain, by the whole e-mail when the domains match too, and by a number when
    nothing else differs: "Jan Novák (redhat.com)", "Jan Novák (gmail.com)".

    With `exact` (`identity.key: name`, where "Karthik Nayak" and "karthik nayak" are two people,
    as `git shortlog` counts them), only names written exactly alike are told apart: the names
    already show the difference, and a number would hide it."""
    sharing: dict[str, list[int]] = {}
    for person, name in enumerate(names):
        sharing.setdefault(name if exact else normalise_name(name), []).append(person)
    out = list(names)
    for people in sharing.values():
        if len(people) < 2:
            continue
        domains = [emails[p].rpartition("@")[2] for p in people]
        for n, p in enumerate(people):
            email, domain = emails[p], domains[n]
            if domain and domains.count(domain) == 1:
                out[p] = f"{names[p]} ({domain})"
            elif email and sum(emails[q] == email for q in people) == 1:
                out[p] = f"{names[p]} ({email})"
            else:
                out[p] = f"{names[p]} ({n + 1})"
    return tuple(out)
