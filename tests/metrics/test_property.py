"""Random histories: every metric of every scope against a naive reference.

The reference works from the generated commits alone (no git, no columns, no numpy), with the
definitions of docs/metrics.md written the obvious way, so the two implementations share only the
spec: people (aliases, `merge_by_name`, bots), the period and the window a year before it, the
per-year series, organisations under dated affiliations, and releases. Small histories come from
hypothesis; seeded histories of thousands of commits, with merges and repositories sharing
commits, check the same at the scale where columns and loops part ways.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.fastimport import FastImport, Person
from deckgen.metrics import Metrics, Period, ScopeMetrics, YearStats
from tests.gitrepos import ALICE, BOB, BOT_PERSON, CAROL, make_outline, measure

AS_OF = date(2020, 6, 30)
BOTS = [r"\[bot\]", r"noreply@weblate\.org"]
PEOPLE = [
    ALICE,
    Person(ALICE.name, "ALICE@Example.org"),  # the same identity: e-mails compare lower-cased
    Person("alice  LIDDELL", "al@home.example"),  # the same person with merge_by_name only
    BOB,
    Person("Robert Builder", "rb@redhat.com"),  # Bob, by the alias's e-mails
    CAROL,
    Person("Carol D", "carol@us.redhat.com"),  # an alias by name, apart from Carol Danvers
    Person("Dee", "dee@research.redhat.com"),
    BOT_PERSON,
    Person("Weblate", "noreply@weblate.org"),  # a bot by the second pattern
]
ALIASES = [
    {"name": "Bob the Builder", "emails": ["RB@redhat.com", "bob@example.org"]},
    {"name": "Carol", "names": ["carol d"]},
]
EPOCH = datetime(2017, 6, 1, tzinfo=UTC)
SPAN = int((datetime(2020, 12, 31, tzinfo=UTC) - EPOCH).total_seconds())
DAY = 86400


@dataclass(frozen=True)
class Made:
    """A commit as generated: who, when (aware), whether it is a merge, and its release tag."""

    key: tuple[str, int]
    author: Person
    when: datetime
    merge: bool = False
    tag: str | None = None

    @property
    def email(self) -> str:
        return self.author.email.lower()

    @property
    def day(self) -> date:
        return self.when.astimezone(UTC).date()

    @property
    def ts(self) -> int:
        return int(self.when.timestamp())


@dataclass(frozen=True)
class Config:
    """The outline's identity settings a history is measured with."""

    merge_by_name: bool = False
    affiliations: tuple[dict[str, Any], ...] = ()
    aliases: tuple[dict[str, Any], ...] = tuple(ALIASES)

    def identity(self) -> dict[str, Any]:
        return {
            "bots": BOTS,
            "aliases": list(self.aliases),
            "merge_by_name": self.merge_by_name,
            "affiliations": list(self.affiliations),
        }


@dataclass(frozen=True)
class Drawn:
    made: dict[str, list[Made]]
    period: Period
    config: Config = field(default_factory=Config)


# --- generating ---------------------------------------------------------------------------------


moments = st.builds(
    lambda s, tz: (EPOCH + timedelta(seconds=s)).astimezone(timezone(timedelta(hours=tz))),
    st.integers(0, SPAN),
    st.integers(-12, 14),
)
commits = st.lists(st.tuples(st.sampled_from(PEOPLE), moments, st.booleans()), max_size=10)
days = st.dates(date(2017, 6, 1), date(2020, 12, 31))


def affiliations(ends: Sequence[date | None]) -> tuple[dict[str, Any], ...]:
    """Return dated affiliations: an address before its domain, a domain changing hands, a
    subdomain of its own, and one expiring to `Unknown`."""
    a, b, c, d = ends
    return (
        {"match": "example.org", "organisation": "Example", "until": a},
        {"match": "@example.org", "organisation": "Example Later"},
        {"match": "alice@example.org", "organisation": "Alice Inc", "until": b},
        {"match": "redhat.com", "organisation": "Red Hat"},
        {"match": "us.redhat.com", "organisation": "Red Hat US", "until": c},
        {"match": "weblate.org", "organisation": "Weblate"},
        {"match": "home.example", "organisation": "Home", "until": d},
    )


