"""What looks wrong in a history and numbers that are otherwise valid: warnings (`--strict` fails
on them), and the one shape that cannot be shown at all, an as-of date before every commit.

Each warning says what is true of the case it fires in: an empty repository, one whose commits
all come after the as-of date, and one whose commits are none of them counted get different
words; so do a period without a release, tags that exist but are not reachable, and no tag at all.
"""

from __future__ import annotations

from datetime import date, timedelta

from deckgen.errors import NothingToShowError
from deckgen.history.credits import MALFORMED, NO_EMAIL
from deckgen.history.model import Changes, Commits, CreditNote, History, RepoHistory, Tag
from deckgen.metrics.model import Metrics
from deckgen.metrics.period import bounds, start_of, utc_date
from deckgen.outline.globs import glob_pattern
from deckgen.outline.schema import Outline
from deckgen.plural import plural

SHOWN_TAGS = 3
"""Tags a warning names; the rest are counted."""


def _earliest(repo: RepoHistory) -> int | None:
    """Return the earliest author time of `repo`'s commits (None: empty)."""
    times = repo.commits.authored
    return min(times) if times else None


def _first_commit(repo: RepoHistory) -> tuple[int, str] | None:
    """Return the author time and short hash of the earliest commit of `repo` (None: empty)."""
    earliest = _earliest(repo)
    if earliest is None:
        return None
    return earliest, repo.commits.hex(repo.commits.authored.index(earliest))[:7]


def check_something_to_show(history: History, as_of: date) -> None:
    """Raise NothingToShowError when no repository has a commit up to `as_of`.

    An empty repository beside others is not an error (its slides say "No commits yet"); a deck
    with nothing but such slides is: either every repository is empty (a wrong path or `rev`), or
    the as-of date lies before the first commit of every repository (a mistake in the date).
    """
    end = start_of(as_of + timedelta(days=1))
    firsts = [(found, repo) for repo in history if (found := _earliest(repo)) is not None]
    if not firsts:
        names = ", ".join(f"{repo.name!r} at {repo.rev}" for repo in history)
        raise NothingToShowError(
            f"nothing to show: no repository has a commit ({names}); check the paths in `repos` "
            "and their `rev`"
        )
    if any(when < end for when, _repo in firsts):
        return
    repo = min(firsts, key=lambda f: f[0])[1]
    when, short = _first_commit(repo) or (0, "")  # the hash only when it is shown
    day = utc_date(when)
    raise NothingToShowError(
        f"nothing to show as of {as_of}: every commit is later; the first, {short} in "
        f"{repo.name!r}, is dated {day}: pass --as-of {day} or later"
    )


def find_warnings(outline: Outline, history: History, metrics: Metrics) -> tuple[str, ...]:
    """Return what looks wrong in numbers that are otherwise valid (`--strict` fails on these)."""
    found = [warning for repo in history if (warning := _repo_warning(repo, metrics)) is not None]
    if metrics.all.commits == 0:
        found.append(
            f"no commits between {metrics.period.since} and {metrics.period.until}; "
            "check `period` and --as-of"
        )
    if metrics.releases.count == 0:
        found.append(_release_warning(outline, history, metrics))
    found += [_credit_warning(repo, note) for repo in history for note in repo.credit_notes]
    found += _range_warnings(history)
    found += [w for repo in history for w in _idle_globs(repo, metrics)]
    return tuple(found)


CREDIT_PROBLEMS = {
    NO_EMAIL: ("names no e-mail", "name no e-mail", "counted by that name, as git shortlog does"),
    MALFORMED: ("is malformed", "are malformed", "counted for nobody"),
}
"""A credit note's problem → what the warning says of one trailer, of several, what deckgen did."""


def _credit_warning(repo: RepoHistory, note: CreditNote) -> str:
    """Return the warning of credit trailers that are not `Name <e-mail>` in `repo`."""
    one, many, done = CREDIT_PROBLEMS[note.problem]
    what = one if note.count == 1 else many
    return (
        f"repository {repo.name!r}: {plural(note.count, 'credit trailer')} {what} "
        f"(the first: {note.example!r} in {note.commit[:7]}); {done}"
    )


def _range_warnings(history: History) -> list[str]:
    """Return a warning per repository holding both ends of `period.range` whose old end is not
    an ancestor of the new one: git's A..B is then not "what came after A"."""
    ends = history.range
    if ends is None:
        return []
    found = []
    for repo in history:
        old, new = repo.marks.get(ends.old), repo.marks.get(ends.new)
        if (
            old is not None
            and new is not None
            and bytes.fromhex(old.commit) in set(new.hashes(repo.commits.hash_size))
        ):
            found.append(
                f"period.range: {ends.old!r} is not an ancestor of {ends.new!r} in repository "
                f"{repo.name!r}: the range holds what {ends.new!r} has and {ends.old!r} "
                f"lacks, as git's {ends.old}..{ends.new}"
            )
    return found


