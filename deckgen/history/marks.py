"""Where chosen revisions stand in each repository's history: the ends of `period.range` and the
release tags whose per-release statistics are counted.

Read after the log, and only for the revisions asked for: a repository holds a revision when it
names a commit reachable from the analysed one; its `Mark` then lists the analysed commits that
revision does not reach (`git rev-list HEAD ^REV`), from which the metrics take git's `A..B`
(reached from B, not from A) and A's own history. A revision no repository knows is an outline
error; one that only some repositories hold leaves the others counting days (see `RangeEnds`).

The marks of the range's ends are kept in the cache folder by the two object ids they follow
from (the analysed commit and the end's), so they never go stale: on a wide range of a long
history without a commit-graph, an old end costs git about 1.3 s of CPU (`merge-base
--is-ancestor`, then `rev-list`: git.git's `v1.0.0`), which an unchanged rebuild then does not
pay again.
"""

from __future__ import annotations

import re
from binascii import unhexlify
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from tempfile import TemporaryDirectory

from deckgen.cachedir import Entries
from deckgen.errors import KeyPath, OutlineError, Problem
from deckgen.history.cache import repo_folder
from deckgen.history.gitcmd import RepoGit, is_ancestor, open_repo
from deckgen.history.model import History, Mark, RangeEnds, RepoHistory, tag_revision
from deckgen.history.reader import MAX_WORKERS
from deckgen.history.releases import TAG_FORMAT, parse_tags

RANGE_KEY: KeyPath = ("period", "range")
ANY_TAG = re.compile("")
KEEP_MARKS = 8
"""Range ends' marks kept per repository (a few talks' ranges, each with two ends)."""
_MARK_MAGIC = b"deckgen-mark 1\n"


def read_marks(
    history: History,
    wanted: Mapping[str, Mapping[str, str]],
    *,
    reached: bool = False,
    cache_dir: Path | None = None,
) -> History:
    """Return `history` with the marks of `wanted` (repository name → key → revision) added
    to each repository, for the revisions it holds. `reached`: every revision is a commit
    (full hash) the repository's log listed, such as a release tag's, so none is checked.
    `cache_dir`: keep each mark there, by the commits it follows from (not with `reached`,
    whose marks are read in one walk, and only when the metrics are counted)."""
    jobs = [(repo, wanted[repo.name]) for repo in history if wanted.get(repo.name)]
    if not jobs:
        return history
    with TemporaryDirectory(prefix="deckgen-scratch-") as scratch:

        def run(job: tuple[RepoHistory, Mapping[str, str]]) -> dict[str, Mark]:
            repo, revisions = job
            git = _open(repo, Path(scratch))
            kept = None if cache_dir is None or reached else _kept_marks(cache_dir, git, repo)
            return _marks(git, repo, revisions, reached, kept)

        with ThreadPoolExecutor(max_workers=max(1, min(MAX_WORKERS, len(jobs)))) as pool:
            found = dict(zip((r.name for r, _ in jobs), pool.map(run, jobs), strict=True))
    repos = tuple(
        replace(repo, marks={**repo.marks, **found[repo.name]}) if repo.name in found else repo
        for repo in history
    )
    return replace(history, repos=repos)


