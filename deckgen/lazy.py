"""A package's names imported when first asked for (PEP 562's module `__getattr__`)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def lazy_names(package: str, homes: Mapping[str, str]) -> Callable[[str], object]:
    """Return the module `__getattr__` of `package` that imports each name of `homes` (name →
    the submodule defining it) from its submodule when it is first asked for: importing the
    package then costs nothing, and a process imports only the submodules it uses."""

    def __getattr__(name: str) -> object:
        if name in homes:
            return getattr(importlib.import_module(f"{package}.{homes[name]}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