@st.composite
def configs(draw: st.DrawFn) -> Config:
    ends = draw(st.lists(st.one_of(st.none(), days), min_size=4, max_size=4))
    return Config(
        merge_by_name=draw(st.booleans()),
        affiliations=affiliations(ends) if draw(st.booleans()) else (),
        aliases=tuple(ALIASES) if draw(st.booleans()) else (),
    )


def made_repos(
    a: list[tuple[Person, datetime, bool]],
    shared: int,
    b_own: list[tuple[Person, datetime, bool]],
    c_own: list[tuple[Person, datetime, bool]],
    merges: list[tuple[Person, datetime]],
) -> dict[str, list[Made]]:
    """Return repositories a, b (the first `shared` commits of a, then its own) and c, with
    release tags where the third item is true (b keeps a's tags on the commits it shares)."""

    def made(repo: str, rows: list[tuple[Person, datetime, bool]]) -> list[Made]:
        number = "abc".index(repo) + 1
        return [
            Made((repo, i), p, t, tag=f"v{number}.{i}" if tag else None)
            for i, (p, t, tag) in enumerate(rows)
        ]

    out = {"a": made("a", a), "b": made("a", a[:shared]) + made("b", b_own), "c": made("c", c_own)}
    for i, (p, t) in enumerate(merges):
        out["a"].append(Made(("side", i), p, t - timedelta(minutes=1)))
        out["a"].append(Made(("merge", i), p, t, merge=True))
    return out


@st.composite
def histories(draw: st.DrawFn) -> Drawn:
    a = draw(commits)
    merges = draw(st.lists(st.tuples(st.sampled_from(PEOPLE), moments), max_size=2)) if a else []
    made = made_repos(a, draw(st.integers(0, len(a))), draw(commits), draw(commits), merges)
    since = date(2019, 1, 1) + timedelta(days=draw(st.integers(0, 546)))
    until = since + timedelta(days=draw(st.integers(0, (AS_OF - since).days)))
    return Drawn(made, Period(since, until), draw(configs()))


def large(seed: int) -> Drawn:
    """Return a seeded history of a few thousand commits: many authors (a few very active),
    a hundred merges, a release every 40 commits of a, and b sharing half of a."""
    rng = random.Random(seed)
    domains = ("example.org", "redhat.com", "us.redhat.com", "home.example", "gmail.example")
    crowd = PEOPLE + [Person(f"Dev {i}", f"dev{i}@{domains[i % 5]}") for i in range(60)]

    def rows(count: int, tags: int) -> list[tuple[Person, datetime, bool]]:
        stamps = sorted(rng.randrange(SPAN) for _ in range(count))
        return [
            (
                crowd[min(int(rng.paretovariate(1.1)) - 1, len(crowd) - 1)],
                (EPOCH + timedelta(seconds=s)).astimezone(
                    timezone(timedelta(hours=rng.randint(-12, 14)))
                ),
                tags > 0 and n % tags == tags - 1,
            )
            for n, s in enumerate(stamps)
        ]

    a = rows(2400, 40)
    merges = [
        (rng.choice(crowd), EPOCH + timedelta(seconds=rng.randrange(SPAN))) for _ in range(100)
    ]
    made = made_repos(a, 1200, rows(700, 0), rows(1500, 90), merges)
    since = date(2019, 1, 1) + timedelta(days=rng.randrange(547))
    until = since + timedelta(days=rng.randrange((AS_OF - since).days + 1))
    ends = [
        rng.choice([None, date(2018, 3, 1), date(2019, 9, 30), date(2020, 2, 29)]) for _ in range(4)
    ]
    config = Config(merge_by_name=seed % 2 == 0, affiliations=affiliations(ends))
    return Drawn(made, Period(since, until), config)


