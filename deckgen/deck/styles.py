"""Resolve the text style a placeholder inherits: slide → layout → master → defaults.

python-pptx reports only what is written on the shape itself. Fitting text needs the effective
size, indent and spacing of each level and the box's insets, wherever in the template they were
set, so that a corporate template's typography is the starting point.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn as _qn
from pptx.shapes.placeholder import LayoutPlaceholder, SlidePlaceholder
from pptx.slide import SlideLayout
from pptx.util import Emu, Pt

_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
_OTHER = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
_INSETS = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}

qn = cache(_qn)
"""python-pptx's `qn` ("a:lvl1pPr" → Clark name), remembered: styles are looked up tens of
thousands of times per deck, with a few dozen names."""


@cache
def _clark_path(path: str) -> str:
    """Return the `find` path of a "a:defRPr/a:latin" style path, in Clark names."""
    return "/".join(qn(p) for p in path.split("/"))


@dataclass(frozen=True)
class LevelStyle:
    """The effective style of one outline level of a text box."""

    size: float
    """Font size in points."""
    bold: bool
    margin: float
    """Left margin of the text (marL) in points."""
    space_before: float
    """Space before a paragraph, in points at `size`."""


@dataclass(frozen=True)
class TextBox:
    """Where text goes in a placeholder: usable width and height in points, and level styles."""

    width: float
    height: float
    levels: tuple[LevelStyle, ...]
    heading: bool
    """Set in the theme's heading font (titles) rather than the body font."""


Placeholder = SlidePlaceholder | LayoutPlaceholder


def plain_box(width: float, height: float, size: float) -> TextBox:
    """Return a text box of `width` x `height` points without insets, all levels at `size`."""
    return TextBox(width, height, (LevelStyle(size, False, 0.0, 0.0),) * 9, False)


def text_box(ph: Placeholder, layout: SlideLayout) -> TextBox:
    """Return the usable area and effective level styles of placeholder `ph` on `layout`.

    `ph` is a slide's placeholder, or one of `layout`'s own (to measure before a slide exists).
    """
    shapes = list(_chain(ph, layout))
    styles = [_lst_style(s) for s in shapes] + list(_master_styles(ph, layout))
    insets = {}
    for key, default in _INSETS.items():
        value = next((v for s in shapes if (v := _first(_body_pr(s), key)) is not None), None)
        insets[key] = int(value) if value is not None else default
    width = Emu(int(ph.width or 0) - insets["lIns"] - insets["rIns"]).pt
    height = Emu(int(ph.height or 0) - insets["tIns"] - insets["bIns"]).pt
    levels = tuple(_level(styles, n) for n in range(1, 10))
    is_title = ph.placeholder_format.type in _TITLES
    latin = _find_attr(styles, 1, "a:defRPr/a:latin", "typeface")
    heading = latin == "+mj-lt" if latin else is_title
    return TextBox(width, height, levels, heading)


def anchor(ph: Placeholder, layout: SlideLayout) -> str:
    """Return the vertical anchor of `ph`'s text ('t', 'ctr' or 'b'), wherever it is set."""
    for sp in _chain(ph, layout):
        value = _first(_body_pr(sp), "anchor")
        if value is not None:
            return str(value)
    return "t"


def _level(styles: list[Any], n: int) -> LevelStyle:
    size = _find_attr(styles, n, "a:defRPr", "sz")
    bold = _find_attr(styles, n, "a:defRPr", "b")
    margin = _find_attr(styles, n, ".", "marL")
    size_pt = int(size) / 100 if size else 18.0
    before = 0.0
    for style in styles:
        ppr = _ppr(style, n)
        spc = ppr.find(qn("a:spcBef")) if ppr is not None else None
        if spc is None or not len(spc):
            continue
        value = int(spc[0].get("val", "0"))
        before = value / 100 if spc[0].tag == qn("a:spcPts") else value / 100000 * size_pt * 1.2
        break
    return LevelStyle(
        size=size_pt,
        bold=bold in ("1", "true"),
        margin=Emu(int(margin)).pt if margin else 0.0,
        space_before=before,
    )


def _chain(ph: Placeholder, layout: SlideLayout) -> Iterator[Any]:
    """Yield the XML of `ph`, its layout placeholder and its master placeholder."""
    yield ph._element
    idx, kind = ph.placeholder_format.idx, ph.placeholder_format.type
    layout_ph = layout.placeholders.get(idx=idx)
    if layout_ph is not None:
        yield layout_ph._element
        kind = layout_ph.placeholder_format.type
    master_type = PP_PLACEHOLDER.TITLE if kind in _TITLES else kind
    if kind not in _TITLES and kind not in _OTHER:
        master_type = PP_PLACEHOLDER.BODY
    master_ph = layout.slide_master.placeholders.get(master_type)
    if master_ph is not None:
        yield master_ph._element


def _master_styles(ph: Placeholder, layout: SlideLayout) -> Iterator[Any]:
    """Yield the master's text style for `ph`'s kind, then the presentation's default style."""
    kind = ph.placeholder_format.type
    which = (
        "p:titleStyle" if kind in _TITLES else "p:otherStyle" if kind in _OTHER else "p:bodyStyle"
    )
    master = layout.slide_master._element
    tx_styles = master.find(qn("p:txStyles"))
    if tx_styles is not None and tx_styles.find(qn(which)) is not None:
        yield tx_styles.find(qn(which))
    default = layout.part.package.presentation_part._element.find(qn("p:defaultTextStyle"))
    if default is not None:
        yield default


def _lst_style(sp: Any) -> Any:
    body = sp.find(qn("p:txBody"))
    return body.find(qn("a:lstStyle")) if body is not None else None


def _body_pr(sp: Any) -> Any:
    body = sp.find(qn("p:txBody"))
    return body.find(qn("a:bodyPr")) if body is not None else None


def _ppr(style: Any, n: int) -> Any:
    return style.find(qn(f"a:lvl{n}pPr")) if style is not None else None


def _first(el: Any, attr: str) -> str | None:
    return el.get(attr) if el is not None else None


def _find_attr(styles: list[Any], n: int, path: str, attr: str) -> str | None:
    """Return `attr` of `path` under the first level-`n` paragraph style that sets it."""
    for style in styles:
        ppr = _ppr(style, n)
        if ppr is None:
            continue
        el = ppr if path == "." else ppr.find(_clark_path(path))
        value = _first(el, attr)
        if value is not None:
            return str(value)
    return None


def points(value: float) -> Pt:
    """Return `value` points as a length, rounded to the half point PowerPoint shows."""
    return Pt(round(value * 2) / 2)
