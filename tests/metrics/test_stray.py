"""Commits with a wrong clock: the gap rule of docs/metrics.md, on histories built inline."""

from __future__ import annotations

from array import array
from datetime import UTC, date, datetime
from pathlib import Path

from deckgen.history import Commits, Identity, RepoHistory
from deckgen.metrics.stray import repo_strays

AS_OF = date(2026, 6, 30)


def history(*years: int) -> RepoHistory:
    """Return a repository with one commit on 3 March of each of `years` (repeats allowed)."""
    times = array("q", (int(datetime(y, 3, 3, tzinfo=UTC).timestamp()) for y in years))
    commits = Commits(
        20,
        b"".join(i.to_bytes(20, "big") for i in range(len(times))),
        array("B", [1] * len(times)),
        array("I", [0] * len(times)),
        times,
        times,
    )
    return RepoHistory(
        "core", "core", Path("core"), "HEAD", "0" * 40, (Identity("A", "a@x"),), commits
    )


def stray_years(repo: RepoHistory, as_of: date = AS_OF) -> list[int]:
    found = repo_strays(repo, as_of)
    if found is None:
        return []
    return sorted(datetime.fromtimestamp(repo.commits.authored[i], UTC).year for i in found.rows)


def test_a_1970_and_a_2099_commit_are_stray() -> None:
    repo = history(1970, *range(2015, 2027), 2099)
    assert stray_years(repo) == [1970, 2099]
    found = repo_strays(repo, AS_OF)
    assert found is not None and found.bulk == (2015, 2026)


def test_ten_empty_years_make_a_gap_nine_do_not() -> None:
    assert stray_years(history(2004, *range(2015, 2027))) == [2004]  # 2005..2014: ten empty
    assert stray_years(history(2005, *range(2015, 2027))) == []  # 2006..2014: nine


def test_a_long_paused_history_is_real() -> None:
    """More than ten commits apart from the bulk are a history, not a clock."""
    assert stray_years(history(*[1995] * 11, *range(2010, 2027))) == []
    assert stray_years(history(*[1995] * 10, *range(2010, 2027))) == [1995] * 10


def test_of_equal_runs_the_latest_begun_by_the_as_of_year_is_the_bulk() -> None:
    assert stray_years(history(2026, 2099)) == [2099]
    assert stray_years(history(1970, 2026)) == [1970]
    assert stray_years(history(2040, 2099), date(2026, 1, 1)) == [2099]
