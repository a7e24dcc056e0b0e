"""The outline loader: valid outlines, overrides, and every problem located in the file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deckgen.errors import OutlineError
from deckgen.outline import load_outline, parse_outline
from deckgen.outline.schema import BulletsSlide, ChartSlide, StatsSlide, TitleSlide

MINIMAL = """\
title: State of Foo
speaker: {name: Ann Example}
event: {name: FooConf 2026, date: 2026-06-01}
repos:
  core: [repos/foo]
  bindings: [{path: repos/foo-python.git, name: python}]
slides:
  - kind: title
  - kind: stats
    tiles:
      - {value: "{{ all.commits }}", caption: commits}
      - {value: 3, caption: releases}
  - kind: chart
    chart: commits_by_year
    scope: core
  - kind: bullets
    items:
      - one
      - two:
          - two a
"""


KINDS = (
    "'bullets', 'chart', 'chart_bullets', 'closing', 'image', 'news', 'quote', 'section', "
    "'stats', 'table', 'title'"
)


def errors_of(text: str, tmp_path: Path, **kwargs: object) -> str:
    path = tmp_path / "talk.yaml"
    path.write_text(textwrap.dedent(text))
    with pytest.raises(OutlineError) as caught:
        load_outline(path, **kwargs)  # type: ignore[arg-type]
    return str(caught.value).replace(str(path), "talk.yaml")


def test_valid_outline_resolves_paths_and_kinds(tmp_path: Path) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text(MINIMAL)
    document = load_outline(path)
    outline = document.outline
    assert outline.repos["core"][0].path == tmp_path / "repos/foo"
    assert outline.repos["bindings"][0].display_name == "python"
    assert outline.repos["core"][0].display_name == "foo"
    assert [type(s) for s in outline.slides] == [TitleSlide, StatsSlide, ChartSlide, BulletsSlide]
    stats = outline.slides[1]
    assert isinstance(stats, StatsSlide)
    assert stats.tiles[1].value == "3"  # numbers are text templates too
    assert outline.release_group == "core"
    assert document.locate("slides", 2, "scope") is not None
    assert str(document.locate("slides", 2, "scope")).endswith("talk.yaml:15:12")


def test_repos_root_overrides_the_outline_folder_for_repositories(tmp_path: Path) -> None:
    document = parse_outline(
        MINIMAL, tmp_path / "x" / "talk.yaml", repos_root=tmp_path / "elsewhere"
    )
    assert document.outline.repos["core"][0].path == tmp_path / "elsewhere/repos/foo"


def test_every_problem_is_reported_with_its_position(tmp_path: Path) -> None:
    text = """\
        title: My talk
        speaker: {name: Ann}
        event:
          name: Conf
          date: 2020-13-01
        repos:
          core: [core.git, {path: x, nme: y}]
        identity:
          aliasses: []
        slides:
          - kind: title
          - kind: chart
            chart: commits_by_year
            titel: x
          - kind: stats
            tiles: [{value: 1, caption: c}]
          - kind: pie
          - title: no kind
          - kind: bullets
            items: []
        """
    assert errors_of(text, tmp_path).splitlines() == [
        "talk.yaml:5:9: event.date: expected a date such as 2026-05-31, got '2020-13-01'",
        "talk.yaml:7:30: repos.core[1].nme: unknown key 'nme'; did you mean 'name'?",
        "talk.yaml:9:3: identity.aliasses: unknown key 'aliasses'; did you mean 'aliases'?",
        "talk.yaml:14:5: slides[1].titel: unknown key 'titel'; did you mean 'title'?",
        "talk.yaml:16:12: slides[2].tiles: expected at least 2 items, got 1",
        f"talk.yaml:17:11: slides[3].kind: expected one of {KINDS}, got 'pie'",
        f"talk.yaml:18:5: slides[4]: required key 'kind' is missing; one of {KINDS}",
        "talk.yaml:20:12: slides[5].items: expected at least 1 item, got 0",
    ]


def test_missing_top_level_keys(tmp_path: Path) -> None:
    """Only `repos` is required: the title, speaker, event and slides have defaults."""
    assert errors_of("title: x\n", tmp_path).splitlines() == [
        "talk.yaml:1:1: repos: required key is missing",
    ]


def test_yaml_syntax_error(tmp_path: Path) -> None:
    assert errors_of("title: [unclosed\nspeaker: x\n", tmp_path) == (
        "talk.yaml:2:8: YAML syntax error: expected ',' or ']', but got ':' (while parsing a "
        "flow sequence that starts at line 1, column 8); check the quoting and indentation here "
        "and on the lines above"
    )


def test_duplicate_key(tmp_path: Path) -> None:
    assert errors_of("title: a\ntitle: b\n", tmp_path) == (
        "talk.yaml:2:1: title: duplicate key: it is already set above"
    )


def test_empty_file_and_not_a_mapping(tmp_path: Path) -> None:
    assert errors_of("", tmp_path) == (
        "talk.yaml:1:1: the file is empty; an outline is a YAML mapping "
        "(see `deckgen help outline`)"
    )
    assert errors_of("- a\n- b\n", tmp_path) == (
        "talk.yaml:1:1: expected a mapping of keys such as 'title', 'repos' and 'slides' "
        "at the top of the outline"
    )


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OutlineError) as caught:
        load_outline(tmp_path / "nope.yaml")
    assert str(caught.value) == f"file not found: {tmp_path / 'nope.yaml'}"


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    message = errors_of("\n".join(lines) + "\n", tmp_path)
    assert "more than 100,000 YAML nodes (an alias bomb?)" in message


def test_set_overrides_are_typed(tmp_path: Path) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text(MINIMAL)
    document = load_outline(
        path,
        overrides=[
            "event.name=DevConf",
            "period.since=2026-02-01",
            "vars.minutes=10",
            "slides.0.title=Hello",
        ],
    )
    outline = document.outline
    assert outline.event.name == "DevConf"
    assert str(outline.period.since) == "2026-02-01"
    assert outline.vars == {"minutes": 10}
    assert outline.slides[0].title == "Hello"


def test_bad_override(tmp_path: Path) -> None:
    message = errors_of(MINIMAL, tmp_path, overrides=["slides.9.title=x", "novalue"])
    assert message.splitlines() == [
        "--set slides.9.title=x: slides is a list of 4; expected an index from 0 to 3, got 9",
        "--set novalue: expected KEY.PATH=VALUE, got 'novalue'",
    ]


def test_nested_bullet_mapping_must_have_one_key(tmp_path: Path) -> None:
    text = MINIMAL.replace("      - two:\n", "      - two:\n          - x\n        three:\n")
    assert "a nested bullet is a mapping with one key" in errors_of(text, tmp_path)
