"""The embedded demo project: deterministic, generated once, shaped like the model talk."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

import deckgen
from deckgen.demo import DEMO_VERSION, MANIFEST, REPOS, ensure_demo_project
from deckgen.demo import cache as demo_cache
from deckgen.errors import DeckgenError
from deckgen.metrics.model import Releases
from deckgen.outline.schema import SLIDE_KINDS, Outline
from deckgen.text import make_environment

AS_OF = date(2026, 11, 26)
DEMO_OUTLINE = Path(deckgen.__file__).parent / "data" / "demo.yaml"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    )
    return done.stdout


def refs(repo: Path) -> str:
    """Return every ref with its hash: equal refs mean byte-identical histories."""
    return git(repo, "for-each-ref", "--format=%(objectname) %(refname)")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.mktemp("cache")
    started = time.perf_counter()
    folder = ensure_demo_project(cache, AS_OF)
    print(f"\ndemo project up to {AS_OF} generated in {time.perf_counter() - started:.2f} s")
    return folder


# --- generation and the cache -------------------------------------------------------------------


def test_same_as_of_gives_identical_histories(tmp_path: Path) -> None:
    as_of = date(2016, 3, 1)  # the shortest history the demo supports keeps this test quick
    first = ensure_demo_project(tmp_path / "one", as_of)
    second = ensure_demo_project(tmp_path / "two", as_of)
    for repo in REPOS:
        assert refs(first / repo) == refs(second / repo)
        assert "refs/heads/main" in refs(first / repo)


def test_folder_is_keyed_on_version_and_as_of(project: Path) -> None:
    assert project.name == f"orbit-v{DEMO_VERSION}-{AS_OF.isoformat()}"
    manifest = json.loads((project / MANIFEST).read_text())
    assert manifest == {"version": DEMO_VERSION, "as_of": "2026-11-26", "repos": list(REPOS)}


def test_reuses_a_complete_project(project: Path) -> None:
    head = project / "core.git" / "HEAD"
    before = head.stat().st_mtime_ns
    started = time.perf_counter()
    again = ensure_demo_project(project.parent, AS_OF)
    print(f"\ndemo project reused in {1000 * (time.perf_counter() - started):.1f} ms")
    assert again == project
    assert head.stat().st_mtime_ns == before
    assert sorted(p.name for p in project.parent.iterdir()) == [project.name]


def fake_generate(calls: list[Path]) -> Callable[[Path, date], None]:
    def generate(folder: Path, as_of: date) -> None:
        calls.append(folder)
        for repo in REPOS:
            (folder / repo).mkdir(parents=True)
            (folder / repo / "HEAD").write_text("ref: refs/heads/main\n")
        manifest = {"version": DEMO_VERSION, "as_of": as_of.isoformat(), "repos": list(REPOS)}
        (folder / MANIFEST).write_text(json.dumps(manifest))

    return generate


def test_generates_once_then_reuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    monkeypatch.setattr(demo_cache, "_generate", fake_generate(calls))
    first = ensure_demo_project(tmp_path, AS_OF)
    second = ensure_demo_project(tmp_path, AS_OF)
    assert first == second == tmp_path / f"orbit-v{DEMO_VERSION}-2026-11-26"
    assert len(calls) == 1
    assert calls[0] != first  # written elsewhere, then renamed into place
    assert [p.name for p in tmp_path.iterdir()] == [first.name]


def used_hours_ago(project: Path, hours: float) -> None:
    when = time.time() - hours * 3600
    os.utime(project / MANIFEST, (when, when))


def test_keeps_the_three_most_recently_used_projects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_cache, "_generate", fake_generate([]))
    days = [date(2026, month, 1) for month in range(1, 6)]
    made = [ensure_demo_project(tmp_path, day) for day in days[:4]]
    assert len(list(tmp_path.iterdir())) == 4  # all used within the hour: none deleted yet
    for hours, project in zip((5, 4, 3, 2), made, strict=True):
        used_hours_ago(project, hours)
    assert ensure_demo_project(tmp_path, days[0]) == made[0]  # used again: kept longest
    newest = ensure_demo_project(tmp_path, days[4])
    assert sorted(tmp_path.iterdir()) == sorted([made[0], made[3], newest])


def test_reusing_a_project_deletes_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_cache, "_generate", fake_generate([]))
    made = [ensure_demo_project(tmp_path, date(2026, month, 1)) for month in range(1, 6)]
    for project in made:
        used_hours_ago(project, 2)
    ensure_demo_project(tmp_path, date(2026, 1, 1))
    assert len(list(tmp_path.iterdir())) == 5


def test_a_crash_leaves_nothing_to_reuse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(folder: Path, as_of: date) -> None:
        (folder / "core.git").mkdir()
        (folder / "core.git" / "HEAD").write_text("ref: refs/heads/main\n")
        raise KeyboardInterrupt

    monkeypatch.setattr(demo_cache, "_generate", crash)
    with pytest.raises(KeyboardInterrupt):
        ensure_demo_project(tmp_path, AS_OF)
    assert list(tmp_path.iterdir()) == []
    calls: list[Path] = []
    monkeypatch.setattr(demo_cache, "_generate", fake_generate(calls))
    assert (ensure_demo_project(tmp_path, AS_OF) / MANIFEST).is_file()
    assert len(calls) == 1


def test_an_incomplete_project_is_generated_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / f"orbit-v{DEMO_VERSION}-2026-11-26"
    (damaged / "core.git").mkdir(parents=True)  # e.g. a manifest deleted by hand
    calls: list[Path] = []
    monkeypatch.setattr(demo_cache, "_generate", fake_generate(calls))
    assert ensure_demo_project(tmp_path, AS_OF) == damaged
    assert len(calls) == 1
    assert (damaged / MANIFEST).is_file()


def test_a_cache_folder_that_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(**_: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(demo_cache.tempfile, "mkdtemp", full)
    with pytest.raises(DeckgenError) as caught:
        ensure_demo_project(tmp_path / "cache", AS_OF)
    assert str(caught.value) == (
        f"cannot write the demo project into {tmp_path / 'cache'}: No space left on device"
    )


def test_rejects_an_as_of_before_the_monthly_releases(tmp_path: Path) -> None:
    with pytest.raises(DeckgenError) as caught:
        ensure_demo_project(tmp_path, date(2015, 12, 31))
    assert str(caught.value) == (
        "the demo project needs an as-of date from 2016-01-01 on, got 2015-12-31"
    )
    assert list(tmp_path.iterdir()) == []


# --- the generated project -----------------------------------------------------------------------


def test_repositories_are_bare_with_main(project: Path) -> None:
    assert len(REPOS) >= 4 and REPOS[0] == "core.git"
    for repo in REPOS:
        assert git(project / repo, "rev-parse", "--is-bare-repository").strip() == "true"
        assert git(project / repo, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
        assert git(project / repo, "for-each-ref", "--format=%(refname)", "refs/heads") == (
            "refs/heads/main\n"
        )


def test_tags_are_annotated_releases_and_candidates(project: Path) -> None:
    core = project / "core.git"
    listing = git(core, "for-each-ref", "--format=%(refname:short) %(objecttype)", "refs/tags")
    assert {line.split()[1] for line in listing.splitlines()} == {"tag"}  # all annotated
    dated = git(core, "for-each-ref", "--format=%(refname:short) %(taggerdate:unix)", "refs/tags")
    tags = {
        name: datetime.fromtimestamp(int(when), UTC).date()
        for name, when in (line.split() for line in dated.splitlines())
    }
    assert {"v0.1.0", "v1.0.0", "v11.11.0", "v12.0.0-rc1", "v12.9.0"} <= tags.keys()
    this_year = sorted(
        (day, name) for name, day in tags.items() if day.year == 2026 and "-rc" not in name
    )
    days = [day for day, _ in this_year]
    assert len(this_year) == 10
    assert days[1] - days[0] == timedelta(weeks=6)  # two releases six weeks apart, then monthly
    assert all(25 <= (b - a).days <= 35 for a, b in pairwise(days[1:]))
    assert "v12.10.0-rc1" in tags and "v12.10.0" not in tags  # the next release is on its way
    assert sum(1 for day in tags.values() if day > AS_OF) == 0


def test_mailmap_at_head_joins_addresses(project: Path) -> None:
    core = project / "core.git"
    mailmap = git(core, "show", "HEAD:.mailmap")
    assert "<dberger@tuxcorp.example>" in mailmap
    assert git(core, "check-mailmap", "<dberger@tuxcorp.example>") == (
        "Daniel Berger <daniel.berger@nimbus-cloud.example>\n"
    )
    assert git(core, "check-mailmap", "wzhang <wei.zhang@kernelworks.example>") == (
        "Wei Zhang <wei.zhang@kernelworks.example>\n"
    )
    raw = set(git(core, "log", "--format=%ae").split())
    assert {"dberger@tuxcorp.example", "Maria.Lopez@Redwood-Systems.example"} <= raw


def unjoined(project: Path) -> list[tuple[str, str, str]]:
    """Return the identities of the bindings (authors and credited people) that core's .mailmap
    maps to another address and no alias of the demo outline joins to it: (repository, identity,
    core's address). A .mailmap maps only its own repository's commits, so only an alias makes
    them one person."""
    core = project / "core.git"
    aliases = yaml.safe_load(DEMO_OUTLINE.read_text(encoding="utf-8"))["identity"]["aliases"]
    joined = [{e.lower() for e in alias["emails"]} for alias in aliases]
    fields = "%an <%ae>%n%(trailers:key=Reviewed-by,valueonly)%(trailers:key=Tested-by,valueonly)"
    found = []
    for repo in REPOS[1:]:
        named = set(git(project / repo, "log", f"--format={fields}", "HEAD").splitlines()) - {""}
        for who in sorted(named):
            email = who.rpartition("<")[2].rstrip(">").lower()
            mapped = git(core, "check-mailmap", who).rpartition("<")[2].rstrip(">\n").lower()
            if mapped != email and not any({email, mapped} <= emails for emails in joined):
                found.append((repo, who, mapped))
    return found


@pytest.mark.slow
def test_the_outline_joins_what_cores_mailmap_joins_in_the_bindings(
    project: Path, tmp_path: Path
) -> None:
    # as of 2019-06-15 Anna Kowalska wrote go.git commits from the address only core's
    # .mailmap maps: without her alias the reviewers table showed "Anna Kowalska
    # (stellarsoft.example)", told apart from herself
    assert unjoined(ensure_demo_project(tmp_path, date(2019, 6, 15))) == []
    assert unjoined(project) == []


def test_news_has_a_section_per_release(project: Path) -> None:
    core = project / "core.git"
    news = git(core, "show", "HEAD:NEWS.rst")
    assert "v12.9.0 (2026-11-02)\n====================\n\n* **New features**\n\n  * " in news
    releases = git(core, "tag", "--list", "v11.*", "v12.*").split()
    for tag in (t for t in releases if "-rc" not in t and t != "v12.10.0"):
        assert f"\n{tag} (20" in news
    assert "v10.0.0 (" not in news  # older years live in docs/news/YEAR.rst
    assert "v10.0.0 (" in git(core, "show", "HEAD:docs/news/2024.rst")
    assert news.count("* **Bug fixes**") >= 10


def test_bots_and_merges(project: Path) -> None:
    core, go = project / "core.git", project / "bindings" / "go.git"
    assert int(git(core, "rev-list", "--count", "--author=noreply@weblate.org", "HEAD")) > 10
    assert int(git(go, "rev-list", "--count", r"--author=\[bot\]@", "HEAD")) > 10
    translated = git(core, "log", "--format=%ce", "--grep=^Translated using Weblate", "HEAD")
    assert set(translated.split()) == {"noreply@weblate.org"}
    assert int(git(core, "rev-list", "--count", "--merges", "HEAD")) > 20
    assert int(git(go, "rev-list", "--count", "--merges", "HEAD")) > 20


def year_counts(repo: Path) -> Counter[int]:
    stamps = git(repo, "log", "--no-merges", "--format=%at", "HEAD").split()
    return Counter(datetime.fromtimestamp(int(s), UTC).year for s in stamps)


def test_core_grows_then_plateaus(project: Path) -> None:
    years = year_counts(project / "core.git")
    print("\ncommits per year in core:", dict(sorted(years.items())))
    assert min(years) == 2005 and max(years) == 2026
    growth = [years[y] for y in range(2006, 2012)]
    assert growth == sorted(growth) and growth[0] < 1000
    assert all(4000 <= years[y] <= 5000 for y in range(2012, 2026))
    last = max(int(s) for s in git(project / "core.git", "log", "--format=%at %ct").split())
    assert datetime.fromtimestamp(last, UTC).date() == AS_OF


def test_bindings_start_later_and_tail_off(project: Path) -> None:
    for repo, first in (
        ("bindings/python.git", 2008), ("bindings/go.git", 2014), ("bindings/perl.git", 2009)
    ):  # fmt: skip
        years = year_counts(project / repo)
        assert min(years) == first
        peak = max(years.values())
        assert years[2025] < peak / 2


def authors(repo: Path) -> dict[str, int]:
    """Return each author (mailmapped, lower-cased e-mail) and the time of their first commit."""
    first: dict[str, int] = {}
    for line in git(repo, "log", "--reverse", "--format=%aE %at", "HEAD").splitlines():
        email, when = line.rsplit(" ", 1)
        first.setdefault(email.lower(), int(when))
    return first


def test_hundreds_of_authors_some_in_core_and_bindings(project: Path) -> None:
    by_repo = {repo: authors(project / repo) for repo in REPOS}
    everyone = {email for firsts in by_repo.values() for email in firsts}
    print(f"\nauthors: {len(everyone)}, by repository:", {r: len(a) for r, a in by_repo.items()})
    assert 300 <= len(everyone) < 1000
    core = by_repo["core.git"]
    for repo in REPOS[1:]:
        old_hands = [e for e, when in by_repo[repo].items() if e in core and core[e] < when]
        assert len(old_hands) >= 3  # new to the binding, not to the project


def test_newcomers_dip_then_recover(project: Path) -> None:
    firsts = Counter(
        datetime.fromtimestamp(when, UTC).year for when in authors(project / "core.git").values()
    )
    print("\nnew core authors per year:", dict(sorted(firsts.items())))
    assert firsts[2025] < firsts[2020] * 0.75
    assert firsts[2026] > firsts[2025] * 2


def test_time_zones_and_committer_dates_vary(project: Path) -> None:
    log = git(project / "core.git", "log", "--format=%ai|%at|%ct|%ae|%ce", "-5000", "HEAD")
    rows = [line.split("|") for line in log.splitlines()]
    offsets = Counter(row[0].rsplit(" ", 1)[1] for row in rows)
    assert len(offsets) >= 8
    assert all(int(ct) >= int(at) for _, at, ct, _, _ in rows)
    assert sum(1 for _, at, ct, _, _ in rows if ct != at) > 1000
    assert sum(1 for *_, author, committer in rows if author != committer) > 500


# --- the demo outline ----------------------------------------------------------------------------


def test_demo_outline_follows_the_schema() -> None:
    data = yaml.safe_load(DEMO_OUTLINE.read_text(encoding="utf-8"))
    slides = []
    for slide in data["slides"]:
        assert slide["kind"] in SLIDE_KINDS
        slides.append(SLIDE_KINDS[slide["kind"]].model_validate(slide))
        assert slide.get("notes"), f"slide {slide.get('id')} has no speaker notes"
    outline = Outline.model_validate({**data, "slides": slides})
    paths = [str(repo.path) for group in outline.repos.values() for repo in group]
    assert paths == list(REPOS)
    kinds = Counter(slide.kind for slide in slides)
    assert kinds["title"] == kinds["closing"] == 1
    assert set(kinds) == set(SLIDE_KINDS)
    charts = Counter((slide.chart, slide.scope) for slide in slides if slide.kind == "chart")
    # the model talk's year charts: the whole set, the core alone, the other repositories
    for scope in ("all", "core", "bindings"):
        assert charts[("commits_by_year", scope)] == charts[("authors_by_year", scope)] == 1


@pytest.mark.parametrize(
    ("count", "sentence"),
    [
        (0, "0 releases since 1 January, on course for 12"),
        (1, "1 release since 1 January, on course for 12"),
        (11, "11 releases since 1 January, on course for 12"),
    ],
)
def test_demo_outline_says_the_model_talks_release_sentence(count: int, sentence: str) -> None:
    data = yaml.safe_load(DEMO_OUTLINE.read_text(encoding="utf-8"))
    releases = next(slide for slide in data["slides"] if slide.get("id") == "releases")
    text = make_environment().from_string(releases["text"])
    assert text.render(releases=Releases(count, 12, 30.0)) == sentence
