"""The filters outline templates may use beside Jinja's own (`thousands`, `approx`, …)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from deckgen.plural import plural
from deckgen.text.story import ranked, story

NO_NUMBER = "–"
"""What a number filter shows for a number that does not exist (None), e.g. a projection from
too few days: a dash, as a designer would set it, rather than a failed build."""


def _dash_for_none(number_filter: Callable[..., str]) -> Callable[..., str]:
    @wraps(number_filter)
    def shown(value: Any, *args: Any) -> str:
        return NO_NUMBER if value is None else number_filter(value, *args)

    return shown


@_dash_for_none
def thousands(value: Any) -> str:
    """Format 4123 as '4,123'."""
    return f"{_number(value):,.0f}" if isinstance(value, float) else f"{int(value):,}"


@_dash_for_none
def round_to(value: Any, step: int = 100) -> str:
    """Round to a multiple of `step` and format with separators: 4123 | round_to(100) → '4,100'."""
    if step <= 0:
        raise ValueError("round_to needs a positive step")
    return f"{round(_number(value) / step) * step:,.0f}"


@_dash_for_none
def approx(value: Any, digits: int = 2) -> str:
    """Round to `digits` significant digits, with separators: 123456 | approx → '120,000'.

    An estimate shown at the precision its size deserves: 12 stays '12', never 'about 0'.
    """
    if digits < 1:
        raise ValueError("approx needs at least 1 digit")
    whole = round(_number(value))
    step = 10 ** max(0, len(str(abs(whole))) - digits)
    return f"{round(whole / step) * step:,}"


@_dash_for_none
def percent(value: Any, total: Any, digits: int = 0) -> str:
    """Return `value` as a share of `total`: 388 | percent(3912) → '10%'."""
    whole = _number(total)
    share = 0.0 if whole == 0 else 100.0 * _number(value) / whole
    return f"{share:.{digits}f}%"


@_dash_for_none
def signed(value: Any) -> str:
    """Format a change with its sign: 12 → '+12', -3 → '−3'."""
    number = _number(value)
    text = f"{abs(number):,.0f}"
    return f"+{text}" if number > 0 else (f"−{text}" if number < 0 else "±0")


def longdate(value: date) -> str:
    """Format a date as '26 November 2026'."""
    return f"{value.day} {value:%B %Y}"


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


FILTERS = {
    "thousands": thousands,
    "round_to": round_to,
    "approx": approx,
    "percent": percent,
    "signed": signed,
    "longdate": longdate,
    "plural": plural,
    "story": story,
    "ranked": ranked,
}
