"""Big numbers: two to four tiles, each a large accent-coloured value over its caption."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.dml.color import ColorFormat
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.text.text import _Run
from pptx.util import Emu, Inches, Length, Pt

from deckgen.deck.change import Change, change
from deckgen.deck.fit import SAFETY, Fitted, Para, fit, height, write
from deckgen.deck.kinds.base import RenderContext, expect, lines, muted
from deckgen.deck.placeholders import find_placeholder, placeholder
from deckgen.deck.styles import LevelStyle, TextBox, plain_box
from deckgen.errors import DeckError
from deckgen.outline.schema import SlideSpec, StatsSlide

TITLE, TEXT = 0, 13
GAP = Inches(0.35)  # between tiles, and between the tiles and the title or the sentence
PAD = Inches(0.3)  # inside a tile
STRIP = Inches(0.08)  # the accent strip along a tile's top
NUMBER_GAP = Inches(0.06)  # between a tile's number and its caption
MAX_TILE_H, MIN_TILE_H = Inches(3.3), Inches(2.4)
NUMBER_PT, NUMBER_FLOOR = 72.0, 28.0
CAPTION_PT, CAPTION_FLOOR = 20.0, 14.0
DELTA_PT, DELTA_FLOOR = 18.0, 14.0
DELTA_SHRINK = 2.0
"""Points the whole change line may shrink by before it drops "vs last year"."""
SENTENCE_PT = 20.0
DIRECTION_COLOURS = {
    1: MSO_THEME_COLOR.ACCENT_2,
    -1: MSO_THEME_COLOR.ACCENT_1,
    0: MSO_THEME_COLOR.TEXT_1,
}
"""Up in the second accent (green in deckgen's theme), down in the first, no change in text."""


@dataclass(frozen=True)
class Area:
    left: int
    top: int
    width: int
    height: int


class StatsKind:
    """Tiles are drawn shapes, not placeholders: a template gives their area, not their number."""

    name = "stats"
    footer = True

    def layout(self, spec: SlideSpec, ctx: RenderContext) -> str:
        return "stats"

    def render(self, slide: Slide, spec: SlideSpec, ctx: RenderContext) -> None:
        s = expect(spec, StatsSlide)
        ctx.fill(slide, TITLE, "title", [Para(s.title)], floor=24)
        title = placeholder(slide, TITLE, "title")
        top = title.top + title.height + GAP
        text = find_placeholder(slide, TEXT)
        if s.text.strip() and text is None:  # a template without one: a text box of its own
            bottom = _sentence(slide, s.text, title, ctx) - GAP
        elif s.text.strip() and text is not None:
            bottom = text.top - GAP
            ctx.fill(slide, TEXT, "sentence under the tiles", lines(s.text))
        elif text is not None:
            bottom = text.top + text.height
        else:  # a template without one: leave the footer's inch free
            bottom = ctx.theme.slide_height - Inches(1)
        n = len(s.tiles)
        tile_w = (title.width - GAP * (n - 1)) // n
        tile_h = min(MAX_TILE_H, bottom - top)

        values = [t.value.strip() for t in s.tiles]
        inner_w = Emu(tile_w - 2 * PAD).pt
        number_pt = _number_size(values, inner_w, ctx)
        number_h = Pt(ctx.heading.line_height(number_pt))
        changes = [change(t.value, t.previous) if t.previous else None for t in s.tiles]
        deltas = _deltas(changes, inner_w, ctx)
        ranks = _ranks([(t.rank or "").strip() for t in s.tiles], inner_w, ctx)
        delta_h = Emu(deltas.height + ranks.height + (NUMBER_GAP if ranks.height else 0))
        caption_box = TextBox(
            width=inner_w,
            height=Emu(tile_h - STRIP - 2 * PAD - number_h - NUMBER_GAP - delta_h).pt,
            levels=(LevelStyle(CAPTION_PT, False, 0.0, 0.0),) * 9,
            heading=False,
        )
        captions = [lines(t.caption) or [Para("")] for t in s.tiles]
        fits = [fit(c, caption_box, ctx.body, CAPTION_FLOOR) for c in captions]
        if any(f is None for f in fits):
            raise DeckError(f"a tile's caption does not fit at {CAPTION_FLOOR:g} pt; shorten it")
        caption_fit = min((f for f in fits if f is not None), key=lambda f: f.sizes[0])

        # Tiles as tall as their content needs (at least MIN_TILE_H), centred in the free area.
        text_h = max(height(c, caption_box, caption_fit, ctx.body) for c in captions)
        need = STRIP + 2 * PAD + number_h + NUMBER_GAP + delta_h + Pt(text_h) + Inches(0.1)
        tile_h = min(tile_h, max(MIN_TILE_H, need))
        top += (bottom - top - tile_h) // 2
        areas = [Area(title.left + i * (tile_w + GAP), top, tile_w, tile_h) for i in range(n)]
        for area, value, caption, delta, shown, rank in zip(
            areas, values, captions, changes, deltas.texts, ranks.texts, strict=True
        ):
            shown_delta = None if delta is None else (delta, shown, deltas.size)
            _tile(
                slide,
                area,
                value,
                (number_pt, number_h),
                caption,
                caption_fit,
                shown_delta,
                delta_h,
            )
            if rank:  # after the tile, whose card would hide it
                top_of_rank = area.top + STRIP + PAD + number_h + NUMBER_GAP + deltas.height
                _rank(
                    slide,
                    rank,
                    ranks.size,
                    Emu(area.left + PAD),
                    Emu(top_of_rank),
                    Emu(area.width - 2 * PAD),
                    ranks.height,
                )


@dataclass(frozen=True)
class Deltas:
    """The change lines of the tiles as shown: their texts, one size, and the height they take."""

    texts: tuple[str, ...]
    size: float
    height: Length


def _deltas(changes: list[Change | None], width: float, ctx: RenderContext) -> Deltas:
    """Return the change lines at one size, on one line each if they can be: in full down to
    `DELTA_SHRINK` points smaller, else without "vs last year" down to `DELTA_FLOOR`, else
    wrapped at that size (the caption then starts lower)."""
    present = [c for c in changes if c is not None]
    if not present:
        return Deltas(("",) * len(changes), DELTA_PT, Emu(0))
    tries = [(True, DELTA_PT - step) for step in range(int(DELTA_SHRINK) + 1)]
    tries += [(False, DELTA_PT - step) for step in range(int(DELTA_PT - DELTA_FLOOR) + 1)]
    for full, size in tries:
        texts = [c.text if full else c.short for c in present]
        if all(ctx.body.width(t, size, bold=True) <= width * SAFETY for t in texts):
            break
    count = max(ctx.body.lines(t, size, width * SAFETY, bold=True) for t in texts)
    shown = ["" if c is None else c.text if full else c.short for c in changes]
    return Deltas(tuple(shown), size, Pt(count * ctx.body.line_height(size)))


def _ranks(texts: list[str], width: float, ctx: RenderContext) -> Deltas:
    """Return the rank lines at one size: on one line each down to `DELTA_FLOOR`, else wrapped
    at that size (the caption then starts lower)."""
    if not any(texts):
        return Deltas(tuple(texts), DELTA_PT, Emu(0))
    for step in range(int(DELTA_PT - DELTA_FLOOR) + 1):
        size = DELTA_PT - step
        if all(ctx.body.width(t, size) <= width * SAFETY for t in texts):
            break
    count = max(ctx.body.lines(t, size, width * SAFETY) for t in texts if t)
    return Deltas(tuple(texts), size, Pt(count * ctx.body.line_height(size)))


def _rank(
    slide: Slide, text: str, size: float, left: Emu, top: Emu, width: Emu, tall: Length
) -> None:
    """Add the rank line of a tile ("2nd highest since 2005"), in the muted text colour."""
    for run in _line(slide, "Tile rank", text, size, left, top, width, tall):
        muted(run.font)


def _line(
    slide: Slide, name: str, text: str, size: float, left: Emu, top: Emu, width: Emu, tall: Length
) -> list[_Run]:
    """Add a text box `name` of one line of `text` at `size` points, without margins (a tile's
    change or rank line), and return its runs for styling."""
    box = slide.shapes.add_textbox(left, top, width, tall)
    box.name = name
    frame = box.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    write(frame, [Para(text)], Fitted((size,) * 9, (0.0,) * 9))
    return list(frame.paragraphs[0].runs)


def _number_size(values: list[str], width: float, ctx: RenderContext) -> float:
    """Return one size for all the numbers: the largest at which the widest fits `width` pt."""
    widest = max(ctx.heading.width(v, 1.0, bold=True) for v in values) or 1.0
    size = min(NUMBER_PT, float(int(width * 0.97 / widest)))
    if size < NUMBER_FLOOR:
        raise DeckError(f"a tile's value is too long to show at {NUMBER_FLOOR:g} pt: {values}")
    return size


def _tile(
    slide: Slide,
    area: Area,
    value: str,
    size: tuple[float, Length],
    caption: list[Para],
    caption_fit: Fitted,
    delta: tuple[Change, str, float] | None,
    delta_h: Length,
) -> None:
    number_pt, number_h = size
    card = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Emu(area.left), Emu(area.top), Emu(area.width), Emu(area.height)
    )
    _fill(card, MSO_THEME_COLOR.BACKGROUND_2)
    card.name = "Tile"
    strip = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Emu(area.left), Emu(area.top), Emu(area.width), STRIP
    )
    _fill(strip, MSO_THEME_COLOR.ACCENT_1)
    strip.name = "Tile accent"

    inner_left, inner_w = Emu(area.left + PAD), Emu(area.width - 2 * PAD)
    number_top = Emu(area.top + STRIP + PAD)
    number = slide.shapes.add_textbox(inner_left, number_top, inner_w, number_h)
    number.name = "Tile value"
    frame = number.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    write(frame, [Para(value)], Fitted((number_pt,) * 9, (0.0,) * 9))
    for run in frame.paragraphs[0].runs:  # none when the value is empty
        run.font.bold = True
        run.font.name = "+mj-lt"
        _colour(run.font.color, MSO_THEME_COLOR.ACCENT_1)
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT

    if delta is not None:
        _delta(slide, delta, inner_left, Emu(number_top + number_h + NUMBER_GAP), inner_w, delta_h)
    caption_top = Emu(number_top + number_h + NUMBER_GAP + delta_h)
    caption_h = Emu(area.top + area.height - PAD - caption_top)
    label = slide.shapes.add_textbox(inner_left, caption_top, inner_w, caption_h)
    label.name = "Tile caption"
    frame = label.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.TOP
    write(frame, caption, caption_fit)
    for p in frame.paragraphs:
        for r in p.runs:
            _colour(r.font.color, MSO_THEME_COLOR.TEXT_1)


