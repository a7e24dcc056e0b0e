"""The Jinja environment every outline text runs in: sandboxed, strict, and limited in how big
a number or a text a template may make."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.sandbox import ImmutableSandboxedEnvironment

from deckgen.plural import plural
from deckgen.text.filters import FILTERS
from deckgen.text.hints import StrictNames

MAX_RESULT = 100_000
"""Longest text or list, and most digits (in bits), that `*` and `**` may make in a template."""


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, plus limits on `*`, `**` and format widths: `{{ 2**99999999 }}` would
    not finish and `{{ 'x' * 10**9 }}` or `{{ '%0999999999d' % 1 }}` would take a gigabyte, even
    while the template is being compiled (Jinja folds constant expressions)."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_widths(getattr(value, "__self__", ""))
        return wrapped

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "%" and isinstance(left, str):
            _check_widths(left)
        if operator == "**" and _big_power(left, right):
            raise SecurityError(f"{left!r} ** {right!r} is too large a number for a slide")
        if operator == "*" and _big_product(left, right):
            raise SecurityError(f"the product of {_size(left)} and {_size(right)} is too large")
        return super().call_binop(context, operator, left, right)


_WIDE = re.compile(r"%[^a-zA-Z%]*\d{5}|\{[^{}]*:[^{}]*\d{5}")


def _check_widths(fmt: Any) -> None:
    """Refuse a format string with a width or precision of 10,000 or more (`'%0999999999d'`)."""
    if isinstance(fmt, str) and _WIDE.search(fmt):
        raise SecurityError(f"format {fmt[:40]!r} asks for too wide a field")


def _checked_format(value: Any, *args: Any, **kwargs: Any) -> str:
    _check_widths(str(value))
    return str(jinja2.filters.do_format(value, *args, **kwargs))


def _checked_center(value: Any, width: int = 80) -> str:
    if isinstance(width, int) and width > MAX_RESULT:
        raise SecurityError(f"center({width}) is too wide")
    return str(jinja2.filters.do_center(value, width))


def _checked_indent(value: Any, width: int | str = 4, *args: Any, **kwargs: Any) -> str:
    if (isinstance(width, int) and width > 1000) or (isinstance(width, str) and len(width) > 1000):
        raise SecurityError("indent is too wide")
    return str(jinja2.filters.do_indent(value, width, *args, **kwargs))


@jinja2.pass_eval_context
def _checked_replace(
    context: EvalContext, value: Any, old: str, new: str, count: int | None = None
) -> str:
    text = str(value)
    if isinstance(old, str) and isinstance(new, str) and old:
        grows = text.count(old) * max(0, len(new) - len(old))
        if len(text) + grows > MAX_RESULT:
            raise SecurityError("replace would make too long a text")
    return str(jinja2.filters.do_replace(context, value, old, new, count))


def _big_power(base: Any, exponent: Any) -> bool:
    if not isinstance(base, int) or not isinstance(exponent, int) or abs(base) < 2:
        return False
    return base.bit_length() * exponent > MAX_RESULT


def _big_product(left: Any, right: Any) -> bool:
    for many, times in ((left, right), (right, left)):
        if isinstance(many, str | list | tuple) and isinstance(times, int):
            return len(many) * times > MAX_RESULT
    if isinstance(left, int) and isinstance(right, int):
        return left.bit_length() + right.bit_length() > MAX_RESULT
    return False


def _size(value: Any) -> str:
    return plural(len(value), "item") if isinstance(value, str | list | tuple) else repr(value)[:40]


def make_environment() -> jinja2.Environment:
    """Return the sandboxed, strict Jinja environment every outline text is rendered with."""
    env = _Sandbox(undefined=StrictNames, autoescape=False, keep_trailing_newline=False)
    env.filters.update(
        FILTERS,
        format=_checked_format,
        center=_checked_center,
        indent=_checked_indent,
        replace=_checked_replace,
    )
    del env.globals["lipsum"]  # lipsum(10**9) writes a gigabyte of Latin
    return env


@lru_cache(maxsize=1)
def shared_environment() -> jinja2.Environment:
    """The environment of `compiled` and the template checks: one per process, so that
    `build --watch` compiles each outline text once, not again on every rebuild. It holds no
    outline's data (every value comes with `render`'s context), so sharing it is safe."""
    return make_environment()


@lru_cache(maxsize=4096)
def compiled(text: str) -> jinja2.Template:
    """Return template `text` compiled in `shared_environment` (a syntax error is raised, and
    not kept)."""
    return shared_environment().from_string(text)
