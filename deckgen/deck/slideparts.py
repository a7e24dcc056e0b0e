"""Finished slides kept in the user cache folder, so a rebuild after a text edit lays out only
the slides that changed.

Laying out a slide (text fitting, placeholder styles, tables, pictures) is most of building a
deck once python-pptx is imported; after editing one slide's title the other slides come out
byte for byte as before. `<cache>/slides/<key>.slide` holds what an outline slide became: for
each of its deck slides (continuations included) the layout it was added on, its XML and its
relationships in order, with the pictures and speaker notes they lead to. The key (`part_key`)
is the slide's digest from `deckgen.reuse.slide_keys` (everything its renderer reads) with
where it lands: the number of its first deck slide (the footer shows it) and whether the deck
had speaker notes before it (the first notes make the notes master).

Replaying an entry adds the slides on the same layouts through python-pptx and puts the kept
XML in them, then adds the same pictures, notes and links in the same order: the parts are
named and numbered as a fresh layout names them, so the deck's bytes are those of a fresh build
(tests/deck/test_slideparts.py builds decks both ways). A slide whose relationships are not
those (a native chart, or gaps in its relationship ids) is not kept; neither is the slide that
makes the notes master. An entry that does not check out is laid out again and replaced.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.oxml import element_class_lookup
from pptx.presentation import Presentation as PresentationObject
from pptx.slide import Slide

from deckgen.cachedir import CorruptEntry, Entries

FORMAT_VERSION = 1
MAGIC = b"deckgen-slide %d\n" % FORMAT_VERSION
KEEP = 400
"""Entries kept: a few decks' slides, each in a few versions."""

_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)
"""python-pptx's element classes, every text node kept: a kept slide's XML parses back to the
tree it was written from, so it serialises to the same bytes."""
_PARSER.set_element_class_lookup(element_class_lookup)

IMAGE, NOTES, LINK = "image", "notes", "link"
_KINDS = {RT.IMAGE: IMAGE, RT.NOTES_SLIDE: NOTES, RT.HYPERLINK: LINK}
"""The relationships a kept slide may have besides its layout, by what replaying one adds."""


@dataclass(frozen=True)
class Relation:
    """One relationship of a kept slide: its id, what it leads to and that thing's data (a
    picture's bytes, the notes slide's XML, a link's address)."""

    rid: str
    kind: str
    data: bytes


@dataclass(frozen=True)
class KeptSlide:
    """One deck slide as laid out: its layout's name, its XML, its relationships after the
    layout's (rId1)."""

    layout: str
    xml: bytes
    relations: tuple[Relation, ...]


def part_key(slide_key: str, first_number: int, had_notes: bool) -> str:
    """Return the entry key of an outline slide whose digest is `slide_key`, landing at deck
    slide `first_number` in a deck that has speaker notes before it or not."""
    where = f"{slide_key}\0{first_number}\0{had_notes:d}".encode()
    return hashlib.sha256(MAGIC + where).hexdigest()


def has_notes_master(prs: PresentationObject) -> bool:
    """Return whether the deck has its notes master yet (made with the first speaker notes)."""
    return any(rel.reltype == RT.NOTES_MASTER for rel in prs.part.rels.values())


def kept(slides: list[Slide]) -> tuple[KeptSlide, ...] | None:
    """Return `slides` (an outline slide's deck slides, finished) as kept slides; None when
    one has a relationship a replay could not make again as it is."""
    out = []
    for slide in slides:
        rels = slide.part.rels
        ids = sorted(rels, key=lambda rid: int(rid[3:]) if rid[3:].isdigit() else 0)
        if ids != [f"rId{n}" for n in range(1, len(ids) + 1)]:
            return None  # a gap: python-pptx would fill it, numbering the rest otherwise
        first = rels["rId1"]
        if first.reltype != RT.SLIDE_LAYOUT:
            return None
        relations = []
        for rid in ids[1:]:
            rel = rels[rid]
            kind = _KINDS.get(rel.reltype)
            if kind is None or rel.is_external != (kind == LINK):
                return None
            if kind == LINK:
                data = rel.target_ref.encode()
            else:
                part = rel.target_part
                if kind == NOTES and not _plain_notes(part, slide.part):
                    return None
                data = part.blob
            relations.append(Relation(rid, kind, data))
        out.append(KeptSlide(slide.slide_layout.name, slide.part.blob, tuple(relations)))
    return tuple(out)


