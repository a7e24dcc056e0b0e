"""Gather the period's news entries for an outline: the glue between `news:` and the parsers.

Runs after the metrics stage, because entries are placed in the period by the release list the
metrics computed (tag dates), and reads through git at the revision the outline names.
"""

from __future__ import annotations

from deckgen.errors import OutlineError, Problem
from deckgen.history.model import History, RepoHistory
from deckgen.metrics.model import Metrics
from deckgen.news.commits import parse_conventional_commits
from deckgen.news.formats import parse_news
from deckgen.news.gitread import read_news_file, read_subjects, read_tag_messages
from deckgen.news.model import NewsEntry, NewsError
from deckgen.news.select import select_entries
from deckgen.news.tags import parse_tag_messages
from deckgen.outline.schema import Outline

DEFAULT_FILES = ("NEWS.rst", "NEWS.md", "CHANGELOG.md", "CHANGES.md", "NEWS")
"""Tried in this order when `news.file` is not given."""


def gather_news(outline: Outline, history: History, metrics: Metrics) -> tuple[NewsEntry, ...]:
    """Return the entries of the outline's release notes that fall in the period."""
    spec = outline.news
    if spec is None:
        return ()
    repo = _news_repo(outline, history)
    if repo.head is None:
        return ()
    period = metrics.period
    own = repo.url is not None  # deckgen's clone of a `url:` repository: it may fetch
    if spec.format == "tags":
        entries = parse_tag_messages(read_tag_messages(repo.path, repo.rev, own_clone=own))
    elif spec.format == "commits":
        subjects = read_subjects(repo.path, repo.rev, period.since, period.until, own_clone=own)
        entries = parse_conventional_commits(subjects)
    else:
        path, text = _news_text(repo, spec.file)
        entries = parse_news(text, spec.format, source=f"{repo.name}:{path}")
    scope = metrics.repos.get(repo.name)
    releases = scope.releases.list if scope is not None else metrics.releases.list
    selected = select_entries(
        entries,
        period.since,
        period.until,
        releases=releases,
        include_unreleased=spec.include_unreleased,
    )
    return tuple(selected)


def _news_repo(outline: Outline, history: History) -> RepoHistory:
    spec = outline.news
    assert spec is not None
    if spec.repo is None:
        return history.group(outline.release_group)[0]
    try:
        return history.repo(spec.repo)
    except KeyError:
        names = ", ".join(repr(r.name) for r in history)
        raise OutlineError(
            [
                Problem(
                    None,
                    ("news", "repo"),
                    f"expected one of the repositories {names}, got {spec.repo!r}",
                )
            ]
        ) from None


def _news_text(repo: RepoHistory, file: str | None) -> tuple[str, str]:
    """Return the path and text of the release notes: `file`, or the first default that exists."""
    own = repo.url is not None
    if file is not None:
        return file, read_news_file(repo.path, repo.rev, file, own_clone=own)
    for candidate in DEFAULT_FILES:
        try:
            return candidate, read_news_file(repo.path, repo.rev, candidate, own_clone=own)
        except NewsError:
            continue
    tried = ", ".join(DEFAULT_FILES)
    raise NewsError(
        f"no release notes found in {repo.name} at {repo.rev} (tried {tried}); "
        "name the file with news.file, or use news.format: tags or commits"
    )