def _fill(shape: Shape, colour: MSO_THEME_COLOR) -> None:
    # Drop the shape's theme style reference (outline, shadow, white text): a flat tile.
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    shape.fill.solid()
    _colour(shape.fill.fore_color, colour)
    shape.line.fill.background()


def _colour(target: ColorFormat, colour: MSO_THEME_COLOR) -> None:
    target.theme_color = colour


def _delta(
    slide: Slide,
    delta: tuple[Change, str, float],
    left: Emu,
    top: Emu,
    width: Emu,
    tall: Length,
) -> None:
    """Add the change line of a tile: arrow and difference, coloured by direction."""
    change_, text, size = delta
    for run in _line(slide, "Tile change", text, size, left, top, width, tall):
        run.font.bold = True
        _colour(run.font.color, DIRECTION_COLOURS[change_.direction])


def _sentence(slide: Slide, text: str, title: Shape, ctx: RenderContext) -> int:
    """Add the sentence under the tiles in a text box above the footer; return its top."""
    paras = lines(text)
    width = Emu(int(title.width))
    tall = Inches(0.9)
    box = plain_box(Emu(width).pt, Emu(tall).pt, SENTENCE_PT)
    fitted = fit(paras, box, ctx.body)
    if fitted is None:
        raise DeckError("the sentence under the tiles does not fit; shorten it")
    top = int(ctx.theme.slide_height) - int(Inches(1)) - int(tall)
    shape = slide.shapes.add_textbox(Emu(int(title.left)), Emu(top), width, tall)
    shape.name = "Sentence"
    frame = shape.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    write(frame, paras, fitted)
    for p in frame.paragraphs:
        for r in p.runs:
            muted(r.font)
    return top