def build(path: Path, name: str, made: list[Made], merges: bool) -> Path:
    """Write `made` as a linear history (plus merges of one-commit side branches), tagged."""
    with FastImport(path) as fi:
        tip = 0
        for n, c in enumerate(m for m in made if m.key[0] in ("a", "b", "c")):
            message = "change\n" if c.key[0] == "a" else f"{name} change\n"
            tip = fi.commit(
                author=c.author,
                when=c.when,
                message=message,
                files={f"f{n % 3}": f"{n}\n"},
                parents=(tip,) if tip else (),
            )
            if c.tag:
                fi.tag(c.tag, tip)
        sides = [m for m in made if m.key[0] == "side"]
        for i, side in enumerate(sides if merges else []):
            s = fi.commit(
                author=side.author,
                when=side.when,
                message="side\n",
                files={f"side{i}": "x\n"},
                parents=(tip,),
                ref=f"side{i}",
            )
            tip = fi.commit(
                author=side.author,
                when=side.when + timedelta(minutes=1),
                message="merge\n",
                parents=(tip, s),
            )
    return path


# --- the reference ------------------------------------------------------------------------------


def norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def is_bot(who: Person) -> bool:
    return "[bot]" in who.name or "[bot]" in who.email or "noreply@weblate.org" in who.email


@dataclass(frozen=True)
class Persons:
    """Who is who in the whole set: identity (lower-cased e-mail) → person, and display names."""

    of: dict[str, int]
    names: dict[int, str]


def persons(everything: Iterable[Made], config: Config) -> Persons:
    """Group identities into people: labels shared by two identities join them, to a fixpoint."""
    commits = list(everything)
    labels: dict[str, set[str]] = {}
    for m in commits:
        if is_bot(m.author):
            continue
        mine = labels.setdefault(m.email, {f"e:{m.email}"})
        for i, alias in enumerate(config.aliases):
            emails = [e.lower() for e in alias.get("emails", [])]
            names = [norm(n) for n in [alias["name"], *alias.get("names", [])]]
            if m.email in emails or norm(m.author.name) in names:
                mine.add(f"a:{i}")
        if config.merge_by_name:
            mine.add(f"n:{norm(m.author.name)}")
    groups = [({e}, set(ls)) for e, ls in labels.items()]
    merged = True
    while merged:
        merged = False
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                if groups[x][1] & groups[y][1]:
                    groups[x][0].update(groups[y][0])
                    groups[x][1].update(groups[y][1])
                    del groups[y]
                    merged = True
                    break
            if merged:
                break
    of = {e: n for n, (emails, _) in enumerate(groups) for e in emails}
    names, latest = {}, {}
    for n, (emails, ls) in enumerate(groups):
        aliases = sorted(int(label[2:]) for label in ls if label.startswith("a:"))
        mine = [m for m in commits if m.email in emails]
        latest[n] = max((m.ts, m.email) for m in mine)[1]
        if aliases:
            names[n] = config.aliases[aliases[0]]["name"]
        else:
            names[n] = max((m.ts, m.author.name.strip()) for m in mine)[1]
    return Persons(of, told_apart(names, latest))


def told_apart(names: dict[int, str], emails: dict[int, str]) -> dict[int, str]:
    """People sharing a name (case and spacing aside) shown with their latest e-mail's domain,
    or the whole e-mail when that is shared too (no two people here share an e-mail)."""
    out = dict(names)
    for n, name in names.items():
        same = [m for m in names if norm(names[m]) == norm(name)]
        domains = [emails[m].rpartition("@")[2] for m in same]
        if len(same) > 1:
            domain = emails[n].rpartition("@")[2]
            out[n] = f"{name} ({domain if domains.count(domain) == 1 else emails[n]})"
    return out


def org_of(email: str, day: date, config: Config) -> str:
    """The affiliation rules of docs/metrics.md, tried one by one."""
    entries = []
    for e in config.affiliations:
        match = e["match"].lower()
        domain = "@" not in match or match.startswith("@")
        entries.append((domain, match.lstrip("@"), e.get("until"), e["organisation"]))
    host = email.rpartition("@")[2].split(".")
    keys = [(False, email)] + [(True, ".".join(host[i:])) for i in range(len(host))]
    for key in keys:
        found = [e for e in entries if (e[0], e[1]) == key]
        found.sort(key=lambda e: (e[2] is None, e[2] or date.max))
        for _, _, until, org in found:
            if until is None or day <= until:
                return org
    return "Unknown"


