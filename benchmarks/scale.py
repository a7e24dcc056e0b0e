"""Build a full deck at scale: it completes, stays under 400 MB, and its progress keeps moving.

    .venv/bin/python benchmarks/scale.py [--only big|many] [--max-gap 2] [--max-rss 400]

Two projects, generated once with fast-import into the temporary folder:

- big: one repository of 1,000,000 commits (the one benchmarks/metrics.py makes,
  /tmp/deckgen-bench-1000000.git);
- many: 50 repositories of 20,000 commits each, in two groups (10 `core`, 40 `bindings`), each
  with its own seed, starting year and window of authors, so that authors overlap in part
  (/tmp/deckgen-bench-50x20000/).

Both have a merge every 50 commits, whose side commit comes on top: 2% more commits in all.

For each, an outline of a full deck is written (stats, every chart kind, a native chart, tables,
bullets, a section, an image, a quote), and in the same run:

- the floor: deckgen's `git log` of every repository, one after another, read from a pipe (as in
  benchmarks/metrics.py), the seconds summed;
- the build with an empty cache folder (cold), then again with that folder (warm), each in a
  child process that calls `deckgen.build.build()` with callbacks recording the time of every
  progress update and reports its own and its git children's resource usage as JSON.

Printed per run: the wall time and its ratio to the floor; the peak RSS of the deckgen process,
of its largest git child, and of the whole process tree at any one moment (sampled from /proc);
how many progress updates arrived and the longest time without one, from the start of the
process to the end of the build, with where it was; the time of each stage. The verdict checks
every build completes, every peak RSS stays under --max-rss MB and no gap is longer than
--max-gap seconds; the exit status is 1 when a target is missed. Not run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from metrics import AS_OF, START, Run, build_repo, git_out, timed

from deckgen.fastimport import Person
from deckgen.history.gitcmd import STREAM_ENV
from deckgen.history.log import log_args

MANY, MANY_COMMITS, CORE_REPOS = 50, 20_000, 10
DOMAINS = (
    "stellarsoft.example",
    "redwood.example",
    "nimbus.example",
    "bluepeak.example",
    "kernelworks.example",
    "uni-kiel.example",
    "gmail.example",
)
WEBLATE_BOT = Person("Weblate", "noreply@weblate.org")
LOGO = Path(__file__).parents[1] / "deckgen" / "data" / "orbit-logo.png"


# --- the projects ---------------------------------------------------------------------------


def build_member(path: Path, commits: int, seed: int, first_author: int, start: datetime) -> None:
    """Write one repository of the many-repository project: 400 authors from `first_author` on,
    and a translation bot (see `build_repo`)."""
    people = [
        Person(f"Dev {i}", f"dev{i}@{DOMAINS[i % len(DOMAINS)]}")
        for i in range(first_author, first_author + 400)
    ]
    build_repo(path, commits, seed, people=people, start=start, bot=WEBLATE_BOT)


def many_project(
    folder: Path, repos: int = MANY, commits: int = MANY_COMMITS, seed: int = 100
) -> dict[str, list[Path]]:
    """Return the groups of a project of `repos` repositories (the first `CORE_REPOS` core, the
    rest bindings started 90 days apart), generating what is missing."""
    groups: dict[str, list[Path]] = {"core": [], "bindings": []}
    for k in range(repos):
        group = "core" if k < CORE_REPOS else "bindings"
        index = k if group == "core" else k - CORE_REPOS
        path = folder / f"{group}-{index:02d}.git"
        groups[group].append(path)
        complete = folder / f"{path.name}.complete"
        if complete.exists():
            continue
        shutil.rmtree(path, ignore_errors=True)  # an interrupted generation
        started = time.perf_counter()
        start = START + timedelta(days=0 if group == "core" else 90 * index)
        build_member(path, commits, seed=seed + k, first_author=60 * k, start=start)
        complete.touch()
        print(f"built {path} in {time.perf_counter() - started:.1f} s", flush=True)
    return groups


def big_project(path: Path, commits: int) -> dict[str, list[Path]]:
    if not (path / "HEAD").exists():
        started = time.perf_counter()
        build_repo(path, commits)
        print(f"built {path} in {time.perf_counter() - started:.1f} s", flush=True)
    return {"core": [path]}


# --- the outline ----------------------------------------------------------------------------


def outline_text(groups: dict[str, list[Path]]) -> str:
    """Return the outline of a full deck for `groups` (group name → repository paths)."""
    repos = "".join(
        f"  {group}:\n" + "".join(f"    - {{path: {p}, name: {p.stem}}}\n" for p in paths)
        for group, paths in groups.items()
    )
    affiliations = "".join(
        f"    - {{match: {d}, organisation: {d.split('.')[0].title()}}}\n"
        for d in (*DOMAINS[:-1], "example.org")
    )
    first_group = next(iter(groups))
    first_repo = groups[first_group][0].stem
    per_group = "".join(
        f"""\
  - kind: chart
    title: "{group}: commits per year"
    chart: commits_by_year
    scope: {group}
    caption: "{{{{ groups['{group}'].commits | thousands }}}} commits this year"
  - kind: chart
    title: "{group}: authors per year"
    chart: authors_by_year
    scope: {group}
