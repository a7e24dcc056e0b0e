"""Build templates/default.pptx, deckgen's own theme, from python-pptx's bundled template.

Run `python templates/build_theme.py` after editing this file and commit both. The output is
byte-for-byte reproducible (fixed zip timestamps and core properties), so a rebuild that changes
nothing shows no diff.

Design: 16:9, white content slides with a navy title and a short vermilion accent bar; navy
title and closing slides carrying a small bar-chart motif whose last bar is the accent colour
(the "new contributors" colour of the charts); a light section slide with an accent edge.
Placeholder idx values follow PowerPoint's stock layouts (body 1/2, date 10, footer 11, slide
number 12) so that corporate templates with the same layout names work too; the extra texts
(title byline, big-numbers sentence, closing items) use idx 13.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.util import Emu, Inches

OUT = Path(__file__).resolve().parent / "default.pptx"

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)

# --- palette and type ----------------------------------------------------------------------------
DK1 = "1F2633"  # body text: near-black slate
LT1 = "FFFFFF"
DK2 = "1B2A41"  # navy: titles, dark slides, "old" series
LT2 = "F2F4F7"  # very light grey: section slides, tiles
ACCENTS = ("E4572E", "2A9D8F", "E9C46A", "6C7A89", "3D5A80", "98C1D9")
HLINK, FOLHLINK = "E4572E", "6C7A89"
FONT = "Calibri"  # LibreOffice renders it with Carlito, its metric twin

MUTED = "5B6675"  # subtitles and captions on white
FAINT = "8A94A3"  # footers on white
ON_DARK = "C9D3E1"  # secondary text on navy
ON_DARK_FAINT = "9AAAC0"
MOTIF = "2A3C58"  # the bar motif on navy: a shade lighter than the background

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in
MARGIN = 0.75
CONTENT_W = 13.333 - 2 * MARGIN


def emu(inches: float) -> int:
    return int(Inches(inches))


# --- small XML builders --------------------------------------------------------------------------
def solid(colour: str) -> str:
    if colour.startswith("scheme:"):
        return f'<a:solidFill><a:schemeClr val="{colour[7:]}"/></a:solidFill>'
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def xfrm(x: float, y: float, w: float, h: float) -> str:
    return (
        f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'
    )


@dataclass(frozen=True)
class Box:
    """A decoration: a filled rectangle without outline."""

    name: str
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass(frozen=True)
class Ph:
    """A placeholder on a layout: type, idx, box and the style overrides of its first level."""

    kind: str  # title, ctrTitle, subTitle, body (text), obj (any content), pic, dt, ftr, sldNum
    idx: int
    name: str
    x: float
    y: float
    w: float
    h: float
    size: int | None = None  # points
    colour: str | None = None
    bold: bool | None = None
    align: str | None = None
    anchor: str | None = None
    bullets: bool = True
    prompt: str = ""


def box_xml(shape_id: int, b: Box) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{b.name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm(b.x, b.y, b.w, b.h)}'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{solid(b.colour)}<a:ln><a:noFill/></a:ln>'
        f'</p:spPr><p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p>'
        f'<a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>'
    )


def ph_xml(shape_id: int, ph: Ph) -> str:
    type_attr = "" if ph.kind == "obj" else f' type="{ph.kind}"'
    idx_attr = "" if ph.idx == 0 else f' idx="{ph.idx}"'
    size_attr = {"dt": ' sz="half"', "ftr": ' sz="quarter"', "sldNum": ' sz="quarter"'}.get(
        ph.kind, ""
    )
    ppr_attrs = ""
    if ph.align:
        ppr_attrs += f' algn="{ph.align}"'
    if not ph.bullets:
        ppr_attrs += ' marL="0" indent="0"'
    rpr_attrs = ""
    if ph.size:
        rpr_attrs += f' sz="{ph.size * 100}"'
    if ph.bold is not None:
        rpr_attrs += f' b="{int(ph.bold)}"'
    rpr_inner = solid(ph.colour) if ph.colour else ""
    if ph.kind in ("dt", "ftr", "sldNum"):
        # LibreOffice does not inherit the master's font for footers: name it on each one.
        rpr_inner += (
            '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
        )
    bu = "<a:buNone/>" if not ph.bullets else ""
    lst = ""
    if ppr_attrs or rpr_attrs or rpr_inner or bu:
        lst = f"<a:lvl1pPr{ppr_attrs}>{bu}<a:defRPr{rpr_attrs}>{rpr_inner}</a:defRPr></a:lvl1pPr>"
    anchor = f' anchor="{ph.anchor}"' if ph.anchor else ""
    if ph.kind == "sldNum":
        para = (
            '<a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
            '<a:rPr lang="en-US"/><a:t>‹#›</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p>'
        )
    elif ph.kind == "dt":
        para = (
            '<a:p><a:fld id="{A5D1A1B6-4F7A-4E7B-9C5E-2D0F1D0C7E11}" type="datetime1">'
            '<a:rPr lang="en-US"/><a:t>1/1/2026</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p>'
        )
    elif ph.prompt:
        para = f'<a:p><a:r><a:rPr lang="en-US"/><a:t>{ph.prompt}</a:t></a:r></a:p>'
    else:
        para = '<a:p><a:endParaRPr lang="en-US"/></a:p>'
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{ph.name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph{type_attr}{size_attr}{idx_attr}/></p:nvPr></p:nvSpPr>"
        f"<p:spPr>{xfrm(ph.x, ph.y, ph.w, ph.h)}</p:spPr>"
        f"<p:txBody><a:bodyPr{anchor}/><a:lstStyle>{lst}</a:lstStyle>{para}</p:txBody></p:sp>"
    )


def sp_tree(shapes: list[Box | Ph]) -> str:
    parts = []
    for i, shape in enumerate(shapes, start=2):
        parts.append(box_xml(i, shape) if isinstance(shape, Box) else ph_xml(i, shape))
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
        f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{"".join(parts)}</p:spTree>'
    )


def background(colour: str) -> str:
    return f"<p:bg><p:bgPr>{solid(colour)}<a:effectLst/></p:bgPr></p:bg>"


# --- the master ----------------------------------------------------------------------------------
FOOT_Y, FOOT_H = 6.93, 0.36


# fmt: off
def footers(dark: bool = False, idx: tuple[int, int, int] = (10, 11, 12)) -> list[Box | Ph]:
    colour = ON_DARK_FAINT if dark else FAINT
    return [
        Ph("dt", idx[0], "Date Placeholder", 8.6, FOOT_Y, 2.6, FOOT_H, 12, colour, align="r",
           anchor="ctr"),
        Ph("ftr", idx[1], "Footer Placeholder", MARGIN, FOOT_Y, 7.6, FOOT_H, 12, colour, align="l",
           anchor="ctr"),
        Ph("sldNum", idx[2], "Slide Number Placeholder", 11.33, FOOT_Y, 1.25, FOOT_H, 12, colour,
           bold=True, align="r", anchor="ctr"),
    ]


# fmt: on


def level(n: int, size: int, mar: float, bullet: str, colour: str, before: int) -> str:
    bu = (
        f'<a:buClr><a:srgbClr val="{ACCENTS[0]}"/></a:buClr><a:buSzPct val="100000"/>'
        f'<a:buFont typeface="Arial"/><a:buChar char="{bullet}"/>'
    )
    return (
        f'<a:lvl{n}pPr marL="{emu(mar)}" indent="{-emu(0.3)}" algn="l" defTabSz="914400" rtl="0">'
        f'<a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="{before * 100}"/>'
        f'</a:spcBef>{bu}<a:defRPr sz="{size * 100}" kern="1200">{solid(colour)}'
        '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr>'
        f"</a:lvl{n}pPr>"
    )


def _heading(name: str) -> Ph:
    """The slide title of the master and the content layouts: top left, anchored at its foot."""
    prompt = "Click to edit the title"
    return Ph("title", 0, name, MARGIN, 0.42, CONTENT_W, 0.98, anchor="b", prompt=prompt)


def master_xml(layout_ids: list[str]) -> str:
    shapes: list[Box | Ph] = [
        _heading("Title Placeholder"),
        Ph("body", 1, "Text Placeholder", MARGIN, 1.8, CONTENT_W, 4.8, prompt="Click to edit text"),
    ]
    master_footers = footers(idx=(2, 3, 4))
    body_levels = "".join(
        [
            level(1, 24, 0.3, "•", DK1, 12),
            level(2, 20, 0.68, "–", MUTED, 4),
            level(3, 18, 1.04, "•", MUTED, 2),
        ]
        + [level(n, 18, 0.36 * n, "•", MUTED, 2) for n in range(4, 10)]
    )
    other = "".join(
        f'<a:lvl{n}pPr marL="{emu(0.5 * (n - 1))}" algn="l" defTabSz="914400" rtl="0">'
        f'<a:defRPr sz="1800" kern="1200">{solid("scheme:tx1")}<a:latin typeface="+mn-lt"/>'
        f'<a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{n}pPr>'
        for n in range(1, 10)
    )
    layouts = "".join(
        f'<p:sldLayoutId id="{2147483649 + i}" r:id="{rid}"/>' for i, rid in enumerate(layout_ids)
    )
    return (
        f"<p:sldMaster {NS}><p:cSld>{background('FFFFFF')}{sp_tree(shapes + master_footers)}"
        '</p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" '
        'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" '
        'accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
        f"<p:sldLayoutIdLst>{layouts}</p:sldLayoutIdLst><p:txStyles>"
        '<p:titleStyle><a:lvl1pPr algn="l" defTabSz="914400" rtl="0">'
        '<a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef>'
        f'<a:buNone/><a:defRPr sz="3200" b="1" kern="1200">{solid("scheme:tx2")}'
        '<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/>'
        "</a:defRPr></a:lvl1pPr></p:titleStyle>"
        f"<p:bodyStyle>{body_levels}</p:bodyStyle><p:otherStyle>{other}</p:otherStyle>"
        "</p:txStyles></p:sldMaster>"
    )


# --- the layouts ---------------------------------------------------------------------------------
def motif() -> list[Box | Ph]:
    """Six rising bars in the bottom-right corner of the dark slides; the last one is the accent."""
    heights = (0.9, 1.25, 1.15, 1.7, 2.05, 2.6)
    bars: list[Box | Ph] = []
    for i, h in enumerate(heights):
        colour = ACCENTS[0] if i == len(heights) - 1 else MOTIF
        bars.append(Box(f"Motif {i + 1}", 9.85 + i * 0.46, 6.55 - h, 0.32, h, colour))
    return bars


def content_title() -> list[Box | Ph]:
    return [
        _heading("Title"),
        Box("Accent Bar", MARGIN + 0.1, 1.52, 0.9, 0.07, ACCENTS[0]),
    ]


# fmt: off
def layout_specs() -> list[tuple[str, str | None, str | None, list[Box | Ph]]]:
    """Return (name, PowerPoint layout type, background, shapes) for every layout."""
    body_top, body_h = 1.85, 4.8
    return [
        ("Title", "title", DK2, [
            *motif(),
            Ph("ctrTitle", 0, "Title", MARGIN, 0.9, 8.9, 3.1, 46, LT1, True, "l", "b",
               bullets=False, prompt="Talk title"),
            Box("Accent Bar", MARGIN + 0.1, 4.2, 1.1, 0.09, ACCENTS[0]),
            Ph("subTitle", 1, "Subtitle", MARGIN, 4.42, 8.9, 0.9, 24, ON_DARK, False, "l", "t",
               bullets=False, prompt="Subtitle"),
            Ph("body", 13, "Byline", MARGIN, 5.45, 8.9, 1.1, 18, ON_DARK_FAINT, False, "l", "b",
               bullets=False, prompt="Speaker, role · event, date"),
            *footers(dark=True),
        ]),
        ("Section", "secHead", LT2, [
            Box("Accent Edge", 0, 0, 0.28, 7.5, ACCENTS[0]),
            Ph("title", 0, "Title", MARGIN, 1.2, CONTENT_W, 2.8, 40, DK2, True, "l", "b",
               prompt="Section title"),
            Box("Accent Bar", MARGIN + 0.1, 4.2, 1.1, 0.09, ACCENTS[0]),
            Ph("body", 1, "Subtitle", MARGIN, 4.42, CONTENT_W, 1.6, 22, MUTED, False, "l", "t",
               bullets=False, prompt="Section subtitle"),
            *footers(),
        ]),
        ("Content", "obj", None, [
            *content_title(),
            Ph("obj", 1, "Content", MARGIN, body_top, CONTENT_W, body_h, prompt="Text"),
            *footers(),
        ]),
        ("Two Content", "twoObj", None, [
            *content_title(),
            Ph("obj", 1, "Left Content", MARGIN, body_top, 5.7, body_h, prompt="Text"),
            Ph("obj", 2, "Right Content", MARGIN + CONTENT_W - 5.7, body_top, 5.7, body_h,
               prompt="Text"),
            *footers(),
        ]),
        ("Big Numbers", "titleOnly", None, [
            *content_title(),
            Ph("body", 13, "Text", MARGIN, 5.65, CONTENT_W, 0.95, 20, MUTED, False, "l", "t",
               bullets=False, prompt="A sentence under the numbers"),
            *footers(),
        ]),
        ("Picture with Caption", "picTx", None, [
            *content_title(),
            Ph("pic", 1, "Picture", MARGIN, 1.8, CONTENT_W, 4.35, prompt="Chart"),
            Ph("body", 2, "Caption", MARGIN, 6.2, CONTENT_W, 0.66, 16, MUTED, False, "l", "t",
               bullets=False, prompt="Caption"),
            *footers(),
        ]),
        ("Closing", None, DK2, [
            *motif(),
            Ph("title", 0, "Title", MARGIN, 0.9, 8.9, 2.1, 44, LT1, True, "l", "b",
               prompt="Thank you"),
            Box("Accent Bar", MARGIN + 0.1, 3.2, 1.1, 0.09, ACCENTS[0]),
            Ph("subTitle", 1, "Subtitle", MARGIN, 3.42, 8.9, 0.6, 24, "F08A6C", False, "l", "t",
               bullets=False, prompt="https://example.org"),
            Ph("body", 13, "Items", MARGIN, 4.15, 8.9, 2.45, 20, ON_DARK, False, "l", "t",
               bullets=False, prompt="Where to contribute"),
            *footers(dark=True),
        ]),
    ]


# fmt: on


def layout_xml(name: str, kind: str | None, bg: str | None, shapes: list[Box | Ph]) -> str:
    type_attr = f' type="{kind}"' if kind else ""
    show_master = ' showMasterSp="0"' if bg else ""
    return (
        f'<p:sldLayout {NS}{type_attr}{show_master} preserve="1">'
        f'<p:cSld name="{name}">{background(bg) if bg else ""}{sp_tree(shapes)}</p:cSld>'
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


# --- the theme part ------------------------------------------------------------------------------
def edit_theme(xml: bytes) -> bytes:
    theme = parse_xml(xml)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    theme.set("name", "deckgen")
    scheme = theme.find(f"{a}themeElements/{a}clrScheme")
    scheme.set("name", "deckgen")
    colours = {"dk1": DK1, "lt1": LT1, "dk2": DK2, "lt2": LT2, "hlink": HLINK, "folHlink": FOLHLINK}
    colours.update({f"accent{i}": c for i, c in enumerate(ACCENTS, start=1)})
    for slot, value in colours.items():
        el = scheme.find(f"{a}{slot}")
        for child in list(el):
            el.remove(child)
        el.append(parse_xml(f'<a:srgbClr {NS} val="{value}"/>'))
    fonts = theme.find(f"{a}themeElements/{a}fontScheme")
    fonts.set("name", "deckgen")
    for which in ("majorFont", "minorFont"):
        fonts.find(f"{a}{which}/{a}latin").set("typeface", FONT)
    from lxml import etree

    return bytes(etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True))


# --- assembly ------------------------------------------------------------------------------------
def build() -> bytes:
    """Return the bytes of default.pptx."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.part._element.sldSz.attrib.pop("type", None)

    master = prs.slide_master
    master_part = master.part
    specs = layout_specs()
    layout_rels = [r for r in master_part.rels.values() if r.reltype == RT.SLIDE_LAYOUT]
    layout_rels.sort(key=lambda r: int(r.rId.removeprefix("rId")))
    keep, drop = layout_rels[: len(specs)], layout_rels[len(specs) :]
    for rel, (name, kind, bg, shapes) in zip(keep, specs, strict=True):
        rel.target_part._element = parse_xml(layout_xml(name, kind, bg, shapes))
    for rel in drop:
        master_part.drop_rel(rel.rId)
    master_part._element = parse_xml(master_xml([r.rId for r in keep]))

    theme_part = master_part.part_related_by(RT.THEME)
    theme_part._blob = edit_theme(theme_part.blob)

    props = prs.core_properties
    props.title = "deckgen default theme"
    props.author = props.last_modified_by = "deckgen"
    props.comments = "Built by templates/build_theme.py"
    props.revision = 1
    props.created = props.modified = datetime(2026, 1, 1)

    out = io.BytesIO()
    prs.save(out)
    return normalise_zip(out.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so identical content gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


if __name__ == "__main__":
    OUT.write_bytes(build())
