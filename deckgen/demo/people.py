"""The people of Orbit: what a contributor is, and an endless supply of new ones.

A `Member` carries everything that makes one person's commits look like theirs: name and e-mail
(with a previous employer's address or a variant identity now and then), time zone with or without
summer time, and a habit of committing in the evening. `Names` invents newcomers from a shuffled
list of first and last names, each with a unique name and address, in the same order every time.
`Pool` is the project's people so far, and where each joined: the repositories share it, so that
a newcomer to one may be someone who already contributed to another.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from deckgen.fastimport import Person

ONE_TIME, OCCASIONAL, REGULAR, LONG = range(4)
"""Kinds of contributor: a commit or three, a handful over a year, steady for years, for ages."""

_TIME_ZONES = (  # UTC offset in minutes (winter), observes northern summer time, weight
    (-480, True, 8), (-420, True, 2), (-360, True, 3), (-300, True, 8), (-180, False, 3),
    (0, True, 6), (60, True, 22), (120, True, 5), (180, False, 2), (330, False, 7),
    (480, False, 8), (540, False, 4), (600, False, 3), (720, False, 1),
)  # fmt: skip

_FIRST_NAMES = (
    "Aaron", "Abdul", "Adriana", "Ahmed", "Aiko", "Alan", "Alejandro", "Alexei", "Alice", "Amara",
    "Amit", "Ana", "Andrea", "Andrzej", "Anil", "Anton", "Arjun", "Astrid", "Ben", "Bilal",
    "Bjorn", "Bruno", "Carla", "Carlos", "Chen", "Chiara", "Chris", "Claire", "Dario", "David",
    "Deepak", "Dmitri", "Elena", "Emil", "Emma", "Erik", "Fatima", "Felix", "Fernando", "Florian",
    "Gabriel", "Giulia", "Hana", "Hannah", "Hiroshi", "Hugo", "Igor", "Ines", "Ivan", "Jakub",
    "Jan", "Javier", "Jens", "Jiri", "Joao", "Jonas", "Jorge", "Julia", "Kamil", "Karen",
    "Karthik", "Katarina", "Kevin", "Kim", "Lars", "Laura", "Lena", "Leo", "Liam", "Lin", "Lucas",
    "Luis", "Mads", "Marek", "Mark", "Marta", "Mateo", "Mei", "Michal", "Miguel", "Mikko", "Nadia",
    "Naveen", "Nikhil", "Nina", "Noah", "Oleg", "Omar", "Pablo", "Paolo", "Pavel", "Pedro",
    "Peter", "Petr", "Pierre", "Rafael", "Rahul", "Ren", "Rita", "Roberto", "Rohan", "Ruth", "Sam",
    "Sandra", "Sara", "Sebastian", "Sergei", "Shu", "Simone", "Sofia", "Stefan", "Sven", "Takeshi",
    "Tanvi", "Teresa", "Thomas", "Tim", "Tobias", "Uwe", "Valentina", "Victor", "Vlad", "Wojciech",
    "Xavier", "Yan", "Yara", "Yusuf", "Zoe", "Zoltan",
)  # fmt: skip
_LAST_NAMES = (
    "Abe", "Adams", "Ahmadi", "Almeida", "Andersen", "Bauer", "Becker", "Bianchi", "Brandt",
    "Brown", "Carvalho", "Castro", "Chen", "Costa", "Cruz", "Dahl", "Das", "Dvorak", "Eriksson",
    "Fischer", "Fontaine", "Garcia", "Gupta", "Hansen", "Hartmann", "Horvat", "Huang", "Ito",
    "Ivanov", "Jansen", "Jensen", "Kato", "Keller", "Khan", "Kim", "Kovac", "Kumar", "Lambert",
    "Larsen", "Lee", "Lehmann", "Li", "Lindqvist", "Liu", "Lopes", "Maier", "Marino", "Martin",
    "Meyer", "Moreau", "Muller", "Murphy", "Nagy", "Nakamura", "Nielsen", "Novotny", "Okafor",
    "Olsen", "Park", "Patel", "Pereira", "Petrov", "Popescu", "Quinn", "Rao", "Reddy", "Ricci",
    "Rossi", "Santos", "Sato", "Schmidt", "Schneider", "Silva", "Singh", "Smirnov", "Sokolov",
    "Suzuki", "Svoboda", "Tanaka", "Torres", "Varga", "Vasquez", "Vogel", "Wagner", "Walsh",
    "Wang", "Weber", "Wilson", "Wong", "Wu", "Yamamoto", "Yang", "Zhao", "Zimmermann",
)  # fmt: skip
_WORK_DOMAINS = (
    "stellarsoft.example", "nimbus-cloud.example", "tuxcorp.example", "redwood-systems.example",
    "kernelworks.example", "bluepeak.example", "datavault.example", "orbitlabs.example",
    "uni-kiel.example", "cs.tu-brno.example",
)  # fmt: skip
_HOME_DOMAINS = ("mail.example", "posteo.example", "fastbox.example", "inbox.example")


@dataclass(eq=False)
class Member:
    """A person of the synthetic project: identity, time zone, habits and quirks."""

    name: str
    email: str
    tz: int
    dst: bool
    evening: float = 0.15
    old_email: str = ""
    """Address used before `switch` (a UTC timestamp): the previous employer's."""
    switch: int = 0
    variant: Person | None = None
    """Another identity used now and then (case-different e-mail, short name, home address)."""
    variant_p: float = 0.0
    variant_since: int = 0

    def __post_init__(self) -> None:
        self._person = Person(self.name, self.email)
        self._old = Person(self.name, self.old_email) if self.old_email else self._person

    def ident(self, ts: int, rng: random.Random | None = None) -> Person:
        """Return the identity used at `ts`; with `rng`, sometimes the variant one."""
        if self.variant and rng and ts >= self.variant_since and rng.random() < self.variant_p:
            return self.variant
        return self._old if ts < self.switch else self._person

    def offset(self, day: int) -> int:
        """Return the UTC offset in minutes on day ordinal `day`."""
        if self.dst and 4 <= date.fromordinal(day).month <= 10:
            return self.tz + 60
        return self.tz


