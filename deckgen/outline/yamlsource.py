"""Read YAML safely and remember where every key and value was written.

PyYAML's safe loader gives values without positions; validation errors must point at a line and
column, so the node tree is walked here and each key path's position is recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from deckgen.errors import Location, OutlineError, Problem

KeyPath = tuple[str | int, ...]

MAX_OUTLINE_BYTES = 2 * 1024 * 1024
"""An outline is a page of text; anything near this size is a mistake or an attack."""

MAX_NODES = 100_000
"""Nodes visited while reading, aliases included: stops 'billion laughs' alias bombs early."""

MAX_DEPTH = 100
"""Deepest nesting of mappings and lists read; an outline needs about six levels."""


def format_key_path(path: KeyPath) -> str:
    """Return `('slides', 3, 'chart')` as `slides[3].chart`."""
    text = ""
    for part in path:
        if not isinstance(part, int) and not part.isprintable():  # shown on one line
            part = part.encode("unicode_escape").decode()
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True)
class SourceMap:
    """Positions of the values (and of the keys) of one YAML document."""

    file: Path
    values: Mapping[KeyPath, Location] = field(default_factory=dict)
    keys: Mapping[KeyPath, Location] = field(default_factory=dict)

    def locate(self, path: KeyPath, *, key: bool = False) -> Location | None:
        """Return the position of `path`, or of its nearest written ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return None


def read_outline_text(path: Path, where: Location | None = None) -> str:
    """Return the text of an outline or vars file; too large, missing or not UTF-8 is an error."""
    try:
        size = path.stat().st_size
        if size > MAX_OUTLINE_BYTES:
            raise OutlineError([Problem(where, "", _too_large(path))])
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OutlineError([Problem(where, "", f"file not found: {path}")]) from None
    except UnicodeDecodeError as exc:
        reason = f"not a UTF-8 text file ({exc.reason} at byte {exc.start}); save it as UTF-8"
        raise OutlineError([Problem(Location(path, 1, 1), "", reason)]) from None
    except IsADirectoryError:
        raise OutlineError([Problem(where, "", f"{path} is a folder, not a file")]) from None
    except OSError as exc:
        raise OutlineError([Problem(where, "", f"cannot read {path}: {exc.strerror}")]) from None


def _too_large(path: Path) -> str:
    return f"{path} is larger than {MAX_OUTLINE_BYTES // 1024} KiB; an outline is a short text file"


def load_yaml(text: str, file: Path) -> tuple[Any, SourceMap]:
    """Parse `text` and return its value and source map; YAML errors become `OutlineError`."""
    if len(text) > MAX_OUTLINE_BYTES:
        raise OutlineError([Problem(Location(file, 1, 1), "", _too_large(file))])
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:
        raise OutlineError([_unprintable(text, file, exc)]) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise OutlineError(
                [
                    Problem(
                        Location(file, 1, 1),
                        "",
                        "the file is empty; an outline is a YAML mapping (see docs/outline.md)",
                    )
                ]
            )
        walker = _Walker(loader, file)
        value = walker.walk(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else None
        what = exc.problem or exc.context or "not valid YAML"
        if exc.context and exc.problem and exc.context_mark:
            start = exc.context_mark
            what += (
                f" ({exc.context} that starts at line {start.line + 1}, column {start.column + 1})"
            )
        raise OutlineError(
            [
                Problem(
                    where,
                    "",
                    f"YAML syntax error: {what}; check the quoting "
                    "and indentation here and on the lines above",
                )
            ]
        ) from None
    except yaml.reader.ReaderError as exc:
        raise OutlineError([_unprintable(text, file, exc)]) from None
    except yaml.YAMLError as exc:
        raise OutlineError([Problem(Location(file, 1, 1), "", f"YAML error: {exc}")]) from None
    except RecursionError:  # PyYAML composes and constructs recursively
        raise OutlineError(
            [Problem(Location(file, 1, 1), "", f"nested more than {MAX_DEPTH} levels deep")]
        ) from None
    finally:
        loader.dispose()
    return value, SourceMap(file, walker.values, walker.keys)


def _unprintable(text: str, file: Path, exc: yaml.reader.ReaderError) -> Problem:
    before = text[: exc.position]
    line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
    return Problem(
        Location(file, line, column),
        "",
        f"the control character U+{exc.character:04X} is not allowed in YAML; remove it",
    )


class _Walker:
    """Turn a composed node tree into Python values, recording positions on the way."""

    def __init__(self, loader: yaml.SafeLoader, file: Path) -> None:
        self.loader = loader
        self.file = file
        self.values: dict[KeyPath, Location] = {}
        self.keys: dict[KeyPath, Location] = {}
        self.visited = 0
        self.open: set[int] = set()
        """The collection nodes being walked: an alias to one of them would recurse forever."""

    def _at(self, node: yaml.Node) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def _fail(self, node: yaml.Node, path: KeyPath, message: str) -> OutlineError:
        return OutlineError([Problem(self._at(node), format_key_path(path), message)])

    def walk(self, node: yaml.Node, path: KeyPath) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise self._fail(node, path, f"more than {MAX_NODES:,} YAML nodes (an alias bomb?)")
        if len(path) > MAX_DEPTH:
            raise self._fail(node, path, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.open:
                raise self._fail(node, path, "a YAML alias refers to a value that contains it")
            self.open.add(id(node))
            try:
                return self._collection(node, path)
            finally:
                self.open.discard(id(node))
        self.values.setdefault(path, self._at(node))
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError:
            # e.g. a date-like 2020-13-01: keep the text and let validation say what is wrong
            return node.value

    def _collection(self, node: yaml.CollectionNode, path: KeyPath) -> Any:
        self.values.setdefault(path, self._at(node))
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node, deep=True)
                if not isinstance(key, str | int | float | bool) or key is None:
                    raise OutlineError(
                        [
                            Problem(
                                self._at(key_node),
                                format_key_path(path),
                                "a key must be a plain word",
                            )
                        ]
                    )
                key = str(key)
                if key in result:
                    raise OutlineError(
                        [
                            Problem(
                                self._at(key_node),
                                format_key_path((*path, key)),
                                "duplicate key: it is already set above",
                            )
                        ]
                    )
                self.keys[(*path, key)] = self._at(key_node)
                result[key] = self.walk(value_node, (*path, key))
            return result
        return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]
