"""Read every repository of an outline: one streamed `git log` each, several at a time.

An unchanged repository (its refs as when git last answered, its history cached) is loaded on
the calling thread first, without git: that is Python's work alone, which threads would only
take turns at. The others are read by a pool of threads, each waiting on its git processes.

A repository given by `url:` is first cloned (or brought up to date) into the cache folder; a
history already parsed at the same tip comes from the cache, one parsed at an ancestor of the tip
is extended with the new commits only (see `cache`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from queue import SimpleQueue
from tempfile import TemporaryDirectory
from time import monotonic

from deckgen.cachedir import CorruptEntry, default_cache_dir
from deckgen.errors import HistoryError, KeyPath, Problem
from deckgen.history.cache import (
    HistoryCache,
    Snapshot,
    extend,
    repo_folder,
    settings_key,
)
from deckgen.history.changes import PACK_WINDOWS, ChangesReader, changes_args
from deckgen.history.credits import credit_people
from deckgen.history.gitcmd import (
    RepoGit,
    is_ancestor,
    open_repo,
    resolve_tip_and_file,
)
from deckgen.history.log import LOG_CONFIG, TRAILER_CONFIG, LogReader, decode, log_args, log_format
from deckgen.history.mailmap import check_extra_mailmap, mailmap_config
from deckgen.history.model import History, Identity, RepoHistory, Tag, no_commits
from deckgen.history.refstate import Recorded, fingerprint, plain_git_dir, recall, remember
from deckgen.history.releases import start_tags, tags_among
from deckgen.history.remote import ensure_clone, redact
from deckgen.history.split import MIN_PACK_BYTES, pack_bytes, read_ranges, split_commits
from deckgen.outline.checks import repository_problem
from deckgen.outline.schema import Outline, RepoSpec

MAX_WORKERS = 8
PROGRESS_EVERY = 10_000
PROGRESS_SECONDS = 0.25
"""A repository reports its progress every 10,000 commits read, or every quarter of a second
(many repositories sharing few cores each read slowly)."""

Progress = Callable[[str, int], None]
"""Told the repository's display name and how many of its commits have been read so far."""


@dataclass(frozen=True)
class _Job:
    """What reading one repository needs to know."""

    group: str
    spec: RepoSpec
    scratch: Path
    tags: re.Pattern[str]
    subject: re.Pattern[str] | None
    mailmap: Path | None
    extra_mailmap: bytes | None
    cache_dir: Path
    use_cache: bool
    report: Progress
    log_read: Callable[[], None]
    """Called as a log read from git is done, or as it starts in a small repository (see
    `read_history`'s `first_log_read`)."""
    trailers: tuple[str, ...] = ()
    """`identity.credit_trailers`: read with the log when any."""
    changes: str | None = None
    """`Outline.changes`: read each commit's changed files ('paths') and line counts ('lines')."""
    components: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class _Read:
    repo: RepoHistory
    warnings: tuple[str, ...]


