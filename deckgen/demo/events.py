"""The event, a commit or a tag, and the clock its times are on.

The simulation plans each repository's history as a list of events and the writer turns that list
into git objects: this module is the contract between the two. Times are UTC seconds, days are
ordinals as `date.toordinal` counts them, and UTC offsets are minutes east of Greenwich.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from deckgen.fastimport import Person
from deckgen.metrics.period import DAY

EPOCH = date(1970, 1, 1).toordinal()
"""The day ordinal of 1 January 1970, where UTC seconds start."""


def ts(day: date, hour: int = 0) -> int:
    """Return the UTC seconds of `hour` o'clock UTC on `day`."""
    return (day.toordinal() - EPOCH) * DAY + hour * 3600


@dataclass(slots=True)
class Event:
    """A commit, or a tag when `tag` is set, at `at` (committer or tagger time, UTC seconds)."""

    at: int
    seq: int
    message: str
    author: Person
    authored: int
    atz: int
    committer: Person
    ctz: int
    topic: int = 0
    """When > 0: a commit on the side branch of that topic."""
    merge: int = 0
    """When > 0: the merge of that topic into main."""
    files: dict[str, str] | None = None
    tag: str = ""
    target: int = 0
    """A tag's commit (its `seq`); 0 means the tip of main at tag time."""
