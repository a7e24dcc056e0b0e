"""Themes kept in the user cache folder, so that a rebuild reads no template with python-pptx.

Reading a template costs python-pptx's import and a parse of the package (about 0.2 s), and an
unchanged rebuild needs nothing else of python-pptx. `<cache>/themes/<key>.theme` holds a
`Theme` as JSON; the key is a digest of everything `load_theme` reads: the template's path and
bytes, the `layouts:` chosen, `keep_template_slides`, the source of the modules that read a
template and python-pptx's version. Only themes read without an error are kept (an error is
found again, with its message, by reading the template); an entry that cannot be read is read
from the template again and replaced; a folder that cannot be written is no error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from deckgen.cachedir import Entries, source_digest
from deckgen.deck.theme import DEFAULT_TEMPLATE, Theme, load_theme

FORMAT_VERSION = 1
KEEP = 20
"""Entries kept (a user has a few templates, and layouts for some)."""

READERS = ("theme.py", "package.py", "placeholders.py", "xpath.py")
"""The modules of `deckgen/deck` whose code decides what a template's theme is."""


def cached_theme(
    template: Path | None,
    cache_dir: Path,
    *,
    layouts: Mapping[str, str] | None = None,
    keep_slides: bool = False,
) -> Theme:
    """Return `load_theme(template, layouts=layouts, keep_slides=keep_slides)`, from the cache
    in `cache_dir` when it holds it; TemplateError as `load_theme`."""

    def make() -> Theme:
        return load_theme(template, layouts=layouts, keep_slides=keep_slides)

    try:
        key = theme_key(template or DEFAULT_TEMPLATE, layouts or {}, keep_slides)
    except OSError:  # no template to read: load_theme says so
        return make()
    return Entries(cache_dir / "themes", ".theme", KEEP).kept(
        key, make, Theme.from_json, Theme.to_json
    )


def theme_key(path: Path, layouts: Mapping[str, str], keep_slides: bool) -> str:
    """Return the digest of what the theme of `path` depends on; OSError if it is unreadable."""
    digest = hashlib.sha256(b"deckgen-theme %d\0" % FORMAT_VERSION)
    digest.update(_code_digest().encode())
    for part in (str(path), repr(sorted(layouts.items())), repr(keep_slides)):
        digest.update(part.encode() + b"\0")
    digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def _code_digest() -> str:
    """Return a digest of the template readers' source and python-pptx's version (once)."""
    folder = Path(__file__).parent
    return source_digest(((name, folder / name) for name in READERS), ["python-pptx"])