def read_history(
    outline: Outline,
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
    first_log_read: Callable[[], None] | None = None,
) -> History:
    """Return the history of every repository in `outline`, read at its `rev`.

    `cache_dir` (default: the user cache folder) holds the clones of `url:` repositories and,
    unless `use_cache` is false, the parsed histories, so an unchanged repository is not read
    again and a grown one only for its new commits. `progress` is called on this thread with a
    repository's name and the commits read so far: 0 when it starts (before a clone or a fetch),
    every 10,000 or so, and the total at its end. `first_log_read` is called once, on a reading
    thread, when the first history read from git (not from the cache) is read and its git
    process has ended, or earlier, as such a log starts, when the repository is small (packs
    under `MIN_PACK_BYTES`): the caller's chance to prepare what only a fresh count needs while
    git writes, and not while one huge log holds git's memory.
    """
    tags, subject = outline.release_tags, outline.release_subject
    check_extra_mailmap(outline.identity.mailmap)
    extra = outline.identity.mailmap.read_bytes() if outline.identity.mailmap else None
    specs = [(group, spec) for group, specs in outline.repos.items() for spec in specs]
    keys: list[KeyPath] = [
        ("repos", group, i) for group, specs in outline.repos.items() for i in range(len(specs))
    ]
    cache = cache_dir if cache_dir is not None else default_cache_dir()
    events: SimpleQueue[tuple[str, int] | None] = SimpleQueue()

    def report(name: str, count: int) -> None:
        events.put((name, count))

    once = threading.Lock()

    def log_read() -> None:
        if first_log_read is not None and once.acquire(blocking=False):
            first_log_read()  # the lock is never released: once only

    def run(job: _Job, memo: _Memo | None) -> _Read:
        try:
            return _read_repo(job, memo)
        finally:
            events.put(None)

    with TemporaryDirectory(prefix="deckgen-scratch-") as scratch:
        jobs = [
            _Job(
                group,
                spec,
                Path(scratch),
                tags,
                subject,
                outline.identity.mailmap,
                extra,
                cache,
                use_cache,
                report,
                log_read,
                tuple(outline.identity.credit_trailers),
                outline.changes,
                tuple(
                    (name, tuple(globs))
                    for name, globs in outline.repo_components(group, spec).items()
                ),
            )
            for group, spec in specs
        ]
        # unchanged repositories first, on this thread: loading a cached history is Python's
        # work, which threads would only take turns at (8 of them: 0.05 s more for 45)
        recorded = [_on_record(job) for job in jobs]
        todo = [n for n, (_, found) in enumerate(recorded) if found is None]
        with ThreadPoolExecutor(max_workers=max(1, min(MAX_WORKERS, len(todo)))) as pool:
            futures: dict[int, Future[_Read]] = {
                n: pool.submit(run, jobs[n], recorded[n][0]) for n in todo
            }
            running = len(futures)
            while running or not events.empty():
                event = events.get()
                if event is None:
                    running -= 1
                elif progress is not None:
                    progress(*event)
        errors = [futures[n].exception() if n in futures else None for n in range(len(jobs))]
    failed = [(key, e) for key, e in zip(keys, errors, strict=True) if e is not None]
    if failed:
        if all(isinstance(e, HistoryError) for _, e in failed):
            raise HistoryError(
                "\n".join(str(e) for _, e in failed),
                [Problem(None, key, str(e)) for key, e in failed],
            )
        raise next(e for _, e in failed if not isinstance(e, HistoryError))
    done = [found or futures[n].result() for n, (_, found) in enumerate(recorded)]
    warnings = tuple(w for read in done for w in read.warnings)
    return History(tuple(read.repo for read in done), warnings)


_Memo = tuple[Path, str]
"""Where git's answers about a repository are recorded, and the fingerprint of its refs now."""


def _on_record(job: _Job) -> tuple[_Memo | None, _Read | None]:
    """Return where git's answers about the repository of `job` are recorded (None: they are
    not, see `refstate`) and, when they still hold and its history is cached, the repository
    read without git (else None)."""
    path = job.spec.path
    if job.spec.url is not None or path is None:
        return None, None
    memo = _memo_of(job, path)
    found = _recalled(job, path, *memo) if memo is not None else None
    if found is not None:
        job.report(job.spec.display_name, 0)
        job.report(job.spec.display_name, len(found.repo.commits))
    return memo, found


def _read_repo(job: _Job, memo: _Memo | None) -> _Read:
    """Return the repository of `job` read through git (`memo`: see `_on_record`)."""
    spec = job.spec
    name = spec.display_name
    warnings: list[str] = []
    url = None
    job.report(name, 0)  # started: a clone or a long log may follow
    if spec.url is not None:
        clone = ensure_clone(spec.url, job.cache_dir)
        warnings += clone.warnings
        path, url = clone.path, redact(spec.url)
    else:
        assert spec.path is not None  # the schema requires one of path and url
        path = spec.path
    repo = open_repo(path, job.scratch, label=url or "", own_clone=url is not None)
    listing = start_tags(repo) if job.subject is None else None
    try:  # the tags are listed while the revision is resolved: two git processes at once
        head, blob = resolve_tip_and_file(repo, spec.rev, ".mailmap")
        if head is None:
            job.report(name, 0)  # done
            empty = RepoHistory(
                job.group, name, path, spec.rev, None, (), no_commits(), url=url,
                components=dict(job.components),
            )  # fmt: skip
            return _Read(empty, tuple(warnings))
        mailmap = _checked_mailmap(repo, head, blob, spec.rev, fetches=url is not None)
        tags = (listing.result() or "") if listing is not None else None
    finally:
        if listing is not None:
            listing.close()
    snapshot = _snapshot(repo, head, mailmap, job, warnings, tags)
    if memo is not None:
        remember(memo[0], Recorded(memo[1], head, mailmap, tags))
    history = _repo_history(job, path, url, head, snapshot, tags)
    return _Read(history, tuple(warnings))