def read_range(
    history: History,
    old: str,
    new: str,
    first: tuple[str, ...],
    cache_dir: Path | None = None,
) -> History:
    """Return `history` with the ends of `period.range` ('OLD..NEW') marked in every repository
    that holds them, and their times (`History.range`) from the first repository that knows
    each, trying the repositories named in `first` (the release group) before the others.
    `cache_dir`: where the marks are kept (none kept without it).

    OutlineError at `period.range` when a revision is known to no repository.
    """
    order = sorted(history, key=lambda r: r.name not in first)
    times: dict[str, int] = {}
    with TemporaryDirectory(prefix="deckgen-scratch-") as scratch:
        for repo in order:
            if repo.head is None or len(times) == 2:
                continue
            git = _open(repo, Path(scratch))
            for rev in (old, new):
                if rev not in times and (commit := _commit(git, rev)) is not None:
                    times[rev] = _time(git, rev, commit)
    unknown = [rev for rev in dict.fromkeys((old, new)) if rev not in times]
    if unknown:
        names = " and ".join(repr(rev) for rev in unknown)
        raise OutlineError(
            [
                Problem(
                    None,
                    RANGE_KEY,
                    f"unknown revision {names}: no repository of the outline has "
                    f"{'it' if len(unknown) == 1 else 'them'}; name tags or commits "
                    "(git tag; git log --oneline)",
                )
            ]
        )
    wanted = {repo.name: {old: old, new: new} for repo in history}
    marked = read_marks(history, wanted, cache_dir=cache_dir)
    return replace(marked, range=RangeEnds(old, new, times[old], times[new]))


def _open(repo: RepoHistory, scratch: Path) -> RepoGit:
    return open_repo(repo.path, scratch, label=repo.url or "", own_clone=repo.url is not None)


def _marks(
    git: RepoGit,
    repo: RepoHistory,
    revisions: Mapping[str, str],
    reached: bool,
    kept: Entries | None = None,
) -> dict[str, Mark]:
    """Return the marks of the `revisions` that `repo` holds, by key (one `rev-list` each, or
    none for a mark `kept` holds)."""
    if repo.head is None:
        return {}
    if reached and len(revisions) > 1:
        dated = {t.commit: t.time for t in repo.releases if t.commit}
        known = [c for c in revisions.values() if c in dated]
        oldest = min(known, key=dated.__getitem__) if known else None
        found = _reached_marks(git, repo.head, revisions, oldest)
        if found is not None:
            return found
    marks = {}
    for key, rev in revisions.items():
        commit = rev if reached else _commit(git, rev)
        if commit is None:
            continue
        if kept is None:
            mark = _mark(git, repo.head, commit, reached)
        else:
            mark = _kept_mark(kept, git, repo.head, commit, repo.commits.hash_size)
        if mark is not None:
            marks[key] = mark
    return marks


def _mark(git: RepoGit, head: str, commit: str, reached: bool) -> Mark | None:
    """Return the mark of `commit` in the history of `head`; None when `head` does not reach
    it (unless `reached` says it does)."""
    if not (reached or is_ancestor(git, commit, head)):
        return None
    out = git.run("rev-list", head, f"^{commit}", "--") or ""
    return Mark(commit, unhexlify("".join(out.split())))


def _kept_marks(cache_dir: Path, git: RepoGit, repo: RepoHistory) -> Entries:
    """Return the marks kept for `repo`, beside its cached histories."""
    return Entries(repo_folder(cache_dir, git.git_dir, repo.name), ".mark", KEEP_MARKS)


def _kept_mark(kept: Entries, git: RepoGit, head: str, commit: str, size: int) -> Mark | None:
    """Return `_mark` of `commit` as `kept` holds it, else read from git and kept (an entry
    that does not read back is read from git again and written anew)."""

    def load(data: bytes) -> Mark | None:
        held, outside = data[: len(_MARK_MAGIC) + 1], data[len(_MARK_MAGIC) + 1 :]
        if held == _MARK_MAGIC + b"-" and not outside:
            return None  # `head` does not reach `commit`
        if held != _MARK_MAGIC + b"+" or len(outside) % size:
            raise ValueError("not a kept mark")
        return Mark(commit, outside)

    def dump(mark: Mark | None) -> bytes:
        return _MARK_MAGIC + (b"-" if mark is None else b"+" + mark.outside)

    return kept.kept(f"{head}-{commit}", lambda: _mark(git, head, commit, False), load, dump)


