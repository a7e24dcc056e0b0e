"""The change of a number since last year, as a stats tile shows it: "▲ 312 vs last year"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from deckgen.errors import DeckError

UP, DOWN, SAME = "▲", "▼", "="
_NUMBER = re.compile(r"[−-]?\d[\d,  ]*(?:\.\d+)?")


@dataclass(frozen=True)
class Change:
    """The line under a tile's number and which way it went (+1 up, -1 down, 0 same)."""

    text: str
    direction: int
    short: str
    """The text without "vs last year", for a tile too narrow for all of it."""


def change(value: str, previous: str) -> Change:
    """Return the change from `previous` to `value` (both as shown, e.g. '3,912');
    DeckError when either is not a number."""
    now, before = _number(value, "value"), _number(previous, "previous")
    diff = now - before
    decimals = max(_decimals(value), _decimals(previous))
    shown = f"{abs(diff):,.{decimals}f}"
    if round(diff, decimals) == 0:
        return Change(f"{SAME} same as last year", 0, f"{SAME} same")
    arrow = UP if diff > 0 else DOWN
    return Change(f"{arrow} {shown} vs last year", 1 if diff > 0 else -1, f"{arrow} {shown}")


def _number(text: str, what: str) -> float:
    found = _NUMBER.search(text)
    if found is None:
        raise DeckError(f"a tile's {what} {text!r} is not a number, so it cannot show a change")
    digits = re.sub(r"[,  ]", "", found.group()).replace("−", "-")
    return float(digits)


def _decimals(text: str) -> int:
    found = _NUMBER.search(text)
    if found is None or "." not in found.group():
        return 0
    return len(found.group().rsplit(".", 1)[1])