def releases(repos: dict[str, list[Made]], period: Period) -> dict[str, object]:
    earliest: dict[str, Made] = {}
    for made in repos.values():
        for m in made:
            if m.tag and (m.tag not in earliest or m.ts < earliest[m.tag].ts):
                earliest[m.tag] = m
    dated = sorted((m.ts, name, m.day) for name, m in earliest.items())
    inside = [(name, day) for _, name, day in dated if period.since <= day <= period.until]
    up_to = sorted({day for _, _, day in dated if day <= period.until})
    recent = [d for d in up_to if d > period.until - timedelta(days=365)]
    pool = recent if len(recent) >= 2 else up_to
    cadence = float(median((b - a).days for a, b in pairwise(pool))) if len(pool) >= 2 else None
    left = (date(period.until.year, 12, 31) - period.until).days
    prev = Period(_year_before(period.since), _year_before(period.until))
    return {
        "count": len(inside),
        "projected": len(inside) + (int(left // cadence) if cadence else 0),
        "cadence": cadence,
        "list": inside,
        "by_year": dict(sorted(Counter(d.year for _, _, d in dated if d <= period.until).items())),
        "previous": sum(1 for _, _, d in dated if prev.since <= d <= prev.until),
    }


def reference(
    repos: dict[str, list[Made]], period: Period, config: Config, who: Persons
) -> dict[str, object]:
    """Return the metrics of the scope made of `repos`, computed naively."""
    held: dict[tuple[str, int], tuple[Made, set[str]]] = {}
    for name, made in repos.items():
        for m in made:
            if not m.merge:
                held.setdefault(m.key, (m, set()))[1].add(name)
    first: dict[int, int] = {}
    repo_first: dict[tuple[str, int], int] = {}
    for name, made in repos.items():
        for m in made:
            if not m.merge and not is_bot(m.author):
                p = who.of[m.email]
                first[p] = min(first.get(p, m.ts), m.ts)
                repo_first[(name, p)] = min(repo_first.get((name, p), m.ts), m.ts)
    mine = [(m, r) for m, r in held.values() if not is_bot(m.author)]

    def new(ts: int, since: date) -> bool:
        return datetime.fromtimestamp(ts, UTC).date() >= since

    def window(since: date, until: date) -> tuple[int, ...]:
        inside = [(m, r) for m, r in mine if since <= m.day <= until]
        authors = {who.of[m.email] for m, _ in inside}
        return (
            len(inside),
            len(authors),
            sum(1 for p in authors if new(first[p], since)),
            sum(1 for m, _ in inside if new(first[who.of[m.email]], since)),
            sum(
                1 for m, r in inside if any(new(repo_first[(x, who.of[m.email])], since) for x in r)
            ),
            sum(1 for m, _ in held.values() if is_bot(m.author) and since <= m.day <= until),
        )

    dated = [m for m, _ in mine if m.day <= period.until]
    years: dict[int, YearStats] = {}
    for year in range(
        min((m.day.year for m in dated), default=period.until.year + 1), period.until.year + 1
    ):
        row = [m for m in dated if m.day.year == year]
        authors = {who.of[m.email] for m in row}
        old = sum(1 for m in row if m.ts - first[who.of[m.email]] > 365 * DAY)
        began = sum(1 for p in authors if datetime.fromtimestamp(first[p], UTC).year < year)
        years[year] = YearStats(
            year, len(row), old, len(row) - old, len(authors), began, len(authors) - began
        )
    prev = Period(_year_before(period.since), _year_before(period.until))
    horizon = (date(period.until.year, 12, 31) - period.since).days + 1
    now = window(period.since, period.until)
    in_period = [m for m, _ in mine if period.since <= m.day <= period.until]
    newcomers = {who.of[m.email] for m in in_period} & {
        p for p in first if new(first[p], period.since)
    }
    orgs: dict[str, list[int]] = {}
    for m in in_period if config.affiliations else []:
        orgs.setdefault(org_of(m.email, m.day, config), []).append(who.of[m.email])
    ranked = sorted(
        ((name, (len(ps), set(ps))) for name, ps in orgs.items()),
        key=lambda kv: (-kv[1][0], kv[0].casefold(), kv[0]),
    )
    known = sorted((n for name, (n, _) in ranked if name != "Unknown"), reverse=True)
    elephant = None
    if config.affiliations and sum(known):
        elephant = next(k for k in range(1, len(known) + 1) if 2 * sum(known[:k]) >= sum(known))
    return {
        "window": now,
        "previous": window(prev.since, prev.until),
        "projected": (
            now[0]
            if period.until == date(period.until.year, 12, 31)
            else None
            if period.days < 28
            else int(now[0] * horizon / period.days + 0.5)
        ),
        "by_year": years,
        "new_names": sorted((who.names[p] for p in newcomers), key=lambda n: (n.casefold(), n)),
        "organisations": [(name, n, len(people)) for name, (n, people) in ranked],
        "elephant": elephant,
        "releases": releases(repos, period),
    }


def _year_before(day: date) -> date:
    return (
        day.replace(year=day.year - 1, day=28)
        if (day.month, day.day) == (2, 29)
        else day.replace(year=day.year - 1)
    )


def actual(s: ScopeMetrics) -> dict[str, object]:
    p, r = s.previous, s.releases
    return {
        "window": (
            s.commits,
            s.contributors,
            s.new_contributors,
            s.commits_by_new,
            s.commits_by_new_to_repo,
            s.bot_commits,
        ),
        "previous": (
            p.commits,
            p.contributors,
            p.new_contributors,
            p.commits_by_new,
            p.commits_by_new_to_repo,
            p.bot_commits,
        ),
        "projected": s.projected_commits,
        "by_year": dict(s.by_year),
        "new_names": list(s.new_contributor_names),
        "organisations": [(name, o.commits, o.contributors) for name, o in s.organisations.items()],
        "elephant": s.elephant_factor,
        "releases": {
            "count": r.count,
            "projected": r.projected,
            "cadence": r.cadence_days,
            "list": [(x.name, x.date) for x in r.list],
            "by_year": dict(r.by_year),
            "previous": p.releases,
        },
    }


def scopes(made: dict[str, list[Made]]) -> Iterable[tuple[str, dict[str, list[Made]]]]:
    yield "all", made
    yield "core", {"a": made["a"]}
    yield "bindings", {"b": made["b"], "c": made["c"]}
    for name in made:
        yield f"repo:{name}", {name: made[name]}


def check(drawn: Drawn) -> None:
    """Build the repositories of `drawn`, measure them, and compare every scope."""
    made, period, config = drawn.made, drawn.period, drawn.config
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = {name: build(root / name, name, m, name == "a") for name, m in made.items()}
        outline = make_outline(
            {"core": [paths["a"]], "bindings": [paths["b"], paths["c"]]},
            identity=config.identity(),
            period={"since": period.since, "until": period.until},
        )
        metrics = measure(outline, AS_OF)
    everything = [m for repo in made.values() for m in repo]
    who = persons(everything, config)
    for name, repos in scopes(made):
        assert actual(metrics.scope(name)) == reference(repos, period, config, who), name
    assert metrics.releases == metrics.groups["core"].releases
    assert Metrics.from_json(metrics.to_json()) == metrics  # what the metrics cache relies on


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_every_metric_matches_the_reference(drawn: Drawn) -> None:
    check(drawn)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_thousands_of_commits_match_the_reference(seed: int) -> None:
    check(large(seed))


# --- release ranges -----------------------------------------------------------------------------
#
# Random histories with branches, merges and lightweight tags; the reference asks git itself
# (`rev-list --no-merges`, `log --no-merges`) for each range and each history, and counts days
# the obvious way where the core repository does not hold both ends. People are e-mails here;
# a person is in a range, and known before it, as an author or as named in a Reviewed-by
# trailer (merges carry trailers too, which count for nobody).

RANGE_PEOPLE = [ALICE, BOB, CAROL, Person("Dee", "dee@example.org"), Person("Eve", "eve@x.org")]
REVIEWERS = [*RANGE_PEOPLE, Person("Rae Viewer", "rae@example.org")]


def reviewed(message: str, hours: int, other: int) -> str:
    """Return `message` with a Reviewed-by trailer for one commit in three."""
    if hours % 3:
        return message
    who = REVIEWERS[(hours + other) % len(REVIEWERS)]
    return f"{message}\nReviewed-by: {who.name} <{who.email}>\n"


RANGE_START = datetime(2019, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Dag:
    """A core history as operations, and a binding's commits (a root of its own)."""

    ops: tuple[tuple[str, int, int, int], ...]
    """(kind, branch, other branch or person, hours since the previous commit)."""
    binding: tuple[tuple[int, int], ...]
    """(person, hours since RANGE_START)."""
    ends: tuple[int, int]
    """The range's ends, as indexes into the tags made (modulo their count)."""


dags = st.builds(
    Dag,
    st.lists(
        st.tuples(
            st.sampled_from(["commit", "commit", "commit", "branch", "merge", "tag"]),
            st.integers(0, 3),
            st.integers(0, 4),
            st.integers(1, 900),
        ),
        min_size=3,
        max_size=24,
    ).map(tuple),
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 12000)), max_size=6).map(tuple),
    st.tuples(st.integers(0, 20), st.integers(0, 20)),
)


