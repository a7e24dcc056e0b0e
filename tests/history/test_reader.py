"""Reading every repository of an outline: order, groups, names, several at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from deckgen.errors import OutlineError
from deckgen.fastimport import Person
from deckgen.history import Identity, read_history
from tests.gitrepos import ALICE, BOB, git, make_outline, make_repo, utc


def test_repositories_come_back_in_outline_order_with_groups(tmp_path: Path) -> None:
    paths = [make_repo(tmp_path / f"r{i}", [(ALICE, utc(2020, 1, i + 1))]) for i in range(6)]
    outline = make_outline(
        {
            "core": [paths[0]],
            "bindings": [{"path": paths[1], "name": "python"}, *paths[2:5]],
            "tools": [paths[5]],
        }
    )
    history = read_history(outline)
    assert [(r.group, r.name) for r in history] == [
        ("core", "r0"),
        ("bindings", "python"),
        ("bindings", "r2"),
        ("bindings", "r3"),
        ("bindings", "r4"),
        ("tools", "r5"),
    ]
    assert [r.name for r in history.group("bindings")] == ["python", "r2", "r3", "r4"]
    assert history.repo("r3").path == paths[3]
    assert [len(r.commits) for r in history] == [1] * 6


def test_bare_repository_name_drops_dot_git(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "libfoo.git", [(BOB, utc(2020, 1, 1))], bare=True)
    (history,) = read_history(make_outline({"core": [repo]})).repos
    assert history.name == "libfoo"


def test_two_repositories_with_one_name_are_an_outline_error(tmp_path: Path) -> None:
    a = make_repo(tmp_path / "a" / "foo", [(ALICE, utc(2020, 1, 1))])
    b = make_repo(tmp_path / "b" / "foo", [(ALICE, utc(2020, 1, 1))])
    with pytest.raises(OutlineError) as err:
        read_history(make_outline({"core": [a], "bindings": [b]}))
    assert str(err.value) == (
        "repos.bindings[0]: repository name 'foo' is already used by repos.core[0]; "
        "give one of them a `name:`"
    )


def test_users_log_settings_do_not_change_what_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zoe = Person("Zoë Ångström", "zoe@example.org")
    repo = make_repo(tmp_path / "core", [(zoe, utc(2020, 1, 1))])
    config = tmp_path / "gitconfig"
    config.write_text("[i18n]\n\tlogOutputEncoding = ISO-8859-1\n[log]\n\tshowSignature = true\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    (history,) = read_history(make_outline({"core": [repo]})).repos
    assert history.identities == (Identity(zoe.name, zoe.email),)


def test_merges_are_read_and_marked(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2020, 1, 1))], merges=[(BOB, utc(2020, 2, 1))])
    (history,) = read_history(make_outline({"core": [repo]})).repos
    commits = history.commits
    assert sorted(commits.parents) == [0, 1, 2]
    merge = next(i for i in range(len(commits)) if commits.parents[i] > 1)
    assert history.identities[commits.authors[merge]] == Identity(BOB.name, BOB.email)


def test_local_grafts_do_not_change_the_history(tmp_path: Path) -> None:
    """Replace refs stay in one clone (they are not fetched by default): the numbers must not
    depend on them, and a graft would let two repositories share commits but not roots."""
    repo = make_repo(
        tmp_path / "core",
        [(ALICE, utc(2020, 1, 1)), (ALICE, utc(2020, 2, 1)), (ALICE, utc(2020, 3, 1))],
    )
    git(repo, "replace", "--graft", "main~1")  # cut the history below the second commit
    assert git(repo, "rev-list", "--count", "main").strip() == "2"  # control: git honours it
    (history,) = read_history(make_outline({"core": [repo]})).repos
    assert len(history.commits) == 3
    git(repo, "replace", "-d", git(repo, "rev-parse", "main~1").strip())
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "grafts").write_text(git(repo, "rev-parse", "main~1"))
    assert git(repo, "rev-list", "--count", "main").strip() == "2"  # the older kind of graft
    (history,) = read_history(make_outline({"core": [repo]})).repos
    assert len(history.commits) == 3


def test_the_first_log_read_from_git_is_told_once_and_not_when_the_cache_answers(
    tmp_path: Path,
) -> None:
    paths = [make_repo(tmp_path / f"r{i}", [(ALICE, utc(2020, 1, i + 1))]) for i in range(3)]
    outline = make_outline({"core": paths})
    cache = tmp_path / "cache"
    told: list[str] = []
    read_history(outline, cache_dir=cache, first_log_read=lambda: told.append("cold"))
    assert told == ["cold"]  # three logs read, told once
    read_history(outline, cache_dir=cache, first_log_read=lambda: told.append("warm"))
    assert told == ["cold"]  # every history from the cache: git reads no log
    read_history(
        outline, cache_dir=cache, use_cache=False, first_log_read=lambda: told.append("again")
    )
    assert told == ["cold", "again"]


@pytest.mark.parametrize(("large", "order"), [(False, "told first"), (True, "log first")])
def test_a_small_history_is_told_as_its_log_starts_a_large_one_once_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, large: bool, order: str
) -> None:
    # counting's imports then overlap git writing a small log; beside a large one they would
    # add to the peak of git's and deckgen's memory together
    from deckgen.history import reader

    repo = make_repo(tmp_path / "core", [(ALICE, utc(2020, 1, 1)), (BOB, utc(2020, 2, 1))])
    monkeypatch.setattr(reader, "MIN_PACK_BYTES", 0 if large else 1 << 40)
    events: list[str] = []
    main_log = reader._main_log

    def logged(*args: Any) -> Any:
        events.append("log")
        return main_log(*args)

    monkeypatch.setattr(reader, "_main_log", logged)
    read_history(
        make_outline({"core": [repo]}),
        use_cache=False,
        first_log_read=lambda: events.append("told"),
    )
    assert events == (["log", "told"] if large else ["told", "log"]), order


def test_unchanged_repositories_are_read_on_the_calling_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a cached history is loaded by Python alone: threads would only take turns at it; the
    # repositories git must read still go to the pool, and the order and progress are kept
    import threading

    from deckgen.history import reader

    paths = [make_repo(tmp_path / f"r{i}", [(ALICE, utc(2020, 1, i + 1))]) for i in range(3)]
    outline = make_outline({"core": paths})
    cache = tmp_path / "cache"
    first = read_history(outline, cache_dir=cache)
    threads: list[str] = []
    read_repo = reader._read_repo

    def recorded(*args: Any) -> Any:
        threads.append(threading.current_thread().name)
        return read_repo(*args)

    monkeypatch.setattr(reader, "_read_repo", recorded)
    told: list[tuple[str, int]] = []
    again = read_history(outline, cache_dir=cache, progress=lambda *e: told.append(e))
    assert threads == []  # none read through git, no thread started
    assert [(r.name, r.head, r.commits.hashes) for r in again.repos] == [
        (r.name, r.head, r.commits.hashes) for r in first.repos
    ]
    assert told == [(name, n) for name in ("r0", "r1", "r2") for n in (0, 1)]
    make_repo(tmp_path / "r1", [(ALICE, utc(2020, 1, 2)), (BOB, utc(2020, 3, 1))])
    grown = read_history(outline, cache_dir=cache)
    assert len(threads) == 1 and threads[0] != threading.current_thread().name
    assert [len(r.commits) for r in grown.repos] == [1, 2, 1]
