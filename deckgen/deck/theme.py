"""The deck's theme: a .pptx/.potx template, read once into plain data the stages can share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.util import Emu

from deckgen.deck.package import open_template
from deckgen.errors import DeckError

# templates/default.pptx, shipped inside the package through a link in deckgen/data.
DEFAULT_TEMPLATE = Path(__file__).resolve().parents[1] / "data" / "default.pptx"

LAYOUT_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "title": "Title",
        "section": "Section",
        "bullets": "Content",
        "bullets-2col": "Two Content",
        "stats": "Big Numbers",
        "chart": "Picture with Caption",
        "closing": "Closing",
    }
)
"""Layout role → the layout a template must have. Roles are slide kinds, plus `bullets-2col`:
the two-column layout a bullet list moves to when one column would not fit."""

PICTURE_AREAS: Mapping[str, tuple[str, int]] = MappingProxyType({"chart": ("chart", 1)})
"""Chart-holding slide kind → (layout role, placeholder idx) of the area its picture fills."""

COLOUR_SLOTS = ("dk1", "lt1", "dk2", "lt2", *(f"accent{i}" for i in range(1, 7)))
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@dataclass(frozen=True)
class Theme:
    """A template's facts: its layouts by role, picture areas, colours and fonts."""

    path: Path
    slide_width: Emu
    slide_height: Emu
    layouts: Mapping[str, str]
    """Layout role (slide kind, or `bullets-2col`) → layout name in the template."""
    picture_areas: Mapping[str, tuple[float, float]]
    """Chart-holding slide kind → (width, height) in inches of its picture area."""
    colours: Mapping[str, str]
    """Theme colour (dk1, lt1, dk2, lt2, accent1..6) → "RRGGBB"."""
    body_font: str
    heading_font: str

    def chart_size_in(self, kind: str = "chart") -> tuple[float, float]:
        """Return the (width, height) in inches a chart on a `kind` slide is drawn at."""
        try:
            return self.picture_areas[kind]
        except KeyError:
            valid = ", ".join(repr(k) for k in self.picture_areas)
            raise DeckError(f"slide kind {kind!r} holds no chart; these do: {valid}") from None


def load_theme(template: Path | None) -> Theme:
    """Read `template` (None: deckgen's default); DeckError when a layout is missing."""
    path = template or DEFAULT_TEMPLATE
    prs = open_template(path)
    names = [layout.name for layout in prs.slide_layouts]
    missing = [(role, name) for role, name in LAYOUT_NAMES.items() if name not in names]
    if missing:
        wanted = ", ".join(f"{name!r} (for {role} slides)" for role, name in missing)
        have = ", ".join(repr(n) for n in names) or "none"
        raise DeckError(f"template {path}: no layout named {wanted}; the template has: {have}")
    areas = {}
    for kind, (role, idx) in PICTURE_AREAS.items():
        name = LAYOUT_NAMES[role]
        layout = prs.slide_layouts.get_by_name(name)
        ph = layout.placeholders.get(idx=idx) if layout is not None else None
        if ph is None or not ph.width or not ph.height:
            raise DeckError(
                f"template {path}: layout {name!r} has no placeholder idx {idx} "
                f"for the {kind} picture"
            )
        areas[kind] = (Emu(int(ph.width)).inches, Emu(int(ph.height)).inches)
    theme_xml = prs.slide_master.part.part_related_by(RT.THEME).blob
    colours, heading, body = _read_theme(theme_xml)
    return Theme(
        path=path,
        slide_width=Emu(int(prs.slide_width or 0)),
        slide_height=Emu(int(prs.slide_height or 0)),
        layouts=MappingProxyType(dict(LAYOUT_NAMES)),
        picture_areas=MappingProxyType(areas),
        colours=MappingProxyType(colours),
        body_font=body,
        heading_font=heading,
    )


def _read_theme(xml: bytes) -> tuple[dict[str, str], str, str]:
    """Return the colour scheme and the (heading, body) latin fonts of a theme part."""
    root = parse_xml(xml)
    scheme = root.find(f"{_A}themeElements/{_A}clrScheme")
    colours = {}
    for slot in COLOUR_SLOTS:
        el = scheme.find(f"{_A}{slot}") if scheme is not None else None
        value = None
        if el is not None and len(el):
            colour = el[0]
            value = colour.get("val") if colour.tag == f"{_A}srgbClr" else colour.get("lastClr")
        colours[slot] = (value or ("000000" if slot.startswith("dk") else "FFFFFF")).upper()
    fonts = root.find(f"{_A}themeElements/{_A}fontScheme")

    def latin(which: str) -> str:
        el = fonts.find(f"{_A}{which}/{_A}latin") if fonts is not None else None
        return (el.get("typeface") if el is not None else None) or "Calibri"

    return colours, latin("majorFont"), latin("minorFont")
