"""Counted nouns: "1 commit", "2 commits", for every count deckgen writes and every outline author.

A leaf module (it imports nothing of deckgen), so the CLI, warnings, charts, the starter and the
`plural` Jinja filter all agree on one rule.
"""

from __future__ import annotations

IRREGULAR = {"person": "people"}
"""Plurals the suffix rules below get wrong; pass `plural_noun` for any other."""


def plural(
    count: int | float, noun: str, plural_noun: str | None = None, *, number: bool = True
) -> str:
    """Return `count` and `noun`, plural unless the count is one: 1234, 'commit' → '1,234 commits'.

    The noun's last word is made plural ('new contributor' → 'new contributors', 'repository'
    → 'repositories'), or `plural_noun` is used when given. With `number=False` only the noun is
    returned, for a caption under a number shown elsewhere.
    """
    if isinstance(count, bool) or not isinstance(count, int | float):
        raise TypeError(f"expected a number, got {count!r}")
    word = noun if count == 1 else (plural_noun or plural_of(noun))
    return f"{_format(count)} {word}" if number else word


def plural_of(noun: str) -> str:
    """Return the plural of `noun`, changing its last word: 'release-note entry' → '… entries'."""
    head, space, last = noun.rpartition(" ")
    lower = last.lower()
    if lower in IRREGULAR:
        word = IRREGULAR[lower]
    elif lower.endswith("y") and lower[-2:-1] not in ("", *"aeiou"):
        word = last[:-1] + "ies"
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        word = last + "es"
    else:
        word = last + "s"
    return head + space + word


def _format(count: int | float) -> str:
    if isinstance(count, float) and not count.is_integer():
        return f"{count:,}"
    return f"{int(count):,}"
