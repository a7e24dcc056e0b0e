"""Undefined names in a template: Jinja's error with what was undefined as data, and the name
the author likely meant."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from typing import Any, cast

import jinja2
from jinja2.exceptions import TemplateRuntimeError
from jinja2.utils import missing, object_type_repr
from pydantic import BaseModel

from deckgen.errors import did_you_mean


class UndefinedName(jinja2.UndefinedError):
    """Jinja's undefined-value error, with what was undefined as data: `name`, the object it was
    looked up on (`obj`, `jinja2.utils.missing` for a name of the context) and Jinja's `hint`, if
    any, that replaces the usual message."""

    def __init__(self, message: str | None, *, name: Any, obj: Any, hint: str | None) -> None:
        super().__init__(message)
        self.name = name
        self.obj = obj
        self.hint = hint


class StrictNames(jinja2.StrictUndefined):
    """`StrictUndefined` whose error is an `UndefinedName`: hints are made from its fields."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = missing,
        name: str | None = None,
        exc: type[TemplateRuntimeError] = jinja2.UndefinedError,
    ) -> None:
        if exc is jinja2.UndefinedError:  # Jinja raises `exc(message)`: bind the data to it
            exc = cast(
                type[TemplateRuntimeError],
                functools.partial(UndefinedName, name=name, obj=obj, hint=hint),
            )
        super().__init__(hint, obj, name, exc)


def explain_undefined(name: Any, obj: Any, context: Mapping[str, Any]) -> str:
    """Return why `name` (looked up on `obj`, or in `context` when `obj` is `missing`) is
    undefined, with the name the author likely meant."""
    if obj is missing:
        text, known = f"{name!r} is undefined", sorted(context)
    elif isinstance(name, str):
        text = f"{_type_name(obj)!r} has no attribute {name!r}"
        known = sorted(_attribute_names(context.values()))
    else:
        return f"{object_type_repr(obj)} has no element {name!r}"
    hint = (
        did_you_mean(name, known) or "; `deckgen help outline` lists the names a template can use"
    )
    return text + hint


def _type_name(obj: Any) -> str:
    """Return Jinja's name for the type of `obj` without its module: 'ScopeMetrics object'."""
    if obj is None or obj is Ellipsis:
        return repr(obj)
    return f"{type(obj).__name__} object"


def _attribute_names(values: Any, depth: int = 0) -> set[str]:
    """Return the field and key names two levels into the template context (for hints)."""
    names: set[str] = set()
    for value in values:
        items: list[tuple[str, Any]]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            items = [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)]
        elif isinstance(value, BaseModel):
            items = [(name, getattr(value, name)) for name in type(value).model_fields]
        elif isinstance(value, Mapping):
            items = [(str(k), v) for k, v in value.items()]
        else:
            continue
        names.update(name for name, _ in items)
        if depth < 2:
            names |= _attribute_names([v for _, v in items], depth + 1)
    return names
