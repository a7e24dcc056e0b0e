"""Kept slides: a deck rebuilt from kept slides after an edit is byte for byte a fresh build of
the edited slides, and only the slides that changed are laid out again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from deckgen.deck import DeckSlide, Theme, assemble, build_deck, slideparts
from deckgen.deck.slides import DeckOptions
from deckgen.outline.schema import BulletsSlide
from deckgen.reuse import slide_keys
from tests.deck.deckdata import AS_OF, FOOTER, all_kinds, build_all, picture_file


def options(folder: Path) -> DeckOptions:
    """The options `build_all` builds with."""
    return {
        "footer": FOOTER,
        "title": "State of the project",
        "author": "Jane Doe",
        "as_of": AS_OF,
        "logo": picture_file(folder / "logo.png", (400, 160), "#E4572E"),
        "hashtag": "#KVMForum",
        "url": "https://example.org/kvm-forum",
    }


def kept_build(slides: Sequence[DeckSlide], theme: Theme, folder: Path, cache: Path) -> bytes:
    """Build as `deckgen build` does: slides kept in `cache` and replayed from it."""
    chosen = options(folder)
    keys = slide_keys(slides, theme, chosen)
    assert keys is not None
    return build_deck(slides, theme, cache_dir=cache, slide_keys=keys, **chosen)


@pytest.fixture
def laid_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the title of each outline slide laid out with its renderer (not replayed)."""
    titles: list[str] = []
    real = assemble._Deck.lay_out

    def spy(self: assemble._Deck, item: DeckSlide) -> object:
        titles.append(item.spec.title)
        return real(self, item)

    monkeypatch.setattr(assemble._Deck, "lay_out", spy)
    return titles


def retitled(slides: list[DeckSlide], index: int, title: str) -> list[DeckSlide]:
    edited = list(slides)
    edited[index] = replace(
        slides[index], spec=slides[index].spec.model_copy(update={"title": title})
    )
    return edited


def test_a_title_edit_lays_out_that_slide_only(
    theme: Theme, tmp_path: Path, laid_out: list[str]
) -> None:
    slides = all_kinds(tmp_path)
    cache = tmp_path / "cache"
    first = kept_build(slides, theme, tmp_path, cache)
    assert first == build_all(slides, theme, tmp_path)
    laid_out.clear()
    edited = retitled(slides, 6, "What happened, take 2")
    again = kept_build(edited, theme, tmp_path, cache)
    # not kept: the title slide (its notes make the notes master), the native chart
    assert laid_out == [
        "The state of the project",
        "Commits per year (editable)",
        "What happened, take 2",
    ]
    assert again == build_all(edited, theme, tmp_path)  # a fresh build, laid out whole
    assert kept_build(edited, theme, tmp_path, cache) == again


def test_continued_tables_pictures_and_links_are_replayed(
    theme: Theme, tmp_path: Path, laid_out: list[str]
) -> None:
    """The second table continues on more slides, the chart and image slides hold pictures, the
    bullets have a link: replayed, each is as a fresh layout makes it."""
    slides = all_kinds(tmp_path)
    cache = tmp_path / "cache"
    kept_build(slides, theme, tmp_path, cache)
    laid_out.clear()
    assert kept_build(slides, theme, tmp_path, cache) == build_all(slides, theme, tmp_path)
    assert laid_out == [
        "The state of the project",
        "Commits per year (editable)",
        *(s.spec.title for s in slides),  # build_all, fresh
    ]


def test_speaker_notes_moved_to_another_slide(
    theme: Theme, tmp_path: Path, laid_out: list[str]
) -> None:
    """The first speaker notes make the notes master, and where that happens numbers the
    deck's parts: a continued table with notes makes it after its continuation slides, a replay
    would make it before them. Kept slides are keyed by whether the deck had notes before."""
    every = all_kinds(tmp_path)
    title, table = every[0], every[8]
    assert title.spec.notes and table.table is not None and len(table.table.rows) > 8
    table = replace(table, spec=table.spec.model_copy(update={"notes": "Say their names."}))
    cache = tmp_path / "cache"
    kept_build([title, table], theme, tmp_path, cache)
    quiet = [replace(title, spec=title.spec.model_copy(update={"notes": ""})), table]
    laid_out.clear()
    assert kept_build(quiet, theme, tmp_path, cache) == build_all(quiet, theme, tmp_path)
    assert laid_out[:2] == [title.spec.title, table.spec.title]
    assert kept_build([title, table], theme, tmp_path, cache) == build_all(
        [title, table], theme, tmp_path
    )
    alone = tmp_path / "alone"  # the table's notes make the notes master: it is not kept
    kept_build([table], theme, tmp_path, alone)
    assert kept_build([table], theme, tmp_path, alone) == build_all([table], theme, tmp_path)


def test_a_slide_added_in_front_moves_the_others(theme: Theme, tmp_path: Path) -> None:
    slides = all_kinds(tmp_path)
    cache = tmp_path / "cache"
    kept_build(slides, theme, tmp_path, cache)
    extra = BulletsSlide(title="First things first", items=["An agenda"])
    longer = [DeckSlide(0, extra), *slides]
    assert kept_build(longer, theme, tmp_path, cache) == build_all(longer, theme, tmp_path)
    shorter = slides[1:]
    assert kept_build(shorter, theme, tmp_path, cache) == build_all(shorter, theme, tmp_path)


def test_a_damaged_entry_is_laid_out_again(
    theme: Theme, tmp_path: Path, laid_out: list[str]
) -> None:
    slides = all_kinds(tmp_path)
    cache = tmp_path / "cache"
    kept_build(slides, theme, tmp_path, cache)
    entries = sorted((cache / "slides").glob("*.slide"))
    assert len(entries) == len(slides) - 2  # the title slide and the native chart are not kept
    for entry in entries:
        raw = entry.read_bytes()
        entry.write_bytes(raw[:-10] + bytes(10))  # same length, other bytes
    laid_out.clear()
    assert kept_build(slides, theme, tmp_path, cache) == build_all(slides, theme, tmp_path)
    assert len(laid_out) == 2 * len(slides)
    laid_out.clear()
    kept_build(slides, theme, tmp_path, cache)  # replaced: kept again
    assert laid_out == ["The state of the project", "Commits per year (editable)"]


def test_a_replay_python_pptx_numbers_otherwise_is_laid_out_whole(
    theme: Theme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slides = all_kinds(tmp_path)
    cache = tmp_path / "cache"
    kept_build(slides, theme, tmp_path, cache)
    real = slideparts.replay

    def wrong(kept: tuple[slideparts.KeptSlide, ...], add: object) -> None:
        real(kept, add)  # type: ignore[arg-type]
        raise ValueError("a replayed relationship is rId3, not rId2")

    monkeypatch.setattr(assemble, "replay", wrong)
    assert kept_build(slides, theme, tmp_path, cache) == build_all(slides, theme, tmp_path)
