"""How a command recognises the demo outline, so that `deckgen build talks/demo.yaml` builds.

The demo outline names the repositories of the generated project (`core.git`, `bindings/…`)
relative to a folder that only `deckgen.demo.ensure_demo_project` fills. An outline is the demo
when the repositories it names were written by deckgen's own demo outline file
(`deckgen/data/demo.yaml`, which `talks/demo.yaml` links to): the outline itself, or an overlay
that `extends:` it and keeps its `repos`. It is recognised by that file's identity (symbolic links
resolved), not by a key in it: a marker key could be copied into an outline of real repositories,
and an overlay that names repositories of its own is then built against those, as it asks.

Here, not in `deckgen.demo`: every command that reads an outline asks, and importing the demo's
generator (the `deckgen.demo` package) to answer "no" cost `deckgen metrics` about 10 ms.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from deckgen.errors import DeckgenError
from deckgen.outline.loader import layer_outline
from deckgen.outline.yamlsource import read_outline_text

DEMO_OUTLINE = Path(__file__).resolve().parents[1] / "data" / "demo.yaml"
"""The demo talk shipped inside the package; `talks/demo.yaml` is a link to it."""


def is_demo_outline(
    path: Path, overrides: Sequence[str] = (), vars_files: Sequence[Path] = ()
) -> bool:
    """Return whether the repositories of the outline at `path` (with `--set` `overrides` and
    `--vars` files) are those the demo outline names.

    An outline that cannot be read is not the demo: the command reports why when it loads it.
    """
    try:
        text = read_outline_text(path)
        if not _may_extend(text) and path.resolve() != DEMO_OUTLINE:
            return False  # neither the demo's file nor an overlay of one
        layer = layer_outline(text, path, overrides=overrides, vars_files=vars_files)
    except (DeckgenError, OSError):
        return False
    written = [where for key, where in layer.values.items() if key[:1] == ("repos",)]
    if any(where.label is not None for where in written):  # set by --set: the user's own
        return False
    return {where.file.resolve() for where in written} == {DEMO_OUTLINE}


def _may_extend(text: str) -> bool:
    """Whether outline `text` may have an `extends:` key: the word is in it, or a backslash, the
    only way YAML writes a key without its letters (an escape such as `"ext\\x65nds"`). An
    outline without either is read once, by the loader, not also here (8 ms of a 45-repository
    outline before git starts)."""
    return "extends" in text or "\\" in text
