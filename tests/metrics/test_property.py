"""Random small histories: every metric of every scope against a naive reference.

The reference works from the generated commits alone (no git, no columns), with the definitions
of docs/metrics.md written the obvious way, so the two implementations share only the spec.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.fastimport import FastImport, Person
from deckgen.metrics import Metrics, Period, ScopeMetrics, YearStats
from tests.gitrepos import ALICE, BOB, BOT, CAROL, make_outline, measure

AS_OF = date(2020, 6, 30)
PEOPLE = [ALICE, BOB, CAROL, Person(ALICE.name, "ALICE@Example.org"), BOT]
BOTS = r"\[bot\]"
NAMES = {p.email.lower(): p.name for p in PEOPLE}
EPOCH = datetime(2017, 6, 1, tzinfo=UTC)
SPAN = int((datetime(2020, 12, 31, tzinfo=UTC) - EPOCH).total_seconds())


@dataclass(frozen=True)
class Made:
    """A commit as generated: who, when (aware), and whether it is a merge."""

    key: tuple[str, int]
    author: Person
    when: datetime
    merge: bool = False

    @property
    def person(self) -> str:
        return self.author.email.lower()

    @property
    def bot(self) -> bool:
        return "[bot]" in self.author.email

    @property
    def day(self) -> date:
        return self.when.astimezone(UTC).date()

    @property
    def ts(self) -> int:
        return int(self.when.timestamp())


moments = st.builds(
    lambda s, tz: (EPOCH + timedelta(seconds=s)).astimezone(timezone(timedelta(hours=tz))),
    st.integers(0, SPAN),
    st.integers(-12, 14),
)
commits = st.lists(st.tuples(st.sampled_from(PEOPLE), moments), max_size=10)


@st.composite
def histories(draw: st.DrawFn) -> tuple[dict[str, list[Made]], Period]:
    a = draw(commits)
    merges = draw(st.lists(st.tuples(st.sampled_from(PEOPLE), moments), max_size=2)) if a else []
    shared = draw(st.integers(0, len(a)))
    b_own, c_own = draw(commits), draw(commits)
    made = {
        "a": [Made(("a", i), p, t) for i, (p, t) in enumerate(a)],
        "b": [Made(("a", i), p, t) for i, (p, t) in enumerate(a[:shared])],
        "c": [Made(("c", i), p, t) for i, (p, t) in enumerate(c_own)],
    }
    made["b"] += [Made(("b", i), p, t) for i, (p, t) in enumerate(b_own)]
    for i, (p, t) in enumerate(merges):
        made["a"].append(Made(("side", i), p, t - timedelta(minutes=1)))
        made["a"].append(Made(("merge", i), p, t, merge=True))
    since = date(2019, 1, 1) + timedelta(days=draw(st.integers(0, 546)))
    until = since + timedelta(days=draw(st.integers(0, (AS_OF - since).days)))
    return made, Period(since, until)


def build(path: Path, name: str, made: list[Made], merges: bool) -> Path:
    """Write `made` as a linear history (plus merges of one-commit side branches)."""
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


def reference(repos: dict[str, list[Made]], period: Period) -> dict[str, object]:
    """Return the metrics of the scope made of `repos`, computed naively."""
    held: dict[tuple[str, int], tuple[Made, set[str]]] = {}
    for name, made in repos.items():
        for m in made:
            if not m.merge:
                held.setdefault(m.key, (m, set()))[1].add(name)
    people = [m for m, _ in held.values() if not m.bot]
    first = {p.person: min(m.ts for m in people if m.person == p.person) for p in people}
    repo_first = {
        (name, m.person): min(x.ts for x in made if x.person == m.person and not x.merge)
        for name, made in repos.items()
        for m in made
        if not m.bot and not m.merge
    }

    def new(ts: int, since: date) -> bool:
        return datetime.fromtimestamp(ts, UTC).date() >= since

    def window(since: date, until: date) -> tuple[int, ...]:
        inside = [(m, r) for m, r in held.values() if since <= m.day <= until]
        mine = [(m, r) for m, r in inside if not m.bot]
        who = {m.person for m, _ in mine}
        return (
            len(mine),
            len(who),
            sum(1 for p in who if new(first[p], since)),
            sum(1 for m, _ in mine if new(first[m.person], since)),
            sum(1 for m, r in mine if any(new(repo_first[(x, m.person)], since) for x in r)),
            len(inside) - len(mine),
        )

    dated = [m for m in people if m.day <= period.until]
    years: dict[int, YearStats] = {}
    for year in range(
        min((m.day.year for m in dated), default=period.until.year + 1), period.until.year + 1
    ):
        row = [m for m in dated if m.day.year == year]
        authors = {m.person for m in row}
        old = sum(1 for m in row if m.ts - first[m.person] > 365 * 86400)
        began = sum(1 for p in authors if datetime.fromtimestamp(first[p], UTC).year < year)
        years[year] = YearStats(
            year, len(row), old, len(row) - old, len(authors), began, len(authors) - began
        )
    prev = Period(_year_before(period.since), _year_before(period.until))
    horizon = (date(period.until.year, 12, 31) - period.since).days + 1
    now = window(period.since, period.until)
    return {
        "window": now,
        "previous": window(prev.since, prev.until),
        "projected": int(now[0] * horizon / period.days + 0.5),
        "by_year": years,
        "new_names": tuple(
            sorted(
                NAMES[p]
                for p in first
                if new(first[p], period.since)
                and any(m.person == p and period.since <= m.day <= period.until for m in people)
            )
        ),
    }


def _year_before(day: date) -> date:
    return (
        day.replace(year=day.year - 1, day=28)
        if (day.month, day.day) == (2, 29)
        else day.replace(year=day.year - 1)
    )


def actual(s: ScopeMetrics) -> dict[str, object]:
    p = s.previous
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
        "new_names": s.new_contributor_names,
    }


def scopes(made: dict[str, list[Made]]) -> Iterable[tuple[str, dict[str, list[Made]]]]:
    yield "all", made
    yield "core", {"a": made["a"]}
    yield "bindings", {"b": made["b"], "c": made["c"]}
    for name in made:
        yield f"repo:{name}", {name: made[name]}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_every_metric_matches_the_reference(drawn: tuple[dict[str, list[Made]], Period]) -> None:
    made, period = drawn
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = {name: build(root / name, name, m, name == "a") for name, m in made.items()}
        outline = make_outline(
            {"core": [paths["a"]], "bindings": [paths["b"], paths["c"]]},
            identity={"bots": [BOTS]},
            period={"since": period.since, "until": period.until},
        )
        metrics = measure(outline, AS_OF)
    for name, repos in scopes(made):
        assert actual(metrics.scope(name)) == reference(repos, period), name
    assert Metrics.from_json(metrics.to_json()) == metrics  # what the metrics cache relies on
