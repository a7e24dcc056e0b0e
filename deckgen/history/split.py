"""Read one huge history as a few ranges at once: one `git log` per range, merged afterwards.

On a machine with several cores, git's walk (most of a cold read) then runs on each of them
while deckgen parses. The ranges are cut at tags: with split commits T1 … Tk-1 (oldest first),
range 1 is `git log T1`, range i is `git log Ti ^Ti-1`, the last `git log HEAD ^Tk-1`. They list
exactly the commits of `git log HEAD`, each once, when each split commit is an ancestor of the
next (and the last of HEAD): the ranges are then nested differences. Every range is read with
`%m` and `--boundary` (the first has no boundary), and git lists Ti-1 as a boundary commit of
range i exactly when it is a
parent of a commit of the range, that is when it is an ancestor of Ti (a commit between Ti and
Ti-1 on a path of parents is in the range). When a cut is not among its range's boundary
commits (a tag on a maintenance branch), the newest range is kept and what its own boundary
commits reach is read as one more log (`read_below`): with the newest range, again the whole
history, each commit once. When the newest range is empty (a tag ahead of the analysed
revision), the history is read as one log. The numbers never depend on the split.

Only histories whose packs are large split (`MIN_PACK_BYTES`): a small repository is read faster
by one process, and an outline of many repositories already reads several at a time.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from deckgen.cores import usable_cores
from deckgen.history.gitcmd import RepoGit
from deckgen.history.log import LogReader, log_args
from deckgen.history.releases import list_tags

MIN_PACK_BYTES = 64 << 20
"""Split only when the repository's packs hold at least this much (a million commits: ~180 MB;
100,000: ~19 MB)."""
MAX_PARTS = 2
"""At most this many `git log`s at once: each walks its range with its own copy of git's
per-commit memory, and each but the oldest holds its commits' text until the range is walked."""
OLDEST_SHARE = 0.8
"""The oldest range's share of the time from the oldest tag to the tip. The other ranges are
read with an exclusion (`^Ti-1`), so git walks each whole before it prints a line, holding the
text of its commits (at a million commits, cut in halves: 140 MB more than `git log` of the
same half streamed); the oldest streams. On two cores, git's and deckgen's CPU together bound
the time (about 7 s at a million commits) for any share up to about 0.8; the newest fifth keeps
deckgen and git together at 242–246 MB (a quarter: 270–278 MB, halves: 413 MB) in the same
time (idle, alternating runs: 7.9–8.1 s against 7.5–8.3 s); 0.85 took 8.5 s."""

NewReader = Callable[[], LogReader]
Fed = Callable[[int], None]
"""Called with the commits each chunk added, from the thread of the range that read it."""
MAX_BOUNDARY = 1000
"""At most this many boundary commits are named on a command line (`read_below`)."""


def usable_parts() -> int:
    """Return how many ranges to read at once: the cores this process may use, capped."""
    return min(MAX_PARTS, usable_cores())


def pack_bytes(git_dir: Path) -> int:
    """Return the size of the repository's pack files (loose objects and alternates aside)."""
    try:
        entries = list(os.scandir(git_dir / "objects" / "pack"))
    except OSError:
        return 0
    return sum(e.stat().st_size for e in entries if e.name.endswith(".pack"))


def split_commits(repo: RepoGit, head: str, tags: str | None = None) -> list[str]:
    """Return the commits to cut the history of `head` at (oldest first): none when it is too
    small to pay or only one core is usable. `tags`: the repository's `list_tags`, when the
    caller has them already (else they are listed here)."""
    parts = usable_parts()
    if parts < 2 or pack_bytes(repo.git_dir) < MIN_PACK_BYTES:
        return []
    tip = int((repo.run("show", "-s", "--format=%ct", head, "--") or "0").strip() or 0)
    listed = list_tags(repo) if tags is None else tags
    return choose(tag_commits(listed), head, tip, parts)