def _memo_of(job: _Job, path: Path) -> tuple[Path, str] | None:
    """Return where git's answers about the repository at `path` are recorded and the
    fingerprint of its refs now; None when they are not to be recorded (see `refstate`)."""
    if not job.use_cache or repository_problem(path) is not None:
        return None
    git_dir = plain_git_dir(path)
    if git_dir is None:
        return None
    now = fingerprint(git_dir, job.spec.rev)
    if now is None:
        return None
    return repo_folder(job.cache_dir, git_dir, job.spec.display_name), now


def _recalled(job: _Job, path: Path, folder: Path, now: str) -> _Read | None:
    """Return the repository's history without starting git: its refs are as they were when
    git last answered (`refstate`) and the history at that tip is in the cache; else None."""
    found = recall(folder, now)
    if found is None or (found.tags is None and job.subject is None):
        return None
    store = HistoryCache(folder)
    try:
        snapshot = store.load(_settings_key(job, found.mailmap), found.head)
    except (CorruptEntry, OSError):
        return None  # read through git, which warns and rewrites it
    if snapshot is None:
        return None
    return _Read(_repo_history(job, path, None, found.head, snapshot, found.tags), ())


def _settings_key(job: _Job, mailmap: str | None) -> str:
    return settings_key(
        mailmap,
        job.extra_mailmap,
        job.tags.pattern,
        job.subject.pattern if job.subject is not None else None,
        log_format(job.trailers),
        job.changes,
    )


def _repo_history(
    job: _Job, path: Path, url: str | None, head: str, snapshot: Snapshot, tags: str | None
) -> RepoHistory:
    """Return the repository's history from its parsed log and its tags (`list_tags`)."""
    unmerged: list[Tag] = []
    if job.subject is not None:
        releases = sorted(snapshot.subject_releases, key=lambda t: (t.time, t.name))
    else:
        releases, unmerged = tags_among(tags or "", job.tags, snapshot.commits)
    identities = tuple(Identity(decode(n), decode(e)) for n, e in snapshot.identities)
    return RepoHistory(
        group=job.group,
        name=job.spec.display_name,
        path=path,
        rev=job.spec.rev,
        head=head,
        identities=identities,
        commits=snapshot.commits,
        releases=tuple(releases),
        url=url,
        unmerged=tuple(unmerged),
        credit_notes=snapshot.credit_notes,
        changes=snapshot.changes,
        components=dict(job.components),
    )


def _checked_mailmap(
    repo: RepoGit, head: str, blob: str | None, rev: str, *, fetches: bool
) -> str | None:
    """Return `blob`, the object id of the .mailmap committed at `head` (None without one).

    A partial clone on disk may lack the blob, and deckgen does not let it fetch (see
    `gitcmd`); git would then apply no mailmap without failing, and the numbers would quietly
    change: that is an error instead.
    """
    if blob is not None and not fetches and repo.run("cat-file", "-e", blob, check=False) is None:
        raise HistoryError(
            f"{repo.where}: the .mailmap committed at {rev} is missing from this partial clone "
            "(deckgen never fetches into a repository on disk); fetch it with "
            f"`git -C {repo.path} cat-file -p {head}:.mailmap`, or use a full clone"
        )
    return blob


def _snapshot(
    repo: RepoGit,
    head: str,
    mailmap: str | None,
    job: _Job,
    warnings: list[str],
    tags: str | None = None,
) -> Snapshot:
    """Return the parsed history at `head`: from the cache, extended from it, or read whole."""
    if not job.use_cache:
        snapshot = _read_log(repo, head, job, None, tags)
        job.log_read()
        return snapshot
    name = job.spec.display_name
    key = _settings_key(job, mailmap)
    store = HistoryCache(repo_folder(job.cache_dir, repo.git_dir, name))
    found = _load(store, key, head, repo, warnings)
    if found is not None:
        job.report(name, len(found.commits))
        return found
    base = None
    for tip in store.older_tips(key, head):
        if is_ancestor(repo, tip, head):
            base = _load(store, key, tip, repo, warnings)
            if base is not None:
                break
    snapshot = _read_log(repo, head, job, base, tags)
    job.log_read()
    try:
        store.save(key, snapshot)
        if base is not None:
            store.drop(key, base.head)
    except OSError as exc:
        warnings.append(f"cannot write the history cache in {store.folder}: {exc.strerror}")
    return snapshot


def _load(
    store: HistoryCache, key: str, head: str, repo: RepoGit, warnings: list[str]
) -> Snapshot | None:
    try:
        return store.load(key, head)
    except CorruptEntry as exc:
        warnings.append(
            f"history cache entry {store.path(key, head)} is damaged ({exc}); "
            f"reading {repo.where} again"
        )
        store.drop(key, head)
    except OSError as exc:
        warnings.append(f"cannot read the history cache entry {store.path(key, head)}: {exc}")
    return None


