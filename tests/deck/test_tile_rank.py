"""The rank line of a stats tile: "2nd highest since 2005", under the change, above the caption."""

from __future__ import annotations

import io
from typing import Any

from pptx import Presentation
from pptx.util import Emu

from deckgen.deck import DeckSlide, Theme
from deckgen.deck.fonts import TextMeasure
from deckgen.outline.schema import StatsSlide
from tests.deck.deckdata import build


def tiles(theme: Theme, *tile: dict[str, str]) -> list[Any]:
    spec = StatsSlide.model_validate({"title": "People", "tiles": list(tile)})
    return list(Presentation(io.BytesIO(build([DeckSlide(1, spec)], theme))).slides[0].shapes)


def named(shapes: list[Any], name: str) -> list[Any]:
    return [s for s in shapes if s.name == name]


def test_rank_sits_between_the_change_and_the_caption(theme: Theme) -> None:
    shapes = tiles(
        theme,
        {
            "value": "182",
            "caption": "contributors",
            "previous": "170",
            "rank": "2nd highest since 2005",
        },
        {"value": "41", "caption": "new", "rank": "highest ever"},
        {"value": "7", "caption": "bots"},
    )
    ranks = named(shapes, "Tile rank")
    assert [r.text_frame.text for r in ranks] == ["2nd highest since 2005", "highest ever"]
    change = named(shapes, "Tile change")[0]
    values, captions = named(shapes, "Tile value"), named(shapes, "Tile caption")
    size = ranks[0].text_frame.paragraphs[0].runs[0].font.size.pt
    assert ranks[0].top >= change.top + Emu(int(size * 12700))  # below the change's line
    for rank, value, caption in zip(ranks, values, captions, strict=False):
        assert value.top + value.height <= rank.top
        assert rank.top + rank.height <= caption.top
        assert rank.text_frame.paragraphs[0].runs[0].font.color.brightness > 0  # muted
    # a tile without a rank starts its caption as low as its neighbours, in line
    assert len({c.top for c in captions}) == 1


def test_a_long_rank_shrinks_or_wraps_in_a_narrow_tile(theme: Theme) -> None:
    rank = "joint 12th highest of all years since 2005"
    shapes = tiles(theme, *({"value": "1", "caption": "x", "rank": rank} for _ in range(4)))
    ranks = named(shapes, "Tile rank")
    sizes = {r.font.size.pt for s in ranks for r in s.text_frame.paragraphs[0].runs}
    assert len(sizes) == 1 and min(sizes) >= 14
    measure = TextMeasure("Calibri")
    lines = measure.lines(rank, min(sizes), Emu(ranks[0].width).pt)
    assert Emu(ranks[0].height).pt >= lines * measure.line_height(min(sizes)) - 0.5
