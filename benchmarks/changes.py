"""Time `deckgen metrics` with components and lines against the raw `git log --numstat` (the floor).

    .venv/bin/python benchmarks/changes.py [--commits 100000] [--repo PATH] [--repeat 3]

Builds (once, with fast-import) a repository of `--commits` commits by 3,000 authors (Pareto)
over fifteen years, each changing one to three of 2,000 files in twenty folders (a line edited,
a few appended; one file in fifty binary), with a merge every 50 commits; then times, each the
median of `--repeat` runs:

- the floor: the changes log deckgen runs (`history/changes.py`: `git log -z --numstat
  --no-merges --no-renames …`, with deckgen's `STREAM_ENV`), its output read from a pipe and
  dropped;
- the main log alone (`history/log.py`), for reference;
- `deckgen metrics` with an empty cache, for an outline of twenty components (one per folder)
  and `lines: true`: both logs, the parsing, the counting;
- `deckgen metrics` warm (cache filled);
- `deckgen metrics` cold without components and lines, for comparison.

and prints them with their ratio to the floor, in wall time and in CPU time (user and system,
git's included: on a busy machine wall time swings with the load), and the target of issue 14
(cold with components and lines at most 1.3x the floor). Not run by the tests.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from metrics import AS_OF, git_out, median_run, timed

from deckgen.fastimport import FastImport, Person
from deckgen.history.changes import changes_args
from deckgen.history.gitcmd import STREAM_ENV
from deckgen.history.log import log_args

START = datetime(2011, 1, 1, tzinfo=UTC)
FOLDERS = [f"src/part{k:02d}" for k in range(20)]
TARGET = 1.3
"""Issue 14: cold with components and lines at most this many times the floor."""


def build_repo(path: Path, commits: int, seed: int = 1) -> None:
    """Write the benchmark's history into `path` (see the module doc)."""
    rng = random.Random(seed)
    people = [Person(f"Dev {i}", f"dev{i}@example.org") for i in range(3000)]
    files = [f"{FOLDERS[n % 20]}/file{n}.c" for n in range(2000)]
    content: dict[str, list[str]] = {}
    span = (datetime(2026, 6, 29, tzinfo=UTC) - START).total_seconds()
    with FastImport(path, bare=True) as fi:
        tip = 0
        for n in range(commits):
            when = START + timedelta(seconds=span * n / commits)
            author = people[min(int(rng.paretovariate(1.2)) - 1, len(people) - 1)]
            if n % 50 == 49 and tip:
                side = fi.commit(
                    author=author, when=when, message="side\n", parents=(tip,), ref="side"
                )
                tip = fi.commit(author=author, when=when, message="Merge\n", parents=(tip, side))
                continue
            changed = {}
            for name in rng.sample(files, rng.randint(1, 3)):
                lines = content.setdefault(name, [])
                if lines:
                    lines[rng.randrange(len(lines))] = f"edited {n}\n"
                lines += [f"line {n} {k}\n" for k in range(rng.randint(0, 4))]
                del lines[:-40]  # files stay small: the diffs, not the blobs, are measured
                binary = int(name.rsplit("file", 1)[1][:-2]) % 50 == 0
                changed[name] = ("\0" if binary else "") + "".join(lines)
            tip = fi.commit(
                author=author,
                when=when,
                message=f"Change {n}\n",
                files=changed,
                parents=(tip,) if tip else (),
            )


def outline_file(folder: Path, repo: Path, *, changes: bool) -> Path:
    path = folder / ("changes.yaml" if changes else "plain.yaml")
    lines = ["title: Benchmark", "repos:", f"  core: [{repo}]"]
    if changes:
        lines += ["lines: true", "components:", "  core:"]
        lines += [f"    {f.rsplit('/', 1)[1]}: [{f}/]" for f in FOLDERS]
    path.write_text("\n".join([*lines, "slides:", "  - kind: title", ""]))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=100_000)
    parser.add_argument("--repo", type=Path, help="where to keep the generated repository")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args()
    repo = args.repo or Path(tempfile.gettempdir()) / f"deckgen-bench-changes-{args.commits}"
    complete = repo.with_name(f"{repo.name}.complete")
    if not complete.exists():
        build_repo(repo, args.commits)
        complete.touch()
    head = git_out(repo, "rev-parse", "HEAD")
    git = ["git", "-C", str(repo)]
    env = {**os.environ, **STREAM_ENV}
    floor = median_run(
        [timed([*git, *changes_args(head, True)], env, pipe=True) for _ in range(args.repeat)]
    )
    main_log = median_run(
        [timed([*git, *log_args(head)], env, pipe=True) for _ in range(args.repeat)]
    )
    deckgen = str(Path(sys.executable).with_name("deckgen"))
    results = {"floor: git log --numstat (changes log)": floor, "main git log alone": main_log}
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as temp:
        work = Path(temp)
        base = dict(os.environ)
        for changes, label in ((True, "components + lines"), (False, "without them")):
            command = [
                deckgen,
                "metrics",
                str(outline_file(work, repo, changes=changes)),
                "--as-of",
                str(AS_OF),
            ]
            cold = [
                timed(command, {**base, "XDG_CACHE_HOME": str(work / f"{label}{n}")})
                for n in range(args.repeat)
            ]
            results[f"deckgen metrics, cold, {label}"] = median_run(cold)
            if changes:
                warm = {**base, "XDG_CACHE_HOME": str(work / f"{label}0")}
                results[f"deckgen metrics, warm, {label}"] = median_run(
                    [timed(command, warm) for _ in range(args.repeat)]
                )
    print(f"{args.commits:,} commits, median of {args.repeat}; wall, CPU (user + system)")
    for name, run in results.items():
        ratio, cpu_ratio = run.seconds / floor.seconds, run.cpu / floor.cpu
        print(
            f"  {name:<44} {run.seconds:7.2f} s {ratio:5.2f}x  {run.cpu:6.2f} cpu-s "
            f"{cpu_ratio:5.2f}x  {run.peak_mb:6.0f} MB"
        )
    cold_ratio = results["deckgen metrics, cold, components + lines"].seconds / floor.seconds
    verdict = "met" if cold_ratio <= TARGET else "MISSED"
    print(f"target: cold with components and lines <= {TARGET}x the floor: {cold_ratio:.2f}x")
    print(f"  {verdict}")
    return 0 if cold_ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
