"""Turn a `news` slide and the period's entries into the bullets the deck shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from deckgen.news.curate import curate
from deckgen.news.model import NewsEntry
from deckgen.outline.schema import BulletsSlide, NewsSlide

NOTHING_YET = "No release in this period has notes yet"


def news_bullets(spec: NewsSlide, entries: Sequence[NewsEntry]) -> BulletsSlide:
    """Return `spec` as a bullets slide: curated groups of titles, then the hand-written items.

    The speaker notes default to each shown entry's title and description, so the speaker has
    the details at hand without putting them on the slide.
    """
    groups = curate(
        entries,
        categories=spec.categories,
        pick=spec.pick or None,
        exclude=spec.exclude or None,
        limit=spec.limit,
        group_by=None if spec.group_by == "none" else spec.group_by,
        rename=spec.rename,
    )
    items: list[Any] = []
    shown: list[NewsEntry] = []
    for group in groups:
        titles = [
            f"{title} ({entry.release})" if spec.show_release and entry.release else title
            for title, entry in zip(group.titles, group.entries, strict=True)
        ]
        shown += group.entries
        if group.heading:
            items.append({group.heading: titles})
        else:
            items += titles
    items += spec.items
    notes = spec.notes
    if notes is None and shown:
        notes = "\n\n".join(
            f"{e.title} ({e.release}): {e.body}" if e.body else f"{e.title} ({e.release})"
            for e in shown
        )
    return BulletsSlide(
        kind="bullets",
        id=spec.id,
        tags=spec.tags,
        title=spec.title,
        notes=notes,
        items=items or [NOTHING_YET],
    )
