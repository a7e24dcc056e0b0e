"""Overlays: one base outline, many events.

An outline may `extends:` another; mappings merge deeply, lists replace. Afterwards
`slides_patch` edits slides by `id`, `only`/`skip` select slides by id or tag, and `order`
reorders them. Positions travel with the values, so an error names the file that set a value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckgen.errors import KeyPath, Location, OutlineError, Problem, did_you_mean, format_key_path
from deckgen.outline.yamlsource import (
    SourceMap,
    load_yaml,
    read_outline_text,
)

MAX_CHAIN = 20
"""Deepest `extends` chain accepted: deeper is surely a mistake."""


@dataclass
class Layered:
    """Raw outline data being assembled, with the position of every key and value."""

    data: dict[str, Any]
    values: dict[KeyPath, Location] = field(default_factory=dict)
    keys: dict[KeyPath, Location] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    @classmethod
    def from_source(cls, data: dict[str, Any], source: SourceMap) -> Layered:
        return cls(data, dict(source.values), dict(source.keys), [source.file])

    def source(self, file: Path) -> SourceMap:
        return SourceMap(file, self.values, self.keys)

    def locate(self, path: KeyPath, *, key: bool = False) -> Location | None:
        return self.source(self.files[-1] if self.files else Path()).locate(path, key=key)

    def drop(self, prefix: KeyPath) -> None:
        """Forget the positions under `prefix` (its value is being replaced)."""
        n = len(prefix)
        for table in (self.values, self.keys):
            for path in [p for p in table if p[:n] == prefix]:
                del table[path]

    def take(self, other: Layered, src: KeyPath, dst: KeyPath) -> None:
        """Copy `other`'s positions under `src` to `dst` here."""
        n = len(src)
        for mine, theirs in ((self.values, other.values), (self.keys, other.keys)):
            for path, where in list(theirs.items()):
                if path[:n] == src:
                    mine[dst + path[n:]] = where

    def move(self, mapping: Callable[[KeyPath], KeyPath | None]) -> None:
        """Re-key every position through `mapping` (None drops it)."""
        for name in ("values", "keys"):
            table: dict[KeyPath, Location] = getattr(self, name)
            moved = {}
            for path, where in table.items():
                new = mapping(path)
                if new is not None:
                    moved[new] = where
            setattr(self, name, moved)


def read_layered(path: Path, text: str, chain: tuple[Path, ...] = ()) -> Layered:
    """Read the outline `text` of `path` and, recursively, the outlines it extends."""
    raw, source = load_yaml(text, path)
    if not isinstance(raw, dict):
        raise OutlineError(
            [
                Problem(
                    source.locate(()),
                    (),
                    "expected a mapping of keys such as 'title', 'repos' and 'slides' "
                    "at the top of the outline",
                )
            ]
        )
    layer = Layered.from_source(raw, source)
    parent = raw.pop("extends", None)
    if parent is None:
        return layer
    where = source.locate(("extends",))
    if not isinstance(parent, str) or not parent.strip():
        raise OutlineError([Problem(where, ("extends",), "expected the path of an outline file")])
    base_path = (path.parent / parent).resolve()
    if base_path in (*chain, path.resolve()):
        cycle = " → ".join(p.name for p in (*chain, path.resolve(), base_path))
        raise OutlineError([Problem(where, ("extends",), f"extends cycle: {cycle}")])
    if len(chain) >= MAX_CHAIN:
        raise OutlineError(
            [Problem(where, ("extends",), f"more than {MAX_CHAIN} levels of extends")]
        )
    if not base_path.is_file():
        raise OutlineError([Problem(where, ("extends",), f"{base_path} not found")])
    base_text = read_outline_text(base_path, where)
    base = read_layered(base_path, base_text, (*chain, path.resolve()))
    merge_into(base, layer, ())
    base.files.append(path)
    return base


def merge_into(base: Layered, over: Layered, prefix: KeyPath) -> None:
    """Merge `over`'s data at `prefix` into `base`: mappings deeply, everything else replaced."""
    target = _at(base.data, prefix)
    source = _at(over.data, prefix)
    for key, value in source.items():
        path = (*prefix, key)
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge_into(base, over, path)
            continue
        target[key] = value
        base.drop(path)
        base.take(over, path, path)


