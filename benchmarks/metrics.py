"""Time the history and metrics stages against a bare `git log` of the same repository.

    .venv/bin/python benchmarks/metrics.py [--commits 100000] [--repo PATH]

Builds (once, with fast-import) a repository of `--commits` commits by a few thousand authors
over fifteen years, with a merge every 50 commits and a release tag every 400; then times the
raw `git log` deckgen runs (its output read from a pipe and dropped, as any reader must; and,
for reference, written to /dev/null, which git does faster) and `read_history` +
`compute_metrics`, and prints their ratio and the peak resident memory of this process. Not run
by the tests.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from deckgen.fastimport import FastImport, Person
from deckgen.history import read_history
from deckgen.history.log import log_args
from deckgen.metrics import compute_metrics, resolve_period
from deckgen.outline.schema import Outline

START = datetime(2011, 1, 1, tzinfo=UTC)
AS_OF = date(2026, 6, 30)


def build_repo(path: Path, commits: int, seed: int = 1) -> None:
    """Write a synthetic history of `commits` commits into `path`."""
    rng = random.Random(seed)
    people = [Person(f"Dev {i}", f"dev{i}@example.org") for i in range(3000)]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=100_000)
    parser.add_argument("--repo", type=Path, help="where to keep the generated repository")
    args = parser.parse_args()
    repo = args.repo or Path(tempfile.gettempdir()) / f"deckgen-bench-{args.commits}.git"
    if not (repo / "HEAD").exists():
        started = time.perf_counter()
        build_repo(repo, args.commits)
        print(f"built {repo} in {time.perf_counter() - started:.1f} s")

    head = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    command = ["git", "-C", str(repo), *log_args(head)]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    to_null = time.perf_counter() - started
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        while proc.stdout.read(1 << 20):
            pass
    raw = time.perf_counter() - started

    outline = outline_for(repo)
    started = time.perf_counter()
    history = read_history(outline)
    read = time.perf_counter() - started
    started = time.perf_counter()
    metrics = compute_metrics(outline, history, resolve_period(outline, AS_OF), AS_OF)
    computed = time.perf_counter() - started

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = read + computed
    print(f"commits:          {len(history.repos[0].commits):,}")
    print(f"raw git log:      {raw:.2f} s read from a pipe ({to_null:.2f} s into /dev/null)")
    print(f"read_history:     {read:.2f} s")
    print(f"compute_metrics:  {computed:.2f} s")
    print(f"ratio:            {total / raw:.2f}x the raw git log ({total / to_null:.2f}x)")
    print(f"peak RSS:         {peak_mb:.0f} MB")
    print(f"check:            {metrics.all.commits:,} commits in {metrics.period.since.year}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
