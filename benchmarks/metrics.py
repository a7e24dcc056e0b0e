"""Time `deckgen metrics` against the bare `git log` of the same repository (the floor).

    .venv/bin/python benchmarks/metrics.py [--commits 100000] [--repo PATH] [--repeat 5]

Builds (once, with fast-import) a repository of `--commits` commits by a few thousand authors
over fifteen years, with a merge every 50 commits and a release tag every 400; then times, each
as the median of `--repeat` runs with its peak resident memory:

- the floor: the `git log` deckgen runs, its output read from a pipe and dropped (and, for
  reference, written to /dev/null, which git does faster);
- `deckgen metrics` with an empty cache folder (cold: reads everything, writes the cache);
- `deckgen metrics` again (warm: the repository has not changed);
- `deckgen metrics` after 1,000 new commits on top (the cache is extended with those only; the
  commits are added to the repository and main is moved back afterwards).

and prints them as a table with their ratio to the floor, and whether `deckgen metrics` stays
clear of matplotlib and python-pptx. Not run by the tests.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from statistics import median

from deckgen.fastimport import FastImport, Person
from deckgen.history import read_history
from deckgen.history.gitcmd import _widen_pipe
from deckgen.history.log import log_args
from deckgen.metrics import compute_metrics, resolve_period
from deckgen.outline.schema import Outline

START = datetime(2011, 1, 1, tzinfo=UTC)
AS_OF = date(2026, 6, 30)


def build_repo(
    path: Path,
    commits: int,
    seed: int = 1,
    *,
    people: list[Person] | None = None,
    start: datetime = START,
    bot: Person | None = None,
) -> None:
    """Write a synthetic history of `commits` commits into `path`.

    Authors are drawn from `people` (default: 3,000 developers), a few very active and many
    occasional (Pareto), from `start` to mid-2026; a merge every 50 commits, a release tag every
    400, and with `bot` a bot's commit every 97th.
    """
    rng = random.Random(seed)
    people = people or [Person(f"Dev {i}", f"dev{i}@example.org") for i in range(3000)]
    span = (datetime(2026, 6, 29, tzinfo=UTC) - start).total_seconds()
    with FastImport(path, bare=True) as fi:
        tip = 0
        for n in range(commits):
            when = start + timedelta(seconds=span * n / commits)
            author = people[min(int(rng.paretovariate(1.2)) - 1, len(people) - 1)]
            if bot is not None and n % 97 == 96:
                author = bot
            if n % 50 == 49 and tip:
                side = fi.commit(
                    author=author, when=when, message="side\n", parents=(tip,), ref="side"
                )
                tip = fi.commit(author=author, when=when, message="Merge\n", parents=(tip, side))
                continue
            tip = fi.commit(
                author=author,
                when=when,
                message=f"Change {n}\n",
                files={f"f{n % 100}.c": f"{n}\n"} if n % 10 == 0 else None,
                parents=(tip,) if tip else (),
            )
            if n % 400 == 398:
                fi.tag(f"v{n // 400}.0", tip)


def outline_for(path: Path) -> Outline:
    return Outline.model_validate(
        {
            "title": "Benchmark",
            "speaker": {"name": "Bench"},
            "event": {"name": "Bench"},
            "repos": {"core": [{"path": path}]},
            "slides": [{"kind": "title"}],
        }
    )


def outline_file(folder: Path, repo: Path) -> Path:
    """Write the benchmark's outline for the CLI and return its path."""
    path = folder / "bench.yaml"
    path.write_text(
        "title: Benchmark\nspeaker: {name: Bench}\nevent: {name: Bench}\n"
        f"repos:\n  core:\n    - path: {repo}\nslides:\n  - kind: title\n"
    )
    return path


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def timed(command: list[str], env: dict[str, str] | None = None, pipe: bool = False) -> Run:
    """Run `command` once; return its wall time and its own peak resident memory."""
    started = time.perf_counter()
    out = subprocess.PIPE if pipe else subprocess.DEVNULL
    proc = subprocess.Popen(command, stdout=out, env=env)
    if pipe:
        assert proc.stdout is not None
        _widen_pipe(proc.stdout)  # as deckgen does: git is not held back by a 64 KiB pipe
        while proc.stdout.read(1 << 20):
            pass
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(command)}")
    return Run(seconds, usage.ru_maxrss / 1024)


def median_run(runs: list[Run]) -> Run:
    return Run(median(r.seconds for r in runs), max(r.peak_mb for r in runs))