def _read_log(
    repo: RepoGit, head: str, job: _Job, base: Snapshot | None, tags: str | None = None
) -> Snapshot:
    """Return the history at `head` read from git: all of it, or what `base` lacks."""
    name = job.spec.display_name
    reader = LogReader(job.subject, job.trailers)
    done = 0
    if base is not None:
        reader.seed(base.identities)
        done = len(base.commits)
    config = [*LOG_CONFIG, *mailmap_config(head, job.mailmap)]
    if job.trailers:
        config += TRAILER_CONFIG
    since = base.head if base is not None else None
    if pack_bytes(repo.git_dir) < MIN_PACK_BYTES:
        job.log_read()  # a small history: what counting imports loads while git writes its log
    changes_read = None
    if job.changes is None:
        split = _split_log(repo, head, job, config, tags) if base is None else None
        if split is None:
            _main_log(repo, head, job, reader, config, since, done)
        else:
            reader = split
    else:  # a second git log, run alongside: git diffs trees while the main log is read
        with ThreadPoolExecutor(max_workers=1) as side:
            pending = side.submit(_read_changes, repo, head, job.changes == "lines", base, since)
            _main_log(repo, head, job, reader, config, since, done)
            changes_read = pending.result()
    people, notes = credit_people(repo, reader, config) if job.trailers else (None, ())
    commits = reader.commits(people)
    changes = changes_read.changes(commits) if changes_read is not None else None
    job.report(name, done + len(commits))
    identities = reader.raw_identities()
    if base is not None:
        return extend(base, head, commits, identities, reader.releases, notes, changes)
    return Snapshot(head, commits, tuple(identities), tuple(reader.releases), notes, changes)


class _Pacer:
    """Tells `job.report` the commits read so far, every `PROGRESS_EVERY` commits or
    `PROGRESS_SECONDS`, whichever comes first."""

    def __init__(self, job: _Job) -> None:
        self.job = job
        self.due = PROGRESS_EVERY
        self.deadline = monotonic() + PROGRESS_SECONDS

    def __call__(self, count: int) -> None:
        if count >= self.due or monotonic() >= self.deadline:
            self.job.report(self.job.spec.display_name, count)
            self.due = (count // PROGRESS_EVERY + 1) * PROGRESS_EVERY
            self.deadline = monotonic() + PROGRESS_SECONDS


def _main_log(
    repo: RepoGit,
    head: str,
    job: _Job,
    reader: LogReader,
    config: list[str],
    since: str | None,
    done: int,
) -> LogReader:
    """Feed the main log of `head` (what `since` lacks) to `reader`, reporting progress."""
    tell = _Pacer(job)
    args = log_args(head, since, job.trailers)
    with repo.stream(*args, config=config) as chunks:
        for chunk in chunks:
            reader.feed(chunk)
            tell(done + len(reader.authored))
    return reader


def _split_log(
    repo: RepoGit, head: str, job: _Job, config: list[str], tags: str | None
) -> LogReader | None:
    """Return a reader of the whole log of `head`, read as several ranges at once (`split`);
    None when the history is not split, or `read_ranges` gives up (its newest range empty, or
    with too many boundary commits): then it is read as one log."""
    cuts = split_commits(repo, head, tags)
    if not cuts:
        return None
    tell, count = _Pacer(job), 0

    def new_reader() -> LogReader:
        return LogReader(job.subject, job.trailers)

    def fed(rows: int) -> None:
        nonlocal count
        count += rows  # a range read again counts twice: progress only, the end says the total
        tell(count)

    ranges = read_ranges(repo, head, cuts, new_reader, config, job.trailers, fed)
    if ranges is None:
        return None
    merged, *older = ranges
    while older:
        merged.absorb(older.pop(0))
    merged.marked = False
    return merged


def _read_changes(
    repo: RepoGit, head: str, lines: bool, base: Snapshot | None, since: str | None
) -> ChangesReader:
    """Return the reader of the files (and with `lines`, the line counts) of the commits of
    `head` that `since` lacks, with the paths `base` knows seeded."""
    reader = ChangesReader(lines)
    if base is not None and base.changes is not None:
        reader.seed(base.changes.names)
    config = [*LOG_CONFIG, *PACK_WINDOWS]
    with repo.stream(*changes_args(head, lines, since), config=config) as chunks:
        for chunk in chunks:
            reader.feed(chunk)
    return reader
