"""Growth plans: how many commits and newcomers each repository gets in each year.

The talk's charts depend on the shape of the history, not on its details: core grows for six
years and then stays at 4,000-5,000 commits a year, the bindings start later and tail off, and
newcomers to core dip for five years before they recover in the as-of year. A `Plan` holds those
curves as functions of the year. Noise comes from a `random.Random` per repository and year, and
decay from repeated products rather than `pow()`, so that the rates are the same on every platform.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from deckgen.demo.events import ts
from deckgen.demo.orbit import CORE, GO, PERL, PYTHON


@dataclass(frozen=True)
class Plan:
    """How one repository grows: full-year rates of commits and of newcomers, by year."""

    repo: str
    start: date
    commits: Callable[[int], float]
    newcomers: Callable[[int], float]
    kinds: tuple[float, float, float, float]
    shared: float
    """Chance that a newcomer to this repository already contributed elsewhere in the project."""

    @property
    def opened(self) -> int:
        """The UTC seconds of nine o'clock on the first day: nothing in the repository is older."""
        return ts(self.start, 9)


def _noise(repo: str, year: int) -> float:
    return random.Random(f"orbit-demo/noise/{repo}/{year}").random()


def _decay(factor: float, years: int) -> float:
    result = 1.0
    for _ in range(years):  # repeated products, not pow(): exact IEEE results on every platform
        result *= factor
    return result


def _hump(
    repo: str, first: int, peak_year: int, peak: float, floor: float, decay: float
) -> Callable[[int], float]:
    """Return a rate that grows to `peak` in `peak_year`, then decays towards `floor`, noisily."""

    def rate(year: int) -> float:
        if year < peak_year:
            value = peak * (year - first + 1) / (peak_year - first + 1)
        else:
            value = floor + (peak - floor) * _decay(decay, year - peak_year)
        return value * (0.65 + 0.7 * _noise(repo, year))

    return rate


def plans(as_of: date) -> tuple[Plan, ...]:
    """Return the growth of each repository for a history that ends on `as_of`."""
    now = as_of.year
    growth = {2005: 500, 2006: 500, 2007: 1000, 2008: 1700, 2009: 2400, 2010: 3100, 2011: 3800}
    joining = {2005: 2, 2006: 10, 2007: 17, 2008: 24, 2009: 30, 2010: 34, 2011: 38}
    dip = (0.88, 0.78, 0.68, 0.6, 0.56)  # the five years before the as-of year

    def core_commits(year: int) -> float:
        if year == now:
            return 4300
        return growth.get(year, 3900 + 400 * _noise(CORE, year))

    def core_newcomers(year: int) -> float:
        if year == now:
            return 56
        rate = joining.get(year, 36 + 8 * _noise(CORE + "/new", year))
        return rate * (dip[year - now + 5] if year >= now - 5 else 1.0)

    def binding(rate: Callable[[int], float], boost: float) -> Callable[[int], float]:
        return lambda year: rate(year) * (boost if year == now else 1.0)

    bindings = (0.55, 0.30, 0.13, 0.02)
    return (
        Plan(
            CORE, date(2005, 11, 14), core_commits, core_newcomers, (0.52, 0.3, 0.15, 0.03), 0.05
        ),
        Plan(
            PYTHON, date(2008, 3, 3), _hump(PYTHON, 2008, 2011, 380, 80, 0.8),
            binding(_hump(PYTHON + "/new", 2008, 2011, 12, 3, 0.8), 1.3), bindings, 0.5,
        ),
        Plan(
            GO, date(2014, 10, 6), _hump(GO, 2014, 2016, 440, 100, 0.75),
            binding(_hump(GO + "/new", 2014, 2016, 14, 4, 0.75), 1.3), bindings, 0.5,
        ),
        Plan(
            PERL, date(2009, 5, 11), _hump(PERL, 2009, 2010, 180, 15, 0.7),
            binding(_hump(PERL + "/new", 2009, 2010, 4, 1, 0.7), 1.3), bindings, 0.5,
        ),
    )  # fmt: skip
