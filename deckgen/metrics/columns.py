"""Small helpers over numpy columns, shared by the counting modules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt


def column(values: object, dtype: type[np.generic]) -> Any:
    """Return an `array.array` (or any buffer) as a read-only numpy column, without a copy."""
    return np.frombuffer(values, dtype=dtype)  # type: ignore[call-overload]


def distinct(values: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Return the distinct `values`, ascending: `np.unique`, which imports numpy.ma (a tenth of
    a second of start-up) on first use."""
    ordered = np.sort(values)
    if len(ordered) == 0:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]
