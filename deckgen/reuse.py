"""Keep the deck on disk when a rebuild would write the same bytes.

Assembling a deck with python-pptx is most of an unchanged rebuild (about 0.5 s of 1.3 s for 13
slides). `deck_key` is a SHA-256 digest of everything `build_deck` reads: the slides as the
earlier stages made them (rendered texts, chart PNGs, table cells), the theme, the footer, title,
author, as-of date, logo, hashtag and URL, the content of every file they name (the template, the
logo, pictures), the font files text is measured with (path, size, modification time), the source
of the whole deckgen package and the versions of python-pptx, lxml and Pillow.

`<cache>/decks/<sha256(output path)>.deck` records the key of the last deck written to that path
and the SHA-256 and slide count of its bytes. When the key is the same and the file on disk still
has those bytes, the deck is kept as it is (only its modification time is renewed, so `make` sees
it built); anything else builds it again. A value the digest does not know how to read (not plain
data) gives no key, so such a deck is always built.

`slide_keys` digests the same per slide (the slide and everything else it is laid out with), for
`deckgen.deck.slideparts`: a deck built again lays out only the slides that changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from contextlib import suppress
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from deckgen.cachedir import CorruptEntry, Entries, file_stamp, source_digest

if TYPE_CHECKING:
    from deckgen.deck import DeckSlide, Theme
    from deckgen.deck.slides import DeckOptions

FORMAT_VERSION = 1
KEEP = 50
"""Entries kept: one per output path built."""


class _Opaque(Exception):
    """A value whose digest cannot be taken from its data."""


@dataclasses.dataclass(frozen=True)
class Recorded:
    """The deck last written to a path: its inputs' key, the SHA-256 of its bytes, its slides."""

    key: str
    sha256: str
    slides: int


def deck_key(slides: Sequence[DeckSlide], theme: Theme, options: DeckOptions) -> str | None:
    """Return the digest of everything `build_deck(slides, theme, **options)` depends on;
    None when some input is not plain data."""
    digest = _common(theme, options)
    if digest is None:
        return None
    try:
        _feed(digest, list(slides))
    except _Opaque:
        return None
    return str(digest.hexdigest())


def slide_keys(
    slides: Sequence[DeckSlide], theme: Theme, options: DeckOptions
) -> tuple[str, ...] | None:
    """Return, for each of `slides`, the digest of everything its renderer reads (the slide,
    and what `deck_key` digests besides the slides), for `deckgen.deck.slideparts`; None when
    some input is not plain data."""
    common = _common(theme, options)
    if common is None:
        return None
    common.update(b"one slide\0")
    keys = []
    try:
        for slide in slides:
            digest = common.copy()
            _feed(digest, dataclasses.replace(slide, number=0))  # read only by messages
            keys.append(digest.hexdigest())
    except _Opaque:
        return None
    return tuple(keys)


def _common(theme: Theme, options: DeckOptions) -> Any:
    """Return a digest (hashlib's) fed what every slide reads: deckgen's source, the libraries'
    versions, the font files, the theme and the options; None when one is not plain data."""
    from deckgen.deck.markup import CODE_FONT
    from deckgen.fonts import find_font, find_mono_font

    digest = hashlib.sha256()
    digest.update(b"deckgen-deck %d\0" % FORMAT_VERSION)
    digest.update(environment_digest(Path(__file__).parent).encode())
    faces = [
        *(find_font(family, bold) for family in (theme.body_font, theme.heading_font)
          for bold in (False, True)),
        find_mono_font(CODE_FONT),
    ]  # fmt: skip
    try:
        _feed(digest, [(str(f.path), f.index, f.fallback, file_stamp(f.path)) for f in faces])
        _feed(digest, theme)
        _feed(digest, sorted(options.items()))
    except _Opaque:
        return None
    return digest


def _feed(digest: Any, value: object) -> None:
    """Add `value` to `digest`: its type and its data, with files by their content."""

    def add(tag: str, text: str | bytes = b"") -> None:
        data = text.encode() if isinstance(text, str) else text
        digest.update(tag.encode() + b"\0" + len(data).to_bytes(8, "little") + data)

    if value is None or isinstance(value, (bool, int, float, str, date, Enum)):
        add(type(value).__name__, repr(value))
    elif isinstance(value, (bytes, bytearray)):
        add("bytes", hashlib.sha256(value).digest())
    elif isinstance(value, Path):
        add("path", str(value))
        try:
            add("file", hashlib.sha256(value.read_bytes()).digest())
        except OSError:
            add("no file")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        add("dataclass", type(value).__qualname__)
        for field in dataclasses.fields(value):
            add("field", field.name)
            _feed(digest, getattr(value, field.name))
    elif isinstance(value, BaseModel):
        add("model", type(value).__qualname__)
        for name, item in vars(value).items():
            add("field", name)
            _feed(digest, item)
    elif isinstance(value, Mapping):
        add("mapping", str(len(value)))
        for key, item in sorted(value.items(), key=lambda kv: repr(kv[0])):
            _feed(digest, key)
            _feed(digest, item)
    elif isinstance(value, (list, tuple)):
        add(type(value).__name__, str(len(value)))
        for item in value:
            _feed(digest, item)
    elif isinstance(value, (set, frozenset)):
        add("set", str(len(value)))
        for item in sorted(value, key=repr):
            _feed(digest, item)
    else:
        raise _Opaque(type(value).__qualname__)


@cache
def environment_digest(deckgen: Path) -> str:
    """Return a digest of deckgen's source and the versions of the libraries a deck is written
    with; read once per process."""
    sources = ((str(p.relative_to(deckgen)), p) for p in sorted(deckgen.rglob("*.py")))
    return source_digest(sources, ["python-pptx", "lxml", "pillow"])


@dataclasses.dataclass(frozen=True)
class DeckRecords:
    """The records in `<cache folder>/decks`, one per output path."""

    folder: Path

    @property
    def entries(self) -> Entries:
        return Entries(self.folder, ".deck", KEEP)

    @staticmethod
    def name(output: Path) -> str:
        return hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:32]

    def unchanged(self, output: Path, key: str) -> Recorded | None:
        """Return the record of `output` when it was built from `key` and still holds the bytes
        then written; None otherwise (also for a record that cannot be read)."""
        try:
            raw = self.entries.read(self.name(output))
        except (OSError, CorruptEntry):
            return None
        if raw is None:
            return None
        try:
            fields = json.loads(raw)
            found = Recorded(str(fields["key"]), str(fields["sha256"]), int(fields["slides"]))
        except (ValueError, KeyError, TypeError):
            return None
        if found.key != key:
            return None
        try:
            on_disk = hashlib.sha256(output.read_bytes()).hexdigest()
        except OSError:
            return None
        if on_disk != found.sha256:
            return None
        with suppress(OSError):
            os.utime(output)
            self.entries.used(self.name(output))
        return found

    def record(self, output: Path, key: str, deck: bytes, slides: int) -> None:
        """Remember that `output` now holds `deck`, built from `key`; a folder that cannot be
        written is no error (the next build is only not a no-op)."""
        fields = {"key": key, "sha256": hashlib.sha256(deck).hexdigest(), "slides": slides}
        with suppress(OSError):
            self.entries.write(self.name(output), json.dumps(fields).encode())
