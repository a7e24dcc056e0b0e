"""A zoo of synthetic repository sets shaped like real projects, for tests/zoo/test_zoo.py.

Every shape is written with git fast-import (`deckgen.fastimport`, `tests.gitrepos`) from a seed,
relative to an end date `end`: the history runs up to `end` (a few shapes put commits after it on
purpose), so the same shape can be built for any year. A shape returns its repositories by group,
as paths relative to the folder it was built in (for the outline), and the earliest author date
of the whole set: before that day the project did not exist yet.
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from deckgen.fastimport import FastImport, Person
from tests.gitrepos import Change, git, make_repo

Groups = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class Built:
    """What a shape wrote: group → repository paths (relative), and when the project began."""

    repos: Groups
    first_authored: date | None
    """The earliest author date in the set; None for a set without a single commit."""


@dataclass(frozen=True)
class Shape:
    """A named way to fill a folder with repositories."""

    name: str
    build: Callable[[Path, random.Random, date], Built]
    relative: bool = False
    """True when the history is placed relative to the as-of date itself (built once per date);
    else it is built once, ending on the last day of the as-of year, and shared between dates."""


# ---------------------------------------------------------------------------------------------
# People


GIVEN = ("Anna", "Bruno", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas")
FAMILY = ("Berger", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ivanova")

#: Names as they appear in real logs: diacritics, other scripts, emoji, and very long ones.
FOREIGN = (
    "Přemysl Žďárský",
    "Jiří Dvořáček-Šťastná",
    "Řehoř Ňachal",
    "王小明",
    "李华",
    "欧阳娜娜",
    "محمد عبد الرحمن",
    "فاطمة الزهراء",
    "🦊 Fox",
    "Ada 🚀 Lovelace",
    "Zoë Ångström-Øvergaard",
    "Maximiliane Theodora Wilhelmina von Hohenzollern-Sigmaringen-Auersperg-Breunner",
    "Dr. Bartholomew Alexander Featherstonehaugh-Cholmondeley III, PhD, FRSE",
    "Siobhán Ní Dhubhghaill",
    "Nguyễn Thị Minh Khai",
)


def regulars(rng: random.Random, count: int, domain: str = "example.org") -> list[Person]:
    """Return `count` distinct ordinary people."""
    people: list[Person] = []
    for n in range(count):
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        people.append(Person(name, f"{name.split()[0].lower()}.{n}@{domain}"))
    return people


def newcomers(rng: random.Random, count: int) -> list[Person]:
    """Return `count` distinct people with long, non-Latin, emoji and empty names, and two
    different people who share one name."""
    people = [
        Person("", "anonymous-contributor@example.net"),
        Person("Jan Novák", "jan.novak@firma.cz"),
        Person("Jan Novák", "jnovak@university.example.edu"),
    ]
    n = 0
    while len(people) < count:
        base = FOREIGN[n % len(FOREIGN)]
        name = base if n < len(FOREIGN) else f"{base} {rng.randint(2, 999)}"
        people.append(Person(name, f"newcomer{n}@contributors.example"))
        n += 1
    return people[:count]


# ---------------------------------------------------------------------------------------------
# Histories


def noon(day: date, rng: random.Random | None = None) -> datetime:
    """Return `day` at midday UTC, a few minutes off when `rng` is given (distinct timestamps)."""
    minutes = rng.randint(0, 240) if rng else 0
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC) + timedelta(minutes=minutes)


def days(first: date, last: date, every: float, rng: random.Random) -> Iterator[date]:
    """Yield days from `first` to `last`, about `every` days apart."""
    day = first
    while day <= last:
        yield day
        day += timedelta(days=max(1, round(rng.uniform(0.5, 1.5) * every)))


def steady(
    rng: random.Random, first: date, last: date, people: Sequence[Person], every: float = 3.0
) -> list[Change]:
    """A plain history: a commit every `every` days by one of `people`, weighted to the first."""
    weights = [1.0 / (1 + i) for i in range(len(people))]
    return [
        Change(rng.choices(people, weights)[0], noon(d, rng), f"Change {n}")
        for n, d in enumerate(days(first, last, every, rng))
    ]


def write(path: Path, changes: Sequence[Change], *, bare: bool = False) -> date | None:
    """Write a linear history (tags included) with make_repo; return its earliest author day."""
    ordered = sorted(changes, key=lambda c: c.when)
    make_repo(path, ordered, bare=bare)
    return min((c.when.date() for c in ordered), default=None)


def earliest(*days_: date | None) -> date | None:
    return min((d for d in days_ if d is not None), default=None)


def releases(
    changes: list[Change], when: Sequence[date], *, rcs: int = 0, start: int = 0
) -> list[Change]:
    """Tag the commit closest after each of `when` as a release, preceded by `rcs` candidates.

    Candidates go on earlier commits (-rc1 oldest); tags are annotated and lightweight in turn.
    """
    tagged = list(changes)
    used: set[int] = set()
    for n, day in enumerate(when):
        index = next(
            (i for i, c in enumerate(tagged) if c.when.date() >= day and i not in used), None
        )
        if index is None:
            break
        version = f"v{2 + (start + n) // 10}.{(start + n) % 10}.0"
        names = [(index, version)]
        names += [(index - k, f"{version}-rc{rcs + 1 - k}") for k in range(1, rcs + 1)]
        for i, name in names:
            if i < 0 or i in used:
                continue
            used.add(i)
            change = tagged[i]
            annotated = (n + i) % 2 == 0
            tagged[i] = Change(
                change.author,
                change.when,
                change.message,
                tag=name,
                tag_when=change.when + timedelta(hours=1) if annotated else None,
            )
    return tagged


# ---------------------------------------------------------------------------------------------
# The shapes


def _single(root: Path, rng: random.Random, end: date) -> Built:
    when = date(end.year, 3, 14)
    first = write(root / "solo", [Change(regulars(rng, 1)[0], noon(when), "Initial commit")])
    return Built({"core": ["solo"]}, first)


def init_empty(path: Path) -> None:
    """Create a repository without a single commit."""
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(path)], check=True)


def _empty(root: Path, rng: random.Random, end: date) -> Built:
    init_empty(root / "void")
    return Built({"core": ["void"]}, None)


def _usual(rng: random.Random, end: date, name: str, years: int = 5) -> list[Change]:
    """A healthy project's history: `years` years of commits by a team that grows."""
    team = regulars(rng, 14, domain=f"{name}.example")
    changes: list[Change] = []
    for k in range(years + 1):
        year = end.year - years + k
        first = date(year, 1, 1) if k else date(year, 3, 1)
        last = min(date(year, 12, 31), end)
        changes += steady(rng, first, last, team[: 4 + 2 * k], every=3.0)
    return changes


