"""Time a full deck against the bare `git log` of its repositories (the floor), and `--watch`.

    .venv/bin/python benchmarks/deck.py [--repeat 3] [--folder /tmp/deckgen-bench-45]

The project: 45 small repositories (10 `core`, 35 `bindings`) of 1,420 commits each, about 64,000
commits in all, generated once with fast-import (see benchmarks/scale.py's `build_member`). Its
outline is a 13-slide deck: title, two stats slides, four charts (commits and authors per year,
the contributors trend beside bullets, the groups compared), two tables (every scope, the new
contributors), bullets, a section, a quote and a closing slide.

Measured in the same run, each the median of `--repeat` runs of `python -m deckgen build` in a
child process (matplotlib's own font list kept, as a user's would be):

- the floor: deckgen's `git log` of every repository, one after another, read from a pipe, the
  seconds summed (as in benchmarks/scale.py);
- the deck cold: an empty cache folder (histories read, metrics counted, charts drawn);
- an unchanged rebuild: the same cache folder;
- a rebuild after editing one slide's title (a new title each run);
- `deckgen build --watch` on a copy of the demo outline, in this process: the time from saving
  a slide title edit to the deck being written again;
- for reference, the charts of the deck drawn in one process and in one per core, each in a
  fresh interpreter (matplotlib's import included).

Printed as a table with each ratio and its target (issue 13); the exit status is 1 when a target
is missed. Not run by the tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from statistics import median

from metrics import Run, git_out, timed
from scale import DOMAINS, WEBLATE_BOT, floor, many_project

from deckgen.build import BuildResult, OutlineSource
from deckgen.errors import DeckgenError

REPOS, COMMITS = 45, 1_420
AS_OF = date(2026, 6, 30)
DEMO_AS_OF = date(2026, 12, 1)
TITLE = "What happened"


def project(folder: Path) -> dict[str, list[Path]]:
    """Return the groups of the 45-repository project, generating what is missing."""
    return many_project(folder, REPOS, COMMITS, seed=300)


def outline_text(groups: dict[str, list[Path]], title: str) -> str:
    """Return the 13-slide outline for `groups`; `title` is the bullets slide's title."""
    repos = "".join(
        f"  {group}:\n" + "".join(f"    - {{path: {p}, name: {p.stem}}}\n" for p in paths)
        for group, paths in groups.items()
    )
    affiliations = "".join(
        f"    - {{match: {d}, organisation: {d.split('.')[0].title()}}}\n" for d in DOMAINS[:-1]
    )
    return f"""\
title: State of the Small project
speaker: {{name: Bench Marker}}
event: {{name: Bench Day 2026}}
repos:
{repos}identity:
  bots: ['{WEBLATE_BOT.email.replace(".", "[.]")}']
  affiliations:
{affiliations}slides:
  - kind: title
  - kind: stats
    title: Contributors and commits in {{{{ as_of.year }}}}
    tiles:
      - {{value: "{{{{ all.contributors | thousands }}}}", caption: contributors}}
      - {{value: "{{{{ all.new_contributors | thousands }}}}", caption: new}}
      - {{value: "{{{{ all.commits | thousands }}}}", caption: commits}}
  - kind: stats
    title: Releases
    tiles:
      - {{value: "{{{{ releases.count }}}}", caption: releases since 1 January}}
      - {{value: "{{{{ releases.projected }}}}", caption: expected this year}}
  - kind: chart
    title: Commits per year
    chart: commits_by_year
    caption: Old authors have contributed for more than a year, new authors for less.
  - kind: chart
    title: Authors per year
    chart: authors_by_year
  - kind: chart_bullets
    title: Who contributes
    chart: contributors_trend
    items:
      - "{{{{ all.contributors | thousands }}}} people, {{{{ all.new_contributors }}}} new"
      - "{{{{ all.bot_commits | thousands }}}} commits by bots"
  - kind: chart
    title: The groups in {{{{ as_of.year }}}}
    chart: groups_compare
  - kind: table
    title: Every scope
    data: scopes
    max_rows: 12
  - kind: table
    title: Welcome to {{{{ all.new_contributors }}}} new contributors
    data: new_contributors
    max_rows: 12
  - kind: bullets
    title: {title}
    items: [Moved to a hosted forge, Build system converted to Meson]
  - kind: section
    title: What comes next
  - kind: quote
    quote: Small is beautiful.
    attribution: A maintainer
  - kind: closing
    title: Thank you
"""


def build_command(outline: Path, deck: Path) -> list[str]:
    deckgen = [sys.executable, "-m", "deckgen"]
    return [*deckgen, "build", str(outline), "-o", str(deck), "--as-of", str(AS_OF)]


