"""A zoo of repository shapes (tests/zoo/shapes.py), built with the model talk across a year.

Every shape, at the start, a leap day, the middle and the end of a year: the real CLI either
writes a deck with no template code left in it, or, where the project did not exist yet on that
day, ends in one clear error (exit 1, one line, no traceback). The decks are then rendered by
LibreOffice and their words checked where they landed (tests/layout_oracle.py).
"""

from __future__ import annotations

import json
import re
import textwrap
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.cli import main
from tests.gitrepos import git
from tests.layout_oracle import assert_layout_clean
from tests.zoo.shapes import SHAPES, Built, Shape, Zoo

YEAR = 2024
"""A leap year: the zoo's dates are fixed, whatever day the suite runs."""
AS_OF = (date(YEAR, 1, 2), date(YEAR, 2, 29), date(YEAR, 6, 30), date(YEAR, 12, 31))
SEED = 11

TALK = Template(
    textwrap.dedent("""\
    title: The $shape project
    subtitle: A year in numbers
    speaker: {name: Zoë Keeper, role: maintainer}
    event: {name: Zoo Summit}
    repos:
    $repos
    identity:
      bots: ['\\[bot\\]@']
    slides:
      - kind: title
        notes: Welcome.
      - kind: stats
        id: releases
        title: Releases
        tiles:
          - value: "{{ releases.count }}"
            caption: releases since {{ period.since | longdate }}
          - value: "{{ releases.projected }}"
            caption: expected this year
          - value: "{{ releases.cadence_days | round | int if releases.cadence_days else '–' }}"
            caption: days between releases (median)
        text: "{{ releases.count }} releases so far, on course for {{ releases.projected }}."
        notes: >-
          {% if releases.list %}The latest is {{ (releases.list | last).name }}, from
          {{ (releases.list | last).date | longdate }}.{% endif %}
      - kind: stats
        id: contributors
        title: Contributors and commits in {{ as_of.year }}
        tiles:
          - value: "{{ all.contributors | thousands }}"
            caption: contributors so far
            previous: "{{ all.previous.contributors }}"
          - value: "{{ all.new_contributors | thousands }}"
            caption: of them new
            previous: "{{ all.previous.new_contributors }}"
          - value: "{{ all.commits | thousands }}"
            caption: commits so far
            previous: "{{ all.previous.commits }}"
          - value: "{{ all.projected_commits | round_to(100) }}"
            caption: commits by 31 December at this rate
        text: >-
          {{ all.commits_by_new | thousands }} commits
          ({{ all.commits_by_new | percent(all.commits) }}) came from people new this year.
        notes: >-
          {{ all.bot_commits }} commits by bots; {{ all.commits_by_new_to_repo }} by people new
          to the repository they sent them to.
      - kind: chart
        id: commits
        title: Commits per year
        chart: commits_by_year
        caption: Old authors have contributed for more than a year, new authors for less.
      - kind: chart
        id: authors
        title: Authors per year
        chart: authors_by_year
        caption: New authors made their first commit that year.
    $groups
      - kind: table
        id: releases-table
        title: The releases of {{ as_of.year }}
        data: releases
        caption: Dated by their tags.
      - kind: table
        id: welcome
        title: Welcome to our {{ all.new_contributors }} new contributors
        data: new_contributors
        notes: Thank you all.
      - kind: closing
        title: Thank you
        items:
          - "{{ all.new_contributors }} people sent their first change this year: be next"
    """)
)

GROUP = Template(
    textwrap.dedent("""\
      - kind: chart
        id: $group-commits
        title: "Commits per year: $group"
        chart: commits_by_year
        scope: $group
        notes: "{{ groups['$group'].commits | thousands }} commits in $group this year."
      - kind: chart
        id: $group-authors
        title: "Authors per year: $group"
        chart: authors_by_year
        scope: $group
        notes: "{{ groups['$group'].contributors }} people worked on $group this year."
    """)
)


def talk(shape: Shape, built: Built) -> str:
    """Return the model talk over `built`'s repositories, with two chart slides per group."""
    repos = "\n".join(
        f"  {group}: [{', '.join(json.dumps(p) for p in paths)}]"
        for group, paths in built.repos.items()
    )
    groups = "".join(GROUP.substitute(group=group) for group in built.repos)
    return TALK.substitute(shape=shape.name, repos=repos, groups=textwrap.indent(groups, "  "))


@dataclass(frozen=True)
class Outcome:
    """One `deckgen build` of a shape on a date."""

    exists: bool
    """The project had at least one commit on or before the as-of date."""
    code: int
    stdout: str
    stderr: str
    crash: str
    """The traceback of an exception that escaped the CLI, else ''."""
    deck: Path


