"""Read every repository of an outline: one streamed `git log` each, several at a time."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from deckgen.errors import HistoryError, OutlineError, Problem
from deckgen.history.gitcmd import check_not_shallow, open_repo, resolve
from deckgen.history.log import LOG_CONFIG, LogReader, log_args
from deckgen.history.mailmap import check_extra_mailmap, mailmap_config
from deckgen.history.model import History, RepoHistory, no_commits
from deckgen.history.releases import read_tags
from deckgen.outline.schema import Outline, RepoSpec

MAX_WORKERS = 8


@dataclass(frozen=True)
class _Job:
    """What reading one repository needs to know."""

    group: str
    spec: RepoSpec
    scratch: Path
    tags: re.Pattern[str]
    subject: re.Pattern[str] | None
    mailmap: Path | None


def read_history(outline: Outline) -> History:
    """Return the history of every repository in `outline`, read at its `rev`."""
    tags = compile_pattern(outline.releases.tags, "releases.tags")
    subject = None
    if outline.releases.subject is not None:
        subject = compile_pattern(outline.releases.subject, "releases.subject")
    check_extra_mailmap(outline.identity.mailmap)
    specs = [(group, spec) for group, specs in outline.repos.items() for spec in specs]
    _check_unique_names(outline)
    with TemporaryDirectory(prefix="deckgen-scratch-") as scratch:
        jobs = [
            _Job(group, spec, Path(scratch), tags, subject, outline.identity.mailmap)
            for group, spec in specs
        ]
        with ThreadPoolExecutor(max_workers=max(1, min(MAX_WORKERS, len(jobs)))) as pool:
            futures = [pool.submit(_read_repo, job) for job in jobs]
            errors = [f.exception() for f in futures]
    failed = [e for e in errors if e is not None]
    if failed:
        if all(isinstance(e, HistoryError) for e in failed):
            raise HistoryError("\n".join(str(e) for e in failed))
        raise next(e for e in failed if not isinstance(e, HistoryError))
    return History(tuple(f.result() for f in futures))


def compile_pattern(pattern: str, key: str) -> re.Pattern[str]:
    """Return `pattern` compiled; OutlineError naming `key` when it is not a valid regex."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise OutlineError([Problem(None, key, f"invalid regular expression: {exc}")]) from exc


def _check_unique_names(outline: Outline) -> None:
    """Raise OutlineError when two repositories would share a display name (scopes are named)."""
    seen: dict[str, str] = {}
    problems = []
    for group, specs in outline.repos.items():
        for i, spec in enumerate(specs):
            key = f"repos.{group}[{i}]"
            first = seen.setdefault(spec.display_name, key)
            if first != key:
                problems.append(
                    Problem(
                        None,
                        key,
                        f"repository name '{spec.display_name}' is already used by {first}; "
                        "set `name` to tell them apart",
                    )
                )
    if problems:
        raise OutlineError(problems)


def _read_repo(job: _Job) -> RepoHistory:
    spec = job.spec
    repo = open_repo(spec.path, job.scratch)
    check_not_shallow(repo)
    head = resolve(repo, spec.rev)
    if head is None:
        return RepoHistory(
            job.group, spec.display_name, spec.path, spec.rev, None, (), no_commits()
        )
    reader = LogReader(job.subject)
    config = [*LOG_CONFIG, *mailmap_config(head, job.mailmap)]
    with repo.stream(*log_args(head), config=config) as chunks:
        for chunk in chunks:
            reader.feed(chunk)
    commits = reader.commits()
    if job.subject is not None:
        releases = sorted(reader.releases, key=lambda t: (t.time, t.name))
    else:
        releases = read_tags(repo, job.tags, commits)
    return RepoHistory(
        group=job.group,
        name=spec.display_name,
        path=spec.path,
        rev=spec.rev,
        head=head,
        identities=tuple(reader.identities),
        commits=commits,
        releases=tuple(releases),
    )
