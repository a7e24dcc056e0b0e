"""The reported period: defaults, errors, the matching window a year earlier, UTC day bounds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from deckgen.errors import OutlineError
from deckgen.metrics import Period, resolve_period
from deckgen.metrics.period import bounds, previous, start_of, utc_date
from tests.gitrepos import make_outline

AS_OF = date(2026, 11, 26)


def period_of(**spec: date) -> Period:
    return resolve_period(make_outline({"core": [Path("/r")]}, period=spec), AS_OF)


def test_defaults_are_the_calendar_year_so_far() -> None:
    assert period_of() == Period(date(2026, 1, 1), AS_OF)
    assert period_of().days == 330


def test_explicit_days_are_kept() -> None:
    assert period_of(since=date(2025, 7, 1), until=date(2026, 6, 30)) == Period(
        date(2025, 7, 1), date(2026, 6, 30)
    )


def test_until_before_since_is_an_error() -> None:
    with pytest.raises(OutlineError) as err:
        period_of(since=date(2026, 3, 1), until=date(2026, 2, 1))
    assert str(err.value) == "period.until: 2026-02-01 is before period.since (2026-03-01)"


def test_since_after_as_of_is_an_error() -> None:
    with pytest.raises(OutlineError) as err:
        period_of(since=date(2026, 12, 1))
    assert str(err.value) == "period.until: 2026-11-26 is before period.since (2026-12-01)"


def test_period_in_the_future_is_an_error() -> None:
    with pytest.raises(OutlineError) as err:
        period_of(until=date(2026, 12, 31))
    assert str(err.value) == (
        "period.until: 2026-12-31 is after the as-of date 2026-11-26: a period cannot end in "
        "the future; end it by the as-of date, or pass a later --as-of"
    )


def test_previous_window_is_one_year_earlier() -> None:
    assert previous(Period(date(2026, 1, 1), AS_OF)) == Period(date(2025, 1, 1), date(2025, 11, 26))
    assert previous(Period(date(2024, 1, 1), date(2024, 2, 29))) == Period(
        date(2023, 1, 1), date(2023, 2, 28)
    )


def test_bounds_are_utc_days_end_exclusive() -> None:
    start, end = bounds(Period(date(2020, 1, 1), date(2020, 1, 1)))
    assert (start, end) == (1577836800, 1577836800 + 86400)
    assert start_of(date(1970, 1, 2)) == 86400
    assert utc_date(end - 1) == date(2020, 1, 1)
    assert utc_date(end) == date(2020, 1, 2)
