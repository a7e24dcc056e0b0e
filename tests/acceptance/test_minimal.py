"""Through the CLI: an outline of only `repos:`, and outline texts that are templates.

Decks are read back with python-pptx; every text a viewer or the file's properties can show is
scanned for template code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationObject

from deckgen.cli import main

ONLY_REPOS = "repos:\n  core: [repos/core]\n  bindings: [repos/python.git]\n"

TEMPLATED = """\
title: "State of {{ vars.project }} in {{ as_of.year }}"
subtitle: "{{ all.commits }} commits since {{ period.since | longdate }}"
speaker:
  name: "{{ vars.who }}"
  role: "{{ vars.project }} maintainer"
event:
  name: "{{ vars.project }}Conf {{ as_of.year }}"
  date: 2026-07-01
  url: "https://{{ vars.project | lower }}.example/{{ as_of.year }}"
footer: "{{ outline.event.name }} · {{ outline.speaker.name }}"
repos:
  core: [repos/core]
vars: {project: Foo, who: Ann Example}
slides:
  - kind: title
  - kind: bullets
    title: "{{ outline.title }}"
    items: ["By {{ outline.speaker.name }} at {{ outline.event.name }}"]
  - kind: closing
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def build(project: Path, name: str, text: str, out: Path, *args: str) -> PresentationObject:
    (project / name).write_text(text)
    code, _, stderr = run("build", str(project / name), "-o", str(out), "--as-of", "2026-06-30")
    assert (code, stderr) == (0, "")
    return Presentation(str(out))


def texts(deck: PresentationObject) -> Iterator[str]:
    """Yield every text of the deck: shapes, table cells, notes, core properties."""
    props = deck.core_properties
    yield from (props.title, props.author, props.subject, props.keywords, props.comments)
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield shape.text_frame.text
            if shape.has_table:
                yield from (cell.text for row in shape.table.rows for cell in row.cells)
            yield shape._element.xpath("string(.//p:cNvPr/@descr)")  # alt text
        if slide.has_notes_slide:
            yield slide.notes_slide.notes_text_frame.text


def footers(deck: PresentationObject) -> list[str]:
    return [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.placeholders
        if shape.placeholder_format.type == PP_PLACEHOLDER.FOOTER
    ]


def placeholder_text(slide: object, kind: PP_PLACEHOLDER) -> list[str]:
    return [
        shape.text_frame.text
        for shape in slide.placeholders  # type: ignore[attr-defined]
        if shape.placeholder_format.type == kind
    ]


def test_an_outline_of_only_repos_builds_the_model_talk(project: Path, tmp_path: Path) -> None:
    deck = build(project, "only-repos.yaml", ONLY_REPOS, tmp_path / "min.pptx")
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles == [
        "State of core",
        "Releases",
        "Contributors and commits",
        "Commits per year",
        "Authors per year",
        "Thank you",
    ]
    assert (deck.core_properties.title, deck.core_properties.author) == ("State of core", "")
    every = list(texts(deck))
    assert not [t for t in every if re.search(r"\{[{%#]", t)]
    # No speaker, no event: no byline, no footer, and no separator left dangling.
    assert not any(re.search(r"^\s*·|·\s*$|^\s*,", line) for t in every for line in t.split("\n"))
    assert footers(deck) == []
    title_slide = "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert title_slide == "State of core"
    releases = "\n".join(s.text_frame.text for s in deck.slides[1].shapes if s.has_text_frame)
    for line in ("2\nreleases since 1 January 2026", "The latest: v1.2, on 3 March 2026."):
        assert line in releases


def test_outline_texts_are_rendered_everywhere(project: Path, tmp_path: Path) -> None:
    deck = build(project, "templated.yaml", TEMPLATED, tmp_path / "templated.pptx")
    every = list(texts(deck))
    assert not [t for t in every if re.search(r"\{[{%#]", t)]
    props = deck.core_properties
    assert (props.title, props.author) == ("State of Foo in 2026", "Ann Example")
    first, bullets, closing = deck.slides
    assert placeholder_text(first, PP_PLACEHOLDER.CENTER_TITLE) == ["State of Foo in 2026"]
    assert placeholder_text(first, PP_PLACEHOLDER.SUBTITLE) == ["6 commits since 1 January 2026"]
    assert placeholder_text(first, PP_PLACEHOLDER.BODY) == [
        "Ann Example, Foo maintainer\nFooConf 2026 · 1 July 2026"
    ]
    assert bullets.shapes.title.text == "State of Foo in 2026"
    assert "By Ann Example at FooConf 2026" in every
    assert "https://foo.example/2026" in placeholder_text(closing, PP_PLACEHOLDER.SUBTITLE)
    assert footers(deck) == ["FooConf 2026 · Ann Example"] * 2


def test_a_value_that_would_show_template_code_fails_the_build(project: Path) -> None:
    (project / "injected.yaml").write_text(TEMPLATED.replace("who: Ann Example", "who: '{{ x }}'"))
    code, stdout, stderr = run(
        "build", str(project / "injected.yaml"), "-o", str(project / "injected.pptx")
    )
    assert (code, stdout) == (1, "")
    assert stderr == (
        f"error: {project / 'injected.yaml'}:4:9: speaker.name: the rendered text holds '{{{{', "
        "template code a deck must not show; a value the template inserts (such as a var) "
        "contains it\nerror:   in template: {{ vars.who }}\n"
    )
    assert not (project / "injected.pptx").exists()


def test_validate_checks_the_event_name(project: Path) -> None:
    for bad, why in [
        ("{{ vars.project }}Conf {{ as_of.year }", "template syntax error: unexpected '}'"),
        ("{{ vars.project }}Conf {{ asof.year }}", "'asof' is undefined; did you mean 'as_of'?"),
    ]:
        (project / "bad-event.yaml").write_text(
            TEMPLATED.replace("{{ vars.project }}Conf {{ as_of.year }}", bad)
        )
        code, stdout, stderr = run("validate", str(project / "bad-event.yaml"))
        assert (code, stdout) == (1, "")
        assert stderr == (
            f"error: {project / 'bad-event.yaml'}:7:9: event.name: {why}\n"
            f"error:   in template: {bad}\n"
        )


def test_the_schema_requires_only_repos() -> None:
    code, stdout, _ = run("schema")
    assert code == 0
    schema = json.loads(stdout)
    assert schema["$defs"]["Outline"]["required"] == ["repos"]
    assert "required" not in schema  # an overlay (`extends:`) requires nothing
    assert schema["else"] == {"$ref": "#/$defs/Outline"}
    assert {"speaker", "event", "title", "slides"} <= set(schema["properties"])
