"""The event, a commit or a tag, and the clock its times are on.

The simulation plans each repository's history as a list of events and the writer turns that list
into git objects: this module is the contract between the two. Times are UTC seconds, days are
ordinals as `date.toordinal` counts them, and UTC offsets are minutes east of Greenwich. `Clock`
is where a simulated history ends; `EventLog` numbers the events a step of the simulation adds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from deckgen.fastimport import Person
from deckgen.metrics.period import DAY

EPOCH = date(1970, 1, 1).toordinal()
"""The day ordinal of 1 January 1970, where UTC seconds start."""


def ts(day: date, hour: int = 0) -> int:
    """Return the UTC seconds of `hour` o'clock UTC on `day`."""
    return (day.toordinal() - EPOCH) * DAY + hour * 3600


@dataclass(frozen=True)
class Clock:
    """The end of a simulated history: the as-of date, as a day ordinal and its last second."""

    as_of: date
    last_day: int
    end: int

    @classmethod
    def of(cls, as_of: date) -> Clock:
        """Return the clock of a history that ends at midnight UTC after `as_of`."""
        return cls(as_of, as_of.toordinal(), ts(as_of) + DAY - 1)


@dataclass(frozen=True, slots=True)
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


class EventLog:
    """A repository's events as a step of the simulation adds them, numbered in order."""

    def __init__(self, events: Sequence[Event] = ()) -> None:
        self._events = list(events)

    def add(
        self,
        author: Person,
        authored: int,
        atz: int,
        committer: Person,
        at: int,
        ctz: int,
        message: str,
        *,
        topic: int = 0,
        merge: int = 0,
        files: dict[str, str] | None = None,
        tag: str = "",
        target: int = 0,
    ) -> Event:
        """Add an event: a commit, or a tag when `tag` is given."""
        event = Event(
            at, len(self._events) + 1, message, author, authored, atz, committer, ctz,
            topic=topic, merge=merge, files=files, tag=tag, target=target,
        )  # fmt: skip
        self._events.append(event)
        return event

    def events(self) -> tuple[Event, ...]:
        """Return the events so far, in the order they were added."""
        return tuple(self._events)
