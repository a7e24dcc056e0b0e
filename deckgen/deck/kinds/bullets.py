"""A title and a nested bullet list, in one column, or two when one would not fit."""

from __future__ import annotations

from collections.abc import Sequence

from pptx.slide import Slide

from deckgen.deck.fit import FLOOR_PT, Fitted, Para, candidates, fit, height, write
from deckgen.deck.kinds.base import RenderContext, continued, expect
from deckgen.deck.placeholders import placeholder
from deckgen.deck.styles import TextBox, text_box
from deckgen.errors import DeckError
from deckgen.outline.schema import BulletItem, BulletsSlide, SlideSpec

TITLE, BODY, RIGHT = 0, 1, 2
TWO_COLUMNS_BELOW = 18.0
"""Top-level size (pt) under which a long list is tried in two columns instead of one."""


def flatten(items: Sequence[BulletItem], level: int = 0) -> list[Para]:
    """Return the paragraphs of a bullet tree: a one-key mapping is a line and its sub-bullets."""
    paras: list[Para] = []
    for item in items:
        if isinstance(item, dict):
            for line, subs in item.items():
                paras.append(Para(str(line), level))
                paras.extend(flatten(subs, level + 1))
        else:
            paras.append(Para(str(item), level))
    return paras


def groups(paras: Sequence[Para]) -> list[list[Para]]:
    """Split paragraphs into top-level bullets, each with its sub-bullets (never split)."""
    out: list[list[Para]] = []
    for para in paras:
        if para.level == 0 or not out:
            out.append([])
        out[-1].append(para)
    return out


class BulletsKind:
    """Bullets sized to fit; past the floor size they flow into the two-column layout."""

    name = "bullets"
    footer = True
    layout_role = "bullets"

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        """Choose two columns when one column would need type below `TWO_COLUMNS_BELOW` and
        two columns allow larger type."""
        paras = flatten(expect(spec, BulletsSlide).items)
        one = _one_column(paras, _layout_box(ctx, "bullets", BODY), ctx)
        if (one is not None and one.sizes[0] >= TWO_COLUMNS_BELOW) or len(groups(paras)) < 2:
            return "bullets"
        left, right = (
            _layout_box(ctx, "bullets-2col", BODY),
            _layout_box(ctx, "bullets-2col", RIGHT),
        )
        two = _two_columns(paras, left, right, ctx)
        if two is None:  # when neither fits, the list continues on more one-column slides
            return "bullets"
        return "bullets" if one is not None and two[2].sizes[0] <= one.sizes[0] else "bullets-2col"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, BulletsSlide)
        ctx.fill(slide, TITLE, "title", [Para(s.title)], floor=24)
        paras = flatten(s.items)
        left = placeholder(slide, BODY, "bullets")
        left_box = text_box(left, slide.slide_layout)
        if slide.slide_layout.name != ctx.theme.layouts["bullets-2col"]:
            fitted = _one_column(paras, left_box, ctx)
            if fitted is not None:
                write(left.text_frame, paras, fitted)
                return
            for page, chunk in enumerate(_pages(paras, left_box, ctx)):
                if page:
                    slide = ctx.new_slide(self.layout_role)
                    ctx.fill(slide, TITLE, "title", [Para(continued(s.title))], floor=24)
                    left = placeholder(slide, BODY, "bullets")
                fitted = _one_column(chunk, left_box, ctx)
                assert fitted is not None  # _pages made sure
                write(left.text_frame, chunk, fitted)
            return
        right = placeholder(slide, RIGHT, "second column of bullets")
        split = _two_columns(paras, left_box, text_box(right, slide.slide_layout), ctx)
        if split is None:
            raise DeckError(
                f"the bullets do not fit even in two columns at {FLOOR_PT:g} pt; "
                "shorten them or split the slide"
            )
        first, second, fitted = split
        write(left.text_frame, first, fitted)
        write(right.text_frame, second, fitted)


def _layout_box(ctx: RenderContext, role: str, idx: int) -> TextBox:
    layout = ctx.layouts[role]
    ph = layout.placeholders.get(idx=idx)
    if ph is None:
        raise DeckError(f"layout {layout.name!r} has no placeholder idx {idx} for bullets")
    return text_box(ph, layout)


def _one_column(paras: list[Para], box: TextBox, ctx: RenderContext) -> Fitted | None:
    deepest = max(p.level for p in paras)
    for fitted in candidates(box, FLOOR_PT, deepest):
        if height(paras, box, fitted, ctx.body) <= box.height:
            return fitted
    return None


def _two_columns(
    paras: list[Para], left: TextBox, right: TextBox, ctx: RenderContext
) -> tuple[list[Para], list[Para], Fitted] | None:
    """Return the most balanced split at the largest size where both columns fit."""
    blocks = groups(paras)
    deepest = max(p.level for p in paras)
    for fitted in candidates(left, FLOOR_PT, deepest):
        best: tuple[float, list[Para], list[Para]] | None = None
        for cut in range(1, len(blocks)):
            first = [p for block in blocks[:cut] for p in block]
            second = [p for block in blocks[cut:] for p in block]
            h1, h2 = height(first, left, fitted, ctx.body), height(second, right, fitted, ctx.body)
            if h1 <= left.height and h2 <= right.height and (best is None or max(h1, h2) < best[0]):
                best = (max(h1, h2), first, second)
        if best is not None:
            return best[1], best[2], fitted
    return None


def _pages(paras: list[Para], box: TextBox, ctx: RenderContext) -> list[list[Para]]:
    """Split a list too long for one slide into slides of whole top-level bullets, each filled
    while its type stays at `TWO_COLUMNS_BELOW` or more; DeckError when one bullet alone does
    not fit."""
    pages: list[list[Para]] = []
    for block in groups(paras):
        if pages and fit(pages[-1] + block, box, ctx.body, TWO_COLUMNS_BELOW) is not None:
            pages[-1] += block
            continue
        if _one_column(block, box, ctx) is None:
            raise DeckError(
                f"the bullet {block[0].text!r} and its sub-bullets do not fit one slide even at "
                f"{FLOOR_PT:g} pt; shorten them"
            )
        pages.append(list(block))
    return pages