def tag_commits(out: str) -> dict[str, int]:
    """Return each commit a tag of `out` (`releases.list_tags`) points at, with its date."""
    found: dict[str, int] = {}
    for line in out.splitlines():
        _, kind, target, peeled, _, peeled_date, committed = line.split("\0")
        commit, when = (peeled, peeled_date) if kind == "tag" else (target, committed)
        if commit and when and (kind == "tag" or kind == "commit"):
            found[commit] = int(when)
    return found


def choose(tags: dict[str, int], head: str, tip: int, parts: int) -> list[str]:
    """Return up to `parts - 1` of the commits `tags` whose dates cut the time from the oldest
    to `tip` (the date of `head`): the oldest range `OLDEST_SHARE` of it, the others equal
    shares of the rest; oldest first."""
    dated = sorted((when, commit) for commit, when in tags.items() if commit != head)
    if not dated or parts < 2:
        return []
    start = dated[0][0]
    chosen: list[str] = []
    for part in range(parts - 1):
        share = OLDEST_SHARE + (1 - OLDEST_SHARE) * part / (parts - 1)
        goal = start + (tip - start) * share
        later = [(abs(when - goal), commit) for when, commit in dated if commit not in chosen]
        if later:
            chosen.append(min(later)[1])
    order = {commit: when for when, commit in dated}
    return sorted(chosen, key=lambda commit: order[commit])


def read_ranges(
    repo: RepoGit,
    head: str,
    cuts: Sequence[str],
    new_reader: NewReader,
    config: Sequence[str],
    trailers: Sequence[str],
    fed: Fed,
) -> list[LogReader] | None:
    """Read the ranges `cuts` makes of `head`'s history at once, one reader each, newest first.

    When a cut is not an ancestor of the next one, the newest range stays and the rest of the
    history is read again (`read_below`); None when even the newest range is empty (the last
    cut contains `head`), or its boundary names more than `MAX_BOUNDARY` commits: then nothing
    read is of use.
    """
    tops = [*cuts, head]
    bottoms: list[str | None] = [None, *cuts]

    def read(top: str, bottom: str | None) -> LogReader:
        reader = new_reader()
        reader.marked = True
        args = log_args(top, bottom, trailers, marked=True)
        return _fed(repo, args, reader, config, fed)

    with ThreadPoolExecutor(max_workers=len(tops)) as pool:
        ends = zip(tops, bottoms, strict=True)
        pending = [pool.submit(read, top, bottom) for top, bottom in ends]
        readers = [p.result() for p in pending]
    nested = all(
        bottom.encode() in reader.boundary
        for reader, bottom in zip(readers, bottoms, strict=True)
        if bottom is not None
    )
    if nested:
        return readers[::-1]
    newest = readers[-1]
    readers.clear()  # the older ranges are of no use: let them go before reading again
    if not newest.authored or len(newest.boundary) > MAX_BOUNDARY:
        return None
    if not newest.boundary:
        return [newest]  # nothing of `head`'s history is older than the newest range
    return [newest, read_below(repo, newest.boundary, new_reader, config, trailers, fed)]


def read_below(
    repo: RepoGit,
    boundary: Sequence[bytes],
    new_reader: NewReader,
    config: Sequence[str],
    trailers: Sequence[str],
    fed: Fed,
) -> LogReader:
    """Return the reader of every commit the `boundary` commits of the newest range reach.

    With it the newest range is the whole history, each commit once: a commit of the history
    that the range lacks is reached from the tip through a commit of the range whose parent the
    cut reaches, a boundary commit; and the cut reaches all that a boundary commit reaches.
    """
    first, *others = (commit.decode() for commit in boundary)
    args = log_args(first, None, trailers)
    return _fed(repo, [*args[:-1], *others, "--"], new_reader(), config, fed)


def _fed(
    repo: RepoGit, args: Sequence[str], reader: LogReader, config: Sequence[str], fed: Fed
) -> LogReader:
    """Return `reader` fed the output of `git ARGS`, telling `fed` the commits of each chunk."""
    with repo.stream(*args, config=config) as chunks:
        for chunk in chunks:
            before = len(reader.authored)
            reader.feed(chunk)
            fed(len(reader.authored) - before)
    return reader