CREDITED = {"credit_trailers": ["Reviewed-by"]}


def write_dag(path: Path, dag: Dag) -> list[str]:
    """Write the core history of `dag`; return the tags made, in the order made."""
    tags: list[str] = []
    with FastImport(path) as fi:
        when = RANGE_START
        root = fi.commit(author=ALICE, when=when, message="root\n", files={"f": "0"})
        tips = [root]
        for n, (kind, branch, other, hours) in enumerate(dag.ops):
            b = branch % len(tips)
            when += timedelta(hours=hours)
            if kind == "branch":
                tips.append(tips[b])
            elif kind == "tag":
                tags.append(f"v1.{len(tags)}")
                fi.tag(tags[-1], tips[b])
            elif kind == "merge" and tips[other % len(tips)] != tips[b]:
                parents = (tips[b], tips[other % len(tips)])
                ref = "main" if b == 0 else f"b{b}"
                tips[b] = fi.commit(
                    author=RANGE_PEOPLE[hours % 5],
                    when=when,
                    message=reviewed("merge\n", hours, other),
                    parents=parents,
                    ref=ref,
                )
            else:
                ref = "main" if b == 0 else f"b{b}"
                tips[b] = fi.commit(
                    author=RANGE_PEOPLE[other],
                    when=when,
                    message=reviewed(f"c{n}\n", hours, other),
                    files={f"f{n % 3}": str(n)},
                    parents=(tips[b],),
                    ref=ref,
                )
    return tags


