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

from deckgen.errors import KeyPath, Location, OutlineError, Problem

MAX_OUTLINE_BYTES = 2 * 1024 * 1024
"""An outline is a page of text; anything near this size is a mistake or an attack."""

MAX_NODES = 100_000
"""Nodes visited while reading, aliases included: stops 'billion laughs' alias bombs early."""

MAX_DEPTH = 100
"""Deepest nesting of mappings and lists read; an outline needs about six levels."""

_CORE = "tag:yaml.org,2002:"
PLAIN_TAGS: Mapping[str, type[yaml.Node]] = {
    **{_CORE + name: yaml.ScalarNode for name in ("str", "int", "float", "bool", "null")},
    _CORE + "map": yaml.MappingNode,
    _CORE + "seq": yaml.SequenceNode,
}
"""The explicit tags an outline may use, and the kind of node each fits.

Any other tag written in an outline is refused: `!!python/...`, `!!binary`, `!!set`, `!!omap`,
`!!timestamp` (dates are text, checked by the schema), application tags such as `!custom`. The
safe loader already builds no Python objects, but the walker below reads collections itself, so
a tag would otherwise be dropped silently (`!!python/object/apply:os.system [ls]` read as a
list) or surface as an obscure constructor error.
"""
_KINDS: Mapping[type[yaml.Node], str] = {
    yaml.ScalarNode: "a single value",
    yaml.SequenceNode: "a list",
    yaml.MappingNode: "a mapping",
}


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
            raise OutlineError([Problem(where, (), _too_large(path))])
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OutlineError([Problem(where, (), f"file not found: {path}")]) from None
    except UnicodeDecodeError as exc:
        reason = f"not a UTF-8 text file ({exc.reason} at byte {exc.start}); save it as UTF-8"
        raise OutlineError([Problem(Location(path, 1, 1), (), reason)]) from None
    except IsADirectoryError:
        raise OutlineError([Problem(where, (), f"{path} is a folder, not a file")]) from None
    except OSError as exc:
        raise OutlineError([Problem(where, (), f"cannot read {path}: {exc.strerror}")]) from None


def _too_large(path: Path) -> str:
    return f"{path} is larger than {MAX_OUTLINE_BYTES // 1024} KiB; an outline is a short text file"


def load_yaml(text: str, file: Path) -> tuple[Any, SourceMap]:
    """Parse `text` and return its value and source map; YAML errors become `OutlineError`."""
    if len(text) > MAX_OUTLINE_BYTES:
        raise OutlineError([Problem(Location(file, 1, 1), (), _too_large(file))])
    fast = _fast_node(text)
    try:
        loader: _Loader | _FastLoader = fast[0] if fast else _Loader(text)
    except yaml.reader.ReaderError as exc:
        raise OutlineError([_unprintable(text, file, exc)]) from None
    try:
        node = fast[1] if fast else loader.get_single_node()
        if node is None:
            raise OutlineError(
                [
                    Problem(
                        Location(file, 1, 1),
                        (),
                        "the file is empty; an outline is a YAML mapping "
                        "(see `deckgen help outline`)",
                    )
                ]
            )
        walker = _Walker(loader, file)
        try:
            value = walker.walk(node, ())
        except OutlineError as exc:
            raise OutlineError([*walker.refused_tags(), *exc.problems]) from None
        if walker.problems:
            raise OutlineError(walker.refused_tags())
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
                    (),
                    f"YAML syntax error: {what}; check the quoting "
                    "and indentation here and on the lines above",
                )
            ]
        ) from None
    except yaml.reader.ReaderError as exc:
        raise OutlineError([_unprintable(text, file, exc)]) from None
    except yaml.YAMLError as exc:
        raise OutlineError([Problem(Location(file, 1, 1), (), f"YAML error: {exc}")]) from None
    except RecursionError:  # PyYAML composes and constructs recursively
        raise OutlineError(
            [Problem(Location(file, 1, 1), (), f"nested more than {MAX_DEPTH} levels deep")]
        ) from None
    finally:
        loader.dispose()
    return value, SourceMap(file, walker.values, walker.keys)


def _unprintable(text: str, file: Path, exc: yaml.reader.ReaderError) -> Problem:
    before = text[: exc.position]
    line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
    return Problem(
        Location(file, line, column),
        (),
        f"the control character U+{exc.character:04X} is not allowed in YAML; remove it",
    )


_LIBYAML: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)