def _empty_binding(root: Path, rng: random.Random, end: date) -> Built:
    first = write(root / "core", _usual(rng, end, "core"))
    init_empty(root / "python")
    return Built({"core": ["core"], "bindings": ["python"]}, first)


def _no_tags(root: Path, rng: random.Random, end: date) -> Built:
    a = write(root / "core", _usual(rng, end, "core"))
    b = write(root / "python", _usual(rng, end, "python", years=2))
    return Built({"core": ["core"], "bindings": ["python"]}, earliest(a, b))


def _rc40(root: Path, rng: random.Random, end: date) -> Built:
    changes = _usual(rng, end, "core")
    changes.sort(key=lambda c: c.when)
    year = end.year
    last_year = [date(year - 1, 1, 10) + timedelta(days=36 * k) for k in range(10)]
    this_year = [date(year, 1, 5) + timedelta(days=9 * k) for k in range(40)]
    tagged = releases(changes, [*last_year, *this_year], rcs=2)
    a = write(root / "core", tagged)
    b = write(root / "python", _usual(rng, end, "python", years=3))
    return Built({"core": ["core"], "bindings": ["python"]}, earliest(a, b))


def _monthly(root: Path, rng: random.Random, end: date) -> Built:
    changes = sorted(_usual(rng, end, "core"), key=lambda c: c.when)
    monthly = [date(end.year - 2 + y, m, 15) for y in range(3) for m in range(1, 13)]
    a = write(root / "core", releases(changes, monthly, rcs=1))
    b = write(root / "python", _usual(rng, end, "python", years=3))
    return Built({"core": ["core"], "bindings": ["python"]}, earliest(a, b))


def _newcomers(root: Path, rng: random.Random, end: date) -> Built:
    changes = _usual(rng, end, "core")
    people = newcomers(rng, 300)
    year = date(end.year, 1, 1)
    span = (end - year).days
    for n, person in enumerate(people):
        when = year + timedelta(days=round(n * span / len(people)))
        changes.append(Change(person, noon(when, rng), f"First patch of newcomer {n}"))
    a = write(root / "core", changes)
    b = write(root / "python", _usual(rng, end, "python", years=2))
    return Built({"core": ["core"], "bindings": ["python"]}, earliest(a, b))


def _clocks(root: Path, rng: random.Random, end: date) -> Built:
    changes = _usual(rng, end, "core")
    wrong = Person("Broken Clock", "rtc@embedded.example")
    changes.append(Change(wrong, datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC), "Fix the build"))
    changes.append(Change(wrong, datetime(2099, 6, 1, 12, tzinfo=UTC), "Fix the clock"))
    a = write(root / "core", changes)
    b = write(root / "python", _usual(rng, end, "python", years=2))
    return Built({"core": ["core"], "bindings": ["python"]}, earliest(a, b))


def _skewed(root: Path, rng: random.Random, end: date) -> Built:
    """Patches applied long after they were written (and a few committed before their author
    date: a rebase on a machine with a fast clock)."""
    skewed: list[Change] = []
    for n, change in enumerate(_usual(rng, end, "core")):
        lag = timedelta(days=rng.choice((0, 0, 1, 30, 400, 1500)))
        committed = change.when + lag if n % 5 else change.when - timedelta(days=200)
        skewed.append(Change(change.author, change.when, change.message, committed=committed))
    a = write(root / "core", skewed)
    b = write(root / "python", _usual(rng, end, "python", years=2))
    return Built({"core": ["core"], "bindings": ["python"]}, earliest(a, b))