def _reached_marks(
    git: RepoGit, head: str, commits: Mapping[str, str], oldest: str | None = None
) -> dict[str, Mark] | None:
    """Return the marks of `commits` (key → a commit `head` reaches) from two git calls instead
    of one each: the commits after a common ancestor X of them all, with their parents
    (`rev-list --parents HEAD ^X`), walked here. What X reaches every one of them reaches, so
    what one does not reach is among those. None when they have no common ancestor (several
    roots).

    X is first taken to be `oldest` (the commit of the oldest release, when known): on a chain
    of releases it is their common ancestor, and the walks tell whether it is (every commit
    reaching X does so through a child of X the walk visits); only when it is not does
    `merge-base --octopus` find X, which costs as much again (0.2 s at a million commits)."""
    if oldest is not None:
        found = _walked_marks(git, head, commits, oldest, check=True)
        if found is not None:
            return found
    base = git.run("merge-base", "--octopus", *commits.values(), check=False)
    if not base or not base.strip():
        return None
    return _walked_marks(git, head, commits, base.strip(), check=False)


def _walked_marks(
    git: RepoGit, head: str, commits: Mapping[str, str], base: str, *, check: bool
) -> dict[str, Mark] | None:
    """Return the marks of `commits` from the walk of `rev-list --parents HEAD ^base`, `base`
    an ancestor of each; with `check`, None when one of them does not reach `base`.

    The oldest commit is walked first (the last git lists), and a walk that comes to a commit
    already walked takes its whole answer at once: on a long history with a release every few
    hundred commits, each release's walk stops at the previous release."""
    import numpy as np

    out = git.run("rev-list", "--parents", head, f"^{base}", "--") or ""
    rows = [line.split() for line in out.splitlines()]
    index = {row[0]: n for n, row in enumerate(rows)}
    parents = [[index[p] for p in row[1:] if p in index] for row in rows]
    children_of_base = {n for n, row in enumerate(rows) if base in row[1:]}
    hash_size = len(rows[0][0]) // 2 if rows else 0
    hashes = np.frombuffer(unhexlify("".join(row[0] for row in rows)), dtype=np.uint8)
    hashes = hashes.reshape(len(rows), hash_size)
    walked: dict[int, np.ndarray] = {}
    reaches_base: dict[int, bool] = {}
    starts = sorted({index[c] for c in commits.values() if c in index}, reverse=True)
    if check and any(c != base and c not in index for c in commits.values()):
        return None  # a commit older than base, or beside it: base is not its ancestor
    for start in starts:
        reached = np.zeros(len(rows), dtype=bool)
        seen = bytearray(len(rows))
        todo = [start]
        hits = False
        while todo:
            node = todo.pop()
            if seen[node]:
                continue
            seen[node] = 1
            if node in walked:
                reached |= walked[node]
                hits = hits or reaches_base[node]
                continue
            hits = hits or node in children_of_base
            todo.extend(p for p in parents[node] if not seen[p])
        if check and not hits:
            return None
        reached |= np.frombuffer(bytes(seen), dtype=bool)
        walked[start] = reached
        reaches_base[start] = hits
    everything = hashes.tobytes()
    marks = {}
    for key, commit in commits.items():
        found = walked.get(index.get(commit, -1))
        outside = everything if found is None else hashes[~found].tobytes()
        marks[key] = Mark(commit, outside)
    return marks


def _commit(git: RepoGit, rev: str) -> str | None:
    """Return the commit `rev` names in `git`; None when it names none."""
    if rev.startswith("-"):
        return None
    found = git.run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False)
    return found.strip() if found else None


def _time(git: RepoGit, rev: str, commit: str) -> int:
    """Return the time of `rev` as a release's: a tag's as `releases.read_tags` dates tags,
    any other revision its commit's committer date."""
    out = git.run("for-each-ref", f"--format={TAG_FORMAT}", tag_revision(rev)) or ""
    tags = parse_tags(out, ANY_TAG)
    if tags:
        return tags[0].tag.time
    return int((git.run("show", "-s", "--format=%ct", commit, "--") or "0").strip())
