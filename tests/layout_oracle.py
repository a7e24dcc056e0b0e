"""An independent layout oracle: what LibreOffice actually drew, read back from its PDF.

deckgen sizes text with its own font measurements (deckgen/deck/fit.py), and
tests/deck/overflow.py checks a deck with those same measurements, so a mistake in them passes
both. This oracle shares no code with deckgen: LibreOffice renders the .pptx to PDF,
`pdftotext -bbox-layout` (poppler) reports the box of every word it drew, and the findings are
what a person would see on the slide:

- `outside`: a word that lies, wholly or in part, outside its slide. LibreOffice writes such
  words into the PDF but poppler drops what lies off the page, so every page's MediaBox is first
  widened by one slide in each direction (an incremental update of the PDF);
- `collision`: two words whose boxes overlap by more than `OVERLAP` of the smaller one in both
  directions. Lines of a paragraph and a big number above its caption touch by a fifth of a
  line at most; text drawn over other text overlaps far more. A word of punctuation only (the
  quote slide's large opening quotation mark) is left out: its box spans the font's whole
  height while its ink sits at the top;
- `template`: Jinja syntax (`{{`, `{%`, `{#`) in the text of a slide;
- `outside its shape` (asked for with `within_shapes`): a word that does not lie inside the box
  of a shape holding text whose box holds the word's centre (across to the point, down within
  `LINE_SLACK`), the boxes as the .pptx places them (read by python-pptx, not by deckgen's
  sizing): text that ran out of its box, even where it stays on the slide and over no other text;
- `pages`: a PDF whose page count differs from the deck's slide count.

Pictures (charts) are images, not words: text drawn over a chart is not seen here.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.shapes.base import BaseShape
from pptx.util import Emu

OUTSIDE_TOLERANCE_PT = 1.0
"""How far a word's box may poke out of its slide (anti-aliasing, italic overhang)."""

OVERLAP = 0.35
"""The share of the smaller box, across and down, that two colliding words must both share."""

LINE_SLACK = 0.25
"""How far, as a share of its box's height, a word may poke above or below its text shape.

poppler's word box spans the font's whole ascent and descent, more than the line LibreOffice
sets: a 64 pt number anchored to the bottom of a box exactly one line high pokes out of it by
an eighth of its word box. A line that ran out of its box pokes out by half a line or more."""

TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#")
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.\s]+?)\s*\]")
_PAGE_OBJECT = re.compile(rb"(?s)(\d+) 0 obj\s*(<<.*?)\s*endobj")
_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")


@dataclass(frozen=True)
class Box:
    """A rectangle on a slide, in points, from the slide's top left corner."""

    left: float
    top: float
    right: float
    bottom: float

    def __str__(self) -> str:
        return f"({self.left:.0f}, {self.top:.0f})-({self.right:.0f}, {self.bottom:.0f}) pt"


@dataclass(frozen=True)
class Word:
    text: str
    box: Box
    line: int
    """The word's line on its page, as poppler grouped them (for readable messages)."""


@dataclass(frozen=True)
class Page:
    slide: int
    width: float
    height: float
    words: tuple[Word, ...]

    def text(self) -> str:
        lines: dict[int, list[str]] = {}
        for word in self.words:
            lines.setdefault(word.line, []).append(word.text)
        return "\n".join(" ".join(words) for words in lines.values())


@dataclass(frozen=True)
class Finding:
    """One thing wrong on one slide, with the words and boxes that show it."""

    slide: int
    kind: str
    words: tuple[Word, ...] = ()
    detail: str = ""

    def __str__(self) -> str:
        shown = " and ".join(f"{w.text!r} at {w.box}" for w in self.words)
        return f"slide {self.slide}: {self.kind}: {shown}{self.detail}"


def check_decks(
    decks: Sequence[Path],
    workdir: Path,
    *,
    hide_fonts: Sequence[str] = (),
    within_shapes: bool = False,
) -> dict[Path, list[Finding]]:
    """Render `decks` with LibreOffice in one run and return each deck's findings.

    `hide_fonts`: font file name patterns LibreOffice must not see (e.g. "Carlito"), to look at
    the decks as a machine without them draws them. `within_shapes`: also every word outside
    its text shape's box.
    """
    pdfs = render_pdfs(decks, workdir, hide_fonts=hide_fonts)
    found = {}
    for deck, pdf in pdfs.items():
        pages = read_pages(pdf)
        findings = layout_findings(pages)
        if within_shapes:
            findings += words_outside_shapes(pages, text_shapes(deck))
        slides = len(Presentation(str(deck)).slides)
        if len(pages) != slides:
            detail = f"the PDF has {len(pages)} pages for {slides} slides"
            findings.insert(0, Finding(0, "pages", detail=detail))
        found[deck] = findings
    return found


