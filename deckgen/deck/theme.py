"""The deck's theme: a .pptx/.potx template, read once into plain data the stages can share.

Reading it takes python-pptx (imported here only when a template is read); the `Theme` itself is
plain data, which `deckgen.deck.themecache` keeps so that an unchanged rebuild never imports
python-pptx.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from deckgen.errors import DeckError, TemplateError, did_you_mean

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
        "chart_bullets": "Two Content",
        "table": "Content",
        "image": "Picture with Caption",
        "quote": "Section",
        "closing": "Closing",
    }
)
"""Layout role → the layout a template must have. Roles are slide kinds (a `news` slide is a
bullets slide by the time it reaches the deck), plus `bullets-2col`: the two-column layout a
bullet list moves to when one column would not fit. The outline's `layouts:` overrides these."""

REQUIRED_PLACEHOLDERS: Mapping[str, tuple[int, ...]] = MappingProxyType(
    {
        "title": (0,),
        "section": (0,),
        "bullets": (0, 1),
        "bullets-2col": (0, 1, 2),
        "stats": (0,),
        "chart": (0, 1),
        "chart_bullets": (0, 1, 2),
        "table": (0, 1),
        "image": (0, 1),
        "quote": (0,),
        "closing": (0,),
    }
)
"""Layout role → placeholder idx values its layout must have (the others have fallbacks)."""

PICTURE_AREAS: Mapping[str, tuple[str, int]] = MappingProxyType(
    {"chart": ("chart", 1), "chart_bullets": ("chart_bullets", 1), "image": ("image", 1)}
)
"""Picture-holding slide kind → (layout role, placeholder idx) of the area its picture fills."""

COLOUR_SLOTS = ("dk1", "lt1", "dk2", "lt2", *(f"accent{i}" for i in range(1, 7)))
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@dataclass(frozen=True)
class Theme:
    """A template's facts: its layouts by role, picture areas, colours and fonts."""

    path: Path
    slide_width: int
    """In EMU, as python-pptx's lengths (`Emu(theme.slide_width).inches`)."""
    slide_height: int
    layouts: Mapping[str, str]
    """Layout role (slide kind, or `bullets-2col`) → layout name in the template."""
    picture_areas: Mapping[str, tuple[float, float]]
    """Picture-holding slide kind → (width, height) in inches of its picture area."""
    colours: Mapping[str, str]
    """Theme colour (dk1, lt1, dk2, lt2, accent1..6) → "RRGGBB"."""
    body_font: str
    heading_font: str
    keep_slides: bool = False
    """Keep the slides the template comes with, before the deck's own."""

    def chart_size_in(self, kind: str = "chart") -> tuple[float, float]:
        """Return the (width, height) in inches a chart on a `kind` slide is drawn at."""
        try:
            return self.picture_areas[kind]
        except KeyError:
            valid = ", ".join(repr(k) for k in self.picture_areas)
            raise DeckError(f"slide kind {kind!r} holds no chart; these do: {valid}") from None

    def to_json(self) -> bytes:
        """Return the theme as JSON (`from_json` reads it back equal)."""
        fields = {
            "path": str(self.path),
            "slide_width": self.slide_width,
            "slide_height": self.slide_height,
            "layouts": dict(self.layouts),
            "picture_areas": {k: list(v) for k, v in self.picture_areas.items()},
            "colours": dict(self.colours),
            "body_font": self.body_font,
            "heading_font": self.heading_font,
            "keep_slides": self.keep_slides,
        }
        return json.dumps(fields, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Theme:
        """Return the theme `to_json` wrote; ValueError, KeyError, TypeError when it is not."""
        fields = json.loads(raw)
        return cls(
            path=Path(fields["path"]),
            slide_width=int(fields["slide_width"]),
            slide_height=int(fields["slide_height"]),
            layouts=MappingProxyType({str(k): str(v) for k, v in fields["layouts"].items()}),
            picture_areas=MappingProxyType(
                {str(k): (float(w), float(h)) for k, (w, h) in fields["picture_areas"].items()}
            ),
            colours=MappingProxyType({str(k): str(v) for k, v in fields["colours"].items()}),
            body_font=str(fields["body_font"]),
            heading_font=str(fields["heading_font"]),
            keep_slides=bool(fields["keep_slides"]),
        )


def load_theme(
    template: Path | None,
    *,
    layouts: Mapping[str, str] | None = None,
    keep_slides: bool = False,
) -> Theme:
    """Read `template` (None: deckgen's default) with `layouts` (role → layout name) over the
    defaults; TemplateError when a role is unknown or a layout or placeholder is missing."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.util import Emu

    from deckgen.deck.package import open_template
    from deckgen.deck.placeholders import layout_placeholders

    path = template or DEFAULT_TEMPLATE
    prs = open_template(path)
    chosen = _choose_layouts(path, layouts or {})
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    have = ", ".join(repr(n) for n in by_name) or "none"
    missing = [(role, name) for role, name in chosen.items() if name not in by_name]
    if missing:
        wanted = ", ".join(f"{name!r} (for {role} slides)" for role, name in missing)
        raise TemplateError(
            path,
            f"no layout named {wanted}; the template has: {have}; "
            "choose others with `layouts:` in the outline",
        )
    for role, name in chosen.items():
        phs = layout_placeholders(by_name[name])
        idxs = {ph.placeholder_format.idx for ph in phs}
        lacking = [i for i in REQUIRED_PLACEHOLDERS[role] if i not in idxs]
        if lacking:
            listed = ", ".join(f"{ph.placeholder_format.idx} ({ph.name})" for ph in phs)
            raise TemplateError(
                path,
                f"layout {name!r} (for {role} slides) has no placeholder idx "
                f"{', '.join(map(str, lacking))}; it has: {listed or 'none'}; the template's "
                f"layouts are: {have}",
            )
    areas = {}
    for kind, (role, idx) in PICTURE_AREAS.items():
        ph = by_name[chosen[role]].placeholders.get(idx=idx)
        if ph is None or not ph.width or not ph.height:
            raise TemplateError(
                path, f"layout {chosen[role]!r} has no placeholder idx {idx} for the {kind} picture"
            )
        areas[kind] = (Emu(int(ph.width)).inches, Emu(int(ph.height)).inches)
    theme_xml = prs.slide_master.part.part_related_by(RT.THEME).blob
    colours, heading, body = read_theme_xml(theme_xml)
    return Theme(
        path=path,
        slide_width=int(prs.slide_width or 0),
        slide_height=int(prs.slide_height or 0),
        layouts=MappingProxyType(chosen),
        picture_areas=MappingProxyType(areas),
        colours=MappingProxyType(colours),
        body_font=body,
        heading_font=heading,
        keep_slides=keep_slides,
    )


def _choose_layouts(path: Path, overrides: Mapping[str, str]) -> dict[str, str]:
    """Return the default layout names with `overrides` merged over them."""
    chosen = dict(LAYOUT_NAMES)
    for role, name in overrides.items():
        if role not in chosen:
            valid = ", ".join(repr(r) for r in LAYOUT_NAMES)
            hint = did_you_mean(role, LAYOUT_NAMES)
            raise TemplateError(
                path, f"layouts: unknown slide kind {role!r}, expected one of {valid}{hint}"
            )
        chosen[role] = name
    return chosen


def read_theme_xml(xml: bytes) -> tuple[dict[str, str], str, str]:
    """Return the colour scheme and the (heading, body) latin fonts of a theme part."""
    from pptx.oxml import parse_xml

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
