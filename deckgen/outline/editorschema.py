"""The outline's JSON Schema, for editors: what the pydantic models accept, said in JSON Schema.

The schema is generated from the models in `schema.py`, so a key added there appears here with
its description. What pydantic cannot see is added by name below: the string shorthand for a
repository (a `before` validator), `path` or `url` (an `after` validator), one-key bullet
mappings, numbers read as text (`coerce_numbers_to_str`), YAML 1.1 words for true and false,
and overlays (`extends:` merges this file's mappings into the base, so nothing the base can
provide is required here). What it cannot say at all (values checked against each other or
against the disk) is listed in docs/outline.md, "Editor support", and in
tests/outline/test_editorschema.py.
"""

from __future__ import annotations

import copy
import json
from typing import Annotated, Any, Union

from pydantic import Field

from deckgen.outline.schema import SLIDE_KINDS, Outline, model_talk

SCHEMA_ID = "urn:deckgen:outline"
"""The schema's `$id`: a name, not a place. The file an editor reads is written beside the
outline (`deckgen init`, `deckgen schema -o`), so it matches the installed deckgen and works
offline."""

SCHEMA_FILE = "deckgen.schema.json"
"""The schema's file name beside an outline, as `deckgen init` writes it."""

BOOLEAN_TEXT = (
    "^(?:[Yy][Ee][Ss]|[Nn][Oo]|[Oo][Nn]|[Oo][Ff][Ff]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]"
    "|[YyNnTtFf01])$"
)
"""Text that a boolean key takes: pydantic reads these words as true or false, in any case. They
matter because deckgen reads YAML 1.1, where `yes`, `no`, `on` and `off` are booleans, and an
editor reads YAML 1.2, where they are words."""

_RELAXED = "InOverlay"
"""Suffix of a definition's name in its overlay form."""

_PLAIN_TEXT_KEYS = ("format", "enum", "const", "pattern")


def schema_text() -> str:
    """Return the schema as the JSON text `deckgen schema` prints and `deckgen init` writes."""
    return json.dumps(outline_json_schema(), indent=2, ensure_ascii=False) + "\n"


def modeline(schema: str = SCHEMA_FILE) -> str:
    """Return the first line of an outline that points the YAML language server at `schema`
    (a path relative to the outline, or a URL)."""
    return f"# yaml-language-server: $schema={schema}"


def outline_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of an outline file, base outline or overlay."""
    defs, outline = _generated()
    for node in list(_walk([defs, outline])):  # listed first: the changes add nodes
        _numbers_as_text(node)
        _boolean_words(node)
    defs["RepoSpec"] = _repository(defs["RepoSpec"])
    bullet = next(b for b in defs["BulletItem"]["anyOf"] if b.get("type") == "object")
    bullet.update(minProperties=1, maxProperties=1)
    outline["properties"]["extends"] = {
        "anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "null"}],
        "description": outline["properties"]["extends"]["description"],
    }
    defs["Outline"] = outline
    overlay = _relaxed(outline, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "deckgen talk outline",
        "description": "A deckgen talk outline. With `extends:` it is an overlay: its mappings "
        "merge into the base outline's, so no key is required.",
        **{k: v for k, v in overlay.items() if k not in ("title", "description")},
        "if": {"required": ["extends"], "properties": {"extends": {"type": "string"}}},
        "else": {"$ref": "#/$defs/Outline"},
        "$defs": defs,
    }


def _generated() -> tuple[dict[str, Any], dict[str, Any]]:
    """Return pydantic's schema of `Outline`, slides told apart by `kind`: its defs, and the
    outline itself."""
    kinds = tuple(SLIDE_KINDS.values())
    slide = Annotated[Union[kinds], Field(discriminator="kind")]  # type: ignore[valid-type]  # noqa: UP007

    class OutlineDocument(Outline):
        slides: list[slide] = Field(  # not required: the default is the model talk
            default_factory=lambda: model_talk(),
            min_length=1,
            description=Outline.model_fields["slides"].description,
        )

    schema = OutlineDocument.model_json_schema()
    defs = schema.pop("$defs")
    schema["title"] = "Outline"
    schema["description"] = Outline.__doc__
    return defs, schema


def _walk(node: Any) -> Any:
    """Yield every mapping in `node`, parents first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _numbers_as_text(node: dict[str, Any]) -> None:
    """A text field takes a number too (`value: 42`): the models coerce numbers to text."""
    if node.get("type") == "string" and not any(k in node for k in _PLAIN_TEXT_KEYS):
        node["type"] = ["string", "number"]


def _boolean_words(node: dict[str, Any]) -> None:
    """A boolean key takes what pydantic reads as one: yes/no words, and 0 or 1."""
    if node.get("type") == "boolean":
        del node["type"]
        node["anyOf"] = [
            {"type": "boolean"},
            {"type": "string", "pattern": BOOLEAN_TEXT},
            {"enum": [0, 1]},
        ]


def _repository(spec: dict[str, Any]) -> dict[str, Any]:
    """A repository is its path as text, or a mapping with exactly one of `path` and `url`."""
    mapping = {
        **spec,
        "oneOf": [{"required": ["path"]}, {"required": ["url"]}],
        "properties": {
            key: ({**value, "not": {"type": "null"}} if key in ("path", "url") else value)
            for key, value in spec["properties"].items()
        },
    }
    return {
        "description": spec["description"],
        "anyOf": [
            {
                "type": "string",
                "description": "Path to the repository, relative to the outline's folder.",
            },
            mapping,
        ],
    }


def _relaxed(outline: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Return `outline` as an overlay may write it: every mapping that merges into the base's
    (the outline's own, and mappings reached from it through mappings only) requires nothing;
    lists replace the base's whole, so what a list holds is checked in full."""

    def relax(node: Any) -> Any:
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name.endswith(_RELAXED):
                return node
            relaxed_name = f"{name}{_RELAXED}"
            if relaxed_name not in defs:
                defs[relaxed_name] = {}
                defs[relaxed_name] = relax(defs[name])
            return {**node, "$ref": f"#/$defs/{relaxed_name}"}
        if node.get("type") == "array" or "items" in node:
            return node
        out = {k: v for k, v in node.items() if k not in ("required", "minProperties", "oneOf")}
        if "properties" in out:
            out["properties"] = {k: relax(v) for k, v in out["properties"].items()}
        if isinstance(out.get("additionalProperties"), dict):
            out["additionalProperties"] = relax(out["additionalProperties"])
        if "anyOf" in out:
            out["anyOf"] = [relax(branch) for branch in out["anyOf"]]
        return out

    relaxed: dict[str, Any] = relax(copy.deepcopy(outline))
    return relaxed
