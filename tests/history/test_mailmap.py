"""Which mailmap applies: the one committed at the analysed revision, then the outline's file."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import OutlineError
from deckgen.fastimport import Person
from deckgen.history import Identity, read_history
from tests.gitrepos import ALICE, BOB, Change, checkout, git, make_outline, make_repo, utc

OLD_ALICE = Person("alice", "ALICE@old.example")
MAILMAP = "Alice Liddell <alice@example.org> <alice@old.example>\n"


def history_with_mailmap(path: Path, *, bare: bool = False) -> Path:
    return make_repo(
        path,
        [
            Change(OLD_ALICE, utc(2019, 5, 1)),
            Change(BOB, utc(2020, 1, 1), files={".mailmap": MAILMAP}),
            Change(ALICE, utc(2020, 2, 1)),
        ],
        bare=bare,
    )


def identities(path: Path, **outline: object) -> set[Identity]:
    (repo,) = read_history(make_outline({"core": [{"path": path, **outline}]})).repos
    return set(repo.identities)


ALICE_ID = Identity(ALICE.name, ALICE.email)
BOB_ID = Identity(BOB.name, BOB.email)


@pytest.mark.parametrize("bare", [False, True])
def test_committed_mailmap_applies(tmp_path: Path, bare: bool) -> None:
    repo = history_with_mailmap(tmp_path / "core", bare=bare)
    assert identities(repo) == {ALICE_ID, BOB_ID}


def test_mailmap_is_read_at_the_pinned_revision(tmp_path: Path) -> None:
    repo = history_with_mailmap(tmp_path / "core")
    old = Identity(OLD_ALICE.name, OLD_ALICE.email)
    assert identities(repo, rev="main~2") == {old}


def test_edited_mailmap_in_the_work_tree_is_ignored(tmp_path: Path) -> None:
    repo = checkout(history_with_mailmap(tmp_path / "core"))
    (repo / ".mailmap").write_text(MAILMAP + "Robert <bob@example.org>\n")
    assert identities(repo) == {ALICE_ID, BOB_ID}
    assert git(repo, "status", "--porcelain") == " M .mailmap\n"


def test_users_global_mailmap_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = history_with_mailmap(tmp_path / "core")
    (tmp_path / "global.mailmap").write_text("Robert <bob@example.org>\n")
    config = tmp_path / "gitconfig"
    config.write_text(f"[mailmap]\n\tfile = {tmp_path / 'global.mailmap'}\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    assert identities(repo) == {ALICE_ID, BOB_ID}


def test_outline_mailmap_applies_after_the_repositorys(tmp_path: Path) -> None:
    repo = history_with_mailmap(tmp_path / "core")
    extra = tmp_path / "extra.mailmap"
    extra.write_text(
        "Alice L. <alice@example.org> <alice@old.example>\n"
        "Alice L. <alice@example.org>\n"
        "Robert <bob@example.org>\n"
    )
    outline = make_outline({"core": [repo]}, identity={"mailmap": extra})
    (history,) = read_history(outline).repos
    assert set(history.identities) == {
        Identity("Alice L.", ALICE.email),
        Identity("Robert", BOB.email),
    }


def test_missing_outline_mailmap_is_an_outline_error(tmp_path: Path) -> None:
    repo = history_with_mailmap(tmp_path / "core")
    missing = tmp_path / "nope.mailmap"
    outline = make_outline({"core": [repo]}, identity={"mailmap": missing})
    with pytest.raises(OutlineError) as err:
        read_history(outline)
    assert str(err.value) == f"identity.mailmap: file not found: {missing}"
