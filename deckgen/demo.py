"""The embedded demo project "Orbit": a deterministic synthetic history to build a deck from.

`ensure_demo_project` writes bare repositories with `git fast-import`: `core.git` and three
language bindings under `bindings/`. Their history has the shape of the model talk's project:
growth for six years then a plateau of 4,000-5,000 commits a year in core, a core of long-timers
and many one-time contributors, a dip in newcomers that recovers in the as-of year, bindings that
start later and tail off, monthly releases with release candidates and a NEWS.rst, a .mailmap,
bots and merges. The same as-of date always gives the same commit hashes: every random draw comes
from a `random.Random` seeded with a fixed string, and no float goes through libm.

`deckgen/data/demo.yaml` is the talk built from it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import tempfile
import time
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from deckgen.errors import DeckgenError
from deckgen.fastimport import FastImport, Person

DEMO_VERSION = 1
"""Bump whenever the generated history changes: cached projects are keyed on it."""

EARLIEST_AS_OF = date(2016, 1, 1)
"""The demo needs a year of monthly releases before the as-of year."""

MANIFEST = "orbit-demo.json"
"""Written last into a generated project: its presence marks the project complete."""

CORE, PYTHON, GO, PERL = "core.git", "bindings/python.git", "bindings/go.git", "bindings/perl.git"
REPOS = (CORE, PYTHON, GO, PERL)

WEBLATE = Person("Weblate", "noreply@weblate.org")
DEPENDABOT = Person("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")

_DAY = 86400
_EPOCH = date(1970, 1, 1).toordinal()
_STALE_TEMP_SECONDS = 3600


def ensure_demo_project(cache_dir: Path, as_of: date) -> Path:
    """Return the demo project for `as_of` under `cache_dir`, generating it when not there yet."""
    if as_of < EARLIEST_AS_OF:
        raise DeckgenError(
            f"the demo project needs an as-of date from {EARLIEST_AS_OF.isoformat()} on, "
            f"got {as_of.isoformat()}"
        )
    final = cache_dir / f"orbit-v{DEMO_VERSION}-{as_of.isoformat()}"
    if _is_complete(final, as_of):
        return final
    if shutil.which("git") is None:
        raise DeckgenError("git is not installed: the demo project is written with git fast-import")
    try:
        _generate_into(final, as_of)
    except OSError as exc:
        raise DeckgenError(
            f"cannot write the demo project into {cache_dir}: {exc.strerror or exc}"
        ) from None
    return final


def _generate_into(final: Path, as_of: date) -> None:
    """Generate the project in a temporary folder next to `final`, then rename it into place."""
    final.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(final.parent)
    temp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent))
    try:
        _generate(temp, as_of)
        if _is_complete(final, as_of):  # another process finished first: keep theirs
            return
        if final.exists():  # incomplete, e.g. damaged by hand: we only ever rename complete ones
            shutil.rmtree(final)
        try:
            os.rename(temp, final)
        except OSError:
            if not _is_complete(final, as_of):  # unless another process just won the race
                raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _is_complete(folder: Path, as_of: date) -> bool:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(manifest, dict)
        and manifest.get("version") == DEMO_VERSION
        and manifest.get("as_of") == as_of.isoformat()
        and all((folder / repo / "HEAD").is_file() for repo in manifest.get("repos", ()))
    )


def _remove_stale_temps(cache_dir: Path) -> None:
    """Remove temporary folders that a crashed or killed generation left behind."""
    now = time.time()
    for path in cache_dir.glob(".orbit-v*.tmp"):
        try:
            if now - path.stat().st_mtime > _STALE_TEMP_SECONDS:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            continue


def _generate(folder: Path, as_of: date) -> None:
    """Write every repository of the demo project for `as_of` into `folder`, manifest last."""
    histories = _Simulation(as_of).run()
    for repo in REPOS:
        _write_repo(folder / repo, histories[repo])
    manifest = {"version": DEMO_VERSION, "as_of": as_of.isoformat(), "repos": list(REPOS)}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


# --- people ---------------------------------------------------------------------------------

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
class _Member:
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
    joined: dict[str, int] = field(default_factory=dict)
    """Repository → day ordinal of the first planned commit there."""

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


@dataclass(frozen=True)
class _Role:
    member: str
    repo: str
    first: date
    last: date | None
    weight: float


def _ts(day: date, hour: int = 0) -> int:
    return (day.toordinal() - _EPOCH) * _DAY + hour * 3600


def _cast() -> tuple[dict[str, _Member], tuple[_Role, ...]]:
    """Return the named long-timers (with the .mailmap's cases) and their roles per repository."""
    members = {
        "martin": _Member("Martin Kessler", "martin.kessler@stellarsoft.example", 60, True),
        "daniel": _Member(
            "Daniel Berger", "daniel.berger@nimbus-cloud.example", 60, True,
            old_email="dberger@tuxcorp.example", switch=_ts(date(2011, 6, 1)),
        ),
        "richard": _Member("Richard Haynes", "rhaynes@tuxcorp.example", -300, True, 0.3),
        "maria": _Member(
            "María López", "maria.lopez@redwood-systems.example", 60, True,
            variant=Person("María López", "Maria.Lopez@Redwood-Systems.example"), variant_p=0.3,
        ),
        "wei": _Member(
            "Wei Zhang", "wei.zhang@kernelworks.example", 480, False,
            variant=Person("wzhang", "wei.zhang@kernelworks.example"), variant_p=0.25,
            variant_since=_ts(date(2013, 1, 1)),
        ),
        "anna": _Member(
            "Anna Kowalska", "anna.kowalska@stellarsoft.example", 60, True,
            variant=Person("Anna Kowalska", "anna.k@posteo.example"), variant_p=0.2,
            variant_since=_ts(date(2014, 3, 1)),
        ),
        "ravi": _Member("Ravi Iyer", "ravi.iyer@bluepeak.example", 330, False),
        "sophie": _Member("Sophie Laurent", "sophie.laurent@stellarsoft.example", 60, True),
        "tomas": _Member("Tomáš Novák", "tnovak@cs.tu-brno.example", 60, True, 0.4),
        "olaf": _Member("Olaf Henriksen", "olaf@henriksen.example", 60, True, 0.6),
        "kenji": _Member("Kenji Watanabe", "kenji.watanabe@kernelworks.example", 540, False),
    }  # fmt: skip
    roles = (
        _Role("martin", CORE, date(2005, 11, 14), None, 260),
        _Role("daniel", CORE, date(2005, 11, 21), None, 220),
        _Role("richard", CORE, date(2005, 12, 5), date(2019, 8, 30), 180),
        _Role("maria", CORE, date(2007, 3, 5), None, 170),
        _Role("wei", CORE, date(2008, 6, 16), None, 150),
        _Role("anna", CORE, date(2010, 9, 6), None, 200),
        _Role("ravi", CORE, date(2012, 1, 9), None, 120),
        _Role("sophie", CORE, date(2014, 3, 3), None, 130),
        _Role("tomas", PYTHON, date(2008, 3, 3), date(2021, 12, 17), 80),
        _Role("daniel", PYTHON, date(2010, 4, 12), None, 30),
        _Role("olaf", PERL, date(2009, 5, 11), date(2018, 6, 29), 60),
        _Role("kenji", GO, date(2014, 10, 6), None, 90),
        _Role("sophie", GO, date(2014, 10, 6), None, 50),
    )
    return members, roles


MAILMAP_HEADER = (
    "# Map the authors' other names and addresses to one identity; see git-shortlog(1).\n"
    "# Format: Proper Name <proper@email> Commit Name <commit@email>\n\n"
)


def _mailmap(members: dict[str, _Member], version: int) -> str:
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


class _Names:
    """An endless, deterministic supply of new people with unique names and e-mails."""

    def __init__(self, taken: Sequence[_Member]) -> None:
        rng = random.Random("orbit-demo/names")
        pairs = [(f, s) for f in _FIRST_NAMES for s in _LAST_NAMES]
        rng.shuffle(pairs)
        self._pairs = pairs
        self._rng = rng
        self._names = {m.name for m in taken}
        self._emails = {m.email.lower() for m in taken}

    def new(self) -> _Member:
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
            return _Member(name, email, tz, dst, rng.choice((0.05, 0.15, 0.3, 0.5)))


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


# --- the history: commits, merges, releases -------------------------------------------------


@dataclass(slots=True)
class _Event:
    """A commit, or a tag when `tag` is set, at `at` (committer or tagger time, UTC seconds)."""

    at: int
    seq: int
    message: str
    author: Person
    authored: int
    atz: int
    committer: Person
    ctz: int
    topic: int = 0
    """When > 0: a commit on the side branch of that topic."""
    merge: int = 0
    """When > 0: the merge of that topic into main."""
    files: dict[str, str] | None = None
    tag: str = ""
    target: int = 0
    """A tag's commit (its `seq`); 0 means the tip of main at tag time."""


@dataclass
class _Steady:
    """A regular or long-time contributor of one repository, active between two day ordinals."""

    member: _Member
    first: int
    last: int
    weight: float
    pushes: bool
    """Commits their own changes; the others' changes are committed by someone who pushes."""


@dataclass(frozen=True)
class _Plan:
    """How one repository grows: full-year rates of commits and of newcomers, by year."""

    repo: str
    start: date
    commits: Callable[[int], float]
    newcomers: Callable[[int], float]
    kinds: tuple[float, float, float, float]
    shared: float
    """Chance that a newcomer to this repository already contributed elsewhere in the project."""


def _noise(repo: str, year: int) -> float:
    return random.Random(f"orbit-demo/noise/{repo}/{year}").random()


def _decay(factor: float, years: int) -> float:
    result = 1.0
    for _ in range(years):  # repeated products, not pow(): exact IEEE results on every platform
        result *= factor
    return result


def _hump(
    repo: str, first: int, peak_year: int, peak: float, floor: float, decay: float
) -> Callable[[int], float]:
    """Return a rate that grows to `peak` in `peak_year`, then decays towards `floor`, noisily."""

    def rate(year: int) -> float:
        if year < peak_year:
            value = peak * (year - first + 1) / (peak_year - first + 1)
        else:
            value = floor + (peak - floor) * _decay(decay, year - peak_year)
        return value * (0.65 + 0.7 * _noise(repo, year))

    return rate


def _plans(as_of: date) -> tuple[_Plan, ...]:
    """Return the growth of each repository for a history that ends on `as_of`."""
    now = as_of.year
    growth = {2005: 500, 2006: 500, 2007: 1000, 2008: 1700, 2009: 2400, 2010: 3100, 2011: 3800}
    joining = {2005: 2, 2006: 10, 2007: 17, 2008: 24, 2009: 30, 2010: 34, 2011: 38}
    dip = (0.88, 0.78, 0.68, 0.6, 0.56)  # the five years before the as-of year

    def core_commits(year: int) -> float:
        if year == now:
            return 4300
        return growth.get(year, 3900 + 400 * _noise(CORE, year))

    def core_newcomers(year: int) -> float:
        if year == now:
            return 56
        rate = joining.get(year, 36 + 8 * _noise(CORE + "/new", year))
        return rate * (dip[year - now + 5] if year >= now - 5 else 1.0)

    def binding(rate: Callable[[int], float], boost: float) -> Callable[[int], float]:
        return lambda year: rate(year) * (boost if year == now else 1.0)

    bindings = (0.55, 0.30, 0.13, 0.02)
    return (
        _Plan(
            CORE, date(2005, 11, 14), core_commits, core_newcomers, (0.52, 0.3, 0.15, 0.03), 0.05
        ),
        _Plan(
            PYTHON, date(2008, 3, 3), _hump(PYTHON, 2008, 2011, 380, 80, 0.8),
            binding(_hump(PYTHON + "/new", 2008, 2011, 12, 3, 0.8), 1.3), bindings, 0.5,
        ),
        _Plan(
            GO, date(2014, 10, 6), _hump(GO, 2014, 2016, 440, 100, 0.75),
            binding(_hump(GO + "/new", 2014, 2016, 14, 4, 0.75), 1.3), bindings, 0.5,
        ),
        _Plan(
            PERL, date(2009, 5, 11), _hump(PERL, 2009, 2010, 180, 15, 0.7),
            binding(_hump(PERL + "/new", 2009, 2010, 4, 1, 0.7), 1.3), bindings, 0.5,
        ),
    )  # fmt: skip


def _round(rng: random.Random, value: float) -> int:
    """Round `value` up or down at random, in proportion: sums of many stay unbiased."""
    whole = int(value)
    return whole + (1 if rng.random() < value - whole else 0)


class _Simulation:
    """The whole project's history up to `as_of`, as events per repository."""

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self.last_day = as_of.toordinal()
        self.end = _ts(as_of) + _DAY - 1
        self.members, roles = _cast()
        self.names = _Names(list(self.members.values()))
        self.known: list[_Member] = list(self.members.values())
        self.repos = {plan.repo: _RepoSim(self, plan) for plan in _plans(as_of)}
        for role in roles:
            member = self.members[role.member]
            first = role.first.toordinal()
            member.joined[role.repo] = first
            last = role.last.toordinal() if role.last else self.last_day + 1
            self.repos[role.repo].steady.append(_Steady(member, first, last, role.weight, True))

    def run(self) -> dict[str, list[_Event]]:
        """Simulate every year of every repository, then add releases, .mailmap and bots."""
        for year in range(2005, self.as_of.year + 1):
            for sim in self.repos.values():
                sim.simulate_year(year)
        core = self.repos[CORE]
        core.mailmap(self.members)
        core.translations()
        self.repos[GO].dependabot()
        self._releases()
        return {repo: sim.events for repo, sim in self.repos.items()}

    def recruit(self, rng: random.Random, repo: str, day: int, shared: float) -> _Member:
        """Return a newcomer to `repo`: someone from elsewhere in the project, or a new person."""
        if rng.random() < shared:
            known = [
                m
                for m in self.known
                if repo not in m.joined and m.joined and min(m.joined.values()) < day
            ]
            if known:
                return rng.choice(known)
        member = self.names.new()
        self.known.append(member)
        return member

    def _releases(self) -> None:
        rng = random.Random(f"orbit-demo/{DEMO_VERSION}/releases/{self.as_of.isoformat()}")
        schedule = _core_schedule(rng, self.as_of)
        m = self.members
        core = self.repos[CORE]
        sections: list[tuple[int, str]] = []
        archived: list[int] = []
        this_year = [
            r.version for r in schedule if r.day.year == self.as_of.year and r.day <= self.as_of
        ]
        highlights: dict[str, list[tuple[str, str, str]]] = {}
        for number, item in enumerate(_NEWS_THIS_YEAR):  # spread over the year's releases
            if this_year:
                highlights.setdefault(this_year[number % len(this_year)], []).append(item)
        for release in schedule:
            manager = m["martin"] if release.day < date(2016, 7, 1) else m["anna"]
            for number, rc_day in enumerate(release.rcs, start=1):
                core.tag(manager, rc_day, f"v{release.version}-rc{number}")
            if release.day > self.as_of:
                continue
            year = release.day.year
            section = _news_section(rng, release, highlights.get(release.version, ()))
            sections.append((year, section))
            news = "".join(text for y, text in reversed(sections) if y >= year - 1)
            files = {"NEWS.rst": NEWS_HEADER + news}
            if year - 2 >= 2006 and year - 2 not in archived:  # the year's first release
                archived.append(year - 2)
                files[f"docs/news/{year - 2}.rst"] = _news_archive(year - 2, sections)
            core.release(manager, release.day, release.version, files)
        released = [r for r in schedule if r.day <= self.as_of]
        tomas, daniel, olaf, maria = m["tomas"], m["daniel"], m["olaf"], m["maria"]
        for release in released:
            day = _weekday(release.day + timedelta(days=rng.choice((0, 0, 1))))
            python = tomas if day <= date(2021, 12, 17) else daniel
            self.repos[PYTHON].lockstep_release(python, day, release.version)
            perl = olaf if day <= date(2018, 6, 29) else maria
            self.repos[PERL].lockstep_release(perl, day, release.version)
        go = self.repos[GO]
        for number, day in enumerate(_quarters(date(2015, 1, 1), self.as_of)):
            go.release(m["kenji"], day, f"1.{number}.0", None)


@dataclass(frozen=True)
class _Release:
    version: str
    day: date
    rcs: tuple[date, ...] = ()


def _weekday(day: date, step: int = 1) -> date:
    """Return `day`, or the nearest working day after it (before it when `step` is -1)."""
    while day.weekday() >= 5:
        day += timedelta(days=step)
    return day


def _core_schedule(rng: random.Random, as_of: date) -> list[_Release]:
    """Return core's releases up to `as_of`, and the next one when its -rc1 is already out.

    Every two months or so until 2014 (0.x), monthly from 2015 with the major version bumped each
    January, release candidates from 2018; in the as-of year two releases six weeks apart, then
    monthly.
    """
    releases = []
    day, patches = date(2006, 2, 20), dict[int, int]()
    while day < date(2015, 1, 1):
        minor = day.year - 2005
        patches[minor] = patches.get(minor, -1) + 1
        releases.append(_Release(f"0.{minor}.{patches[minor]}", _weekday(day)))
        day += timedelta(days=rng.randint(50, 80))
    for year in range(2015, as_of.year + 1):
        if year == as_of.year:
            january = _weekday(date(year, 1, 15))
            days = [january, january + timedelta(weeks=6)]
            days += [_weekday(date(year, month, 1)) for month in range(4, 13)]
        else:
            days = [
                _weekday(date(year, month, 8 if month == 1 else 1) + timedelta(rng.randint(0, 2)))
                for month in range(1, 13)
            ]
        for index, day in enumerate(days):
            rcs: tuple[date, ...] = ()
            if year >= 2018:
                rcs = (_weekday(day - timedelta(days=5), -1),)
                if rng.random() < 0.5:
                    rcs += (_weekday(day - timedelta(days=2), -1),)
            releases.append(_Release(f"{year - 2014}.{index}.0", day, rcs))
    return [r for r in releases if r.day <= as_of or (r.rcs and r.rcs[0] <= as_of)]


def _quarters(first: date, last: date) -> list[date]:
    """Return the first Monday of each quarter from `first` to `last`."""
    days = []
    for year in range(first.year, last.year + 1):
        for month in (1, 4, 7, 10):
            day = date(year, month, 1)
            day += timedelta(days=(7 - day.weekday()) % 7)
            if first <= day <= last:
                days.append(day)
    return days


class _RepoSim:
    """One repository's history in the making."""

    def __init__(self, world: _Simulation, plan: _Plan) -> None:
        self.world = world
        self.plan = plan
        self.repo = plan.repo
        self.rng = random.Random(f"orbit-demo/{DEMO_VERSION}/{plan.repo}/{world.as_of}")
        self.events: list[_Event] = []
        self.steady: list[_Steady] = []
        self.fixed: dict[int, int] = {}
        """Year → commits already planned for it (by newcomers who stay a short while)."""
        self.start = _ts(plan.start, 9)
        self.topics = 0
        self.changes: list[int] = []
        self.released = self.start
        # Subjects are drawn from a pool: one random draw per commit instead of eight.
        self.subjects = [_subject(self.rng, self.repo) for _ in range(5000)]

    # -- commits

    def add(
        self,
        author: Person,
        authored: int,
        atz: int,
        committer: Person,
        at: int,
        ctz: int,
        message: str,
        *,
        topic: int = 0,
        merge: int = 0,
        files: dict[str, str] | None = None,
        tag: str = "",
        target: int = 0,
    ) -> _Event:
        """Add an event: a commit, or a tag when `tag` is given."""
        seq = len(self.events) + 1
        event = _Event(
            at, seq, message, author, authored, atz, committer, ctz,
            topic=topic, merge=merge, files=files, tag=tag, target=target,
        )  # fmt: skip
        self.events.append(event)
        return event

    def stamp(self, member: _Member, day: int) -> tuple[int, int]:
        """Return the UTC time and UTC offset of a commit `member` makes on day ordinal `day`."""
        rng = self.rng
        weekday = (day - 1) % 7
        if weekday >= 5 and rng.random() < 0.6:
            day += 7 - weekday
        if rng.random() < member.evening:
            seconds = rng.randint(19 * 3600, 25 * 3600)
        else:
            seconds = rng.randint(8 * 3600 + 1800, 18 * 3600 + 1800)
        offset = member.offset(day)
        at = (day - _EPOCH) * _DAY + seconds - offset * 60
        while at > self.world.end:  # after the as-of day in UTC: make it a day or two earlier
            at -= _DAY
        return max(at, self.start + 600), offset

    def commit(
        self,
        member: _Member,
        day: int,
        maintainers: Sequence[_Member],
        *,
        pushes: bool = False,
        subject: str | None = None,
    ) -> None:
        """Add a commit by `member` on `day`, committed by them or by one of `maintainers`."""
        rng = self.rng
        authored, atz = self.stamp(member, day)
        author = member.ident(authored, rng)
        if pushes or not maintainers:
            by, at = member, authored
            if rng.random() < 0.35:  # rebased before pushing
                at += rng.randint(60, 2 * _DAY)
        else:
            by = rng.choice(maintainers)
            r = rng.random()
            at = authored + 600 + int(r * r * r * 12 * _DAY)
        if at > self.world.end:  # not committed yet: pretend it was committed at once
            by, at = member, authored
        committer = by.ident(at)
        message = f"{subject or rng.choice(self.subjects)}\n\n{_signoff(author)}"
        self.add(author, authored, atz, committer, at, by.offset(at // _DAY + _EPOCH), message)

    # -- a year

    def simulate_year(self, year: int) -> None:
        """Add the year's newcomers, then spread the year's commits over everyone active."""
        plan, rng = self.plan, self.rng
        first = max(date(year, 1, 1), plan.start).toordinal()
        last = min(date(year, 12, 31).toordinal(), self.world.last_day)
        if first > last:
            return
        if year == plan.start.year:
            self.initial_commit()
        fraction = (last - first + 1) / 365
        maintainers = [
            s.member for s in self.steady if s.pushes and s.first <= last and s.last >= first
        ]
        for _ in range(_round(rng, plan.newcomers(year) * fraction)):
            self.newcomer(first, last, maintainers)
        active = [s for s in self.steady if s.first <= last and s.last >= first]
        if not active:  # nobody steady left: someone from the project adopts the repository
            self.newcomer(first, last, maintainers, kind=REGULAR)
            active = self.steady[-1:]
        spans = [(s, max(s.first, first), min(s.last, last)) for s in active]
        weights = [s.weight * (hi - lo + 1) for s, lo, hi in spans]
        remaining = _round(rng, plan.commits(year) * fraction) - self.fixed.get(year, 0)
        for steady, lo, hi in rng.choices(spans, weights, k=max(remaining, 0)):
            self.commit(steady.member, rng.randint(lo, hi), maintainers, pushes=steady.pushes)
        if self.repo == CORE and year >= 2008:
            self.merges(year, first, last, maintainers)

    def newcomer(
        self, first: int, last: int, maintainers: Sequence[_Member], kind: int | None = None
    ) -> None:
        """Add someone's first commit to the repository, and their later ones or their role."""
        plan, rng = self.plan, self.rng
        if kind is None:
            kind = rng.choices((ONE_TIME, OCCASIONAL, REGULAR, LONG), weights=plan.kinds)[0]
        day = rng.randint(first, last)
        member = self.world.recruit(rng, self.repo, day, plan.shared)
        member.joined[self.repo] = day
        days = [day]
        if kind == ONE_TIME and rng.random() < 0.25:
            days += [day + rng.randint(1, 21) for _ in range(rng.randint(1, 2))]
        elif kind == OCCASIONAL:
            span = rng.randint(20, 540)
            days += [day + rng.randint(0, span) for _ in range(rng.randint(1, 8))]
        elif kind in (REGULAR, LONG):
            years = rng.uniform(1, 7) if kind == REGULAR else rng.uniform(6, 20)
            weight = rng.uniform(8, 40) if kind == REGULAR else rng.uniform(40, 160)
            end = day + int(365 * years)
            self.steady.append(_Steady(member, day, end, weight, kind == LONG))
        for when in days:
            if when <= self.world.last_day:
                self.commit(member, when, maintainers, pushes=kind == LONG)
                year = date.fromordinal(when).year
                self.fixed[year] = self.fixed.get(year, 0) + 1

    def initial_commit(self) -> None:
        founder = next(s.member for s in self.steady if s.first == self.plan.start.toordinal())
        offset = founder.offset(self.plan.start.toordinal())
        at = self.start + 3600 - offset * 60
        person = founder.ident(at)
        name = self.repo.removesuffix(".git").replace("bindings/", "")
        message = f"Initial import\n\n{_signoff(person)}"
        readme = README if self.repo == CORE else BINDING_README.format(language=name.title())
        self.add(person, at, offset, person, at, offset, message, files={"README.rst": readme})

    def merges(self, year: int, first: int, last: int, maintainers: Sequence[_Member]) -> None:
        """Add the year's topic branches: a series of commits merged a few days later."""
        rng = self.rng
        if not maintainers or last - first < 14:
            return
        for _ in range(_round(rng, rng.randint(3, 8) * (last - first + 1) / 365)):
            author, merger = rng.choice(maintainers), rng.choice(maintainers)
            start, offset = self.stamp(author, rng.randint(first, last - 10))
            merged = start + rng.randint(1, 6) * _DAY
            if merged > self.world.end:
                continue
            self.topics += 1
            at, person = start, author.ident(start)
            for _ in range(rng.randint(2, 9)):
                message = f"{rng.choice(self.subjects)}\n\n{_signoff(person)}"
                self.add(person, at, offset, person, at, offset, message, topic=self.topics)
                at += rng.randint(120, 3600)
            branch = f"{rng.choice(_COMPONENTS)}-{rng.choice(_TOPIC_WORDS)}"
            by = merger.ident(merged)
            tz = merger.offset(merged // _DAY + _EPOCH)
            message = f"Merge branch '{branch}'\n\n{_signoff(by)}"
            self.add(by, merged, tz, by, merged, tz, message, merge=self.topics)

    # -- special commits

    def mailmap(self, members: dict[str, _Member]) -> None:
        """Add the commits that write core's .mailmap (2012) and extend it (2015)."""
        martin = members["martin"]
        for version, day, subject in (
            (1, date(2012, 2, 10), "Add .mailmap for authors with several addresses"),
            (2, date(2015, 9, 14), "mailmap: Merge the identities of Wei Zhang and Anna Kowalska"),
        ):
            at = _ts(day, 11) - martin.offset(day.toordinal()) * 60
            tz, person = martin.offset(day.toordinal()), martin.ident(at)
            message = f"{subject}\n\n{_signoff(person)}"
            files = {".mailmap": _mailmap(members, version)}
            self.add(person, at, tz, person, at, tz, message, files=files)

    def translations(self) -> None:
        """Add the as-of year's Weblate commits: its own, and the translators' it commits."""
        rng, world = self.rng, self.world
        first = date(world.as_of.year, 3, 2).toordinal()
        if first > world.last_day:
            return
        for week in range(first, world.last_day + 1, 7):
            at = (week - _EPOCH) * _DAY + rng.randint(6 * 3600, 8 * 3600)
            self.add(
                WEBLATE, at, 0, WEBLATE, at, 0, "Update translation files\n\n" + WEBLATE_TRAILER
            )
        for _ in range(_round(rng, 16 * (world.last_day - first + 1) / 300)):
            day = rng.randint(first, world.last_day)
            member = world.recruit(rng, self.repo, day, 0.0)
            member.joined[self.repo] = day
            language, code = rng.choice(_LANGUAGES)
            for _ in range(rng.randint(1, 4)):
                authored, tz = self.stamp(member, min(day + rng.randint(0, 40), world.last_day))
                at = authored + rng.randint(60, 3600)
                at = authored if at > world.end else at
                message = (
                    f"Translated using Weblate ({language})\n\n"
                    f"Currently translated at {rng.randint(600, 999) / 10}% of the strings.\n\n"
                    f"Translate-URL: https://translate.orbit.example/projects/orbit/{code}/\n"
                    f"{_signoff(member.ident(authored))}"
                )
                self.add(member.ident(authored), authored, tz, WEBLATE, at, 0, message)

    def dependabot(self) -> None:
        """Add dependabot's pull requests from 2020, each merged by a maintainer."""
        rng, world = self.rng, self.world
        kenji = world.members["kenji"]
        modules = ("golang.org/x/sys", "golang.org/x/net", "github.com/stretchr/testify")
        versions = {name: 1 for name in modules}
        for day in range(date(2020, 2, 3).toordinal(), world.last_day - 3, 23):
            module = rng.choice(modules)
            old, new = versions[module], versions[module] + rng.randint(1, 3)
            versions[module] = new
            at = (day - _EPOCH) * _DAY + rng.randint(0, _DAY - 1)
            merged = at + rng.randint(3600, 3 * _DAY)
            self.topics += 1
            message = (
                f"build(deps): bump {module} from 0.{old}.0 to 0.{new}.0\n\n"
                f"Bumps {module} from 0.{old}.0 to 0.{new}.0.\n\nSigned-off-by: dependabot[bot]"
                f" <support@github.com>\n"
            )
            self.add(DEPENDABOT, at, 0, DEPENDABOT, at, 0, message, topic=self.topics)
            by = kenji.ident(merged)
            tz = kenji.offset(merged // _DAY + _EPOCH)
            branch = f"dependabot/go_modules/{module}-0.{new}.0"
            message = f"Merge pull request #{100 + self.topics} from orbit/{branch}\n"
            self.add(by, merged, tz, by, merged, tz, message, merge=self.topics)

    # -- releases

    def tag(self, tagger: _Member, day: date, name: str, target: int = 0, at: int = 0) -> None:
        """Tag the tip of main (or commit `target`) on `day`, in the afternoon."""
        if not at:
            at = _ts(day, 15) + self.rng.randint(0, 7200) - tagger.offset(day.toordinal()) * 60
        if at > self.world.end:
            return
        person, tz = tagger.ident(at), tagger.offset(day.toordinal())
        version = name.removeprefix("v")
        message = (
            f"Orbit {version}\n" if self.repo == CORE else f"{_project(self.repo)} {version}\n"
        )
        self.add(person, at, tz, person, at, tz, message, tag=name, target=target)

    def release(
        self, manager: _Member, day: date, version: str, files: dict[str, str] | None
    ) -> None:
        """Add the release commit of `version` on `day` and its annotated tag."""
        rng = self.rng
        tz = manager.offset(day.toordinal())
        at = _ts(day, 10) + rng.randint(0, 6 * 3600) - tz * 60
        if at > self.world.end:
            return
        person = manager.ident(at)
        message = f"Release of {_project(self.repo)}-{version}\n\n{_signoff(person)}"
        commit = self.add(person, at, tz, person, at, tz, message, files=files)
        self.tag(manager, day, f"v{version}", commit.seq, at + rng.randint(300, 2400))

    def lockstep_release(self, manager: _Member, day: date, version: str) -> None:
        """Release the binding along with core, when it changed since its previous release."""
        if day > self.world.as_of or day < self.plan.start + timedelta(days=60):
            return
        if not self.changes:  # the times of the binding's own commits, before any release
            self.changes = sorted(e.at for e in self.events if not e.tag)
        at = _ts(day)
        if bisect_left(self.changes, at) > bisect_left(self.changes, self.released + 1):
            self.release(manager, day, version, None)
            self.released = at


# --- words: commit subjects, NEWS.rst -------------------------------------------------------

README = """\
Orbit
=====

Orbit manages virtual machines and containers across hypervisors: a C library with a stable
API, a daemon, and the ``orbitctl`` command line tool.

This project is synthetic: deckgen generates its history as a demo.
"""
BINDING_README = """\
Orbit bindings for {language}
=============================

The {language} API of Orbit, generated from the C library's API description.
"""
WEBLATE_TRAILER = "Translation: orbit/orbit\nTranslate-URL: https://translate.orbit.example/\n"
NEWS_HEADER = """\
==============
Orbit releases
==============

The releases of Orbit in this year and the previous one, newest first: new features,
improvements, bug fixes and removed features. Earlier years are in ``docs/news/YEAR.rst``.

"""

_COMPONENTS = (
    "qemu", "qemu", "qemu", "qemu", "conf", "conf", "util", "util", "storage", "network", "rpc",
    "orbitctl", "security", "nodedev", "cpu", "snapshot", "migration", "xen", "bhyve", "ch",
    "lxc", "tests", "docs", "build", "ci",
)  # fmt: skip
_NOUNS = (
    "Domain", "Network", "StoragePool", "StorageVol", "Snapshot", "NodeDevice", "Secret",
    "Interface", "Disk", "Memory", "CPU", "Device", "Migration", "Backup", "Checkpoint",
)  # fmt: skip
_ACTIONS = (
    "DefParse", "DefFormat", "Lookup", "Start", "Stop", "Attach", "Detach", "Validate", "Free",
    "New", "GetInfo", "SetParams", "Prepare", "Finish", "Reconnect",
)  # fmt: skip
_FEATURES = (
    "virtio-sound devices", "vhost-user block devices", "iommufd host devices", "TPM 2.0",
    "DIMM memory devices", "NUMA-aware CPU pinning", "incremental backups", "migration over TLS",
    "firmware auto-selection", "SCSI persistent reservations", "HTTP network boot",
    "CPU model baselining", "virtio-mem devices", "external snapshots", "vDPA network devices",
    "confidential guests", "cgroups v2", "the nftables firewall backend",
)  # fmt: skip
_EVENTS = (
    "detaching a device during migration", "the daemon restarts with running guests",
    "a snapshot is reverted twice", "the monitor socket closes early", "hot-unplugging a disk",
    "a storage pool disappears", "parsing an empty <source/> element",
)  # fmt: skip
_OBJECTS = (
    "the domain object", "the monitor connection", "temporary files", "the XML document",
    "the lock file", "file descriptors", "the event callback",
)  # fmt: skip
_CORE_SUBJECTS = (
    "{c}: Fix memory leak in {fn}", "{c}: Fix crash when {event}", "{c}: Add support for {feat}",
    "{c}: Use automatic cleanup in {fn}", "{c}: Remove unused {fn}", "{c}: Introduce {fn}",
    "{c}: Refactor {fn}", "{c}: Check the return value of {fn}", "{c}: Simplify {fn}",
    "{c}: Don't leak {obj} on failure", "{c}: Document {feat}", "{c}: Validate {feat} settings",
    "tests: Add test cases for {feat}", "{c}: Split out {fn} from {fn2}",
)  # fmt: skip
_BINDING_SUBJECTS = {
    PYTHON: (
        "Add binding for {fn}",
        "Fix reference leak in the {fn} wrapper",
        "tests: Cover {fn}",
        "generator: Skip {fn} until it is wrapped by hand",
        "Add type hints to {noun} methods",
        "setup: Fix building against an uninstalled orbit",
    ),
    GO: (
        "Add {noun}.{action} method",
        "Fix error handling in {noun}.{action}",
        "tests: Cover {noun}.{action}",
        "Add constants for {feat}",
        "Document {noun}.{action}",
    ),
    PERL: (
        "Add binding for {fn}",
        "Fix POD for Sys::Orbit::{noun}",
        "t/: Add test for {fn}",
        "Makefile.PL: Require a newer orbit for {fn}",
    ),
}
_TOPIC_WORDS = ("cleanup", "refactor", "v2", "v3", "series", "glib", "meson", "rework")
_LANGUAGES = (
    ("German", "de"), ("French", "fr"), ("Spanish", "es"), ("Japanese", "ja"),
    ("Chinese (Simplified)", "zh_CN"), ("Portuguese (Brazil)", "pt_BR"), ("Ukrainian", "uk"),
    ("Czech", "cs"), ("Polish", "pl"), ("Korean", "ko"), ("Italian", "it"), ("Swedish", "sv"),
)  # fmt: skip


def _subject(rng: random.Random, repo: str) -> str:
    """Return a plausible commit subject for `repo`."""
    noun, action = rng.choice(_NOUNS), rng.choice(_ACTIONS)
    component = rng.choice(_COMPONENTS)
    prefix = "qemu" if component == "qemu" else "orbit"
    template = rng.choice(_CORE_SUBJECTS if repo == CORE else _BINDING_SUBJECTS[repo])
    return template.format(
        c=component,
        fn=f"{prefix}{noun}{action}",
        fn2=f"{prefix}{noun}{rng.choice(_ACTIONS)}",
        noun=noun,
        action=action,
        feat=rng.choice(_FEATURES),
        event=rng.choice(_EVENTS),
        obj=rng.choice(_OBJECTS),
    )


def _signoff(person: Person) -> str:
    return f"Signed-off-by: {person.name} <{person.email}>\n"


def _project(repo: str) -> str:
    return "orbit" if repo == CORE else f"orbit-{Path(repo).stem}"


_NEWS_DRIVERS = ("qemu", "qemu", "qemu", "xen", "bhyve", "ch", "lxc", "conf", "storage", "network")
_NEWS = {
    "New features": (
        ("{drv}: Add support for {feat}", "Orbit now supports {feat}; the domain XML tells how."),
        ("{drv}: Report {feat} in the capabilities", "Applications can check for {feat}."),
        ("orbitctl: Set up {feat}", "New ``orbitctl`` options set up {feat} without XML."),
    ),
    "Improvements": (
        ("{drv}: Faster startup of guests with many disks", "Disks are prepared in parallel."),
        ("conf: Clearer errors for invalid domain XML", "Errors name the element at fault."),
        ("daemon: Lower memory use", "The daemon keeps less state for each guest."),
        ("{drv}: Better defaults for new guests", "New guests get virtio devices by default."),
        ("orbitctl: More tab completion", "Domain, network and pool names are completed."),
        ("{drv}: Stricter checks of {feat} settings", "Settings the hypervisor would reject fail."),
    ),
    "Bug fixes": (
        ("{drv}: Fix a crash when {event}", "The daemon no longer crashes in this case."),
        ("{drv}: Don't leak descriptors when a guest fails to start", "Each failure leaked two."),
        ("{drv}: Fix reconnecting to guests after an upgrade", "Guests were shown as shut off."),
        ("{drv}: Report the right state of paused guests", "A failed resume showed them running."),
        ("daemon: Fix a deadlock when two clients stop one guest", "The second call now waits."),
        ("{drv}: Keep the boot order when a disk is unplugged", "Other disks kept stale indexes."),
    ),
    "Removed features": (
        ("api: Drop the deprecated ``orbitDomainGetStats2``", "Use ``orbitDomainGetStats``."),
        ("nodedev: Remove the HAL backend", "udev has been the only backend in use for years."),
    ),
}  # fmt: skip
_NEWS_THIS_YEAR = (  # the talk's "what happened this year", spread over the year's releases
    ("Improvements", "po: Translations moved to Weblate",
     "Translators work at translate.orbit.example; their changes arrive as merge requests."),
    ("New features", "qemu: Support for virtio-mem memory devices",
     "Guests can grow and shrink their memory at run time in small blocks, without DIMMs."),
    ("Improvements", "build: Meson replaces autotools",
     "The whole project builds with Meson; a full build takes half the time it used to."),
    ("Removed features", "xen: Drop support for Xen older than 4.9",
     "Xen 4.9 is the oldest version that a supported distribution ships."),
    ("New features", "qemu: Incremental backups",
     "``orbitctl backup-begin`` copies only the blocks that changed since a checkpoint."),
    ("Improvements", "scripts: Helper scripts converted to Python 3",
     "The Perl and shell helpers used during the build are now Python 3 scripts."),
    ("New features", "ch: Network interface hotplug",
     "Cloud Hypervisor guests can be given new network interfaces while they run."),
    ("Improvements", "util: GLib is the new base library",
     "Hand-written helpers for strings, lists and hash tables gave way to GLib's."),
    ("New features", "bhyve: UEFI boot with persistent variables",
     "Guests keep their UEFI variables across reboots."),
    ("Improvements", "util: Abort when memory allocation fails",
     "Out-of-memory error paths are gone: a failed allocation aborts, as in GLib."),
    ("Removed features", "qemu: Drop support for QEMU older than 4.2",
     "QEMU 4.2 is the oldest version that a supported distribution ships."),
    ("New features", "xen: PCI passthrough of SR-IOV virtual functions",
     "Virtual functions can be assigned to Xen guests like any other PCI device."),
    ("Improvements", "docs: Documentation converted to reStructuredText",
     "Every page is now written in reStructuredText."),
)  # fmt: skip


def _news_section(
    rng: random.Random, release: _Release, highlights: Sequence[tuple[str, str, str]] = ()
) -> str:
    """Return the NEWS.rst section of `release`: bold categories, a bullet with text per item.

    `highlights` are (category, title, text) items to list first: the talk's news of the year.
    """
    counts = {
        "New features": rng.randint(1, 3),
        "Improvements": rng.randint(1, 3),
        "Bug fixes": rng.randint(1, 4),
        "Removed features": 1 if rng.random() < 0.15 else 0,
    }
    title = f"v{release.version} ({release.day.isoformat()})"
    lines = [title, "=" * len(title), ""]
    for category, count in counts.items():
        items = [(heading, text) for c, heading, text in highlights if c == category]
        for _ in range(count):
            heading, text = rng.choice(_NEWS[category])
            words = {
                "feat": rng.choice(_FEATURES),
                "event": rng.choice(_EVENTS),
                "drv": rng.choice(_NEWS_DRIVERS),
            }
            item = (heading.format(**words), text.format(**words))
            if item[0] not in (i[0] for i in items):
                items.append(item)
        if not items:
            continue
        lines += [f"* **{category}**", ""]
        for heading, text in items:
            lines += [f"  * {heading}", "", f"    {text}", ""]
    return "\n".join(lines) + "\n"


def _news_archive(year: int, sections: Sequence[tuple[int, str]]) -> str:
    """Return docs/news/YEAR.rst: the NEWS.rst sections of the releases of `year`."""
    title = f"Orbit releases of {year}"
    rule = "=" * len(title)
    body = "".join(text for y, text in reversed(sections) if y == year)
    return f"{rule}\n{title}\n{rule}\n\n{body}"


# --- writing the repositories ---------------------------------------------------------------


@cache
def _zone(minutes: int) -> timezone:
    return timezone(timedelta(minutes=minutes))


def _when(at: int, minutes: int) -> datetime:
    return datetime.fromtimestamp(at, _zone(minutes))


def _write_repo(repo: Path, events: list[_Event]) -> None:
    """Write `events` into the new bare repository `repo` with one `git fast-import`."""
    repo.mkdir(parents=True)
    init = ["git", "init", "--quiet", "--bare", "--template=", "--object-format=sha1"]
    subprocess.run([*init, "--initial-branch=main", str(repo)], check=True)
    # Store objects without zlib: it would double the import time, for a cache folder.
    config = ["git", "config", "--file", str(repo / "config"), "core.compression", "0"]
    subprocess.run(config, check=True)
    events.sort(key=lambda e: (e.at, e.seq))
    marks: dict[int, int] = {}
    topics: dict[int, int] = {}
    tip = 0
    with FastImport(repo, bare=True) as fast:
        for e in events:
            committed = _when(e.at, e.ctz)
            if e.tag:
                target = marks[e.target] if e.target else tip
                fast.tag(e.tag, target, tagger=e.committer, when=committed, message=e.message)
                continue
            parents: tuple[int, ...] = ()
            if e.topic:
                parents = (topics.get(e.topic, tip),)
            elif e.merge:
                parents = (tip, topics.pop(e.merge))
            mark = fast.commit(
                author=e.author,
                when=_when(e.authored, e.atz),
                message=e.message,
                files=e.files,
                committer=e.committer,
                committed=committed,
                parents=parents,
                ref=f"topic/{e.topic}" if e.topic else None,
            )
            if e.topic:
                topics[e.topic] = mark
            else:
                tip = mark
            if e.merge:
                fast.delete_branch(f"topic/{e.merge}")
            marks[e.seq] = mark
