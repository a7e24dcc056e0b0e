"""Release counts, cadence (median gap) and the projected count for the year."""

from __future__ import annotations

from datetime import date

from deckgen.history import Tag
from deckgen.metrics import Period, Release
from deckgen.metrics.period import start_of
from deckgen.metrics.releases import release_metrics

PERIOD = Period(date(2020, 1, 1), date(2020, 6, 30))


def tags(*days: date) -> list[Tag]:
    return [Tag(f"v{d.isoformat()}", start_of(d) + 3600) for d in days]


def test_monthly_schedule_after_two_releases_six_weeks_apart() -> None:
    days = [date(2019, m, 2) for m in range(7, 13)]
    days += [date(2020, 1, 15), date(2020, 3, 1)] + [date(2020, m, 1) for m in (4, 5, 6)]
    r = release_metrics(tags(*days), PERIOD)
    assert r.count == 5
    assert r.cadence_days == 31.0
    assert r.projected == 5 + 184 // 31
    assert r.list[0] == Release("v2020-01-15", date(2020, 1, 15))


def test_cadence_falls_back_to_all_releases_when_the_year_has_fewer_than_two() -> None:
    r = release_metrics(tags(date(2017, 1, 1), date(2018, 1, 1), date(2020, 2, 1)), PERIOD)
    assert (r.count, r.cadence_days, r.projected) == (1, 563.0, 1)  # gaps of 365 and 761 days


def test_no_cadence_without_two_release_days() -> None:
    r = release_metrics(tags(date(2020, 2, 1)), PERIOD)
    assert (r.count, r.cadence_days, r.projected) == (1, None, 1)
    same_day = [Tag("v1.0", start_of(date(2020, 2, 1))), Tag("1.0", start_of(date(2020, 2, 1)))]
    r = release_metrics(same_day, PERIOD)
    assert (r.count, r.cadence_days) == (2, None)


def test_releases_after_the_period_are_left_out() -> None:
    r = release_metrics(tags(date(2020, 5, 1), date(2020, 6, 1), date(2020, 7, 1)), PERIOD)
    assert (r.count, r.cadence_days) == (2, 31.0)
    assert [x.date for x in r.list] == [date(2020, 5, 1), date(2020, 6, 1)]


def test_release_days_are_utc_days() -> None:
    late = Tag("v1.0", start_of(date(2020, 1, 1)) - 60)
    assert release_metrics([late], PERIOD).count == 0