def add_commits(repo: Path, count: int) -> str:
    """Add `count` commits on top of main and return the new tip (main is left there)."""
    people = [Person(f"New {i}", f"new{i}@example.org") for i in range(50)]
    start = datetime(2026, 6, 29, tzinfo=UTC)
    lines = []
    for n in range(count):
        who = people[n % len(people)]
        stamp = f"{int((start + timedelta(minutes=n)).timestamp())} +0000"
        message = f"New change {n}\n".encode()
        lines.append(
            f"commit refs/heads/main\nauthor {who.name} <{who.email}> {stamp}\n"
            f"committer {who.name} <{who.email}> {stamp}\ndata {len(message)}\n".encode()
            + message
            + (b"from refs/heads/main^0\n" if n == 0 else b"")
            + b"\n"
        )
    subprocess.run(
        ["git", "-C", str(repo), "fast-import", "--quiet"], input=b"".join(lines), check=True
    )
    return git_out(repo, "rev-parse", "main")


def git_out(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    return done.stdout.decode().strip()


def cli_runs(repo: Path, repeat: int) -> dict[str, Run]:
    """Time `deckgen metrics` cold, warm, and after 1,000 new commits."""
    deckgen = str(Path(sys.executable).with_name("deckgen"))
    results: dict[str, Run] = {}
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as temp:
        work = Path(temp)
        command = [deckgen, "metrics", str(outline_file(work, repo)), "--as-of", str(AS_OF)]
        base = dict(os.environ)

        def env(cache: Path) -> dict[str, str]:
            return {**base, "XDG_CACHE_HOME": str(cache)}

        cold = []
        for n in range(repeat):
            cold.append(timed(command, env(work / f"cold{n}")))
        results["deckgen metrics, cold (empty cache)"] = median_run(cold)
        warm_cache = work / "cold0"
        results["deckgen metrics, warm (unchanged)"] = median_run(
            [timed(command, env(warm_cache)) for _ in range(repeat)]
        )
        old_tip = git_out(repo, "rev-parse", "main")
        new_tip = add_commits(repo, 1000)
        try:
            after = []
            for n in range(repeat):
                cache = work / f"after{n}"
                shutil.copytree(warm_cache, cache)
                after.append(timed(command, env(cache)))
            results["deckgen metrics, after 1,000 new commits"] = median_run(after)
            results["deckgen metrics, cold, 1,000 more commits"] = timed(
                command, env(work / "cold-after")
            )
        finally:
            subprocess.run(
                ["git", "-C", str(repo), "update-ref", "refs/heads/main", old_tip, new_tip],
                check=True,
            )
    return results


def light_imports() -> bool:
    """Return whether computing metrics leaves matplotlib and python-pptx unimported."""
    code = (
        "import sys\n"
        "from deckgen.build import analyse\n"
        "from deckgen.metrics import compute_metrics\n"
        "print(any(m.split('.')[0] in ('matplotlib', 'pptx') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip() == "False"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=100_000)
    parser.add_argument("--repo", type=Path, help="where to keep the generated repository")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args()
    repo = args.repo or Path(tempfile.gettempdir()) / f"deckgen-bench-{args.commits}.git"
    if not (repo / "HEAD").exists():
        started = time.perf_counter()
        build_repo(repo, args.commits)
        print(f"built {repo} in {time.perf_counter() - started:.1f} s")

    head = git_out(repo, "rev-parse", "HEAD")
    command = ["git", "-C", str(repo), *log_args(head)]
    floor = median_run([timed(command, pipe=True) for _ in range(args.repeat)])
    to_null = median_run([timed(command) for _ in range(args.repeat)])

    outline = outline_for(repo)
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-cache-") as cache:
        started = time.perf_counter()
        history = read_history(outline, cache_dir=Path(cache), use_cache=False)
        read = time.perf_counter() - started
        started = time.perf_counter()
        metrics = compute_metrics(outline, history, resolve_period(outline, AS_OF), AS_OF)
        computed = time.perf_counter() - started
        del history
        read_history(outline, cache_dir=Path(cache))  # writes the cache
        started = time.perf_counter()
        history = read_history(outline, cache_dir=Path(cache))
        warm = time.perf_counter() - started
        del history
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    runs = {
        "git log (floor: same format, read from a pipe)": floor,
        "git log into /dev/null": to_null,
        **cli_runs(repo, args.repeat),
    }
    print(f"commits: {args.commits:,}; median of {args.repeat} runs; peak RSS of the process")
    print(
        f"in process: read_history {read:.2f} s without the cache, {warm:.2f} s from it; "
        f"compute_metrics {computed:.2f} s; peak RSS {own_peak:.0f} MB"
    )
    print("(a run's peak RSS is the larger of deckgen's and its git log's)")
    print(f"| {'measurement':<46} | {'seconds':>8} | {'x floor':>7} | {'peak RSS':>9} |")
    print(f"|{'-' * 48}|{'-' * 10}|{'-' * 9}|{'-' * 11}|")
    for name, run in runs.items():
        ratio = run.seconds / floor.seconds
        print(f"| {name:<46} | {run.seconds:8.2f} | {ratio:6.2f}x | {run.peak_mb:6.0f} MB |")
    print(f"check: {metrics.all.commits:,} commits in {metrics.period.since.year}")
    print(f"deckgen metrics imports neither matplotlib nor pptx: {light_imports()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