def _merge_heavy(root: Path, rng: random.Random, end: date) -> Built:
    """Every change arrives on a topic branch of 1-3 commits merged by a maintainer; once a
    month an octopus merge of three branches."""
    team = regulars(rng, 10, domain="merges.example")
    maintainer = team[0]
    first = date(end.year - 3, 2, 1)
    with FastImport(root / "core") as fi:
        tip = fi.commit(author=maintainer, when=noon(first), message="Initial\n", files={"a": ""})
        for n, day in enumerate(days(first + timedelta(days=1), end, 2.0, rng)):
            when = noon(day, rng)
            width = 3 if day.day == 1 else 1
            heads = []
            for b in range(width):
                side = tip
                for k in range(rng.randint(1, 3)):
                    side = fi.commit(
                        author=rng.choice(team),
                        when=when - timedelta(hours=k + 1, minutes=b),
                        message=f"Topic {n}.{b} part {k}\n",
                        files={f"topic{n % 11}.txt": f"{n} {b} {k}\n"},
                        parents=(side,),
                        ref=f"topic{b}",
                    )
                heads.append(side)
            tip = fi.commit(
                author=maintainer,
                when=when,
                message=f"Merge topic {n}\n",
                parents=(tip, *heads),
            )
            if day.month != (day - timedelta(days=2)).month:
                fi.tag(f"v1.{n}", tip)
        for b in range(3):
            fi.delete_branch(f"topic{b}")
    return Built({"core": ["core"]}, first)


def _spaces(root: Path, rng: random.Random, end: date) -> Built:
    core = "my projects/Core Lib (stable)"
    binding = "my projects/python binding #2"
    a = write(root / core, _usual(rng, end, "core"))
    b = write(root / binding, _usual(rng, end, "python", years=2))
    return Built({"core": [core], "bindings": [binding]}, earliest(a, b))


def _bare(root: Path, rng: random.Random, end: date) -> Built:
    a = write(root / "core.git", _usual(rng, end, "core"), bare=True)
    b = write(root / "python.git", _usual(rng, end, "python", years=2), bare=True)
    return Built({"core": ["core.git"], "bindings": ["python.git"]}, earliest(a, b))


def _worktree(root: Path, rng: random.Random, end: date) -> Built:
    """The analysed folder is a linked work tree (`git worktree add`) on a feature branch that
    forked from main a quarter of the history ago."""
    changes = sorted(_usual(rng, end, "core"), key=lambda c: c.when)
    fork = len(changes) * 3 // 4
    with FastImport(root / "main") as fi:
        tip = 0
        for n, change in enumerate(changes):
            tip = fi.commit(
                author=change.author,
                when=change.when,
                message=f"{change.message}\n",
                files={f"file{n % 5}.txt": f"{n}\n"},
                parents=(tip,) if tip else (),
                ref="main" if n < fork else "feature",
            )
    git(root / "main", "checkout", "--quiet", "-f", "main")
    git(root / "main", "worktree", "add", "--quiet", str(root / "feature tree"), "feature")
    return Built({"core": ["feature tree"]}, changes[0].when.date())


def _young(root: Path, rng: random.Random, end: date) -> Built:
    """Three months old on the as-of date: daily commits by a few people, two tags."""
    team = regulars(rng, 4, domain="young.example")
    start = end - timedelta(days=91)
    changes = steady(rng, start, end, team, every=1.0)
    changes = releases(changes, [start + timedelta(days=40), start + timedelta(days=80)])
    return Built({"core": ["young"]}, write(root / "young", changes))


SHAPES: tuple[Shape, ...] = (
    Shape("one-commit", _single),
    Shape("empty", _empty),
    Shape("empty-binding", _empty_binding),
    Shape("no-tags", _no_tags),
    Shape("40-releases-rc", _rc40),
    Shape("monthly-releases", _monthly),
    Shape("300-newcomers", _newcomers),
    Shape("clock-1970-2099", _clocks),
    Shape("author-vs-committer-dates", _skewed),
    Shape("merge-heavy", _merge_heavy),
    Shape("path-with-spaces", _spaces),
    Shape("bare", _bare),
    Shape("worktree", _worktree),
    Shape("three-months-old", _young, relative=True),
)


@dataclass
class Zoo:
    """Builds shapes under `root` on demand, once per shape (or per date for relative ones)."""

    root: Path
    seed: int
    year_end: date
    built: dict[tuple[str, date], tuple[Path, Built]] = field(default_factory=dict)

    def get(self, shape: Shape, as_of: date) -> tuple[Path, Built]:
        """Return the folder holding `shape` for `as_of`, and what it holds."""
        end = as_of if shape.relative else self.year_end
        key = (shape.name, end)
        if key not in self.built:
            folder = self.root / f"{shape.name}-{end.isoformat()}"
            folder.mkdir(parents=True)
            rng = random.Random(f"{self.seed}:{shape.name}:{end.isoformat()}")
            self.built[key] = (folder, shape.build(folder, rng, end))
        return self.built[key]