"""
        for group in groups
    )
    return f"""\
title: State of the Scale project
subtitle: The year in numbers
speaker: {{name: Bench Marker, role: release manager, affiliation: Stellarsoft}}
event: {{name: Scale Day 2026, location: Brno, url: https://scale.example.org, hashtag: '#scale'}}
logo: logo.png
repos:
{repos}identity:
  bots: ['noreply@weblate\\.org', '\\[bot\\]@']
  affiliations:
{affiliations}slides:
  - kind: title
    notes: Every number comes from {{{{ repos | length }}}} repositories.
  - kind: stats
    title: Releases
    tiles:
      - {{value: "{{{{ releases.count }}}}", caption: releases since 1 January}}
      - {{value: "{{{{ releases.projected }}}}", caption: expected this year}}
      - value: "{{{{ releases.cadence_days | round | int if releases.cadence_days else '-' }}}}"
        caption: days between releases
    text: "{{{{ releases.count }}}} releases, on course for {{{{ releases.projected }}}}"
  - kind: stats
    title: Contributors and commits in {{{{ as_of.year }}}}
    tiles:
      - value: "{{{{ all.contributors | thousands }}}}"
        caption: contributors
        previous: "{{{{ all.previous.contributors }}}}"
      - {{value: "{{{{ all.new_contributors | thousands }}}}", caption: new}}
      - {{value: "{{{{ all.commits | thousands }}}}", caption: commits}}
      - {{value: "{{{{ all.projected_commits | round_to(100) }}}}", caption: by December}}
    text: >-
      {{{{ all.commits_by_new | thousands }}}} commits
      ({{{{ all.commits_by_new | percent(all.commits) }}}}) by new people;
      {{{{ all.bot_commits | thousands }}}} by bots
  - kind: stats
    title: "{first_group} alone"
    tiles:
      - {{value: "{{{{ groups['{first_group}'].contributors }}}}", caption: contributors}}
      - {{value: "{{{{ groups['{first_group}'].commits | thousands }}}}", caption: commits}}
  - kind: chart
    title: Commits per year since {{{{ all.years[0].year }}}}
    chart: commits_by_year
    caption: Old authors have contributed for more than a year, new authors for less.
  - kind: chart
    title: Authors per year
    chart: authors_by_year
  - kind: chart
    title: Commits per year, editable
    chart: commits_by_year
    native: true
{per_group}  - kind: chart
    title: The {first_repo} repository
    chart: commits_by_year
    scope: repo:{first_repo}
  - kind: chart_bullets
    title: Who contributes
    chart: contributors_trend
    items:
      - "{{{{ all.contributors | thousands }}}} people, {{{{ all.new_contributors }}}} new"
      - "**Bots** are left out: {{{{ all.bot_commits | thousands }}}} commits"
  - kind: chart
    title: New contributors per year
    chart: new_contributors_by_year
  - kind: chart
    title: The groups in {{{{ as_of.year }}}}
    chart: groups_compare
  - kind: chart
    title: Who pays for the work
    chart: orgs_share
    caption: "Elephant factor: {{{{ all.elephant_factor }}}}"
  - kind: chart
    title: Releases per year
    chart: releases_by_year
    scope: {first_group}
  - kind: table
    title: The releases of {{{{ as_of.year }}}}
    data: releases
    scope: {first_group}
    max_rows: 10
  - kind: table
    title: Every scope
    data: scopes
    max_rows: 12
  - kind: table
    title: Welcome to {{{{ all.new_contributors }}}} new contributors
    data: new_contributors
    max_rows: 12
  - kind: section
    title: What changed in {{{{ as_of.year }}}}
  - kind: bullets
    title: What happened
    items:
      - Project infrastructure:
          - Moved to a hosted forge
          - Merge requests replace patches on the mailing list
      - Technical debt:
          - Build system converted to Meson
          - Full build time halved
  - kind: image
    title: A new logo
    image: logo.png
    caption: Chosen by a vote.
  - kind: quote
    quote: Scale is a feature.
    attribution: A maintainer
  - kind: closing
    title: Thank you
    items: ["Merge requests welcome: https://scale.example.org"]
"""


# --- one build, in a child process -----------------------------------------------------------


def child(outline: Path, deck: Path, spawned: float) -> int:
    """Build `outline` into `deck`, recording every progress update; print the figures as JSON.

    `spawned` is the wall-clock time the parent started this process at: the first gap runs
    from there (Python's start and the imports count).
    """
    events: list[tuple[float, str, str]] = [(spawned, "start", "")]
    from deckgen.build import OutlineSource, build

    def progress(name: str, commits: int) -> None:
        events.append((time.time(), "history", f"{name} {commits:,}"))

    def steps(stage: str, done: int, total: int) -> None:
        events.append((time.time(), stage, f"{done}/{total}"))

    result = build(OutlineSource(outline), deck, as_of=AS_OF, progress=progress, steps=steps)
    events.append((time.time(), "end", ""))
    own = resource.getrusage(resource.RUSAGE_SELF)
    git = resource.getrusage(resource.RUSAGE_CHILDREN)
    json.dump(
        {
            "slides": result.slide_count,
            "commits": result.metrics.all.commits,
            "warnings": list(result.warnings),
            "events": events,
            "peak_mb": own.ru_maxrss / 1024,
            "cpu_s": own.ru_utime + own.ru_stime,
            "children_cpu_s": git.ru_utime + git.ru_stime,
            "children_maxrss_mb": git.ru_maxrss / 1024,
        },
        sys.stdout,
    )
    return 0


@dataclass
class TreeMemory:
    """Peaks of a build's process tree, sampled from /proc: the build and its git children at
    one moment (all resident pages, and the anonymous ones alone), and the largest git child.

    A child seen before it runs git still shares the build's memory (vfork) and is skipped.
    """

    root: int
    tree_bytes: int = 0
    tree_anon_bytes: int = 0
    child_bytes: int = 0

    def sample(self) -> None:
        parents: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    stat = Path(entry.path, "stat").read_text()
                except OSError:
                    continue
                parents[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
        tree, todo = set(), [self.root]
        while todo:
            pid = todo.pop()
            tree.add(pid)
            todo += [p for p, parent in parents.items() if parent == pid and p not in tree]
        total = anon = 0
        for pid in tree:
            try:
                lines = Path(f"/proc/{pid}/status").read_text().splitlines()
            except OSError:
                continue
            fields = {k: v.strip() for k, _, v in (line.partition(":") for line in lines)}
            if "VmRSS" not in fields or (pid != self.root and fields["Name"] != "git"):
                continue  # a zombie, or a child that has not run git yet
            total += int(fields["VmRSS"].split()[0]) * 1024
            anon += int(fields["RssAnon"].split()[0]) * 1024
            if pid != self.root:
                self.child_bytes = max(self.child_bytes, int(fields["VmHWM"].split()[0]) * 1024)
        self.tree_bytes = max(self.tree_bytes, total)
        self.tree_anon_bytes = max(self.tree_anon_bytes, anon)


@dataclass(frozen=True)
class Build:
    seconds: float
    memory: TreeMemory
    report: dict[str, Any]

    @property
    def events(self) -> list[tuple[float, str, str]]:
        return [(float(t), str(s), str(d)) for t, s, d in self.report["events"]]

    def gaps(self) -> list[tuple[float, str, str]]:
        """Return every pause between two updates: seconds, the update before, the one after."""
        return [
            (b[0] - a[0], f"{a[1]} {a[2]}".strip(), f"{b[1]} {b[2]}".strip())
            for a, b in pairwise(self.events)
        ]

    def stages(self) -> dict[str, float]:
        """Return the seconds of each stage: from the previous stage's last update to its own."""
        last: dict[str, float] = {}
        for when, stage, _ in self.events:
            last[stage] = when
        out, before = {}, self.events[0][0]
        for stage, when in last.items():
            if stage != "start":
                out[stage] = when - before
            before = when
        return out


class BuildFailed(Exception):
    """A build that did not complete (its error is on stderr)."""


def run_build(outline: Path, deck: Path, cache: Path) -> Build:
    """Run one build in a child process with `cache` as XDG_CACHE_HOME; sample its memory."""
    # matplotlib keeps its font list in the same cache folder: keep it, as a user's build would
    user_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    matplotlib = os.environ.get("MPLCONFIGDIR") or str(user_cache / "matplotlib")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "MPLCONFIGDIR": matplotlib}
    spawned = time.time()
    started = time.perf_counter()
    command = [sys.executable, __file__, "--child", str(outline), str(deck), repr(spawned)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
    memory = TreeMemory(proc.pid)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            memory.sample()

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, _ = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status):
        raise BuildFailed(f"exit status {os.waitstatus_to_exitcode(status)}")
    return Build(seconds, memory, json.loads(out))


def floor(groups: dict[str, list[Path]]) -> Run:
    """Time deckgen's `git log` of every repository, one after another, in deckgen's
    `STREAM_ENV` (no flush per commit), read from a pipe: the seconds summed."""
    runs = []
    env = {**os.environ, **STREAM_ENV}
    for path in (p for paths in groups.values() for p in paths):
        head = git_out(path, "rev-parse", "HEAD")
        runs.append(timed(["git", "-C", str(path), *log_args(head)], env, pipe=True))
    return Run(
        sum(r.seconds for r in runs), max(r.peak_mb for r in runs), cpu=sum(r.cpu for r in runs)
    )


# --- the report -----------------------------------------------------------------------------


RUNS = {"cold": "deckgen build, cold (empty cache)", "warm": "deckgen build, warm (unchanged)"}
Misses = dict[str, list[str]]
"""Target → where it was missed."""


def measure(name: str, groups: dict[str, list[Path]], max_gap: float, max_rss: float) -> Misses:
    """Measure one project and print its table; return where it missed the targets."""
    repos = [p for paths in groups.values() for p in paths]
    commits = sum(int(git_out(p, "rev-list", "--count", "HEAD")) for p in repos)
    base = floor(groups)
    builds = {}
    with tempfile.TemporaryDirectory(prefix="deckgen-scale-") as temp:
        work = Path(temp)
        outline = work / "scale.yaml"
        outline.write_text(outline_text(groups))
        shutil.copy(LOGO, work / "logo.png")
        for run in RUNS:  # one cache folder: empty, then as the cold build left it
            builds[run] = run_build(outline, work / f"{run}.pptx", work / "cache")
    first = builds["cold"].report
    sizes = f"{_count(len(repos), 'repository', 'repositories')} in {_count(len(groups), 'group')}"
    print(f"\n## {name}: {sizes}, {commits:,} commits")
    print(
        f"deck of {first['slides']} slides; check: {first['commits']:,} commits in the period; "
        f"warnings: {first['warnings'] or 'none'}"
    )
    print(_row("measurement", "seconds", "x floor", "deckgen", "git", "tree", "updates", "max gap"))
    print(f"|{'-' * 38}|" + f"{'-' * 9}|" * 7)
    floor_cells = (f"{base.seconds:.2f}", "1.00x", "", _mb(base.peak_mb))
    print(_row("git log (floor: each repo in turn)", *floor_cells))
    missed: Misses = {"rss": [], "gap": []}
    for run, b in builds.items():
        r, m = b.report, b.memory
        longest = max(b.gaps())[0]
        cells = (
            f"{b.seconds:.2f}",
            f"{b.seconds / base.seconds:.2f}x",
            _mb(r["peak_mb"]),
            _mb(m.child_bytes / 2**20) if m.child_bytes else "-",
            _mb(m.tree_bytes / 2**20),
            str(len(b.events) - 2),
            f"{longest:.2f} s",
        )
        print(_row(RUNS[run], *cells))
        peaks = {
            "deckgen": r["peak_mb"],
            "git": m.child_bytes / 2**20,
            "deckgen and git at once": m.tree_bytes / 2**20,
        }
        missed["rss"] += [
            f"{name} {run}: {w} {mb:.0f} MB" for w, mb in peaks.items() if mb >= max_rss
        ]
        if longest > max_gap:
            missed["gap"].append(f"{name} {run}: {longest:.2f} s")
    print(
        "peak RSS: deckgen = the build's own process (getrusage); git = its largest git child "
        "(VmHWM); tree = both at one moment; git and tree sampled from /proc every 50 ms "
        "('-': every git child ended between two samples)"
    )
    for run, b in builds.items():
        r = b.report
        stages = ", ".join(f"{stage} {s:.2f}" for stage, s in b.stages().items())
        print(f"{RUNS[run]}:")
        print(f"  CPU {r['cpu_s']:.1f} s deckgen + {r['children_cpu_s']:.1f} s git")
        print(
            f"  tree: at most {b.memory.tree_anon_bytes / 2**20:.0f} MB of it anonymous, the "
            "rest file pages (git's mapped packs); getrusage(RUSAGE_CHILDREN) says "
            f"{r['children_maxrss_mb']:.0f} MB: a child started by vfork carries deckgen's "
            "high-water mark through exec, so that is not git's"
        )
        print(f"  seconds by stage (to its last update): {stages}")
        for gap in sorted(b.gaps(), reverse=True)[:3]:
            print(f"  gap {gap[0]:.2f} s: after '{gap[1]}', before '{gap[2]}'")
    return missed


def _row(label: str, *cells: str) -> str:
    padded = [*cells, *[""] * (7 - len(cells))]
    return f"| {label:<36} | " + " | ".join(f"{c:>7}" for c in padded) + " |"


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _mb(value: float) -> str:
    return f"{value:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("big", "many"), help="measure one project only")
    parser.add_argument("--commits", type=int, default=1_000_000, help="of the big repository")
    parser.add_argument("--max-gap", type=float, default=2.0, help="seconds without progress")
    parser.add_argument("--max-rss", type=float, default=400.0, help="MB per process")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        outline, deck, spawned = args.child
        return child(Path(outline), Path(deck), float(spawned))
    temp = Path(tempfile.gettempdir())
    projects = {
        "big": lambda: big_project(temp / f"deckgen-bench-{args.commits}.git", args.commits),
        "many": lambda: many_project(temp / f"deckgen-bench-{MANY}x{MANY_COMMITS}"),
    }
    missed: Misses = {"complete": [], "rss": [], "gap": []}
    for name, make in projects.items():
        if args.only in (None, name):
            try:
                for target, where in measure(name, make(), args.max_gap, args.max_rss).items():
                    missed[target] += where
            except BuildFailed as exc:
                missed["complete"].append(f"{name}: {exc}")
    targets = {
        "complete": "every build completes",
        "rss": f"peak RSS < {args.max_rss:g} MB (deckgen, git, both at once)",
        "gap": f"no gap > {args.max_gap:g} s between progress updates",
    }
    verdict = "; ".join(
        f"{text}: " + (f"NO ({', '.join(missed[key])})" if missed[key] else "yes")
        for key, text in targets.items()
    )
    print(f"\nverdict: {verdict}")
    return 1 if any(missed.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