def _plain_notes(notes: Part, slide: Part) -> bool:
    """Return whether a notes slide relates to the notes master and its slide only, as one made
    by python-pptx does (a replay makes it so)."""
    targets = [(rel.reltype, rel.target_part) for rel in notes.rels.values()]
    return len(targets) == 2 and (RT.SLIDE, slide) in targets and RT.NOTES_MASTER in dict(targets)


def replay(kept_slides: tuple[KeptSlide, ...], add_slide: Callable[[str], Slide]) -> None:
    """Add `kept_slides` to the deck again: each on the layout named (`add_slide`), with its
    XML, then its relationships in order. ValueError when python-pptx numbers a relationship
    otherwise than it was (the deck is then not to be written)."""
    for kept_slide in kept_slides:
        slide = add_slide(kept_slide.layout)
        part = slide.part
        _set_xml(part, kept_slide.xml)
        for relation in kept_slide.relations:
            if relation.kind == IMAGE:
                _, rid = part.get_or_add_image_part(io.BytesIO(relation.data))
            elif relation.kind == NOTES:
                notes = slide.notes_slide.part
                _set_xml(notes, relation.data)
                rid = part.relate_to(notes, RT.NOTES_SLIDE)  # the relationship made just now
            else:
                rid = part.relate_to(relation.data.decode(), RT.HYPERLINK, is_external=True)
            if rid != relation.rid:
                raise ValueError(f"a replayed relationship is {rid}, not {relation.rid}")


def _set_xml(part: Part, xml: bytes) -> None:
    assert isinstance(part, XmlPart)
    part._element = etree.fromstring(xml, _PARSER)


@dataclass(frozen=True)
class SlideParts:
    """The entries in `<cache folder>/slides`."""

    folder: Path

    @property
    def entries(self) -> Entries:
        return Entries(self.folder, ".slide", KEEP)

    def find(self, key: str) -> tuple[KeptSlide, ...] | None:
        """Return the slides kept under `key`; None when there are none or the entry does not
        check out."""
        with suppress(OSError, CorruptEntry, ValueError, KeyError, TypeError, IndexError):
            raw = self.entries.read(key)
            if raw is not None:
                found = _unpack(raw)
                self.entries.used(key)
                return found
        return None

    def keep(self, key: str, slides: tuple[KeptSlide, ...]) -> None:
        """Keep `slides` under `key`; a folder that cannot be written is no error."""
        with suppress(OSError):
            self.entries.write(key, _pack(slides))


def _pack(slides: tuple[KeptSlide, ...]) -> bytes:
    """Return an entry: the magic line, a JSON header of the slides (each blob by its length)
    with the SHA-256 of the blobs, a newline, the blobs."""
    blobs: list[bytes] = []

    def blob(data: bytes) -> int:
        blobs.append(data)
        return len(data)

    header = [
        {
            "layout": s.layout,
            "xml": blob(s.xml),
            "relations": [[r.rid, r.kind, blob(r.data)] for r in s.relations],
        }
        for s in slides
    ]
    body = b"".join(blobs)
    head = {"slides": header, "sha256": hashlib.sha256(body).hexdigest()}
    return MAGIC + json.dumps(head).encode() + b"\n" + body


def _unpack(raw: bytes) -> tuple[KeptSlide, ...]:
    """Return the slides of an entry `_pack` wrote; ValueError (or KeyError, TypeError) when it
    is not one or its blobs do not check out."""
    if not raw.startswith(MAGIC):
        raise ValueError("not a slide entry")
    head_text, _, body = raw[len(MAGIC) :].partition(b"\n")
    head = json.loads(head_text)
    if hashlib.sha256(body).hexdigest() != head["sha256"]:
        raise ValueError("the slide entry is damaged")
    at = 0

    def blob(length: int) -> bytes:
        nonlocal at
        if not isinstance(length, int) or length < 0 or at + length > len(body):
            raise ValueError("the slide entry is damaged")
        at += length
        return body[at - length : at]

    slides = tuple(
        KeptSlide(
            str(s["layout"]),
            blob(s["xml"]),
            tuple(Relation(str(rid), str(kind), blob(n)) for rid, kind, n in s["relations"]),
        )
        for s in head["slides"]
    )
    if at != len(body) or any(
        r.kind not in (IMAGE, NOTES, LINK) for s in slides for r in s.relations
    ):
        raise ValueError("the slide entry is damaged")
    return slides
