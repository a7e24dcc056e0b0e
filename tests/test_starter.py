"""`deckgen init`: where the starter goes, that it reads back, and how its texts read once built."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import main
from deckgen.fastimport import FastImport, Person
from deckgen.outline import load_outline
from tests.gitrepos import ALICE, BOB, Change, make_repo, utc

AS_OF = "2026-06-30"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    before = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(before)
    return result.exit_code, result.stdout, result.stderr


def files_under(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}


@pytest.mark.parametrize(
    "name",
    [
        "proj, v2",
        "lib #2",
        "a: b",
        "[x]",
        "{y}",
        "with space",
        "~tilde",
        'it\'s "quoted"',
        "Dvořák",
    ],
)
def test_the_repository_path_is_quoted_as_yaml_needs(tmp_path: Path, name: str) -> None:
    repo = make_repo(tmp_path / name, [(ALICE, utc(2026, 2, 1))])
    code, stdout, stderr = run("init", str(repo), "--as-of", AS_OF)
    assert (code, stderr) == (0, "")
    target = repo / "talk.yaml"
    assert stdout.startswith(f"wrote {target}; edit it, then run: deckgen build ")
    outline = load_outline(target).outline
    assert outline.repos["core"][0].path == repo.resolve()
    assert outline.title == f"State of {name}"
    # the commented-out bindings line works once uncommented
    text = target.read_text().replace("  # bindings:", "  bindings:")
    bindings = yaml.safe_load(text)["repos"]["bindings"]
    assert bindings == [f"../{name}-python", f"../{name}-go"]


def test_an_outline_elsewhere_points_back_at_the_repository(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "src" / "lib #2, [x]", [(ALICE, utc(2026, 2, 1))])
    target = tmp_path / "talks: [2026]" / "my talk.yaml"
    target.parent.mkdir()
    code, _, stderr = run("init", str(repo), "-o", str(target), "--as-of", AS_OF)
    assert (code, stderr) == (0, "")
    assert load_outline(target).outline.repos["core"][0].path == repo.resolve()
    assert "core: ['../src/lib #2, [x]']" in target.read_text()


def test_from_a_subfolder_the_starter_goes_to_the_top_of_the_work_tree(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "libfoo", [(ALICE, utc(2026, 2, 1))])
    deep = repo / "src" / "deep"
    deep.mkdir(parents=True)
    code, _, stderr = run("init", "--as-of", AS_OF, cwd=deep)
    assert (code, stderr) == (0, "")
    assert files_under(deep) == set()
    assert load_outline(repo / "talk.yaml").outline.repos["core"][0].path == repo.resolve()
    code, _, stderr = run("init", str(deep), "--as-of", AS_OF, "--force")
    assert (code, stderr) == (0, "")


def test_a_bare_repository_gets_its_starter_beside_it(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "srv" / "libfoo.git", [(ALICE, utc(2026, 2, 1))], bare=True)
    inside = files_under(repo)
    code, stdout, stderr = run("init", str(repo), "--as-of", AS_OF)
    assert (code, stderr) == (0, "")
    target = tmp_path / "srv" / "libfoo-talk.yaml"
    assert stdout.startswith(f"wrote {target};")
    assert files_under(repo) == inside
    outline = load_outline(target).outline
    assert outline.repos["core"][0].path == repo.resolve()
    assert outline.title == "State of libfoo"


def test_a_folder_outside_any_repository_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    code, _, stderr = run("init", str(plain), "--as-of", AS_OF)
    assert (code, stderr) == (
        1,
        f"error: not a git repository: {plain}\n"
        "error:   run deckgen init inside a repository, or name one: deckgen init PATH/TO/REPO\n",
    )


def test_the_event_is_named_after_the_as_of_year(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "libfoo", [(ALICE, utc(2024, 2, 1))])
    code, _, stderr = run("init", str(repo), "--as-of", "2024-05-01")
    assert (code, stderr) == (0, "")
    assert load_outline(repo / "talk.yaml").outline.event.name == "Project update 2024"
    assert "date: null          # e.g. 2024-05-01" in (repo / "talk.yaml").read_text()


# -- the starter built: its texts read well for a tiny project and a big one ----------------


def deck_text(repo: Path, out: Path) -> list[str]:
    """Init an outline for `repo`, build it, and return each slide's text and notes."""
    target = out / "talk.yaml"
    code, _, stderr = run("init", str(repo), "-o", str(target), "--as-of", AS_OF)
    assert (code, stderr) == (0, "")
    deck = out / "talk.pptx"
    code, _, stderr = run("build", str(target), "-o", str(deck), "--as-of", AS_OF)
    assert code == 0, stderr
    slides = []
    for slide in Presentation(str(deck)).slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text]
        texts.append(slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
        slides.append("\n".join(texts))
    return slides


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """10 commits: Alice's first in 2025, then 5 more and Bob's 4 (new) in 2026; one release."""
    changes = [Change(ALICE, utc(2025, 9, 1))]
    changes += [Change(ALICE, utc(2026, 1, 10 + n)) for n in range(5)]
    changes += [Change(BOB, utc(2026, 3, 1 + n)) for n in range(4)]
    changes[-1] = Change(BOB, utc(2026, 3, 4), tag="v1.0", tag_when=utc(2026, 3, 5))
    yield make_repo(tmp_path_factory.mktemp("tiny") / "tiny", changes)


def test_the_starter_reads_well_for_a_ten_commit_project(tiny: Path, tmp_path: Path) -> None:
    title, releases, people, *_ = deck_text(tiny, tmp_path)
    assert "Project update 2026" in title
    assert "\n1\nrelease since 1 January 2026\n1\nexpected this year\n" in releases
    assert releases.endswith("We made 1 release so far this year.")
    assert "between releases" not in releases  # one release day: no cadence
    # 9 commits in the 181 days to 30 June: 9 × 365 / 181 = 18.1 by the year's end
    assert (
        "\n2\ncontributors\n1\nof them new\nno earlier year to compare\n9\ncommits so far" in people
    )
    assert "About 18 commits by the end of the year." in people
    assert people.endswith(
        "1 person contributed for the first time this year, with 4 commits. 1 newcomer so far; "
        "no earlier year to compare with."  # 1 Jan-30 Jun 2025 is before Alice's first commit
    )


BIG_BEFORE, BIG_IN_YEAR = 50_000, 50_000
"""Commits before 2026 and in 2026 up to 29 June of the big project (100,000 in all)."""


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """100,000 commits: 200 people in 2016-2025, then they and 100 newcomers in 2026, with a
    release every 7 days from 1 January to 24 June (26 releases)."""
    people = [Person(f"Dev {n}", f"dev{n}@example.org") for n in range(300)]
    repo = tmp_path_factory.mktemp("big") / "big"
    start, before = datetime(2016, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    with FastImport(repo) as fi:
        for n in range(BIG_BEFORE):
            fi.commit(author=people[n % 200], when=start + (before - start) * n / BIG_BEFORE,
                      message="work\n")  # fmt: skip
        day_marks: dict[int, int] = {}
        for n in range(BIG_IN_YEAR):
            day = n * 180 // BIG_IN_YEAR  # 1 January .. 29 June
            when = before + timedelta(days=day, seconds=n % 3600)
            day_marks[day] = fi.commit(author=people[n % 300], when=when, message="work\n")
        for week in range(26):
            fi.tag(f"v1.{week}", day_marks[7 * week])
    yield repo


def test_the_starter_reads_well_for_a_hundred_thousand_commit_project(
    big: Path, tmp_path: Path
) -> None:
    _, releases, people, *_ = deck_text(big, tmp_path)
    assert "\n26\nreleases since 1 January 2026\n" in releases
    assert "Typically 7 days between releases." in releases
    assert releases.endswith("We made 26 releases so far this year.")
    assert "\n300\ncontributors\n100\nof them new\n2nd highest since 2016\n50,000\n" in people
    # 50,000 × 365 / 181 = 100,829: at two significant digits
    assert "About 100,000 commits by the end of the year." in people
    assert people.endswith(
        "100 people contributed for the first time this year, with 16,600 commits. 100 "
        "newcomers so far: the most since 2016, up 100 on last year's 0."
    )


def test_a_folder_name_that_is_not_utf8(tmp_path: Path) -> None:
    """Linux lets a folder be named in any bytes; an outline is UTF-8 text."""
    name = os.fsdecode(b"caf\xe9")
    repo = make_repo(tmp_path / name, [(ALICE, utc(2026, 2, 1))])
    code, _, stderr = run("init", str(repo), "--as-of", AS_OF)
    assert (code, stderr) == (0, "")
    outline = load_outline(repo / "talk.yaml").outline
    assert outline.title == "State of caf\ufffd"
    assert outline.repos["core"][0].path == repo.resolve()
    code, _, stderr = run("init", str(repo), "-o", str(tmp_path / "talk.yaml"), "--as-of", AS_OF)
    assert (code, stderr) == (
        1,
        f"error: cannot write the path of {tmp_path}/caf\ufffd into an outline: it is not UTF-8 "
        "text, and "
        "outlines are; write the outline inside the repository (-o) or rename its folder\n",
    )
    assert not (tmp_path / "talk.yaml").exists()
