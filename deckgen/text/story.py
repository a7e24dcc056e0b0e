"""A headline number's place in its history, in words: the `story` and `ranked` filters.

Both read a `MetricContext` (`all.context.commits`) and nothing else, so a sentence is exactly as
true as the numbers: on any date, for any project. Every branch is one case of docs/metrics.md
("context"), tested in tests/test_text_story.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import Undefined

from deckgen.plural import plural

if TYPE_CHECKING:
    from deckgen.metrics.model import MetricContext

NOUNS = {
    "commits": ("commit", None),
    "contributors": ("contributor", None),
    "new_contributors": ("new contributor", None),
    "commits_by_new": ("commit by new contributors", "commits by new contributors"),
    "releases": ("release", None),
}
"""The noun `story` counts a metric in when the template names none."""

POINT = {
    "year_to_date": "at this point of the year",
    "year": "in a year",
    "window": "in this window of the year",
}
"""How the period compares with earlier years, by `MetricContext.span`."""

EVERY = {
    "year_to_date": "at this point of every year since {year}",
    "year": "in every year since {year}",
    "window": "in this window of every year since {year}",
}


def story(context: Any, noun: str | None = None, plural_noun: str | None = None) -> str:
    """Return one sentence (without its full stop) telling where `context`'s value stands:
    '87 new contributors so far: the most ever at this point of the year, up 50 on last
    year's 37'. `noun` (and `plural_noun`) name what is counted; by default the metric's."""
    c = _context(context, "story")
    singular, plural_default = NOUNS[c.metric] if noun is None else (noun, plural_noun)
    head = plural(c.value, singular, plural_noun or plural_default)
    if c.span == "year_to_date":
        head += " so far"
    if c.years == 0:
        return f"{head}; no earlier year to compare with"
    rank, with_change = _rank_clause(c) if c.years > 1 else ("", False)
    clauses = [rank] if rank else []
    if not with_change:
        clauses.append(_change_clause(c))
    return f"{head}: {', '.join(clauses)}"


def ranked(context: Any) -> str:
    """Return the value's rank among the compared years, for a tile: '2nd highest since 2005',
    'highest ever'."""
    c = _context(context, "ranked")
    if c.years == 0:
        return "no earlier year to compare"
    # "highest since 2005" would say that 2005 was as high: a top or bottom place is "ever"
    since = f"since {c.first_year}"
    if c.last_higher is None and c.last_lower is None:
        return f"same as every year {since}"
    if c.low_record:
        return "lowest ever"
    if c.rank == 1:
        return "highest ever" if c.record else "joint highest ever"
    if c.last_lower is None:  # tied at the bottom: "3rd highest" would flatter a shared low
        return "joint lowest ever"
    return f"{ordinal(c.rank)} highest {since}"


def ordinal(n: int) -> str:
    """Return 1 → '1st', 2 → '2nd', 11 → '11th', 23 → '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _context(value: Any, name: str) -> MetricContext:
    # here, not at the top: the template check before git imports the filters, not the metrics
    from deckgen.metrics.model import MetricContext

    if isinstance(value, Undefined):  # a misspelt name: Jinja's own error, with its hint
        value._fail_with_undefined_error()
    if not isinstance(value, MetricContext):
        raise TypeError(
            f"{name} needs a context such as all.context.commits, got {type(value).__name__}"
        )
    return value


def _rank_clause(c: MetricContext) -> tuple[str, bool]:
    """Return where the value stands among the earlier years ('' when nothing stands out), and
    whether that already tells the change since last year (the same)."""
    last_year = c.year - 1
    point = POINT[c.span]
    if c.last_higher is None and c.last_lower is None:
        return f"as many as {EVERY[c.span].format(year=c.first_year)}", True
    if c.record:
        return f"the most ever {point}", False
    if c.last_higher is None:
        return f"{_as_many(c.last_as_high, last_year)}, the joint most {point}", (
            c.last_as_high == last_year
        )
    if c.low_record:
        return f"the fewest ever {point}", False
    if c.last_lower is None:
        return f"{_as_many(c.last_as_low, last_year)}, the joint fewest {point}", (
            c.last_as_low == last_year
        )
    if c.last_as_high is not None and c.last_as_high < last_year:
        return f"the most since {c.last_as_high}", False
    if c.last_as_low is not None and c.last_as_low < last_year:
        return f"the fewest since {c.last_as_low}", False
    return "", False  # as many as last year, and neither the most nor the fewest since


def _as_many(year: int | None, last_year: int) -> str:
    return "as many as last year" if year == last_year else f"as many as in {year}"


def _change_clause(c: MetricContext) -> str:
    before = f"{c.previous:,}"
    if c.change > 0:
        return f"up {c.change:,} on last year's {before}"
    if c.change < 0:
        return f"down {-c.change:,} on last year's {before}"
    return "the same as last year"
