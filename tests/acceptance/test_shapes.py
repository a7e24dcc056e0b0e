"""Repository shapes through the real CLI: an empty repository among others, an as-of date before
every commit, a wrong clock (1970 and 2099), people without a name or sharing one, release tags
on an unmerged branch, and a repository whose commits all come after the as-of date."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.cli import main
from deckgen.fastimport import FastImport, Person
from deckgen.preview import render_pdf

ANN = Person("Ann Example", "ann@example.org")
BOB = Person("Bob Builder", "bob@example.org")
JAN_WORK = Person("Jan Novák", "jan@redhat.com")
JAN_HOME = Person("Jan Novák", "jan@gmail.com")
NAMELESS = Person("", "quiet.one@example.net")
ROBOT = Person("dependabot[bot]", "bot@example.org")


def day(year: int, month: int = 1, dom: int = 3) -> datetime:
    return datetime(year, month, dom, 12, tzinfo=UTC)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder of repositories of odd shapes (see the module's docstring)."""
    root = tmp_path_factory.mktemp("shapes")
    with FastImport(root / "clock") as fi:
        tip = fi.commit(author=ANN, when=datetime(1970, 1, 1, 0, 0, 5, tzinfo=UTC), message="a\n")
        for year in range(2015, 2027):
            tip = fi.commit(
                author=BOB if year % 2 else ANN, when=day(year), message="w\n", parents=(tip,)
            )
        for who in (NAMELESS, JAN_WORK, JAN_HOME):
            tip = fi.commit(author=who, when=day(2026, 3), message="hi\n", parents=(tip,))
        fi.commit(author=BOB, when=day(2099, 5, 5), message="future\n", parents=(tip,))
    with FastImport(root / "branchy") as fi:
        tip = fi.commit(author=ANN, when=day(2025, 3), message="start\n")
        tip = fi.commit(author=ANN, when=day(2026, 2), message="w\n", parents=(tip,))
        fix = fi.commit(
            author=BOB, when=day(2026, 4), message="fix\n", ref="stable", parents=(tip,)
        )
        fi.tag("v2.0.1", fix)
        fi.tag("v2.0.2", fix)
    with FastImport(root / "late") as fi:
        fi.commit(author=BOB, when=day(2027, 3), message="late\n")
    with FastImport(root / "robots") as fi:
        fi.commit(author=ROBOT, when=day(2026, 2), message="Bump\n")
    subprocess.run(["git", "init", "--quiet", str(root / "empty")], check=True)
    return root


def outline(root: Path, repos: str, extra: str = "") -> Path:
    path = root / "talk.yaml"
    path.write_text(
        textwrap.dedent(f"""\
            title: Shapes
            speaker: {{name: Ann}}
            event: {{name: Conf}}
            repos: {repos}
            slides:
              - kind: title
              - {{kind: chart, title: Commits, chart: commits_by_year}}
              - {{kind: chart_bullets, title: Authors, chart: authors_by_year, scope: extra,
                  items: [Few]}}
            """)
        + extra
    )
    return path


def test_an_empty_repository_among_others_builds(shapes: Path, tmp_path: Path) -> None:
    talk = outline(shapes, "{core: [clock], extra: [empty]}")
    out = tmp_path / "deck.pptx"
    code, _, stderr = run("build", str(talk), "-o", str(out), "--as-of", "2026-06-30")
    assert code == 0
    assert (
        "warning: repository 'empty' (group 'extra') has no commits at HEAD; is it the right "
        "repository and revision?\n"
    ) in stderr
    slides = Presentation(str(out)).slides
    chart, empty = slides[1], slides[2]
    assert any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in chart.shapes)
    (panel,) = [s for s in empty.shapes if s.name == "No chart: authors_by_year"]
    assert panel.text_frame.text == "No commits yet"
    assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in empty.shapes)


def test_an_as_of_date_before_every_commit_is_one_error(shapes: Path, tmp_path: Path) -> None:
    talk = outline(shapes, "{core: [branchy], extra: [late, empty]}")
    out = tmp_path / "deck.pptx"
    code, stdout, stderr = run("build", str(talk), "-o", str(out), "--as-of", "2024-12-31")
    assert (code, stdout) == (1, "")
    assert stderr == (
        "error: nothing to show as of 2024-12-31: every commit is later; the first, "
        f"{short(shapes / 'branchy', 'main~1')} in 'branchy', is dated 2025-03-03: pass "
        "--as-of 2025-03-03 or later\n"
    )
    assert not out.exists()