class _FastLoader(_LIBYAML or yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's safe loader (PyYAML's C extension), for a text that writes no tag."""

    explicit: frozenset[yaml.Node] = frozenset()


def _fast_node(text: str) -> tuple[_FastLoader, yaml.Node | None] | None:
    """Return a loader and the node tree of `text` composed by libyaml (reading the deck
    benchmark's 45-repository outline then takes 2 ms instead of 14); None when
    libyaml is missing, the text might write a tag (`!`: the pure-Python loader notes which
    nodes carry one) or a character YAML forbids, or libyaml finds an error: the pure-Python
    loader then reads it, and says what is wrong as it always has. Both give the same nodes
    and positions (lines, and columns counted in characters) for a text both accept."""
    if _LIBYAML is None or "!" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    loader = _FastLoader(text)
    try:
        return loader, loader.get_single_node()
    except yaml.YAMLError:
        loader.dispose()
        return None


class _Loader(yaml.SafeLoader):
    """The safe loader, noting the nodes whose tag was written in the text, not resolved."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.explicit: set[yaml.Node] = set()

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        # `!` alone is the non-specific tag: the node is resolved as if untagged
        tag = None if isinstance(event, yaml.AliasEvent) else getattr(event, "tag", None)
        node = super().compose_node(parent, index)
        if tag not in (None, "!") and node is not None:
            self.explicit.add(node)
        return node


def _shown_tag(tag: str) -> str:
    """Return `tag` as an outline would write it: `!!binary`, not `tag:yaml.org,2002:binary`."""
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


class _Walker:
    """Turn a composed node tree into Python values, recording positions on the way."""

    def __init__(self, loader: _Loader | _FastLoader, file: Path) -> None:
        self.loader = loader
        self.file = file
        self.values: dict[KeyPath, Location] = {}
        self.keys: dict[KeyPath, Location] = {}
        self.visited = 0
        self.open: set[int] = set()
        """The collection nodes being walked: an alias to one of them would recurse forever."""
        self.problems: list[Problem] = []
        """Refused tags: all are reported together, after the walk."""
        self.refused: set[yaml.Node] = set()
        """Tagged nodes already reported (an alias may bring one back)."""

    def _at(self, node: yaml.Node) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def _fail(self, node: yaml.Node, path: KeyPath, message: str) -> OutlineError:
        return OutlineError([Problem(self._at(node), path, message)])

    def refused_tags(self) -> list[Problem]:
        """Return the problems of the refused tags, in the order they are written."""
        return sorted(
            self.problems,
            key=lambda p: (p.location.line, p.location.column) if p.location else (0, 0),
        )

    def _refuse_tag(self, node: yaml.Node, path: KeyPath) -> bool:
        """Record a problem and return True when `node` carries a tag an outline may not use."""
        if node not in self.loader.explicit:
            return False
        fits = PLAIN_TAGS.get(node.tag)
        if fits is type(node):
            return False
        if node not in self.refused:
            self.refused.add(node)
            shown = _shown_tag(node.tag)
            if fits is None:
                why = (
                    f"YAML tag '{shown}' is not allowed: outlines are plain data (strings, "
                    "numbers, lists, mappings); remove the tag"
                )
            else:
                why = f"YAML tag '{shown}' cannot mark {_KINDS[type(node)]}; remove the tag"
            self.problems.append(Problem(self._at(node), path, why))
        return True

    def walk(self, node: yaml.Node, path: KeyPath) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise self._fail(node, path, f"more than {MAX_NODES:,} YAML nodes (an alias bomb?)")
        if len(path) > MAX_DEPTH:
            raise self._fail(node, path, f"nested more than {MAX_DEPTH} levels deep")
        refused = self._refuse_tag(node, path)
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.open:
                raise self._fail(node, path, "a YAML alias refers to a value that contains it")
            self.open.add(id(node))
            try:
                return self._collection(node, path)
            finally:
                self.open.discard(id(node))
        self.values.setdefault(path, self._at(node))
        return self._scalar(node, refused)

    def _scalar(self, node: yaml.Node, refused: bool) -> Any:
        if refused:
            return node.value  # never constructed; the walk goes on to find every problem
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, KeyError):
            # e.g. a date-like 2020-13-01, or `!!bool maybe`: keep the text and let validation
            # say what is wrong
            return node.value

    def _collection(self, node: yaml.CollectionNode, path: KeyPath) -> Any:
        self.values.setdefault(path, self._at(node))
        if isinstance(node, yaml.MappingNode):
            self._refuse_merged_tags(node, path)
            self.loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = None  # a list or a mapping as a key is refused below
                if isinstance(key_node, yaml.ScalarNode):
                    key = self._scalar(key_node, self._refuse_tag(key_node, path))
                if not isinstance(key, str | int | float | bool) or key is None:
                    raise OutlineError(
                        [
                            Problem(
                                self._at(key_node),
                                path,
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
                                (*path, key),
                                "duplicate key: it is already set above",
                            )
                        ]
                    )
                self.keys[(*path, key)] = self._at(key_node)
                result[key] = self.walk(value_node, (*path, key))
            return result
        return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]

    def _refuse_merged_tags(self, node: yaml.MappingNode, path: KeyPath) -> None:
        """Check the tags of `<<` merge keys and values, which merging removes from the tree."""
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge":
                self._refuse_tag(key_node, path)
                self._refuse_tag(value_node, path)
                if isinstance(value_node, yaml.SequenceNode):
                    for item in value_node.value:
                        self._refuse_tag(item, path)
