"""The demo deck: `deckgen demo` end to end, read back, and rendered by LibreOffice."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.cli import demo_outline_path, main
from tests.layout_oracle import assert_layout_clean

AS_OF = "2026-11-26"


@pytest.fixture(scope="module")
def demo_deck(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(out / "cache"))
        result = CliRunner().invoke(
            main, ["demo", "-o", str(out), "--as-of", AS_OF], catch_exceptions=False
        )
    assert result.exit_code == 0, result.stderr
    yield out / "demo.pptx"


def outline_slides() -> list[dict[str, object]]:
    data = yaml.safe_load(demo_outline_path().read_text())
    slides: list[dict[str, object]] = data["slides"]
    return slides


def test_talks_demo_is_the_embedded_outline() -> None:
    talks = Path(__file__).parents[2] / "talks" / "demo.yaml"
    assert talks.read_text() == demo_outline_path().read_text()


def test_demo_deck_has_every_slide_with_notes(demo_deck: Path) -> None:
    deck = Presentation(str(demo_deck))
    # a long table continues on a further slide, titled "… (continued)"
    slides = [s for s in deck.slides if not s.shapes.title.text_frame.text.endswith("(continued)")]
    specs = outline_slides()
    assert len(slides) == len(specs)
    kinds = {str(s["kind"]) for s in specs}
    assert {"title", "stats", "chart", "bullets", "closing"} <= kinds
    for slide, spec in zip(slides, specs, strict=True):
        if "notes" in spec:
            assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
        if spec["kind"] == "chart":
            pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
            assert len(pictures) == 1
            descr = pictures[0]._element.nvPicPr.cNvPr.get("descr")
            # alt text describes the data in words, with its numbers
            assert descr and descr.startswith(("Stacked bars", "Bars", "Lines")), descr
            assert any(ch.isdigit() for ch in descr)


def test_demo_deck_numbers_are_real(demo_deck: Path) -> None:
    """No template syntax, no zero where the synthetic project has activity, and the commits
    tile says what a naive `git log` count of the generated repositories says."""
    deck = Presentation(str(demo_deck))
    text = "\n".join(
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "{{" not in text and "{%" not in text
    (stats,) = [s for s in deck.slides if s.shapes.title.text_frame.text.startswith("Contrib")]
    shown = [(sh.name, sh.text_frame.text) for sh in stats.shapes if sh.name.startswith("Tile ")]
    numbers = [text for name, text in shown if name == "Tile value"]
    captions = [text for name, text in shown if name == "Tile caption"]
    tiles = dict(zip(captions, numbers, strict=True))
    values = [int(v.replace(",", "")) for v in tiles.values() if v.replace(",", "").isdigit()]
    assert len(values) == 4 and all(values), tiles
    assert tiles["commits so far"] == f"{naive_commits(demo_deck.parent / 'cache'):,}"


def naive_commits(cache: Path) -> int:
    """Non-merge commits of 1 January to AS_OF in every demo repository, once each, bots left
    out by the demo outline's patterns: git's own count, no deckgen code."""
    (project,) = (cache / "deckgen" / "demo").glob(f"*{AS_OF}")
    bots = [
        re.compile(p) for p in yaml.safe_load(demo_outline_path().read_text())["identity"]["bots"]
    ]
    start = datetime(int(AS_OF[:4]), 1, 1, tzinfo=UTC).timestamp()
    end = (datetime.fromisoformat(AS_OF).replace(tzinfo=UTC) + timedelta(days=1)).timestamp()
    seen: set[str] = set()
    for repo in project.rglob("*.git"):
        command = ["git", "-C", str(repo), "log", "--no-merges", "--use-mailmap"]
        log = subprocess.run(
            [*command, "--format=%H %at %aN <%aE>"], capture_output=True, text=True, check=True
        ).stdout
        for line in log.splitlines():
            commit, when, who = line.split(" ", 2)
            if start <= int(when) < end and not any(b.search(who) for b in bots):
                seen.add(commit)
    return len(seen)


@pytest.mark.render
def test_demo_deck_renders_clean(demo_deck: Path, tmp_path: Path) -> None:
    """LibreOffice draws a page per slide, nothing off a slide or over other text, and every word
    inside its text box as the file places the box: sizes the golden dumps only pin."""
    assert_layout_clean(demo_deck, tmp_path, within_shapes=True)


@pytest.mark.parametrize(
    ("overlay", "slides", "title"),
    [
        ("conference.yaml", len(outline_slides()) - 1, "State of the Orbit project"),
        ("lightning.yaml", 5, "Orbit in five slides"),
    ],
)
def test_event_overlays_build_from_the_demo_base(
    demo_deck: Path, tmp_path: Path, overlay: str, slides: int, title: str
) -> None:
    talks = Path(__file__).parents[2] / "talks"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(demo_deck.parent / "cache"))
        result = CliRunner().invoke(
            main,
            ["demo", "-o", str(tmp_path), "--as-of", AS_OF, "--outline", str(talks / overlay)],
            catch_exceptions=False,
        )
    assert result.exit_code == 0, result.stderr
    deck = Presentation(str(tmp_path / overlay.replace(".yaml", ".pptx")))
    shown = [s for s in deck.slides if not s.shapes.title.text_frame.text.endswith("(continued)")]
    assert len(shown) == slides
    assert deck.slides[0].shapes.title.text_frame.text == title


def test_build_of_talks_demo_builds_it_on_the_demo_project(
    demo_deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The obvious first try after opening talks/demo.yaml: the same deck as `deckgen demo`."""
    from deckgen.deck.dump import dump_deck
    from deckgen.demo import DEMO_VERSION

    talks = Path(__file__).parents[2] / "talks"
    cache = demo_deck.parent / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["build", str(talks / "demo.yaml"), "--as-of", AS_OF], catch_exceptions=False
    )
    project = cache / "deckgen" / "demo" / f"orbit-v{DEMO_VERSION}-{AS_OF}"
    assert (result.exit_code, result.stderr) == (
        0,
        f"{talks / 'demo.yaml'} is the demo outline: its repositories are in {project}\n",
    )
    slides = len(Presentation(str(demo_deck)).slides)
    assert result.stdout.startswith(f"wrote {tmp_path / 'demo.pptx'} ({slides} slides; ")
    assert " commits read from 4 repositories; " in result.stdout
    assert dump_deck(tmp_path / "demo.pptx") == dump_deck(demo_deck)
