"""Check the outline's templates before any metric exists: syntax, unknown filters and names,
so that `validate` and the start of `build` find them."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import jinja2
import jinja2.meta
import jinja2.nodes
from jinja2.utils import missing

from deckgen.errors import TextError, format_key_path
from deckgen.outline import OutlineDocument
from deckgen.outline.schema import Strict
from deckgen.text.hints import explain_undefined
from deckgen.text.names import (
    NO_OUTLINE_YET,
    SLIDE_NAMES,
    TALK_NAMES,
    TALK_TEXTS,
    one_line,
    slide_label,
)
from deckgen.text.sandbox import shared_environment


def check_templates(document: OutlineDocument) -> None:
    """Compile every template of the outline without metrics: syntax errors and unknown names
    fail `validate` (a name is known when the text stage gives it, see `TALK_NAMES`)."""
    outline = document.outline

    def check(value: Any, label: str, path: tuple[str | int, ...], names: Sequence[str]) -> None:
        if isinstance(value, str):
            why = _checked(value, tuple(names))
            if why is None:
                return
            location = document.locate(*path)
            prefix = f"{location}: " if location else ""
            field = format_key_path(path[2:]) if path[0] == "slides" else format_key_path(path)
            where = f"{label}, {field}" if label else field
            raise TextError(f"{prefix}{where}: {why}\n  in template: {one_line(value)}")
        if isinstance(value, list):
            for i, item in enumerate(value):
                check(item, label, (*path, i), names)
        elif isinstance(value, dict):
            for key, item in value.items():
                check(key, label, path, names)
                check(item, label, (*path, key), names)
        elif isinstance(value, Strict):
            for key in type(value).model_fields:
                check(getattr(value, key), label, (*path, key), names)

    if outline.title is not None:
        check(outline.title, "", ("title",), TALK_NAMES)
    for path in TALK_TEXTS:
        value: Any = outline
        for name in path:
            value = getattr(value, name, None)
        check(value, "", path, TALK_NAMES)
    if outline.footer is not None:
        check(outline.footer, "", ("footer",), SLIDE_NAMES)
    for index, spec in enumerate(outline.slides):
        for name in spec.text_fields:
            label = slide_label(index + 1, spec)
            check(getattr(spec, name), label, ("slides", index, name), SLIDE_NAMES)


@lru_cache(maxsize=4096)
def _checked(text: str, names: tuple[str, ...]) -> str | None:
    """`_template_problem` of `text` in the shared environment, once per process (`build
    --watch` checks every text again on each rebuild)."""
    return _template_problem(shared_environment(), text, names)


def _template_problem(env: jinja2.Environment, text: str, names: Sequence[str]) -> str | None:
    """Return what is wrong with template `text` before it runs (syntax, a name the text stage
    does not give), or None."""
    try:
        tree = env.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        return f"template syntax error: {exc.message}"
    # Jinja counts a name set in one branch (`{% if %}{% set x %}`) as undeclared everywhere:
    # a name the template assigns anywhere is its own.
    assigned = {node.name for node in tree.find_all(jinja2.nodes.Name) if node.ctx != "load"}
    try:  # compiles the tree: an unknown filter or test is found here
        undeclared = jinja2.meta.find_undeclared_variables(tree)
    except jinja2.TemplateAssertionError as exc:
        return f"template error: {exc.message}"
    for name in sorted(undeclared - assigned):
        if name in names or name in env.globals:
            continue
        if name == "outline":
            return NO_OUTLINE_YET
        return explain_undefined(name, missing, dict.fromkeys(SLIDE_NAMES))
    return None
