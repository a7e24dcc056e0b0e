"""The cast: Orbit's named long-timers, their roles in each repository, and the .mailmap.

The talk tells a story about particular people (a founder who hands over release management, a
maintainer who changes employer, one who commits under two spellings), so they are written out by
hand here rather than drawn at random. The .mailmap that joins their identities is theirs too: it
is committed to core twice, the second time for the people who needed it later.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from deckgen.demo.events import EventLog, ts
from deckgen.demo.orbit import CORE, GO, PERL, PYTHON
from deckgen.demo.people import Member
from deckgen.demo.repository import History
from deckgen.demo.words import signoff
from deckgen.fastimport import Person


@dataclass(frozen=True)
class Role:
    """`member` commits to `repo` from `first` to `last` (or for good), with `weight`."""

    member: str
    repo: str
    first: date
    last: date | None
    weight: float


def cast() -> tuple[dict[str, Member], tuple[Role, ...]]:
    """Return the named long-timers (with the .mailmap's cases) and their roles per repository."""
    members = {
        "martin": Member("Martin Kessler", "martin.kessler@stellarsoft.example", 60, True),
        "daniel": Member(
            "Daniel Berger", "daniel.berger@nimbus-cloud.example", 60, True,
            old_email="dberger@tuxcorp.example", switch=ts(date(2011, 6, 1)),
        ),
        "richard": Member("Richard Haynes", "rhaynes@tuxcorp.example", -300, True, 0.3),
        "maria": Member(
            "María López", "maria.lopez@redwood-systems.example", 60, True,
            variant=Person("María López", "Maria.Lopez@Redwood-Systems.example"), variant_p=0.3,
        ),
        "wei": Member(
            "Wei Zhang", "wei.zhang@kernelworks.example", 480, False,
            variant=Person("wzhang", "wei.zhang@kernelworks.example"), variant_p=0.25,
            variant_since=ts(date(2013, 1, 1)),
        ),
        "anna": Member(
            "Anna Kowalska", "anna.kowalska@stellarsoft.example", 60, True,
            variant=Person("Anna Kowalska", "anna.k@posteo.example"), variant_p=0.2,
            variant_since=ts(date(2014, 3, 1)),
        ),
        "ravi": Member("Ravi Iyer", "ravi.iyer@bluepeak.example", 330, False),
        "sophie": Member("Sophie Laurent", "sophie.laurent@stellarsoft.example", 60, True),
        "tomas": Member("Tomáš Novák", "tnovak@cs.tu-brno.example", 60, True, 0.4),
        "olaf": Member("Olaf Henriksen", "olaf@henriksen.example", 60, True, 0.6),
        "kenji": Member("Kenji Watanabe", "kenji.watanabe@kernelworks.example", 540, False),
    }  # fmt: skip
    roles = (
        Role("martin", CORE, date(2005, 11, 14), None, 260),
        Role("daniel", CORE, date(2005, 11, 21), None, 220),
        Role("richard", CORE, date(2005, 12, 5), date(2019, 8, 30), 180),
        Role("maria", CORE, date(2007, 3, 5), None, 170),
        Role("wei", CORE, date(2008, 6, 16), None, 150),
        Role("anna", CORE, date(2010, 9, 6), None, 200),
        Role("ravi", CORE, date(2012, 1, 9), None, 120),
        Role("sophie", CORE, date(2014, 3, 3), None, 130),
        Role("tomas", PYTHON, date(2008, 3, 3), date(2021, 12, 17), 80),
        Role("daniel", PYTHON, date(2010, 4, 12), None, 30),
        Role("olaf", PERL, date(2009, 5, 11), date(2018, 6, 29), 60),
        Role("kenji", GO, date(2014, 10, 6), None, 90),
        Role("sophie", GO, date(2014, 10, 6), None, 50),
    )
    return members, roles


MAILMAP_HEADER = (
    "# Map the authors' other names and addresses to one identity; see git-shortlog(1).\n"
    "# Format: Proper Name <proper@email> Commit Name <commit@email>\n\n"
)


def mailmap(members: dict[str, Member], version: int) -> str:
    """Return .mailmap as committed in its first (1) or second (2) version."""
    daniel, maria, wei, anna = (members[k] for k in ("daniel", "maria", "wei", "anna"))
    assert maria.variant and anna.variant
    lines = [
        f"{daniel.name} <{daniel.email}> <{daniel.old_email}>",
        f"<{maria.email}> <{maria.variant.email}>",
    ]
    if version >= 2:
        lines += [f"{wei.name} <{wei.email}>", f"{anna.name} <{anna.email}> <{anna.variant.email}>"]
    return MAILMAP_HEADER + "\n".join(sorted(lines, key=str.casefold)) + "\n"


def add_mailmap(core: History, members: dict[str, Member]) -> History:
    """Return `core` with the commits that write its .mailmap (2012) and extend it (2015)."""
    martin = members["martin"]
    log = EventLog(core.events)
    for version, day, subject in (
        (1, date(2012, 2, 10), "Add .mailmap for authors with several addresses"),
        (2, date(2015, 9, 14), "mailmap: Merge the identities of Wei Zhang and Anna Kowalska"),
    ):
        at = ts(day, 11) - martin.offset(day.toordinal()) * 60
        tz, person = martin.offset(day.toordinal()), martin.ident(at)
        message = f"{subject}\n\n{signoff(person)}"
        files = {".mailmap": mailmap(members, version)}
        log.add(person, at, tz, person, at, tz, message, files=files)
    return replace(core, events=log.events())
