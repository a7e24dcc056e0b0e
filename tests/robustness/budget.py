"""How many examples a hypothesis test runs: its share of `make test`, 20× that for `make fuzz`."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ_FACTOR = 20


def examples(n: int) -> int:
    """Return `n`, or `n` × FUZZ_FACTOR under HYPOTHESIS_PROFILE=fuzz."""
    return n * FUZZ_FACTOR if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else n


def fuzzing(n: int) -> settings:
    """Return the settings of a robustness test with a budget of `n` examples in `make test`."""
    return settings(
        max_examples=examples(n),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
