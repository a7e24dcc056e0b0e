"""Keep the entries of the releases made in the reported period.

A release's date comes from the metrics stage's release list when it names the release (tags are
what the rest of the deck counts), else from the date written in the notes. Versions match with
or without a `v` prefix, so tag `v6.8.0` finds the section `6.8.0` and the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from deckgen.news.model import NewsEntry, NewsError
from deckgen.news.releases import version_key

if TYPE_CHECKING:  # only the type: importing deckgen.metrics would load the whole metrics stage
    from deckgen.metrics.model import Release


def release_date(entry: NewsEntry, tagged: dict[str, date]) -> date | None:
    """Return the day `entry`'s release was made: its tag's date, else the date in the notes."""
    if entry.release and (day := tagged.get(version_key(entry.release))) is not None:
        return day
    return entry.date


def select_entries(
    entries: Iterable[NewsEntry],
    period_since: date,
    period_until: date,
    releases: Sequence[Release] | None = None,
    include_unreleased: bool = False,
) -> list[NewsEntry]:
    """Return the entries released between `period_since` and `period_until` (both inclusive).

    Entries whose release date is unknown (no tag in `releases`, no date in the notes) are left
    out; entries of unreleased sections are kept only with `include_unreleased`, whatever the
    period. The order of `entries` is kept.
    """
    if period_until < period_since:
        raise NewsError(
            f"news period ends before it starts: {period_since.isoformat()} to "
            f"{period_until.isoformat()}"
        )
    tagged = {version_key(r.name): r.date for r in releases or ()}
    kept: list[NewsEntry] = []
    for entry in entries:
        if entry.unreleased:
            if include_unreleased:
                kept.append(entry)
            continue
        day = release_date(entry, tagged)
        if day is not None and period_since <= day <= period_until:
            kept.append(entry)
    return kept