def assert_layout_clean(
    decks: Sequence[Path] | Path,
    workdir: Path,
    *,
    hide_fonts: Sequence[str] = (),
    within_shapes: bool = False,
) -> None:
    """Fail, listing every finding by deck and slide, unless LibreOffice drew every deck clean."""
    if isinstance(decks, Path):
        decks = [decks]
    checked = check_decks(decks, workdir, hide_fonts=hide_fonts, within_shapes=within_shapes)
    report = [
        f"{deck.name}: {finding}" for deck, findings in checked.items() for finding in findings
    ]
    assert not report, "LibreOffice's rendering shows:\n" + "\n".join(report)


def assert_pdf_clean(pdf: Path) -> None:
    """Fail, listing every finding, unless the PDF (LibreOffice's, of a deck) is clean."""
    report = [str(finding) for finding in layout_findings(read_pages(pdf))]
    assert not report, f"{pdf.name} shows:\n" + "\n".join(report)


def render_pdfs(
    decks: Sequence[Path], workdir: Path, *, hide_fonts: Sequence[str] = ()
) -> dict[Path, Path]:
    """Convert `decks` to PDF with one LibreOffice run; return each deck's PDF."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice and shutil.which("pdftotext"), "run `make system-deps` (LibreOffice, poppler)"
    sources, out = workdir / "decks", workdir / "pdf"
    sources.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if hide_fonts:  # fontconfig, which LibreOffice asks for fonts on Linux, rejects them
        rejected = "".join(f"<glob>*{name}*</glob>" for name in hide_fonts)
        config = workdir / "fonts.conf"
        config.write_text(
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
            f"  <selectfont><rejectfont>{rejected}</rejectfont></selectfont>\n</fontconfig>\n"
        )
        env["FONTCONFIG_FILE"] = str(config)
    copies = {}
    for number, deck in enumerate(decks):  # unique names: decks from many folders share stems
        copies[deck] = sources / f"{number:03d}-{deck.stem}.pptx"
        shutil.copyfile(deck, copies[deck])
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(workdir / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, copies.values()),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env=env,
    )
    pdfs = {deck: out / f"{copy.stem}.pdf" for deck, copy in copies.items()}
    missing = [str(deck) for deck, pdf in pdfs.items() if not pdf.is_file()]
    assert not missing, f"LibreOffice did not convert {missing}: {done.stderr}"
    for pdf in pdfs.values() if hide_fonts else ():
        listed = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True, timeout=60
        ).stdout
        used = [name for name in hide_fonts if name.lower() in listed.lower()]
        assert not used, f"{pdf.name} uses {used} although they were hidden:\n{listed}"
    return pdfs


def read_pages(pdf: Path) -> list[Page]:
    """Return the words LibreOffice drew on each page of `pdf`, also those off the page."""
    wide, widened = _widened(pdf.read_bytes())
    with tempfile.TemporaryDirectory(prefix="layout-oracle-") as temp:
        wide_pdf = Path(temp) / "wide.pdf"
        wide_pdf.write_bytes(wide)
        done = subprocess.run(
            ["pdftotext", "-bbox-layout", str(wide_pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
    root = ElementTree.fromstring(re.sub(r'\sxmlns="[^"]+"', "", done.stdout, count=1))
    pages = []
    for number, page in enumerate(root.iter("page"), start=1):
        # the widened page is three slides wide and high, the slide in its middle
        width, height = float(page.get("width", "0")) / 3, float(page.get("height", "0")) / 3
        words = []
        for line_number, line in enumerate(page.iter("line")):
            for word in line.iter("word"):
                left, top, right, bottom = (
                    float(word.get(key, "0")) for key in ("xMin", "yMin", "xMax", "yMax")
                )
                box = Box(left - width, top - height, right - width, bottom - height)
                words.append(Word(word.text or "", box, line_number))
        pages.append(Page(number, width, height, tuple(words)))
    assert len(pages) == widened, f"{pdf}: {widened} page objects widened for {len(pages)} pages"
    return pages


def layout_findings(pages: Iterable[Page]) -> list[Finding]:
    """Return every word off its slide, every pair of colliding words, every template tag."""
    findings = []
    for page in pages:
        tol = OUTSIDE_TOLERANCE_PT
        for word in page.words:
            b = word.box
            if (
                b.left < -tol
                or b.top < -tol
                or b.right > page.width + tol
                or (b.bottom > page.height + tol)
            ):
                findings.append(Finding(page.slide, "outside", (word,)))
        inked = [w for w in page.words if not _PUNCTUATION_ONLY.match(w.text)]
        for a, b in itertools.combinations(inked, 2):
            if _collide(a.box, b.box):
                findings.append(Finding(page.slide, "collision", (a, b)))
        for line in page.text().splitlines():
            if TEMPLATE_SYNTAX.search(line):
                findings.append(Finding(page.slide, "template", detail=f"{line!r}"))
    return findings


@dataclass(frozen=True)
class TextShape:
    """A shape that holds text (a text frame, a table, a native chart) and its box on the slide."""

    name: str
    box: Box


def text_shapes(deck: Path) -> list[tuple[TextShape, ...]]:
    """Return, slide by slide, the shapes of `deck` that hold text, boxed as the file says."""
    return [
        tuple(
            TextShape(shape.name, _box(shape))
            for shape in _flat(slide.shapes)
            if shape.has_chart
            or getattr(shape, "has_table", False)
            or (shape.has_text_frame and shape.text_frame.text.strip())  # type: ignore[attr-defined]
        )
        for slide in Presentation(str(deck)).slides
    ]


def words_outside_shapes(
    pages: Sequence[Page], shapes: Sequence[tuple[TextShape, ...]]
) -> list[Finding]:
    """Return every word that no text shape whose box holds its centre holds whole."""
    findings = []
    tol = OUTSIDE_TOLERANCE_PT
    for page, boxes in zip(pages, shapes, strict=False):  # a missing page is `pages`' finding
        for word in page.words:
            b = word.box
            x, y = (b.left + b.right) / 2, (b.top + b.bottom) / 2
            holders = [s for s in boxes if _holds(s.box, Box(x, y, x, y), 0, 0)]
            if not any(
                _holds(s.box, b, tol, tol + LINE_SLACK * (b.bottom - b.top)) for s in holders
            ):
                names = ", ".join(repr(s.name) for s in holders) or "no text shape"
                detail = f" (its centre is in {names})"
                findings.append(Finding(page.slide, "outside its shape", (word,), detail))
    return findings


def _holds(outer: Box, inner: Box, across: float, down: float) -> bool:
    """Return whether `outer` holds `inner`, give or take `across` and `down` points."""
    return (
        inner.left >= outer.left - across
        and inner.right <= outer.right + across
        and inner.top >= outer.top - down
        and inner.bottom <= outer.bottom + down
    )


def _box(shape: BaseShape) -> Box:
    left, top = Emu(shape.left or 0).pt, Emu(shape.top or 0).pt
    return Box(left, top, left + Emu(shape.width or 0).pt, top + Emu(shape.height or 0).pt)


def _flat(shapes: Iterable[BaseShape]) -> Iterable[BaseShape]:
    for shape in shapes:
        assert shape.shape_type != MSO_SHAPE_TYPE.GROUP, (
            "group shapes: boxes are in the group's frame"
        )
        yield shape


def _collide(a: Box, b: Box) -> bool:
    across = min(a.right, b.right) - max(a.left, b.left)
    down = min(a.bottom, b.bottom) - max(a.top, b.top)
    narrower = min(a.right - a.left, b.right - b.left)
    lower = min(a.bottom - a.top, b.bottom - b.top)
    return across > OVERLAP * narrower and down > OVERLAP * lower


def _widened(pdf: bytes) -> tuple[bytes, int]:
    """Return `pdf` with every page's MediaBox one page larger on each side, and the page count.

    Appended as an incremental update (new page objects, an xref section, a trailer pointing
    back to the old one), so the original bytes and their offsets stay valid.
    """
    start = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    trailer = pdf[pdf.rindex(b"trailer") :]
    size = re.search(rb"/Size\s+(\d+)", trailer)
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", trailer)
    assert size and root, "the PDF has no classic trailer"
    body = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = {}
    for match in _PAGE_OBJECT.finditer(pdf):
        number, obj = int(match.group(1)), match.group(2)
        box = _MEDIA_BOX.search(obj)
        if box is None or b"stream" in obj or not re.search(rb"/Type\s*/Page(?![a-zA-Z])", obj):
            continue
        x0, y0, x1, y1 = (float(v) for v in box.group(1).split())
        w, h = x1 - x0, y1 - y0
        wider = f"/MediaBox[{x0 - w:.4f} {y0 - h:.4f} {x1 + w:.4f} {y1 + h:.4f}]".encode()
        offsets[number] = len(body)
        body += b"%d 0 obj\n" % number + obj[: box.start()] + wider + obj[box.end() :]
        body += b"\nendobj\n"
    xref = len(body)
    body += b"xref\n"
    for number, offset in sorted(offsets.items()):
        body += b"%d 1\n%010d 00000 n \n" % (number, offset)
    body += b"trailer\n<</Size %s/Root %s/Prev %d>>\n" % (size.group(1), root.group(1), start)
    body += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(body), len(offsets)