def merge_value(base: Layered, path: KeyPath, value: Any, where: Location) -> None:
    """Set `value` at `path` (creating mappings on the way), deep-merging mappings.

    ValueError, naming the part of `path` at fault, when `path` runs through something that is
    neither a mapping nor a list, or uses an index a list does not have.
    """
    node: Any = base.data
    done: KeyPath = ()
    for part in path:
        if isinstance(node, dict) and isinstance(part, int):
            part = str(part)  # a mapping's keys are text, e.g. `vars.2026`
        if isinstance(node, list) and (not isinstance(part, int) or part >= len(node)):
            raise ValueError(_no_index(done, part, len(node)))
        if not isinstance(node, dict | list):
            raise ValueError(
                f"{format_key_path(done)} is {_short(node)}, not a mapping; "
                "--set cannot set a key inside it"
            )
        done = (*done, part)
        if len(done) == len(path):
            break
        if isinstance(node, dict):
            if part not in node:
                node[part] = {}
                base.values[done] = where
            node = node[part]
        else:
            node = node[int(part)]
    last = done[-1]
    if isinstance(node, dict) and isinstance(node.get(last), dict) and isinstance(value, dict):
        node[last].update(value)
    else:
        node[last] = value
    if not isinstance(value, dict):
        base.drop(done)
    base.values[done] = where


def _no_index(path: KeyPath, part: str | int, length: int) -> str:
    if not length:
        return f"{format_key_path(path)} is an empty list; it has no item {part!r}"
    return (
        f"{format_key_path(path)} is a list of {length}; expected an index from 0 to "
        f"{length - 1}, got {part!r}"
    )


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def edit_slides(layer: Layered) -> None:
    """Apply `slides_patch`, `only`, `skip` and `order` to the merged slides."""
    data = layer.data
    slides = data.get("slides")
    if not isinstance(slides, list):
        return
    problems: list[Problem] = []
    # only text ids and tags count: other values are left for validation to report
    ids = {_id(s): i for i, s in enumerate(slides) if _id(s) is not None}
    tags = {t for s in slides if isinstance(s, dict) for t in _tags(s)}

    patch = data.get("slides_patch") or {}
    if isinstance(patch, dict):
        for slide_id, changes in patch.items():
            if slide_id not in ids:
                problems.append(_unknown(layer, ("slides_patch", slide_id), slide_id, ids))
            elif isinstance(changes, dict) and isinstance(slides[ids[slide_id]], dict):
                index = ids[slide_id]
                for key, value in changes.items():
                    slides[index][key] = value
                    layer.drop(("slides", index, key))
                    layer.take(layer, ("slides_patch", slide_id, key), ("slides", index, key))

    def names(key: str) -> list[str]:
        value = data.get(key) or []
        if not isinstance(value, list):
            return []
        for i, name in enumerate(value):
            if isinstance(name, str) and name not in ids and name not in tags:
                problems.append(_unknown(layer, (key, i), name, [*ids, *tags]))
        return [str(v) for v in value]

    only, skip, order = names("only"), names("skip"), names("order")
    keep = []
    for i, slide in enumerate(slides):
        labels = {_id(slide), *_tags(slide)} if isinstance(slide, dict) else set()
        if only and not labels & set(only):
            continue
        if labels & set(skip):
            continue
        keep.append(i)
    rank = {name: n for n, name in enumerate(order)}
    keep.sort(key=lambda i: (rank.get(_id(slides[i]) or "", len(rank)), i))
    if problems:
        raise OutlineError(problems)
    new_index = {old: new for new, old in enumerate(keep)}
    data["slides"] = [slides[i] for i in keep]

    def remap(path: KeyPath) -> KeyPath | None:
        if len(path) >= 2 and path[0] == "slides" and isinstance(path[1], int):
            moved = new_index.get(path[1])
            return None if moved is None else ("slides", moved, *path[2:])
        return path

    layer.move(remap)


def _tags(slide: dict[str, Any]) -> list[str]:
    tags = slide.get("tags") or []
    return [str(t) for t in tags] if isinstance(tags, list) else []


def _id(slide: Any) -> str | None:
    found = slide.get("id") if isinstance(slide, dict) else None
    return found if isinstance(found, str) else None


def _unknown(layer: Layered, path: KeyPath, name: Any, choices: Iterable[Any]) -> Problem:
    known = sorted(str(c) for c in choices)
    hint = did_you_mean(str(name), known)
    listed = ", ".join(repr(k) for k in known) or "none"
    return Problem(
        layer.locate(path, key=True),
        path,
        f"no slide has the id or tag {name!r}{hint} (known: {listed})",
    )


def _at(data: dict[str, Any], prefix: KeyPath) -> dict[str, Any]:
    node: Any = data
    for part in prefix:
        node = node[part]
    assert isinstance(node, dict)
    return node