def short(repo: Path, rev: str) -> str:
    out = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--short=7", rev],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_a_wrong_clock_is_warned_about_and_left_out(shapes: Path, tmp_path: Path) -> None:
    talk = outline(shapes, "{core: [clock], extra: [late]}")
    out = tmp_path / "deck.pptx"
    code, _, stderr = run("build", str(talk), "-o", str(out), "--as-of", "2026-06-30")
    assert code == 0
    epoch, future = short(shapes / "clock", "main~16"), short(shapes / "clock", "main")
    warnings = stderr.splitlines()
    assert warnings[0] == (
        f"warning: repository 'clock': commits {epoch} of 1970-01-01 (45 years before), "
        f"{future} of 2099-05-05 (73 years after) lie 10 or more empty years apart from the "
        "rest of its history, 2015–2026 (a wrong clock?); left out of every count and chart"
    )
    assert warnings[1] == (
        "warning: repository 'late' (group 'extra') has no commits up to the as-of date "
        f"2026-06-30: its first, {short(shapes / 'late', 'main')}, is dated 2027-03-03; pass "
        "--as-of 2027-03-03 or later to include it"
    )
    code, stdout, _ = run("metrics", str(talk), "--json", "--as-of", "2026-06-30")
    doc = json.loads(stdout)
    years = doc["groups"]["core"]["by_year"]
    assert list(years) == [str(y) for y in range(2015, 2027)]
    assert years["2015"]["authors_new"] == 1  # Ann is new in 2015, not old since 1970
    slide = Presentation(str(out)).slides[1]
    (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    alt = picture._element.nvPicPr.cNvPr.get("descr")
    assert alt.startswith(
        "Stacked bars of commits per year, old authors and new authors, 2015–2026"
    )


def test_by_year_since_sets_the_first_year(shapes: Path) -> None:
    talk = outline(shapes, "{core: [clock], extra: [late]}", "by_year: {since: 2020}\n")
    code, stdout, _ = run("metrics", str(talk), "--json", "--as-of", "2026-06-30")
    doc = json.loads(stdout)
    assert code == 0
    assert list(doc["all"]["by_year"]) == [str(y) for y in range(2020, 2027)]
    assert list(doc["releases"]["by_year"]) == [str(y) for y in range(2020, 2027)]


def test_people_without_a_name_or_sharing_one_are_shown_apart(shapes: Path) -> None:
    talk = outline(shapes, "{core: [clock], extra: [late]}")
    code, stdout, _ = run("metrics", str(talk), "--json", "--as-of", "2026-06-30")
    assert code == 0
    names = json.loads(stdout)["all"]["new_contributor_names"]
    assert names == ["Jan Novák (gmail.com)", "Jan Novák (redhat.com)", "quiet.one"]


def test_release_tags_on_an_unmerged_branch_are_named(shapes: Path, tmp_path: Path) -> None:
    talk = outline(shapes, "{core: [branchy], extra: [empty]}")
    code, _, stderr = run(
        "build", str(talk), "-o", str(tmp_path / "d.pptx"), "--as-of", "2026-06-30"
    )
    assert code == 0
    assert stderr.splitlines()[-1] == (
        "warning: no release of group 'core' between 2026-01-01 and 2026-06-30: tags v2.0.1 "
        "(2026-04-03), v2.0.2 (2026-04-03) match releases.tags but are not reachable from HEAD "
        "of 'branchy' (tagged on a branch that is not merged); analyse that branch with "
        "`rev:`, or merge it"
    )
    stable = outline(shapes, "{core: [{path: branchy, rev: stable}], extra: [empty]}")
    code, _, stderr = run(
        "build", str(stable), "-o", str(tmp_path / "d.pptx"), "--as-of", "2026-06-30"
    )
    assert code == 0
    assert "no release" not in stderr


@pytest.mark.render
def test_the_empty_chart_and_the_wrong_clock_render(shapes: Path, tmp_path: Path) -> None:
    """LibreOffice draws the empty chart's message inside its slide, and the charts of a
    history with a 1970 commit from 2015 on (the words of the PDF, not the code, say so)."""
    assert shutil.which("soffice") and shutil.which("pdftotext"), "run `make system-deps`"
    talk = outline(shapes, "{core: [clock], extra: [empty]}")
    out = tmp_path / "deck.pptx"
    code, _, _ = run("build", str(talk), "-o", str(out), "--as-of", "2026-06-30", "--no-cache")
    assert code == 0
    pdf = render_pdf(out, tmp_path)
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    assert "No commits yet" in pages[2] and "Few" in pages[2]
    assert "1970" not in pages[1]


def test_a_repository_of_bot_commits_only_says_so(shapes: Path, tmp_path: Path) -> None:
    talk = outline(shapes, "{core: [clock], extra: [robots]}", "identity: {bots: ['\\[bot\\]']}\n")
    code, _, stderr = run(
        "build", str(talk), "-o", str(tmp_path / "d.pptx"), "--as-of", "2026-06-30"
    )
    assert code == 0
    assert (
        "warning: repository 'robots' (group 'extra') has 1 commit up to 2026-06-30, none of "
        "them counted: merges, commits by bots (identity.bots) and commits with a wrong clock "
        "are not\n"
    ) in stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--set", "period.since=2026-03-04"),
            "between 2026-03-04 and 2026-06-30; the latest before it is v1.2 of 2026-03-03",
        ),
        (
            ("--as-of", "2025-03-01", "--set", "period.since=year_start"),
            "between 2025-01-01 and 2025-03-01; the first release, v1.0, is of 2025-06-02",
        ),
    ],
)
def test_a_period_without_a_release_names_the_nearest(
    project: Path, tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    """Tags match: the warning must not say that none does (tests/project.py has v1.0–v1.2)."""
    as_of = () if "--as-of" in args else ("--as-of", "2026-06-30")
    out = tmp_path / "d.pptx"
    code, _, stderr = run("build", str(project / "talk.yaml"), "-o", str(out), *as_of, *args)
    assert code == 0
    assert f"warning: no release of group 'core' {said}\n" in stderr


def test_the_wrong_clock_warning_comes_with_metrics_from_the_cache(
    shapes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stray commits are found when counting and stored with the metrics: a second run
    from the cache warns the same, without looking for them again (0.15 s at a million)."""
    talk = outline(shapes, "{core: [clock], extra: [late]}")
    args = ("metrics", str(talk), "--as-of", "2026-06-30")
    code, first, cold = run(*args)
    assert code == 0 and "a wrong clock?" in cold

    def not_again(*_: object) -> None:
        raise AssertionError("stray commits looked for again on a cache hit")

    monkeypatch.setattr("deckgen.metrics.stray._repo_strays", not_again)
    code, second, warm = run(*args)
    assert (code, second, warm) == (0, first, cold)
    monkeypatch.undo()
    code, _, other_day = run("metrics", str(talk), "--as-of", "2026-06-29")
    assert "a wrong clock?" in other_day  # another key: counted, so looked for, again