def git_lines(repo: Path, *args: str) -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    )
    return out.stdout.split()


def contributions(repo: Path, *revs: str) -> list[tuple[str, int]]:
    """The authors and the people named in Reviewed-by (lower-cased e-mails) of the non-merge
    commits git lists for `revs`, each with the commit's author time."""
    return [
        (email, stamp)
        for stamp, author, named in reviews(repo, *revs)
        for email in [author, *named]
    ]


def emails(repo: Path, *revs: str) -> set[str]:
    """The people `contributions` finds for `revs`."""
    return {e for e, _ in contributions(repo, *revs)}


def day_of(repo: Path, rev: str) -> date:
    (stamp,) = git_lines(repo, "log", "-1", "--format=%ct", rev, "--")
    return datetime.fromtimestamp(int(stamp), UTC).date()


def range_reference(
    core: Path, binding: list[tuple[Person, datetime]], old: str | None, new: str
) -> tuple[int, int, int]:
    """Return (commits, contributors, new contributors) of `old..new` over core and binding."""
    until = day_of(core, new)
    since = min(day_of(core, old) + timedelta(days=1), until) if old else date.min
    held = all(
        subprocess.run(
            ["git", "-C", str(core), "merge-base", "--is-ancestor", rev, "main"], check=False
        ).returncode
        == 0
        for rev in ([old] if old else []) + [new]
    )
    if held:
        spec = [new, f"^{old}"] if old else [new]
        commits = len(git_lines(core, "rev-list", "--no-merges", *spec, "--"))
        authors, before = emails(core, *spec), emails(core, old) if old else set()
    else:
        dated = [(e, datetime.fromtimestamp(t, UTC)) for e, t in contributions(core, "main")]
        inside = [e for e, t in dated if since <= t.date() <= until]
        commits = sum(
            since <= datetime.fromtimestamp(int(t), UTC).date() <= until
            for t in git_lines(core, "log", "--no-merges", "--format=%at", "main", "--")
        )
        authors = set(inside)
        before = {e for e, t in dated if t.date() < since}
    bound = [(p.email.lower(), t.date()) for p, t in binding]
    inside_b = [e for e, d in bound if since <= d <= until]
    before |= {e for e, d in bound if d < since}
    everyone = authors | set(inside_b)
    return commits + len(inside_b), len(everyone), len(everyone - before)


