"""Find the font file of a theme font or of its metric twin: the one file that both the text
measuring (`deck/fonts.py`) and the charts (`charts/plot.py`) use, so slide text and charts are
set in the same typeface and sized with the same widths.

LibreOffice shows Calibri with Carlito, its metric twin (same widths, free licence), and so on for
the fonts in `METRIC_TWINS`. When neither the theme font nor its twin is installed, DejaVu Sans
(shipped with matplotlib) stands in: it is wider, so text sized with it errs on the small side,
and `missing_fonts_warning` says which package to install.

A leaf module: stages on both sides of the pipeline import it, it imports none of them.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Twin:
    """A free font with the widths of a proprietary one, and the package that installs it."""

    family: str
    package: str
    """Its Debian and Ubuntu package."""


METRIC_TWINS: Mapping[str, Twin] = MappingProxyType(
    {
        "calibri": Twin("Carlito", "fonts-crosextra-carlito"),
        "calibri light": Twin("Carlito", "fonts-crosextra-carlito"),
        "cambria": Twin("Caladea", "fonts-crosextra-caladea"),
        "arial": Twin("Liberation Sans", "fonts-liberation"),
        "helvetica": Twin("Liberation Sans", "fonts-liberation"),
        "times new roman": Twin("Liberation Serif", "fonts-liberation"),
        "courier new": Twin("Liberation Mono", "fonts-liberation"),
    }
)
"""Lower-cased theme font → its metric twin (the font LibreOffice shows in its place)."""

FALLBACK_FAMILY = "DejaVu Sans"

_FILE_STEMS = {  # how font files of a family are commonly named, regular then bold
    False: ("{f}-regular", "{f}", "{f}regular"),
    True: ("{f}-bold", "{f}b", "{f}bold", "{f}bd"),
}
_SUBFAMILIES = {  # how a face of a collection calls its style (name table, lower-cased)
    False: ("regular", "roman", "book", "normal"),
    True: ("bold",),
}
_COLLECTIONS = (".ttc", ".otc")


@dataclass(frozen=True)
class FontFile:
    """One face of a font file: a .ttf/.otf, or face `index` of a .ttc collection."""

    path: Path
    index: int = 0
    fallback: bool = False
    """True for DejaVu Sans, standing in for a font that is not installed."""


def find_font(family: str, bold: bool) -> FontFile:
    """Return the face of `family` (or of its metric twin); DejaVu Sans when neither exists."""
    return _installed(family, bold) or _bundled("DejaVuSans-Bold" if bold else "DejaVuSans")


def find_mono_font(family: str) -> FontFile:
    """Return the regular face of the monospace `family` (or its twin); else DejaVu Sans Mono."""
    return _installed(family, bold=False) or _bundled("DejaVuSansMono")


def missing_fonts_warning(families: Iterable[str]) -> str | None:
    """Return one warning naming the theme fonts of `families` that are not installed, nor
    their metric twins, and how to install them; None when nothing is missing."""
    missing = list(
        dict.fromkeys(
            f
            for f in families
            if f.lower() != FALLBACK_FAMILY.lower() and _installed(f, bold=False) is None
        )
    )
    if not missing:
        return None
    twins = [t for t in map(METRIC_TWINS.get, (f.lower() for f in missing)) if t]
    many = len(missing) > 1
    text = f"theme font{'s' if many else ''} {_and(map(repr, missing))} "
    text += f"{'are' if many else 'is'} not installed"
    if twins:
        names = list(dict.fromkeys(t.family for t in twins))
        text += f", nor {'their' if many else 'its'} metric twin{'s' if len(names) > 1 else ''} "
        text += _and(names)
    text += f": slide text is sized and charts are drawn with {FALLBACK_FAMILY} instead; install "
    packages = list(dict.fromkeys(t.package for t in twins))
    fixes = [f"{_and(packages)} (Debian, Ubuntu)"] if packages else []
    fixes += [f"the font {f!r}" for f in missing if f.lower() not in METRIC_TWINS]
    return text + " and ".join(fixes)


def _and(words: Iterable[str]) -> str:
    items = list(words)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def rescan() -> None:
    """Forget the fonts found so far: the next lookup searches the font folders again."""
    _font_index.cache_clear()
    _collection_faces.cache_clear()


def font_dirs() -> list[Path]:
    """Return the folders searched for fonts, the user's first (fontconfig's, the XDG data
    folders', macOS's and Windows's)."""
    home = Path.home()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    data_dirs = (os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":")
    dirs = [
        data_home / "fonts",
        home / ".fonts",
        *(Path(d) / "fonts" for d in data_dirs if d),
        Path("/usr/local/share/fonts"),
        Path("/usr/share/fonts"),
        home / "Library" / "Fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
    ]
    if sys.platform == "win32":
        if local := os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        dirs.append(Path(os.environ.get("WINDIR", "C:\\Windows")) / "Fonts")
    return [d for d in dict.fromkeys(dirs) if d.is_dir()]


def _installed(family: str, bold: bool) -> FontFile | None:
    """Return the face of `family` or its twin found in the font folders, or None."""
    twin = METRIC_TWINS.get(family.lower())
    for name in (family, twin.family if twin else ""):
        flat = name.lower().replace(" ", "")
        if not flat:
            continue
        index = _font_index()
        for pattern in _FILE_STEMS[bold]:
            found = index.get(pattern.format(f=flat))
            if found:
                return FontFile(found)
        faces = _collection_faces()
        for style in _SUBFAMILIES[bold]:
            if face := faces.get((flat, style)):
                return face
    return None


def _bundled(stem: str) -> FontFile:
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return FontFile(folder / f"{stem}.ttf", fallback=True)


def _font_files() -> Iterator[Path]:
    for folder in font_dirs():
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                yield Path(root) / name


@lru_cache(maxsize=1)
def _font_index() -> Mapping[str, Path]:
    """Lower-cased file stem → path of every .ttf/.otf in the font folders."""
    index: dict[str, Path] = {}
    for path in _font_files():
        if path.suffix.lower() in (".ttf", ".otf"):
            index.setdefault(path.stem.lower(), path)
    return index


@lru_cache(maxsize=1)
def _collection_faces() -> Mapping[tuple[str, str], FontFile]:
    """(flat lower-cased family, lower-cased style) → face, of every face of every collection
    (.ttc) in the font folders: macOS's system fonts and Windows's Cambria are collections,
    and their file names do not say which faces they hold."""
    faces: dict[tuple[str, str], FontFile] = {}
    for path in _font_files():
        if path.suffix.lower() not in _COLLECTIONS:
            continue
        for index, (family, style) in enumerate(_face_names(path)):
            key = (family.lower().replace(" ", ""), style.lower())
            faces.setdefault(key, FontFile(path, index))
    return faces


def _face_names(path: Path) -> list[tuple[str, str]]:
    """Return the (family, style) names of each face of the collection at `path`."""
    from fontTools.ttLib import TTCollection  # type: ignore[import-untyped]  # here: 25 ms

    quiet = logging.getLogger("fontTools")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # odd dates and tables in system fonts are of no concern here
    try:
        with TTCollection(path, lazy=True) as collection:
            return [_names(face["name"]) for face in collection]
    except Exception:  # a damaged font file is skipped, as fontconfig skips it
        return []
    finally:
        quiet.setLevel(level)


def _names(table: Any) -> tuple[str, str]:
    family = table.getDebugName(16) or table.getDebugName(1) or ""
    style = table.getDebugName(17) or table.getDebugName(2) or ""
    return family, style
