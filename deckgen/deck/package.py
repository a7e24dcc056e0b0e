"""The .pptx file itself: open a template, empty it, stamp properties, write stable bytes."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import UTC, date, datetime, time
from pathlib import Path

from pptx import Presentation
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter
from pptx.presentation import Presentation as PresentationObject

from deckgen.deck.xpath import install as install_compiled_xpath
from deckgen.errors import DeckError, TemplateError

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)([^<]*)(</dcterms:)")
_DECK_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def open_template(path: Path) -> PresentationObject:
    """Open a .pptx or .potx; TemplateError when it is missing or not a presentation."""
    install_compiled_xpath()
    try:
        data = path.read_bytes()
    except OSError as e:
        raise TemplateError(path, f"cannot read it ({e.strerror or e})") from e
    try:
        return Presentation(io.BytesIO(_as_presentation(data)))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise TemplateError(path, "not a PowerPoint presentation or template") from e


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


def stamp_time(as_of: date) -> datetime:
    """Return the deck's creation time: `SOURCE_DATE_EPOCH` when set, else `as_of` at midnight.

    Naive UTC, as the core properties store it.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError) as e:
            raise DeckError(f"SOURCE_DATE_EPOCH={epoch!r}: not a Unix time in seconds") from e
    return datetime.combine(as_of, time())


def stamp(prs: PresentationObject, *, title: str, author: str, as_of: date) -> None:
    """Set the core properties; dates are fixed, so a rebuild gives the same file."""
    props = prs.core_properties
    when = stamp_time(as_of)
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = props.modified = when
    props.revision = 1
    props.subject = props.comments = props.keywords = props.category = ""


def stable_bytes(prs: PresentationObject, as_of: date) -> bytes:
    """Return the saved presentation with fixed zip entry times and order.

    python-pptx stamps "now" on the zip entries, and xlsxwriter on the workbooks embedded in
    native charts: both are replaced by fixed values.
    """
    when = stamp_time(as_of)
    entries = package_entries(prs)
    for name, blob in entries.items():
        if name.endswith(".xlsx"):
            entries[name] = _stable_workbook(blob, when)
    return _zip(entries)


class _Entries:
    """What python-pptx's package writer writes, by member name (its physical writer's API)."""

    def __init__(self) -> None:
        self.written: dict[str, bytes] = {}

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self.written[pack_uri.membername] = blob


def package_entries(prs: PresentationObject) -> dict[str, bytes]:
    """Return the members `prs.save` would zip, by name, without zipping them: `stable_bytes`
    zips them once, its own way (saving and reading back compressed every part twice)."""
    package = prs.part.package
    writer = PackageWriter(io.BytesIO(), package._rels, tuple(package.iter_parts()))
    entries = _Entries()
    # the three steps of PackageWriter._write, on a writer that keeps the bytes
    writer._write_content_types_stream(entries)  # type: ignore[arg-type]
    writer._write_pkg_rels(entries)  # type: ignore[arg-type]
    writer._write_parts(entries)  # type: ignore[arg-type]
    return entries.written


def _zip(entries: dict[str, bytes]) -> bytes:
    """Zip `entries`, [Content_Types].xml first, the rest by name, at a fixed time."""
    order = sorted(entries, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in order:
            fixed = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, entries[name])
    return out.getvalue()


def _stable_workbook(blob: bytes, when: datetime) -> bytes:
    """Return an embedded .xlsx with its zip times and document dates fixed."""
    with zipfile.ZipFile(io.BytesIO(blob)) as src:
        entries = {info.filename: src.read(info.filename) for info in src.infolist()}
    stamp_text = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    core = entries.get("docProps/core.xml")
    if core is not None:
        entries["docProps/core.xml"] = _W3CDTF.sub(
            lambda m: m.group(1) + stamp_text + m.group(3), core
        )
    return _zip(entries)