def reviews(repo: Path, *revs: str) -> list[tuple[int, str, list[str]]]:
    """The non-merge commits git lists for `revs`: author time, author e-mail and the e-mails
    named in their Reviewed-by trailers (lower-cased)."""
    out = subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "log",
            "--no-merges",
            "--format=%at|%ae|%(trailers:key=Reviewed-by,valueonly,separator=|)",
            *revs,
            "--",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = []
    for line in out.splitlines():
        if line:
            stamp, author, *named = line.split("|")
            found.append(
                (
                    int(stamp),
                    author.lower(),
                    [n.split("<")[1].rstrip(">").lower() for n in named if n],
                )
            )
    return found


def range_credits_reference(
    core: Path, binding: list[tuple[Person, datetime]], old: str, new: str
) -> tuple[int, int, float | None]:
    """Return the Reviewed-by credits of `old..new` over core and binding (occurrences, distinct
    people) and the share of its commits reviewed by someone other than the author: git's
    `old..new` where the core holds both ends, the range's days elsewhere."""
    until = day_of(core, new)
    since = min(day_of(core, old) + timedelta(days=1), until)
    held = all(
        subprocess.run(
            ["git", "-C", str(core), "merge-base", "--is-ancestor", rev, "main"], check=False
        ).returncode
        == 0
        for rev in (old, new)
    )
    if held:
        commits = reviews(core, new, f"^{old}")
    else:
        commits = [
            c
            for c in reviews(core, "main")
            if since <= datetime.fromtimestamp(c[0], UTC).date() <= until
        ]
    named = [e for _, _, found in commits for e in found]
    others = sum(1 for _, author, found in commits if set(found) - {author})
    total = len(commits) + sum(1 for _, t in binding if since <= t.date() <= until)
    return len(named), len(set(named)), others / total if total else None


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dags)
def test_ranges_and_releases_match_git(dag: Dag) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        tags = write_dag(root / "core", dag)
        binding = [(RANGE_PEOPLE[p], RANGE_START + timedelta(hours=h)) for p, h in dag.binding]
        if binding:
            with FastImport(root / "binding") as fi:
                for p, when in binding:
                    fi.commit(author=p, when=when, message="b\n", files={"b": when.isoformat()})
        repos: dict[str, list[Path]] = {"core": [root / "core"]}
        if binding:
            repos["bindings"] = [root / "binding"]
        as_of = date(2022, 12, 31)
        if tags:
            old, new = tags[dag.ends[0] % len(tags)], tags[dag.ends[1] % len(tags)]
            outline = make_outline(repos, period={"range": f"{old}..{new}"}, identity=CREDITED)
            if day_of(root / "core", new) <= as_of:
                m = measure(outline, as_of)
                got = (m.all.commits, m.all.contributors, m.all.new_contributors)
                assert got == range_reference(root / "core", binding, old, new)
                reviewed = m.all.credits["Reviewed-by"]
                credits = (reviewed.occurrences, reviewed.people, m.all.reviewed_share)
                assert credits == range_credits_reference(root / "core", binding, old, new)
        # per-release counts: the core's releases (tags main reaches), each from the one before
        whole = make_outline(
            {"core": [root / "core"]}, period={"since": "2000-01-01"}, identity=CREDITED
        )
        listed = measure(whole, as_of).releases.list
        reached = [
            t
            for t in tags
            if subprocess.run(
                ["git", "-C", str(root / "core"), "merge-base", "--is-ancestor", t, "main"],
                check=False,
            ).returncode
            == 0
        ]
        order = sorted(reached, key=lambda t: (day_of_time(root / "core", t), t))
        expected = []
        for i, tag in enumerate(order):
            previous = order[i - 1] if i else None
            expected.append((tag, *range_reference(root / "core", [], previous, tag)))
        assert [(r.name, r.commits, r.contributors, r.new_contributors) for r in listed] == expected


def day_of_time(repo: Path, rev: str) -> int:
    (stamp,) = git_lines(repo, "log", "-1", "--format=%ct", rev, "--")
    return int(stamp)