class Builds:
    """Every build of the module, once each: the render test reuses the build test's decks."""

    def __init__(self, zoo: Zoo, out: Path) -> None:
        self.zoo = zoo
        self.out = out
        self.done: dict[tuple[str, date], Outcome] = {}

    def get(self, shape: Shape, as_of: date) -> Outcome:
        key = (shape.name, as_of)
        if key not in self.done:
            folder, built = self.zoo.get(shape, as_of)
            outline = folder / "talk.yaml"
            outline.write_text(talk(shape, built))
            deck = self.out / f"{shape.name}-{as_of.isoformat()}.pptx"
            result = CliRunner().invoke(
                main, ["build", str(outline), "-o", str(deck), "--as-of", as_of.isoformat()]
            )
            crash = ""
            if result.exc_info and not isinstance(result.exception, SystemExit | None):
                crash = "".join(traceback.format_exception(*result.exc_info))
            first = built.first_authored
            self.done[key] = Outcome(
                exists=first is not None and first <= as_of,
                code=result.exit_code,
                stdout=result.stdout,
                stderr=result.stderr,
                crash=crash,
                deck=deck,
            )
        return self.done[key]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    zoo = Zoo(tmp_path_factory.mktemp("zoo"), SEED, date(YEAR, 12, 31))
    return Builds(zoo, tmp_path_factory.mktemp("decks"))


CASES = [
    pytest.param(shape, as_of, id=f"{shape.name}-{as_of.isoformat()}")
    for shape in SHAPES
    for as_of in AS_OF
]

TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#")


def deck_texts(deck: Path) -> Iterator[tuple[str, str]]:
    """Yield (where, text) for every piece of text in `deck`: properties, shapes, table cells,
    notes."""
    presentation = Presentation(str(deck))
    props = presentation.core_properties
    yield "title property", props.title or ""
    yield "subject property", props.subject or ""
    for number, slide in enumerate(presentation.slides, 1):
        shapes = list(slide.shapes)
        while shapes:
            shape = shapes.pop()
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:  # look inside
                shapes.extend(shape.shapes)
            if shape.has_text_frame:
                yield f"slide {number}", shape.text_frame.text
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield f"slide {number} table", cell.text
        if slide.has_notes_slide:
            yield f"slide {number} notes", slide.notes_slide.notes_text_frame.text


@pytest.mark.slow
@pytest.mark.parametrize(("shape", "as_of"), CASES)
def test_every_shape_builds_or_says_why(builds: Builds, shape: Shape, as_of: date) -> None:
    outcome = builds.get(shape, as_of)
    assert outcome.crash == "", outcome.crash
    if outcome.exists:
        assert outcome.code == 0, outcome.stderr
        shown = [(where, t) for where, t in deck_texts(outcome.deck) if TEMPLATE_SYNTAX.search(t)]
        assert shown == [], "template code in the deck"
    else:  # the project did not exist yet: one clear line, about the date, not about a slide
        assert (outcome.code, outcome.stdout) == (1, ""), outcome.stdout + outcome.stderr
        assert re.fullmatch(r"error: [^\n]+\n", outcome.stderr), outcome.stderr
        assert "slides[" not in outcome.stderr, outcome.stderr


DEFAULT_RELEASE_TAG = re.compile(r"^(?:v|release-|version-)?(\d+(?:\.\d+){1,3})$")
"""The default of `releases.tags`, as docs/outline.md states it."""


@pytest.mark.slow
@pytest.mark.parametrize(("shape", "as_of"), CASES)
def test_warnings_say_what_is_true(builds: Builds, shape: Shape, as_of: date) -> None:
    """A warning that no tag matches the release pattern is only given where none does."""
    outcome = builds.get(shape, as_of)
    folder, built = builds.zoo.get(shape, as_of)
    release_group = next(iter(built.repos.values()))
    matching = sorted(
        tag
        for path in release_group
        for tag in git(folder / path, "tag", "--list").split()
        if DEFAULT_RELEASE_TAG.match(tag)
    )
    if "no tag matches releases.tags" in outcome.stderr:
        assert matching == [], f"{len(matching)} tags match, e.g. {matching[-1]}: {outcome.stderr}"


# --- Layout, as LibreOffice draws it -----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.render
@pytest.mark.parametrize(("shape", "as_of"), CASES)
def test_every_deck_renders_clean(
    builds: Builds, shape: Shape, as_of: date, tmp_path: Path
) -> None:
    outcome = builds.get(shape, as_of)
    if not outcome.exists:
        assert outcome.code == 1, "a project that did not exist yet must not build"
        return
    assert outcome.code == 0 and outcome.deck.exists(), f"no deck to render: {outcome.stderr}"
    assert_layout_clean(outcome.deck, tmp_path)
