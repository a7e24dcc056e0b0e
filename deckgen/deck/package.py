"""The .pptx file itself: open a template, empty it, stamp properties, write stable bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from pptx import Presentation
from pptx.presentation import Presentation as PresentationObject

from deckgen.errors import DeckError

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_DECK_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def open_template(path: Path) -> PresentationObject:
    """Open a .pptx or .potx; DeckError when it is missing or not a presentation."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DeckError(f"template {path}: cannot read it ({e.strerror or e})") from e
    try:
        return Presentation(io.BytesIO(_as_presentation(data)))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise DeckError(f"template {path}: not a PowerPoint presentation or template") from e


def _as_presentation(data: bytes) -> bytes:
    """Relabel a .potx as a .pptx: python-pptx refuses the template content type."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        types = src.read("[Content_Types].xml")
        if _TEMPLATE_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                blob = src.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    blob = blob.replace(_TEMPLATE_TYPE, _DECK_TYPE)
                dst.writestr(info, blob)
        return out.getvalue()


def remove_slides(prs: PresentationObject) -> None:
    """Drop the slides a template came with: the deck has only the outline's slides."""
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        prs.part.drop_rel(sld_id.rId)
        id_list.remove(sld_id)


def stamp(prs: PresentationObject, *, title: str, author: str, as_of: date) -> None:
    """Set the core properties; dates are the as-of day, so a rebuild gives the same file."""
    props = prs.core_properties
    stamp_time = datetime.combine(as_of, time())
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = props.modified = stamp_time
    props.revision = 1
    props.subject = props.comments = props.keywords = props.category = ""


def stable_bytes(prs: PresentationObject) -> bytes:
    """Return the saved presentation with fixed zip timestamps (python-pptx stamps "now")."""
    raw = io.BytesIO()
    prs.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