class Names:
    """An endless, deterministic supply of new people with unique names and e-mails."""

    def __init__(self, taken: Sequence[Member]) -> None:
        rng = random.Random("orbit-demo/names")
        pairs = [(f, s) for f in _FIRST_NAMES for s in _LAST_NAMES]
        rng.shuffle(pairs)
        self._pairs = pairs
        self._rng = rng
        self._names = {m.name for m in taken}
        self._emails = {m.email.lower() for m in taken}

    def new(self) -> Member:
        """Return someone new to the project, with a name and e-mail nobody has yet."""
        rng = self._rng
        while True:
            first, last = self._pairs.pop()
            name = f"{first} {last}"
            if name in self._names:
                continue
            user = _ascii(first).lower(), _ascii(last).lower()
            style = rng.random()
            if style < 0.45:
                email = f"{user[0]}.{user[1]}@{rng.choice(_WORK_DOMAINS)}"
            elif style < 0.7:
                email = f"{user[0][0]}{user[1]}@{rng.choice(_WORK_DOMAINS)}"
            else:
                email = f"{user[0]}{user[1]}{rng.randint(1, 99)}@{rng.choice(_HOME_DOMAINS)}"
            if email in self._emails:
                continue
            self._names.add(name)
            self._emails.add(email)
            tz, dst, _ = rng.choices(_TIME_ZONES, weights=[w for *_, w in _TIME_ZONES])[0]
            return Member(name, email, tz, dst, rng.choice((0.05, 0.15, 0.3, 0.5)))


class Pool:
    """The project's people so far, and the day each first committed to each repository."""

    def __init__(self, members: Sequence[Member]) -> None:
        self._names = Names(members)
        self._known = list(members)
        self._joined: dict[Member, dict[str, int]] = {m: {} for m in members}

    def join(self, member: Member, repo: str, day: int) -> None:
        """Record that `member`'s first planned commit to `repo` is on day ordinal `day`."""
        self._joined[member][repo] = day

    def recruit(self, rng: random.Random, repo: str, day: int, shared: float) -> Member:
        """Return a newcomer to `repo` on `day`: someone from elsewhere in the project, or new."""
        if rng.random() < shared:
            known = [
                m
                for m in self._known
                if repo not in self._joined[m]
                and self._joined[m]
                and min(self._joined[m].values()) < day
            ]
            if known:
                member = rng.choice(known)
                self.join(member, repo, day)
                return member
        member = self._names.new()
        self._known.append(member)
        self._joined[member] = {repo: day}
        return member


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