def child_env(cache: Path) -> dict[str, str]:
    """The environment of a build with `cache` as its cache folder; matplotlib's own font list
    stays where it is, as a user's would, and Python keeps its compiled modules."""
    user_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    matplotlib = os.environ.get("MPLCONFIGDIR") or str(user_cache / "matplotlib")
    root = str(Path(__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
    # compiled modules kept, as an installed deckgen has them
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {
        **base,
        "XDG_CACHE_HOME": str(cache),
        "MPLCONFIGDIR": matplotlib,
        "PYTHONPATH": path,
    }


def deck_runs(groups: dict[str, list[Path]], work: Path, repeat: int) -> dict[str, Run]:
    """Time the deck cold, unchanged, and after a title edit."""
    outline = work / "deck.yaml"
    outline.write_text(outline_text(groups, TITLE))
    deck = work / "deck.pptx"
    cold = []
    for n in range(repeat):
        cold.append(timed(build_command(outline, deck), child_env(work / f"cold{n}")))
    warm_env = child_env(work / "cold0")
    warm = [timed(build_command(outline, deck), warm_env) for _ in range(repeat)]
    edited = []
    for n in range(repeat):
        outline.write_text(outline_text(groups, f"{TITLE}, take {n + 1}"))
        edited.append(timed(build_command(outline, deck), warm_env))
    return {
        "cold": median_run(cold),
        "unchanged": median_run(warm),
        "edited": median_run(edited),
    }


def median_run(runs: list[Run]) -> Run:
    return Run(
        median(r.seconds for r in runs),
        max(r.peak_mb for r in runs),
        cpu=median(r.cpu for r in runs),
    )


IMPORTS = """
import sys
from deckgen.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    assert not exit.code, exit.code
print(sorted({m.split(".")[0] for m in sys.modules} & {"matplotlib", "pptx"}))
"""


def rebuild_imports(outline: Path, deck: Path, cache: Path) -> str:
    """Return the heavy modules an unchanged rebuild imports."""
    command = [sys.executable, "-c", IMPORTS, *build_command(outline, deck)[3:]]
    done = subprocess.run(command, env=child_env(cache), capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


CHARTS = """
import sys, time
from datetime import date
from pathlib import Path
from deckgen.build import OutlineSource, analyse, load_and_check, load_template
from deckgen.charts import paint_sketches, sketch_chart
from deckgen.outline.schema import ChartSlide
document = load_and_check(OutlineSource(Path(sys.argv[1])))
theme = load_template(document)
metrics = analyse(document, date.fromisoformat(sys.argv[2])).metrics
sketches = [
    sketch_chart(s.chart, metrics, s.scope, theme.chart_size_in(s.kind))
    for s in document.outline.slides if isinstance(s, ChartSlide)
]
started = time.perf_counter()
paint_sketches(sketches, theme, None, workers=int(sys.argv[3]))
print(time.perf_counter() - started)
"""


def chart_seconds(outline: Path, cache: Path, workers: int, repeat: int) -> float:
    """Return the median seconds to draw the charts of `outline` in `workers` processes, in a
    fresh interpreter each time (matplotlib's import included; metrics from `cache`)."""
    runs = []
    for _ in range(repeat):
        command = [sys.executable, "-c", CHARTS, str(outline), str(AS_OF), str(workers)]
        done = subprocess.run(
            command, env=child_env(cache), capture_output=True, text=True, check=True
        )
        runs.append(float(done.stdout.strip().splitlines()[-1]))
    return median(runs)


def watch_seconds(work: Path, repeat: int) -> list[float]:
    """Return the seconds `build --watch` on a copy of the demo outline takes from saving a
    title edit to writing the deck, for `repeat` edits."""
    from deckgen.demo.cache import ensure_demo_project
    from deckgen.demo.outline import DEMO_OUTLINE, demo_cache_dir
    from deckgen.watch import watch

    os.environ["XDG_CACHE_HOME"] = str(work / "watch-cache")  # the demo project and its caches
    project_dir = ensure_demo_project(demo_cache_dir(), DEMO_AS_OF)
    talk = work / "demo"
    shutil.copytree(DEMO_OUTLINE.parent, talk)
    outline = talk / DEMO_OUTLINE.name
    text = outline.read_text()
    marker = "title: A new logo, by the community"
    assert marker in text
    source = OutlineSource(outline, repos_root=project_dir)
    built = threading.Condition()
    finished: list[float] = []

    def report(outcome: BuildResult | DeckgenError, _seconds: float) -> None:
        if isinstance(outcome, DeckgenError):
            raise SystemExit(f"the demo deck failed to build: {outcome}")
        with built:
            finished.append(time.perf_counter())
            built.notify_all()

    def wait_for_build(count: int, timeout: float) -> bool:
        with built:
            return built.wait_for(lambda: len(finished) >= count, timeout=timeout)

    stop = threading.Event()
    watcher = threading.Thread(
        target=watch,
        args=(source, work / "demo.pptx"),
        kwargs={"as_of": DEMO_AS_OF, "report": report, "stop": stop},
        daemon=True,
    )
    watcher.start()
    seconds = []
    try:
        for n in range(repeat + 1):
            if not wait_for_build(n + 1, 300):
                raise SystemExit("build --watch did not build the demo deck")
            time.sleep(1.0)  # the watcher is waiting for changes again
            if n == repeat:
                break
            saved = time.perf_counter()
            outline.write_text(text.replace(marker, f"{marker}, take {n + 1}"))
            if not wait_for_build(n + 2, 60):
                raise SystemExit("build --watch did not rebuild the demo deck")
            seconds.append(finished[n + 1] - saved)
    finally:
        stop.set()
        watcher.join(timeout=10)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument(
        "--folder",
        type=Path,
        default=Path(tempfile.gettempdir()) / "deckgen-bench-45",
        help="where to keep the generated repositories",
    )
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    groups = project(args.folder)
    repos = [p for paths in groups.values() for p in paths]
    commits = sum(int(git_out(p, "rev-list", "--count", "HEAD")) for p in repos)
    print(f"project: {len(repos)} repositories, {commits:,} commits ({args.folder}, ready in "
          f"{time.perf_counter() - started:.1f} s)")  # fmt: skip
    base = median_run([floor(groups) for _ in range(args.repeat)])
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-deck-") as temp:
        work = Path(temp)
        runs = deck_runs(groups, work, args.repeat)
        heavy = rebuild_imports(work / "deck.yaml", work / "deck.pptx", work / "cold0")
        serial = chart_seconds(work / "deck.yaml", work / "cold0", 1, args.repeat)
        cores = len(os.sched_getaffinity(0))
        parallel = chart_seconds(work / "deck.yaml", work / "cold0", cores, args.repeat)
        try:
            watched = watch_seconds(work, max(args.repeat, 3))
        except SystemExit as exc:  # a rebuild slower than its timeout on a loaded machine
            print(f"build --watch: {exc}")
            watched = [float("inf")]
    cold = runs["cold"].seconds
    unchanged, edited = runs["unchanged"].seconds, runs["edited"].seconds
    rows = [
        ("git log of every repository (floor)", base.seconds, "", None),
        ("deck, cold (empty cache)", cold, f"{cold / base.seconds:.2f}x floor",
         (cold, 2.5 * base.seconds)),
        ("deck, unchanged rebuild", unchanged, f"{unchanged / cold:.2f}x cold",
         (unchanged, 0.3 * cold)),
        ("deck, after editing one slide title", edited, f"{edited / cold:.2f}x cold",
         (edited, 0.35 * cold)),
        ("build --watch: title edit to demo deck", median(watched), f"max {max(watched):.2f} s",
         (median(watched), 1.0)),
    ]  # fmt: skip
    targets = ["", "≤ 2.5x floor", "≤ 0.3x cold", "≤ 0.35x cold", "< 1 s"]
    print(f"median of {args.repeat} runs; {os.cpu_count()} cores; as of {AS_OF}")
    print(f"| {'measurement':<40} | {'seconds':>7} | {'ratio':>10} | {'target':>12} | {'':4} |")
    print(f"|{'-' * 42}|{'-' * 9}|{'-' * 12}|{'-' * 14}|{'-' * 6}|")
    missed = 0
    for (name, seconds, ratio, check), target in zip(rows, targets, strict=True):
        verdict = "" if check is None else ("ok" if check[0] <= check[1] else "MISS")
        missed += verdict == "MISS"
        print(f"| {name:<40} | {seconds:7.2f} | {ratio:>10} | {target:>12} | {verdict:4} |")
    cpu = {name: run.cpu for name, run in runs.items()}
    print(f"CPU seconds (user + system, git's included; the stable measure on a loaded machine): "
          f"floor {base.cpu:.2f}, cold {cpu['cold']:.2f} ({cpu['cold'] / base.cpu:.2f}x floor, "
          f"target 2.5x), unchanged {cpu['unchanged']:.2f} ({cpu['unchanged'] / cpu['cold']:.2f}x "
          f"cold, target 0.3x), title edit {cpu['edited']:.2f} ({cpu['edited'] / cpu['cold']:.2f}x "
          "cold, target 0.35x)")  # fmt: skip
    print(f"the deck's charts drawn in 1 process: {serial:.2f} s; in {cores}: {parallel:.2f} s "
          "(fresh interpreters, matplotlib's import included)")  # fmt: skip
    print(f"heavy modules an unchanged rebuild imports: {heavy} (matplotlib must not be one)")
    return 1 if missed or "matplotlib" in heavy else 0


if __name__ == "__main__":
    sys.exit(main())
