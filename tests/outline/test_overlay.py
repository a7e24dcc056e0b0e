"""Overlays: extends chains, deep merges, slide patches and selection, vars files, precedence."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deckgen.errors import OutlineError
from deckgen.outline import load_outline

BASE = """\
title: State of Foo
speaker: {name: Ann Example, role: maintainer}
event: {name: Base event, location: Brno}
repos: {core: [repos/foo]}
vars: {minutes: 30, greeting: hello}
slides:
  - {kind: title, id: title}
  - {kind: section, id: numbers, title: Numbers, tags: [short]}
  - {kind: section, id: history, title: History}
  - {kind: bullets, id: news, title: News, items: [a], tags: [short]}
  - {kind: closing, id: bye}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def test_extends_merges_mappings_and_replaces_lists(tmp_path: Path) -> None:
    write(tmp_path, "base/base.yaml", BASE)
    event = write(
        tmp_path,
        "events/devconf.yaml",
        """\
        extends: ../base/base.yaml
        event: {name: DevConf 2026}
        vars: {minutes: 10}
        slides_patch:
          news: {title: "What's new", notes: Patched}
        """,
    )
    document = load_outline(event)
    outline = document.outline
    assert outline.event.name == "DevConf 2026"
    assert outline.event.location == "Brno"  # merged, not replaced
    assert outline.vars == {"minutes": 10, "greeting": "hello"}
    # paths resolve against the file that wrote them
    assert outline.repos["core"][0].path == tmp_path / "base/repos/foo"
    news = outline.slides[3]
    assert (news.title, news.notes) == ("What's new", "Patched")
    # positions name the file that set the value
    assert str(document.locate("slides", 3, "title")).endswith("devconf.yaml:5:17")
    assert str(document.locate("slides", 2, "title")).endswith("base.yaml:9:41")


def test_only_skip_and_order(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    lightning = write(
        tmp_path,
        "lightning.yaml",
        """\
        extends: base.yaml
        only: [title, short, bye]
        skip: [numbers]
        order: [title, bye]
        """,
    )
    outline = load_outline(lightning).outline
    assert [s.id for s in outline.slides] == ["title", "bye", "news"]


def test_unknown_slide_names_are_errors(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    event = write(tmp_path, "e.yaml", "extends: base.yaml\nskip: [histroy]\n")
    with pytest.raises(OutlineError) as caught:
        load_outline(event)
    assert str(caught.value) == (
        f"{event}:2:8: skip[0]: no slide has the id or tag 'histroy'; did you mean 'history'? "
        "(known: 'bye', 'history', 'news', 'numbers', 'short', 'title')"
    )


def test_extends_cycle_is_named(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "extends: b.yaml\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\n")
    with pytest.raises(OutlineError) as caught:
        load_outline(a)
    assert str(caught.value) == (
        f"{tmp_path / 'b.yaml'}:1:10: extends: extends cycle: a.yaml → b.yaml → a.yaml"
    )


def test_missing_base(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "title: x\nextends: nope.yaml\n")
    with pytest.raises(OutlineError) as caught:
        load_outline(a)
    assert str(caught.value) == f"{a}:2:10: extends: {tmp_path / 'nope.yaml'} not found"


def test_precedence_base_overlay_vars_file_set(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    event = write(tmp_path, "e.yaml", "extends: base.yaml\nvars: {minutes: 20, who: overlay}\n")
    vars_file = write(tmp_path, "vars.yaml", "minutes: 15\nwho: file\nextra: [1, 2]\n")
    outline = load_outline(event, vars_files=[vars_file], overrides=["vars.who=cli"]).outline
    assert outline.vars == {"minutes": 15, "greeting": "hello", "who": "cli", "extra": [1, 2]}


def test_errors_in_a_base_point_into_the_base(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", BASE.replace("title: History", "titel: History"))
    event = write(tmp_path, "e.yaml", "extends: base.yaml\n")
    with pytest.raises(OutlineError) as caught:
        load_outline(event)
    assert str(caught.value) == (
        f"{base}:9:34: slides[2].titel: unknown key 'titel'; did you mean 'title'?"
    )
