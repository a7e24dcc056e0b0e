"""Read YAML as an editor's YAML language server reads it, and check it against the outline's
JSON Schema: what an editor would underline."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import yaml

from deckgen.outline.editorschema import outline_json_schema

SCHEMA = outline_json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


class EditorLoader(yaml.SafeLoader):
    """YAML 1.2's core schema, as the YAML language server reads it: no dates, and only
    true/false are booleans (PyYAML's safe loader, which deckgen uses, is YAML 1.1)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def as_editor_reads(text: str) -> Any:
    return yaml.load(text, Loader=EditorLoader)  # a SafeLoader


def schema_errors(data: Any) -> list[str]:
    """Return every schema error in `data`, as 'key.path: message', sorted."""
    return sorted(
        f"{'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in VALIDATOR.iter_errors(data)
    )
