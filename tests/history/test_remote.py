"""Remote repositories: cloned once into the cache, fetched only when the remote has moved."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from deckgen.errors import HistoryError
from deckgen.history import read_history
from deckgen.history.remote import STATE_FILE, check_url, clone_folder, redact
from tests.gitrepos import ALICE, BOB, CAROL, Change, git, grow, make_outline, make_repo, utc


def remote(tmp_path: Path) -> Path:
    return make_repo(
        tmp_path / "upstream" / "libfoo.git",
        [
            Change(ALICE, utc(2020, 1, 1), tag="v1.0"),
            Change(BOB, utc(2020, 2, 1), tag="v1.1"),
        ],
        bare=True,
    )


def read(url: str, cache: Path) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    history = read_history(make_outline({"core": [{"url": url}]}), cache_dir=cache)
    (repo,) = history.repos
    return len(repo.commits), tuple(t.name for t in repo.releases), history.warnings


def test_a_url_is_cloned_into_the_cache_as_a_bare_partial_clone(tmp_path: Path) -> None:
    url = f"file://{remote(tmp_path)}"
    history = read_history(make_outline({"core": [{"url": url}]}), cache_dir=tmp_path / "cache")
    (repo,) = history.repos
    digest = hashlib.sha256(url.encode()).hexdigest()[:16]
    assert repo.path == tmp_path / "cache" / "repos" / f"{digest}-libfoo.git"
    assert (repo.name, repo.url, len(repo.commits)) == ("libfoo", url, 2)
    assert [t.name for t in repo.releases] == ["v1.0", "v1.1"]
    assert git(repo.path, "rev-parse", "--is-bare-repository").strip() == "true"
    assert git(repo.path, "config", "remote.origin.partialclonefilter").strip() == "tree:0"
    names = sorted(p.name for p in repo.path.parent.iterdir())
    assert names == [repo.path.name, repo.path.name + ".lock"]  # no temporary folder left


def test_an_unchanged_remote_is_not_fetched_and_a_moved_one_is(tmp_path: Path) -> None:
    upstream = remote(tmp_path)
    url, cache = f"file://{upstream}", tmp_path / "cache"
    assert read(url, cache) == (2, ("v1.0", "v1.1"), ())
    clone = clone_folder(cache, url)
    assert read(url, cache) == (2, ("v1.0", "v1.1"), ())
    assert not (clone / "FETCH_HEAD").exists()
    grow(upstream, [Change(ALICE, utc(2020, 3, 1))])
    git(upstream, "tag", "v1.2", "main")
    git(upstream, "tag", "-d", "v1.0")
    assert read(url, cache) == (3, ("v1.1", "v1.2"), ())
    assert (clone / "FETCH_HEAD").exists()
    assert (clone / STATE_FILE).read_text() == git(upstream, "ls-remote", "--heads", "--tags", ".")


def test_an_unreachable_remote_falls_back_to_the_clone_with_a_warning(tmp_path: Path) -> None:
    upstream = remote(tmp_path)
    url, cache = f"file://{upstream}", tmp_path / "cache"
    read(url, cache)
    shutil.rmtree(upstream)
    commits, releases, warnings = read(url, cache)
    assert (commits, releases) == (2, ("v1.0", "v1.1"))
    assert warnings == (
        f"cannot reach {url}: '{upstream}' does not appear to be a git repository; "
        "using the copy fetched before",
    )


def test_an_unreachable_remote_without_a_clone_is_an_error(tmp_path: Path) -> None:
    url = f"file://{tmp_path}/nowhere.git"
    with pytest.raises(HistoryError) as err:
        read(url, tmp_path / "cache")
    assert str(err.value) == (
        f"cannot reach {url}: '{tmp_path}/nowhere.git' does not appear to be a git repository"
    )
    assert not clone_folder(tmp_path / "cache", url).exists()


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("-uhttps://example.org/x.git", "a URL cannot start with '-'"),
        (
            "ext::sh -c touch% /tmp/pwned",
            "git transports such as ext:: are not allowed; use an https, ssh, git or file URL",
        ),
        ("http://example.org/x.git", "only https, ssh, git and file URLs are allowed"),
        ("ftp://example.org/x.git", "only https, ssh, git and file URLs are allowed"),
        (
            "/srv/git/x.git",
            "not a URL; use `path:` for a repository on disk, or a file:// URL",
        ),
    ],
)
def test_only_plain_urls_of_four_protocols_are_accepted(url: str, why: str) -> None:
    with pytest.raises(HistoryError) as err:
        check_url(url)
    assert str(err.value) == f"refused repository URL '{url}': {why}"


def test_a_password_in_the_url_is_refused_and_never_shown() -> None:
    with pytest.raises(HistoryError) as err:
        check_url("https://ada:s3cret@example.org/x.git")
    assert str(err.value) == (
        "refused repository URL 'https://***@example.org/x.git': it carries a password; remove "
        "it and let git find the credentials (a credential helper, ~/.netrc or an ssh key)"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/x.git",
        "ssh://git@example.org/x.git",
        "git@example.org:team/x.git",
        "git://example.org/x.git",
        "file:///srv/git/x.git",
    ],
)
def test_the_four_protocols_are_accepted(url: str) -> None:
    check_url(url)


def test_user_parts_of_urls_are_redacted_in_messages() -> None:
    text = "fatal: unable to access 'https://ghp_token@github.com/a/b.git/': 403"
    assert redact(text) == "fatal: unable to access 'https://***@github.com/a/b.git/': 403"


def test_a_username_in_the_url_is_redacted_in_errors(tmp_path: Path) -> None:
    url = f"file://token@{tmp_path}/nowhere.git"
    with pytest.raises(HistoryError) as err:
        read(url, tmp_path / "cache")
    assert "token" not in str(err.value)
    assert str(err.value).startswith(f"cannot reach file://***@{tmp_path}/nowhere.git: ")


def test_the_mailmap_of_a_url_repository_is_fetched_on_demand(tmp_path: Path) -> None:
    """The treeless clone lacks the .mailmap; git fetches it while reading (lazy fetch works)."""
    mailmap = f"{ALICE.name} <{ALICE.email}> {BOB.name} <{BOB.email}>\n"
    upstream = make_repo(
        tmp_path / "upstream" / "libfoo.git",
        [
            Change(ALICE, utc(2020, 1, 1), files={".mailmap": mailmap}),
            Change(BOB, utc(2020, 2, 1)),
        ],
        bare=True,
    )
    git(upstream, "config", "uploadpack.allowFilter", "true")  # else the clone is a full one
    history = read_history(
        make_outline({"core": [{"url": f"file://{upstream}"}]}), cache_dir=tmp_path / "cache"
    )
    (repo,) = history.repos
    assert [i.name for i in repo.identities] == [ALICE.name]


SSH_URL = "ssh://example.invalid/repo.git"


def test_ssh_runs_in_batch_mode_and_the_failure_says_why(tmp_path: Path, ssh_calls: Path) -> None:
    """ssh would ask on the terminal for a passphrase or a new host key; in batch mode it fails."""
    with pytest.raises(HistoryError) as err:
        read(SSH_URL, tmp_path / "cache")
    assert str(err.value) == (
        f"cannot reach {SSH_URL}: Could not read from remote repository. (Host key verification "
        "failed.); ssh runs in batch mode, without asking for a passphrase or to accept a new "
        "host key: add the key to ssh-agent and the host to ~/.ssh/known_hosts, or set "
        "GIT_SSH_COMMAND"
    )
    (call,) = ssh_calls.read_text().splitlines()
    assert call.startswith("ssh -o BatchMode=yes ")
    assert "example.invalid git-upload-pack '/repo.git'" in call


@pytest.mark.parametrize(
    ("variable", "value", "called"),
    [
        ("GIT_SSH_COMMAND", "my-ssh -v", "my-ssh -v "),
        ("GIT_SSH", "my-ssh", "my-ssh "),
        ("GIT_SSH_VARIANT", "ssh", "ssh "),
        ("core.sshCommand", "my-ssh -4", "my-ssh -4 "),
        ("ssh.variant", "ssh", "ssh "),
    ],
)
def test_the_users_own_ssh_settings_are_kept(
    tmp_path: Path,
    ssh_calls: Path,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    called: str,
) -> None:
    if "." in variable:
        section, _, key = variable.partition(".")
        (tmp_path / "gitconfig").write_text(f"[{section}]\n\t{key} = {value}\n")
    else:
        monkeypatch.setenv(variable, value)
    with pytest.raises(HistoryError) as err:
        read(SSH_URL, tmp_path / "cache")
    assert str(err.value) == (
        f"cannot reach {SSH_URL}: Could not read from remote repository. (Host key verification "
        "failed.)"
    )
    calls = ssh_calls.read_text().splitlines()
    assert calls[-1].startswith(called)
    assert "BatchMode" not in ssh_calls.read_text()


@pytest.mark.parametrize("own_ssh", [False, True])
def test_git_runs_outside_the_repository_deckgen_was_started_in(
    tmp_path: Path, ssh_calls: Path, monkeypatch: pytest.MonkeyPatch, own_ssh: bool
) -> None:
    """The folder deckgen runs in may be a repository whose config names an ssh command.

    With `own_ssh` the user chose their ssh (`ssh.variant`), so deckgen sets no GIT_SSH_COMMAND
    that would override the repository's `core.sshCommand` anyway.
    """
    if own_ssh:
        (tmp_path / "gitconfig").write_text("[ssh]\n\tvariant = ssh\n")
    here = make_repo(tmp_path / "talks")
    git(here, "config", "core.sshCommand", "my-ssh --from-the-repository")
    monkeypatch.chdir(here)
    control = subprocess.run(["git", "ls-remote", SSH_URL], capture_output=True, check=False)
    assert control.returncode
    assert ssh_calls.read_text().startswith("my-ssh --from-the-repository ")
    ssh_calls.unlink()
    with pytest.raises(HistoryError):
        read(SSH_URL, tmp_path / "cache")
    assert ssh_calls.read_text().startswith("ssh -o " if own_ssh else "ssh -o BatchMode=yes ")


def test_cloning_and_fetching_a_hostile_repository_runs_no_program(tmp_path: Path) -> None:
    """The repository a file:// URL names runs git's upload-pack with its own config.

    Its `core.alternateRefsCommand` runs when git lists the refs of its alternates, as a push into
    it does (the control); `uploadpack.packObjectsHook` is obeyed only in the system and the
    user's config. A clone, and a fetch after the remote moved, run neither.
    """
    marker = tmp_path / "ran"
    trap = tmp_path / "trap"
    trap.write_text(f'#!/bin/sh\necho "$0 $*" >> "{marker}"\nexit 1\n')
    trap.chmod(0o755)
    upstream = remote(tmp_path)
    other = make_repo(tmp_path / "other.git", [Change(CAROL, utc(2019, 1, 1))], bare=True)
    (upstream / "objects" / "info" / "alternates").write_text(f"{other}/objects\n")
    settings = {
        "core.alternateRefsCommand": str(trap),
        "uploadpack.packObjectsHook": str(trap),
        "uploadpack.allowFilter": "true",
    }
    for key, value in settings.items():
        git(upstream, "config", key, value)
    git(other, "push", "--quiet", str(upstream), "main:refs/heads/other")
    assert marker.exists()  # control: the push into it ran the program
    marker.unlink()
    url, cache = f"file://{upstream}", tmp_path / "cache"
    assert read(url, cache)[0] == 2
    grow(upstream, [Change(ALICE, utc(2020, 3, 1))])
    assert read(url, cache)[0] == 3
    assert not marker.exists()
