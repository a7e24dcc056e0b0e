"""`layout_problems`: read LibreOffice's rendering of a deck back from its PDF's word boxes.

An oracle that shares no code with `deckgen.deck.fit`: it fails on a word outside its page and
on words drawn over each other (a wrapped line run into the caption under it).
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"
OVERLAP = 0.4
"""Share of the lower word's height two boxes may share: lines set solid touch a little."""


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def pages(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    """Return each page's width, height and words, as `pdftotext -bbox` reads them."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=120
    ).stdout
    root = ET.fromstring(html)
    found = []
    for page in root.iter(f"{XHTML}page"):
        words = [
            Word(w.text or "", *(float(w.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter(f"{XHTML}word")
        ]
        found.append((float(page.attrib["width"]), float(page.attrib["height"]), words))
    return found


def layout_problems(pdf: Path) -> list[str]:
    """Return a line for every word outside its page and every two words drawn over each
    other."""
    problems = []
    for number, (width, height, words) in enumerate(pages(pdf), start=1):
        for w in words:
            if w.x0 < 0 or w.y0 < 0 or w.x1 > width or w.y1 > height:
                problems.append(f"page {number}: {w.text!r} lies outside the page")
        for i, a in enumerate(words):
            for b in words[i + 1 :]:
                across = min(a.x1, b.x1) - max(a.x0, b.x0)
                down = min(a.y1, b.y1) - max(a.y0, b.y0)
                if across > 1 and down > OVERLAP * min(a.y1 - a.y0, b.y1 - b.y0):
                    problems.append(f"page {number}: {a.text!r} and {b.text!r} overlap")
    return problems
