"""Placeholders on a slide: find them by idx, add the footer ones, drop the unused ones."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any, cast
from xml.sax.saxutils import escape

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.shapes.placeholder import LayoutPlaceholder, SlidePlaceholder
from pptx.slide import Slide, SlideLayout

from deckgen.errors import DeckError

SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
_THEME_FONT = '<a:latin typeface="+mn-lt"/>'
"""Named on footer runs: LibreOffice does not give footers the theme font by inheritance."""


def find_placeholder(slide: Slide, idx: int) -> SlidePlaceholder | None:
    """Return the placeholder `idx` of `slide`, or None."""
    for ph in slide.placeholders:
        if ph.placeholder_format.idx == idx:
            return ph  # type: ignore[no-any-return]
    return None


def placeholder(slide: Slide, idx: int, role: str) -> SlidePlaceholder:
    """Return the placeholder `idx` of `slide`; DeckError naming the layout's placeholders."""
    found = find_placeholder(slide, idx)
    if found is not None:
        return found
    have = ", ".join(
        f"{ph.placeholder_format.idx} ({ph.name})" for ph in layout_placeholders(slide.slide_layout)
    )
    raise DeckError(
        f"layout {slide.slide_layout.name!r} has no placeholder idx {idx} for the {role}; "
        f"it has: {have or 'none'}"
    )


def layout_placeholders(layout: SlideLayout) -> list[LayoutPlaceholder]:
    """Return the placeholders of `layout` (python-pptx's typing hides its iterator)."""
    return list(cast(Iterable[LayoutPlaceholder], layout.placeholders))


def add_footer(slide: Slide, footer: str, number: int) -> None:
    """Give `slide` its layout's footer and slide-number placeholders, filled in.

    python-pptx copies every placeholder of a layout to a new slide except these, which
    PowerPoint adds only when "Header & Footer" is ticked; a deck built in CI must do it itself.
    """
    for ph_type, paragraph in (
        (PP_PLACEHOLDER.FOOTER, _run(footer)),
        (PP_PLACEHOLDER.SLIDE_NUMBER, _slide_number(number)),
    ):
        source = next(
            (
                p
                for p in layout_placeholders(slide.slide_layout)
                if p.placeholder_format.type == ph_type
            ),
            None,
        )
        if source is None or (ph_type == PP_PLACEHOLDER.FOOTER and not footer):
            continue
        # A full copy, position and style included: LibreOffice does not let footer
        # placeholders inherit them from the layout.
        sp = copy.deepcopy(source._element)
        sp.nvSpPr.cNvPr.set("id", str(slide.shapes._next_shape_id))
        body = sp.find(qn("p:txBody"))
        for p in body.findall(qn("a:p")):
            body.remove(p)
        body.append(paragraph)
        slide.shapes._spTree.append(sp)


def _run(text: str) -> object:
    return parse_xml(
        f'<a:p {nsdecls("a")}><a:r><a:rPr lang="en-US" dirty="0">{_THEME_FONT}</a:rPr>'
        f"<a:t>{escape(text)}</a:t>"
        "</a:r></a:p>"
    )


def _slide_number(number: int) -> object:
    return parse_xml(
        f'<a:p {nsdecls("a")}><a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum">'
        f'<a:rPr lang="en-US">{_THEME_FONT}</a:rPr><a:t>{number}</a:t></a:fld></a:p>'
    )


def drop_empty(slide: Slide) -> None:
    """Remove placeholders left without text, so no "Click to add text" prompt remains."""
    for ph in list(slide.placeholders):
        if ph.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            continue
        if ph.has_text_frame and not ph.text_frame.text.strip():
            ph._element.getparent().remove(ph._element)


def remove_shape(shape: Any) -> None:
    """Take `shape` off its slide (a placeholder whose area another shape now fills)."""
    element = shape._element
    element.getparent().remove(element)
