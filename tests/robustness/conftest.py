"""Hypothesis profiles for the robustness tests; `make fuzz` loads `fuzz` (HYPOTHESIS_PROFILE=fuzz).

Profiles are loaded only when asked for, so the other test folders keep hypothesis's defaults.
Each test sets its own share of the example budget with `budget.fuzzing(n)`, which the fuzz
profile multiplies by `budget.FUZZ_FACTOR`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "robustness",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile("fuzz", parent=settings.get_profile("robustness"), print_blob=True)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
