"""Remote repositories: cloned once into the cache, fetched only when the remote has moved."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from deckgen.errors import HistoryError
from deckgen.history import read_history
from deckgen.history.remote import STATE_FILE, check_url, clone_folder, redact
from tests.gitrepos import ALICE, BOB, Change, git, grow, make_outline, make_repo, utc


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
