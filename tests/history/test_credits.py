"""Credit trailers read with the one `git log`: values parsed, people mailmapped, cached."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from deckgen.history import History, read_history
from deckgen.history.cache import settings_key
from deckgen.history.credits import MALFORMED, NO_EMAIL, NOBODY, Parsed, parse_value
from deckgen.history.log import LOG_FORMAT, log_format
from deckgen.metrics import compute_metrics, resolve_period
from deckgen.outline.schema import Outline
from tests.gitrepos import ALICE, BOB, Change, git, grow, make_outline, make_repo, utc

TRAILERS = ["Reviewed-by", "Tested-by"]
AS_OF = date(2020, 12, 31)


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        (b"Jane Doe <jane@example.org>", Parsed(b"Jane Doe", b"jane@example.org")),
        (b"Jane Doe<jane@example.org>", Parsed(b"Jane Doe", b"jane@example.org")),
        (b"<jane@example.org>", Parsed(b"", b"jane@example.org")),
        (b"stable <stable@example.org> # 6.1", Parsed(b"stable", b"stable@example.org")),
        (b"Jane Doe", Parsed(b"Jane Doe", problem=NO_EMAIL)),
        (b"jane@example.org", Parsed(b"jane@example.org", problem=NO_EMAIL)),
        (b"Jane Doe <>", Parsed(b"Jane Doe", problem=NO_EMAIL)),
        (b"", Parsed(problem=MALFORMED)),
        (b"<>", Parsed(problem=MALFORMED)),
        (b"Jane <jane@example.org", Parsed(problem=MALFORMED)),
        (b"Jane jane@example.org>", Parsed(problem=MALFORMED)),
        (b"Jane <a> <b>", Parsed(problem=MALFORMED)),
    ],
)
def test_trailer_values_are_read_like_git_shortlog(value: bytes, parsed: Parsed) -> None:
    assert parse_value(value) == parsed


def test_the_log_format_is_unchanged_without_credit_trailers() -> None:
    assert log_format(()) == LOG_FORMAT
    assert log_format(TRAILERS) != LOG_FORMAT
    key = settings_key(None, None, "t", None)
    assert key == settings_key(None, None, "t", None, log_format(()))
    assert key != settings_key(None, None, "t", None, log_format(TRAILERS))


def credited(history: History) -> list[tuple[str, str, str]]:
    """Return each credit naming somebody as (commit, kind, `Name <e-mail>`)."""
    (repo,) = history.repos
    c = repo.commits
    return sorted(
        (
            c.hex(row),
            TRAILERS[kind],
            repo.identities[who].name + " <" + repo.identities[who].email + ">",
        )
        for row, kind, who in zip(c.credit_rows, c.credit_kinds, c.credit_people, strict=True)
        if who != NOBODY
    )


def outline_of(repo: Path) -> Outline:
    return make_outline({"core": [repo]}, identity={"credit_trailers": TRAILERS})


def test_trailer_people_go_through_the_mailmap_of_the_revision(tmp_path: Path) -> None:
    mailmap = "Jane Doe <jane@example.org> <jd@old.example>\n"
    repo = make_repo(
        tmp_path / "core",
        [
            Change(
                ALICE,
                utc(2020, 1, 1),
                "One\n\nReviewed-by: jd <JD@old.example>",
                files={".mailmap": mailmap},
            ),
            Change(
                BOB,
                utc(2020, 2, 1),
                "Two\n\nTested-by: Bob <bob@example.org>\n"
                "Reviewed-by: Someone <someone@example.org>",
            ),
        ],
    )
    history = read_history(outline_of(repo), use_cache=False)
    one, two = (git(repo, "rev-parse", f"main{s}").strip() for s in ("~1", ""))
    assert credited(history) == sorted(
        [
            (one, "Reviewed-by", "Jane Doe <jane@example.org>"),
            (two, "Tested-by", "Bob <bob@example.org>"),
            (two, "Reviewed-by", "Someone <someone@example.org>"),
        ]
    )


def test_credits_are_cached_and_extended(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "core", [Change(ALICE, utc(2020, 1, 1), "One\n\nReviewed-by: Bob <b@x.org>")]
    )
    outline = outline_of(repo)
    cache = tmp_path / "cache"
    read_history(outline, cache_dir=cache)
    grow(repo, [Change(BOB, utc(2020, 3, 1), "Two\n\nTested-by: Dave\nReviewed-by: x <y")])
    grown = read_history(outline, cache_dir=cache)  # the cached entry, extended
    fresh = read_history(outline, use_cache=False)
    assert credited(grown) == credited(fresh)
    assert len(credited(fresh)) == 2  # the malformed value names nobody
    assert list(fresh.repos[0].commits.credit_people).count(NOBODY) == 1
    assert grown.repos[0].credit_notes == fresh.repos[0].credit_notes
    assert [n.problem for n in fresh.repos[0].credit_notes] == [MALFORMED, NO_EMAIL]
    period = resolve_period(outline, AS_OF)
    assert (
        compute_metrics(outline, grown, period, AS_OF).to_json()
        == compute_metrics(outline, fresh, period, AS_OF).to_json()
    )
    again = read_history(outline, cache_dir=cache)  # read whole from the cache
    assert credited(again) == credited(fresh)
    assert again.repos[0].credit_notes == fresh.repos[0].credit_notes


def test_a_user_trailer_separator_does_not_change_the_credits(tmp_path: Path) -> None:
    """With `#` a separator, every line of the last paragraph is a trailer, so it is a trailer
    block; with `:` alone (git's default, which deckgen sets) it is prose."""
    message = "One\n\nReviewed-by: Bob <b@x.org>\nsee# below\nand# more\nthen# this"
    repo = make_repo(tmp_path / "core", [Change(ALICE, utc(2020, 1, 1), message)])
    git(repo, "config", "trailer.separators", ":#")
    assert "Bob" in git(repo, "log", "--format=%(trailers:key=Reviewed-by)")
    assert credited(read_history(outline_of(repo), use_cache=False)) == []
