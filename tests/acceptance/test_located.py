"""Errors of the chart and deck stages point at the outline line of the slide they are about."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from deckgen.build import OutlineSource, build
from deckgen.errors import DeckError, RenderError
from tests.project import OUTLINE

AS_OF = date(2026, 6, 30)
HIGHLIGHTS = "  - kind: bullets\n    title: Highlights\n"


@pytest.fixture
def here(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture project, as the working folder (messages name `talk.yaml`)."""
    monkeypatch.chdir(project)
    return project


def build_with(project: Path, tmp_path: Path, outline: str) -> None:
    """Build `outline` from the project's folder, so messages name `talk.yaml`."""
    talk = project / "talk.yaml"
    talk.write_text(outline)
    build(OutlineSource(talk), tmp_path / "foo.pptx", as_of=AS_OF)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_slide_that_does_not_fit_is_located_by_the_deck_stage(here: Path, tmp_path: Path) -> None:
    """The deck stage knows the slide's number (SlideError.slide); the build finds its line."""
    items = "    items:\n      - One\n      - Two:\n          - Two and a half\n"
    outline = OUTLINE.replace(items, f"    items: ['{' '.join(['word'] * 1500)}']\n")
    with pytest.raises(DeckError) as caught:
        build_with(here, tmp_path, outline)
    message = str(caught.value)
    assert message.startswith(f"talk.yaml:{line_of(outline, HIGHLIGHTS)}:5: slides[4]: ")
    assert "slide 5, bullets 'Highlights': the bullet 'word word" in message
    assert message.count("talk.yaml:") == 1  # located once
    assert not (tmp_path / "foo.pptx").exists()


def test_a_chart_that_cannot_be_drawn_is_located_by_its_slide(here: Path, tmp_path: Path) -> None:
    outline = OUTLINE.replace("chart: commits_by_year", "chart: orgs_share")
    with pytest.raises(RenderError) as caught:
        build_with(here, tmp_path, outline)
    line = line_of(outline, "  - kind: chart\n    title: Commits per year")
    assert str(caught.value).startswith(f"talk.yaml:{line}:5: slides[2]: chart 'orgs_share'")
