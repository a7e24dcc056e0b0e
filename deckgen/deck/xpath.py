"""python-pptx's XPath queries, each compiled once instead of on every call.

python-pptx answers `element.xpath(expr)` with lxml's `_Element.xpath`, which compiles `expr`
every time: about 90 µs for `./*[1]/p:nvPr/p:ph`, the test of "is this shape a placeholder" that
every placeholder lookup asks of every shape. A 25-slide deck asks it thousands of times, a third
of its assembly. A compiled `etree.XPath` answers the same expression with the same namespaces,
giving the same results in the same order, in about 4 µs. `install` puts such a method on
python-pptx's element class, once per process; compiled expressions are kept per thread (an
lxml evaluator is not to be shared between threads).
"""

from __future__ import annotations

import threading
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from pptx.oxml.ns import _nsmap as NAMESPACES
from pptx.oxml.xmlchemy import BaseOxmlElement

_compiled = threading.local()


def _xpath(self: BaseOxmlElement, xpath_str: str) -> Any:
    """`BaseOxmlElement.xpath`, with `xpath_str` compiled once per thread."""
    cache: dict[str, Any] | None = getattr(_compiled, "cache", None)
    if cache is None:
        cache = _compiled.cache = {}
    query = cache.get(xpath_str)
    if query is None:
        query = cache[xpath_str] = etree.XPath(xpath_str, namespaces=NAMESPACES)
    return query(self)


def install() -> None:
    """Make python-pptx's elements use compiled queries (idempotent)."""
    if BaseOxmlElement.xpath is not _xpath:
        BaseOxmlElement.xpath = _xpath  # type: ignore[method-assign]
