"""The slide kind registry: deckgen's own kinds, and those other packages add as plug-ins.

A package adds a kind by naming its schema class, a `SlideSpec` subclass whose `renderer` names
its renderer, in the entry-point group `deckgen.slide_kinds` (`banner = "pkg.slides:Banner"`
under `[project.entry-points."deckgen.slide_kinds"]`). The installed packages are scanned only
when an outline names a kind that is not built in, or when every kind is listed (an error's
list of kinds, the JSON Schema, `deckgen kinds`): the scan reads every installed package's
metadata, 10-20 ms, which a build of built-in kinds does not pay. deckgen's own kinds are
registered in code, not through the group, so that running from a checkout whose installed
metadata is older than its source (an editable install, `PYTHONPATH`) still knows every kind.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from deckgen.errors import PluginError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

GROUP = "deckgen.slide_kinds"
"""The entry-point group a package names its slide kinds in."""


K = TypeVar("K", bound=type)


class SlideKinds(Mapping[str, K]):
    """Slide kind name → its schema class: the built-in kinds first, then the plug-ins'."""

    def __init__(self, builtin: Mapping[str, K], base: K) -> None:
        self._builtin = dict(builtin)
        self._base = base
        self._found: dict[str, K] | None = None

    def __getitem__(self, name: str) -> K:
        if name in self._builtin:
            return self._builtin[name]
        return self._plugins()[name]

    def __iter__(self) -> Iterator[str]:
        yield from self._builtin
        yield from self._plugins()

    def __len__(self) -> int:
        return len(self._builtin) + len(self._plugins())

    def __contains__(self, name: object) -> bool:
        return name in self._builtin or name in self._plugins()

    def forget_plugins(self) -> None:
        """Scan the installed packages again at the next look-up (tests install plug-ins)."""
        self._found = None

    def _plugins(self) -> dict[str, K]:
        """Return the installed packages' slide kinds; PluginError for one that is not a kind."""
        if self._found is None:
            from importlib.metadata import entry_points  # only when a plug-in is looked for

            points = sorted(entry_points(group=GROUP), key=lambda p: p.name)
            self._found = {point.name: self._kind(point) for point in points}
        return self._found

    def _kind(self, point: EntryPoint) -> K:
        def refuse(why: str) -> PluginError:
            return PluginError(f"slide kind plug-in {point.name!r} ({point.value}): {why}")

        if point.name in self._builtin:
            raise refuse("deckgen has a kind of that name; give the plug-in's kind another")
        try:
            kind = point.load()
        except Exception as exc:  # whatever the plug-in's import raises
            raise refuse(f"cannot import it ({type(exc).__name__}: {exc})") from None
        if not (isinstance(kind, type) and issubclass(kind, self._base)):
            raise refuse(f"expected a subclass of {self._base.__name__}, got {kind!r}")
        schema: Any = kind  # a pydantic model with the `renderer` of a SlideSpec
        field = schema.model_fields.get("kind")
        if field is None or field.default != point.name:
            said = field.default if field is not None else None
            raise refuse(f"its `kind` field defaults to {said!r}, not to {point.name!r}")
        if not schema.renderer:
            raise refuse("its `renderer` names no 'module:Class' to render it")
        return schema  # type: ignore[no-any-return]