def _idle_globs(repo: RepoHistory, metrics: Metrics) -> list[str]:
    """Return a warning for each component glob of `repo` that matches no path any non-merge
    commit changed up to the period's end: a typo, or a folder that never existed. (A component
    idle in the period is not warned about: on 1 January every component is, and its zero is
    worth showing.)"""
    changes = repo.changes
    if not repo.components or changes is None or not len(repo.commits):
        return []  # an empty repository has its own warning
    _, end = bounds(metrics.period)
    paths = [changes.names[p] for p in _paths_changed(repo.commits, changes, end)]
    period = metrics.period
    return [
        f"component {name!r} of repository {repo.name!r}: glob {glob!r} matches no path any "
        f"commit changed up to {period.until}"
        for name, globs in repo.components.items()
        for glob in globs
        if next(filter(glob_pattern(glob).match, paths), None) is None
    ]


def _paths_changed(commits: Commits, changes: Changes, end: int) -> list[int]:
    """Return the paths (indexes into `changes.names`) that a non-merge commit authored before
    `end` changed: in numpy, a commit's file rows marked by +1 at their start, -1 past their
    end (a Python loop over a million commits took 0.3 s)."""
    import numpy as np  # counting imported it on a cold build; after a metrics cache hit: 0.1 s

    parents = np.frombuffer(commits.parents, dtype=np.uint8)
    authored = np.frombuffer(commits.authored, dtype=np.int64)
    rows = np.flatnonzero((parents <= 1) & (authored < end))
    starts = np.frombuffer(changes.starts, dtype=np.uint64).astype(np.int64)
    size = len(changes.paths) + 1
    edges = np.bincount(starts[rows], minlength=size)
    edges -= np.bincount(starts[rows + 1], minlength=size)
    inside = np.cumsum(edges[:-1]) > 0
    paths = np.frombuffer(changes.paths, dtype=np.uint32)[inside]
    used = np.zeros(len(changes.names), dtype=bool)
    used[paths] = True
    return [int(p) for p in np.flatnonzero(used)]


def _repo_warning(repo: RepoHistory, metrics: Metrics) -> str | None:
    """Return why `repo` adds nothing to the per-year series, when it adds nothing."""
    scope = metrics.repos.get(repo.name)
    if scope is None or scope.by_year:
        return None
    where = f"repository {repo.name!r} (group {repo.group!r})"
    first = _first_commit(repo)
    if first is None:
        return f"{where} has no commits at {repo.rev}; is it the right repository and revision?"
    when, short = first
    as_of = metrics.as_of
    if utc_date(when) > as_of:
        day = utc_date(when)
        return (
            f"{where} has no commits up to the as-of date {as_of}: its first, {short}, is "
            f"dated {day}; pass --as-of {day} or later to include it"
        )
    end = start_of(as_of + timedelta(days=1))
    count = sum(1 for t in repo.commits.authored if t < end)
    commits = "1 commit" if count == 1 else f"{count:,} commits"
    return (
        f"{where} has {commits} up to {as_of}, none of them counted: merges, commits by "
        "bots (identity.bots) and commits with a wrong clock are not"
    )


def _names(tags: list[Tag]) -> str:
    shown = [f"{t.name} ({utc_date(t.time)})" for t in tags[-SHOWN_TAGS:]]
    more = f" and {len(tags) - SHOWN_TAGS} more" if len(tags) > SHOWN_TAGS else ""
    return ", ".join(shown) + more


def _release_warning(outline: Outline, history: History, metrics: Metrics) -> str:
    """Return why the period has no release of the release group, in the words that are true."""
    group = outline.release_group
    period = metrics.period
    head = f"no release of group {group!r} between {period.since} and {period.until}"
    repos = history.group(group)
    releases = sorted((t for r in repos for t in r.releases), key=lambda t: (t.time, t.name))
    earlier = [t for t in releases if utc_date(t.time) < period.since]
    if earlier:
        latest = earlier[-1]
        return f"{head}; the latest before it is {latest.name} of {utc_date(latest.time)}"
    if releases:  # every release comes after the period
        first = releases[0]
        return f"{head}; the first release, {first.name}, is of {utc_date(first.time)}"
    if outline.releases.subject is not None:
        return (
            f"{head}: no commit subject matches releases.subject "
            f"('{outline.releases.subject}'); see `deckgen help outline`"
        )
    unmerged = sorted(
        ((t, r) for r in repos for t in r.unmerged),
        key=lambda pair: (pair[0].time, pair[0].name),
    )
    if unmerged:
        tags = [t for t, _ in unmerged]
        holders = sorted({f"{r.rev} of {r.name!r}" for _, r in unmerged})
        which = "tag" if len(tags) == 1 else "tags"
        verb = "matches" if len(tags) == 1 else "match"
        return (
            f"{head}: {which} {_names(tags)} {verb} releases.tags but "
            f"{'is' if len(tags) == 1 else 'are'} not reachable from {', '.join(holders)} "
            "(tagged on a branch that is not merged); analyse that branch with `rev:`, "
            "or merge it"
        )
    return (
        f"{head}: no tag matches releases.tags ({outline.releases.tags!r}); "
        "see `deckgen help outline`"
    )
