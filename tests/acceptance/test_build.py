"""Drive the real CLI on repositories built here, then read the deck back with python-pptx.

The known answers of the fixture project are listed in tests/project.py.
"""

from __future__ import annotations

import json
import re
import textwrap
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.cli import main
from deckgen.outline.schema import SLIDE_KINDS
from tests.layout_oracle import assert_pdf_clean
from tests.project import OUTLINE


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def all_text(slide: object) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)  # type: ignore[attr-defined]


def test_build_writes_a_deck_with_the_known_numbers(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "foo.pptx"
    code, stdout, stderr = run(
        "build", str(project / "talk.yaml"), "-o", str(out), "--as-of", "2026-06-30"
    )
    assert (code, stderr) == (0, "")
    wrote = (
        rf"wrote {re.escape(str(out))} "
        r"\(6 slides; 14 commits read from 2 repositories; [\d.]+ s\)\n"
    )
    assert re.fullmatch(wrote, stdout)
    deck = Presentation(str(out))
    slides = list(deck.slides)
    assert len(slides) == 6
    assert "State of Foo" in all_text(slides[0])
    stats = all_text(slides[1])
    for expected in (
        "Contributors",
        "4",
        "contributors",
        "1",
        "new",
        "7",
        "commits",
        "2 releases; 1 bot commit",
    ):
        assert expected in stats
    assert slides[1].notes_slide.notes_text_frame.text == "2 commits by new people; core 5"
    assert slides[0].notes_slide.notes_text_frame.text == "Hello"
    pictures = [s for s in slides[2].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    assert "Two and a half" in all_text(slides[4])


def test_metrics_json_has_the_known_answers(project: Path) -> None:
    code, stdout, _ = run("metrics", str(project / "talk.yaml"), "--json", "--as-of", "2026-06-30")
    assert code == 0
    data = json.loads(stdout)
    assert data["period"] == {"since": "2026-01-01", "until": "2026-06-30", "range": None}
    everything = data["all"]
    assert (
        everything["commits"],
        everything["contributors"],
        everything["new_contributors"],
        everything["commits_by_new"],
        everything["bot_commits"],
    ) == (7, 4, 1, 2, 1)
    core, bindings = data["groups"]["core"], data["groups"]["bindings"]
    assert (core["commits"], core["contributors"], core["new_contributors"]) == (5, 3, 1)
    # Ann is new to the bindings though not to the project.
    assert (bindings["commits"], bindings["contributors"], bindings["new_contributors"]) == (
        2,
        2,
        1,
    )
    assert data["releases"]["count"] == 2
    assert [r["name"] for r in data["releases"]["list"]] == ["v1.1", "v1.2"]
    # v1.0..v1.1: Ann's commit (the bot's is nobody's); v1.1..v1.2: Ann's and Bob's; none new
    counts = [
        (r["commits"], r["contributors"], r["new_contributors"]) for r in data["releases"]["list"]
    ]
    assert counts == [(1, 1, 0), (2, 2, 0)]
    assert set(data["repos"]) == {"core", "python"}


def test_metrics_table(project: Path) -> None:
    code, stdout, _ = run("metrics", str(project / "talk.yaml"), "--as-of", "2026-06-30")
    assert code == 0
    assert "repo:python" in stdout and "bindings" in stdout


def test_validate(project: Path) -> None:
    code, stdout, _ = run("validate", str(project / "talk.yaml"))
    assert (code, stdout) == (0, f"{project / 'talk.yaml'}: valid (6 slides)\n")


CHARTS = (
    "'authors_by_year', 'commits_by_new_same_window', 'commits_by_release', "
    "'commits_by_year', 'commits_same_window', 'components', 'contributors_same_window', "
    "'contributors_trend', 'groups_compare', 'new_contributors_by_year', "
    "'new_contributors_same_window', 'orgs_share', 'releases_by_year', "
    "'releases_same_window', 'reviews_by_year'"
)


def test_outline_errors_exit_1_without_traceback(project: Path) -> None:
    bad = project / "bad.yaml"
    bad.write_text(
        OUTLINE.replace("chart: commits_by_year", "chart: pie").replace(
            "repos/python.git", "repos/nope"
        )
    )
    code, stdout, stderr = run("validate", str(bad))
    assert code == 1
    assert stdout == ""
    assert stderr == textwrap.dedent(f"""\
        error: {bad}:7:14: repos.bindings[0]: repository not found: {project / "repos/nope"}
        error: {bad}:24:12: slides[2].chart: expected one of {CHARTS}, got 'pie'
        """)


def test_failed_build_leaves_the_previous_deck(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "foo.pptx"
    out.write_bytes(b"previous deck")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        OUTLINE.replace("{{ all.contributors }}", "{{ all.contributers }}").replace(
            "repos/", f"{project}/repos/"
        )
    )
    code, _, stderr = run("build", str(bad), "-o", str(out), "--as-of", "2026-06-30")
    assert code == 1
    assert "slide 2 (id: people), tiles[0].value:" in stderr
    assert "has no attribute 'contributers'" in stderr
    assert out.read_bytes() == b"previous deck"


def test_usage_error_exits_2(project: Path) -> None:
    code, _, stderr = run("build", str(project / "talk.yaml"), "--as-of", "yesterday")
    assert code == 2
    assert "Invalid value for '--as-of'" in stderr


def test_schema_lists_every_slide_kind() -> None:
    code, stdout, _ = run("schema")
    assert code == 0
    schema = json.loads(stdout)
    kinds = {
        d["properties"]["kind"]["const"]
        for name, d in schema["$defs"].items()
        if name.endswith("Slide")
    }
    assert kinds == set(SLIDE_KINDS)


def test_init_writes_a_starter_that_validates(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "talks" / "foo.yaml"
    target.parent.mkdir()
    code, stdout, _ = run("init", str(project / "repos" / "core"), "-o", str(target))
    assert code == 0
    code, stdout, stderr = run("validate", str(target))
    assert (code, stderr) == (0, "")
    assert stdout.endswith("valid (7 slides)\n")
    code, _, stderr = run("init", str(project / "repos" / "core"), "-o", str(target))
    assert (code, stderr) == (1, f"error: {target} already exists; use --force to overwrite it\n")


def test_strict_turns_warnings_into_exit_3(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "foo.pptx"
    args = ["build", str(project / "talk.yaml"), "-o", str(out), "--as-of", "2026-06-30"]
    args += ["--set", "releases.tags=^nothing$"]
    code, _, stderr = run(*args)
    assert code == 0
    assert stderr == (
        "warning: no release of group 'core' between 2026-01-01 and 2026-06-30: no tag "
        "matches releases.tags ('^nothing$'); see `deckgen help outline`\n"
    )
    code, _, _ = run(*args, "--strict")
    assert code == 3
    assert out.exists()


def test_as_of_from_the_environment(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DECKGEN_AS_OF", "2026-03-31")
    code, stdout, _ = run("metrics", str(project / "talk.yaml"), "--json")
    assert code == 0
    assert json.loads(stdout)["period"] == {
        "since": "2026-01-01",
        "until": "2026-03-31",
        "range": None,
    }
    code, stdout, _ = run("metrics", str(project / "talk.yaml"), "--json", "--as-of", "2026-06-30")
    assert json.loads(stdout)["period"]["until"] == "2026-06-30"


def test_print_config_names_the_origin_of_each_value(project: Path) -> None:
    code, stdout, _ = run(
        "build", str(project / "talk.yaml"), "--print-config", "--set", "event.name=DevConf"
    )
    assert code == 0
    assert "  name: DevConf  # --set event.name=DevConf\n" in stdout
    assert f"title: State of Foo  # {project / 'talk.yaml'}:1:8\n" in stdout


@pytest.mark.render
def test_pdf_and_metrics_json_beside_the_deck(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "foo.pptx"
    code, stdout, stderr = run(
        "build", str(project / "talk.yaml"), "-o", str(out), "--as-of", "2026-06-30",
        "--pdf", "--metrics-json", str(tmp_path / "metrics.json"),
    )  # fmt: skip
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[0].startswith(f"wrote {out} (6 slides; ")
    assert stdout.splitlines()[1:] == [
        f"wrote {tmp_path / 'metrics.json'}",
        f"wrote {tmp_path / 'foo.pdf'}",
    ]
    assert json.loads((tmp_path / "metrics.json").read_text())["all"]["commits"] == 7
    assert (tmp_path / "foo.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foo.pdf", "foo.pptx", "metrics.json"]
    assert_pdf_clean(tmp_path / "foo.pdf")


@pytest.mark.render
def test_odp_beside_the_deck(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "foo.pptx"
    code, stdout, stderr = run(
        "build", str(project / "talk.yaml"), "-o", str(out), "--as-of", "2026-06-30", "--odp"
    )  # fmt: skip
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[1:] == [f"wrote {tmp_path / 'foo.odp'}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foo.odp", "foo.pptx"]
    with zipfile.ZipFile(tmp_path / "foo.odp") as odp:
        assert odp.read("mimetype") == b"application/vnd.oasis.opendocument.presentation"
        content = odp.read("content.xml").decode()
    assert content.count("<draw:page ") == 6
    assert "State of Foo" in content


@pytest.mark.parametrize(
    ("since", "until", "period", "commits"),
    [
        ("tag:v1.1", "tag:v1.2", ("2026-02-04", "2026-03-03"), 2),
        ("last_release", "as_of", ("2026-03-04", "2026-06-30"), 3),
        ("year_start", "today", ("2026-01-01", "2026-06-30"), 7),
    ],
)
def test_period_expressions(
    project: Path, since: str, until: str, period: tuple[str, str], commits: int
) -> None:
    code, stdout, stderr = run(
        "metrics", str(project / "talk.yaml"), "--json", "--as-of", "2026-06-30",
        "--set", f"period.since={since}", "--set", f"period.until={until}",
    )  # fmt: skip
    assert (code, stderr) == (0, "")
    data = json.loads(stdout)
    assert (data["period"]["since"], data["period"]["until"]) == period
    assert data["all"]["commits"] == commits


def test_period_expression_errors(project: Path) -> None:
    code, _, stderr = run(
        "metrics", str(project / "talk.yaml"), "--as-of", "2026-06-30",
        "--set", "period.since=tag:v9.9",
    )  # fmt: skip
    assert code == 1
    assert stderr == (
        "error: --set period.since=tag:v9.9: period.since: 'tag:v9.9': no release named 'v9.9' "
        "(latest: v1.0, v1.1, v1.2)\n"
    )
    code, _, stderr = run("validate", str(project / "talk.yaml"), "--set", "period.until=tomorrow")
    assert code == 1
    assert stderr == (
        "error: --set period.until=tomorrow: period.until: expected a date such as 2026-05-31 "
        "or one of 'today', 'as_of', 'tag:NAME', got 'tomorrow'\n"
    )


def test_a_table_needs_data_or_rows_and_a_known_scope(project: Path) -> None:
    bad = project / "table.yaml"
    bad.write_text(
        OUTLINE.replace(
            "  - kind: closing\n", "  - {kind: table, scope: nope}\n  - kind: closing\n"
        )
    )
    code, _, stderr = run("validate", str(bad))
    assert code == 1
    assert stderr.splitlines() == [
        f"error: {bad}:35:5: slides[5]: a table needs either `data` (releases, "
        "new_contributors, scopes) or `rows`",
        f"error: {bad}:35:26: slides[5].scope: expected one of 'all', 'core', 'bindings', "
        "'repo:core', 'repo:python', got 'nope'",
    ]
