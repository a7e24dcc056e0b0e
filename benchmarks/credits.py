"""Time `deckgen metrics` with credit trailers against its own `git log` floor (same format).

    .venv/bin/python benchmarks/credits.py [--commits 100000] [--repeat 5] [--repo PATH]

Builds (once, with fast-import) one repository of `--commits` commits by 3,000 authors (Pareto)
over fifteen years, a merge every 50 commits, where about 60% of the commits carry a
Reviewed-by, 20% a Tested-by, 10% an Acked-by, 5% a trailer without an e-mail, and every commit a
Signed-off-by (not counted: git must still skip it); reviewers' old addresses are mapped by a
.mailmap. Then times, each the median of `--repeat` runs:

- the floor with trailers: deckgen's `git log` with the credit trailers in its format (exactly
  the command deckgen runs), its output read from a pipe;
- `deckgen metrics` with `credit_trailers: [Reviewed-by, Tested-by, Acked-by]`, empty cache;
- for reference, the floor and `deckgen metrics` without credit trailers (today's format).

Prints a table with each ratio to its own floor, in wall time and in CPU time (user and system,
git's included: on a busy machine, where git and deckgen cannot run side by side, wall time
overstates the cost), and the issue 14 target: metrics with trailers at most 1.3x the floor with
trailers. Not run by the tests.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median

from metrics import AS_OF, START, git_out, print_startup

from deckgen.fastimport import FastImport, Person
from deckgen.history.gitcmd import STREAM_ENV, _widen_pipe
from deckgen.history.log import LOG_CONFIG, TRAILER_CONFIG, log_args

TRAILERS = ("Reviewed-by", "Tested-by", "Acked-by")
TARGET = 1.3
"""Issue 14: `deckgen metrics` with credit trailers at most this many times its floor."""


def build(path: Path, commits: int, seed: int = 1) -> None:
    """Write the repository described in the module's docstring into `path`."""
    rng = random.Random(seed)
    people = [Person(f"Dev {i}", f"dev{i}@example.org") for i in range(3000)]
    mailmap = "".join(f"Dev {i} <dev{i}@example.org> <dev{i}@old.example>\n" for i in range(50))
    span = (datetime(2026, 6, 29, tzinfo=UTC) - START).total_seconds()

    def pick() -> Person:
        return people[min(int(rng.paretovariate(1.2)) - 1, len(people) - 1)]

    with FastImport(path, bare=True) as fi:
        tip = 0
        for n in range(commits):
            when = START + timedelta(seconds=span * n / commits)
            author = pick()
            if n % 50 == 49 and tip:
                side = fi.commit(
                    author=author, when=when, message="side\n", parents=(tip,), ref="side"
                )
                tip = fi.commit(author=author, when=when, message="Merge\n", parents=(tip, side))
                continue
            lines = []
            roll = rng.random()
            if roll < 0.6:
                who = pick()
                email = (
                    who.email.replace("example.org", "old.example")
                    if rng.random() < 0.1
                    else who.email
                )
                lines.append(f"Reviewed-by: {who.name} <{email}>")
            if rng.random() < 0.2:
                who = pick()
                lines.append(f"Tested-by: {who.name} <{who.email}>")
            if rng.random() < 0.1:
                who = pick()
                lines.append(f"Acked-by: {who.name} <{who.email}>")
            if rng.random() < 0.05:
                lines.append(f"Tested-by: {pick().name}")
            lines.append(f"Signed-off-by: {author.name} <{author.email}>")
            body = "\n".join(lines)
            tip = fi.commit(
                author=author,
                when=when,
                message=f"Change {n}\n\nWhat it does, in a sentence or two.\n\n{body}\n",
                files={".mailmap": mailmap} if n == 0 else (
                    {f"f{n % 100}.c": f"{n}\n"} if n % 10 == 0 else None),
                parents=(tip,) if tip else (),
            )  # fmt: skip


def outline(folder: Path, repo: Path, trailers: bool) -> Path:
    path = folder / ("credits.yaml" if trailers else "plain.yaml")
    identity = f"identity: {{credit_trailers: [{', '.join(TRAILERS)}]}}\n" if trailers else ""
    path.write_text(f"repos: {{core: ['{repo}']}}\n{identity}")
    return path


Run = tuple[float, float]
"""Wall seconds, CPU seconds (user and system, of the process and the children it waited for)."""


def timed(command: list[str]) -> Run:
    """Run `command`, reading its output from a pipe as deckgen does (with its `STREAM_ENV`);
    return its times."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, env={**os.environ, **STREAM_ENV})
    assert proc.stdout is not None
    _widen_pipe(proc.stdout)
    while proc.stdout.read(1 << 20):
        pass
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(command)}")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def median_run(runs: list[Run]) -> Run:
    return median(r[0] for r in runs), median(r[1] for r in runs)


def floor(repo: Path, trailers: tuple[str, ...]) -> Run:
    """Time deckgen's own `git log` command (its -c settings, its format), read from a pipe."""
    head = git_out(repo, "rev-parse", "HEAD")
    settings = [*LOG_CONFIG, *(TRAILER_CONFIG if trailers else ()), f"mailmap.blob={head}:.mailmap"]
    config = [part for item in settings for part in ("-c", item)]
    return timed(["git", "-C", str(repo), *config, *log_args(head, trailers=trailers)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--repo", type=Path)
    args = parser.parse_args()
    repo = args.repo or Path(tempfile.gettempdir()) / f"deckgen-bench-credits-{args.commits}.git"
    if not (repo / "HEAD").exists():
        build(repo, args.commits)
    deckgen = str(Path(sys.executable).with_name("deckgen"))
    rows: dict[str, tuple[Run, Run]] = {}
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-credits-") as temp:
        work = Path(temp)
        for label, trailers in (("with credit trailers", TRAILERS), ("without (today)", ())):
            base = median_run([floor(repo, trailers) for _ in range(args.repeat)])
            talk = outline(work, repo, bool(trailers))
            command = [deckgen, "metrics", str(talk), "--as-of", str(AS_OF), "--no-cache"]
            cold = median_run([timed(command) for _ in range(args.repeat)])
            rows[label] = (base, cold)
    print(f"1 repository, {args.commits:,} commits; median of {args.repeat} runs")
    print(f"| {'run':<22} | {'git log floor':>19} | {'deckgen metrics':>19} | {'x floor':>13} |")
    heads = ("wall", "cpu", "wall", "cpu")
    print(
        f"| {'':<22} | " + " | ".join(f"{h:>8}" for h in heads) + f" | {'wall':>5} | {'cpu':>5} |"
    )
    for label, (base, cold) in rows.items():
        print(
            f"| {label:<22} | {base[0]:6.2f} s | {base[1]:6.2f} s | {cold[0]:6.2f} s "
            f"| {cold[1]:6.2f} s | {cold[0] / base[0]:4.2f}x | {cold[1] / base[1]:4.2f}x |"
        )
    base, cold = rows["with credit trailers"]
    for what, n in (("wall", 0), ("cpu", 1)):
        ratio = cold[n] / base[n]
        verdict = "met" if ratio <= TARGET else "MISSED"
        print(f"target with trailers / its floor ({what}): {ratio:.2f}x <= {TARGET}x: {verdict}")
    print_startup(base[0], TARGET, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
