"""Choose, rename and group the entries a news slide shows.

The result is plain data, a list of `NewsGroup`s (a heading and its item titles), which the deck
stage turns into bullets without knowing where the entries came from.

Rules, in order: `categories` keeps those categories; `pick` keeps titles matching any of its
regular expressions and `exclude` then drops titles matching any of its own (both searched in the
title as written in the notes, ignoring case); entries are grouped; `rename` replaces a title
written exactly as a key, and a group heading (or group key, such as "new" or "qemu") likewise;
identical titles within a group are shown once; `limit` keeps the first items of each group (the
notes' order, so usually the newest release first) and `total` the first items over all groups.
Grouping by component drops the "qemu: " prefix from titles, since the heading says it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from deckgen.news.model import CATEGORIES, CATEGORY_HEADINGS, NewsEntry, NewsError

GroupBy = Literal["category", "release", "component"]
GROUPINGS: Final = ("category", "release", "component")
OTHER_COMPONENT: Final = "Other"
"""The heading of entries without a component when grouping by component."""


@dataclass(frozen=True)
class NewsGroup:
    """One group of bullets: `titles[i]` is what the slide shows for `entries[i]`."""

    key: str
    heading: str
    titles: tuple[str, ...]
    entries: tuple[NewsEntry, ...]


def _unknown(what: str, value: str, valid: Sequence[str]) -> NewsError:
    close = difflib.get_close_matches(value, valid, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return NewsError(f"unknown news {what} '{value}'{hint}, expected one of: {', '.join(valid)}")


def _patterns(option: str, value: str | Sequence[str] | None) -> list[re.Pattern[str]]:
    values = [value] if isinstance(value, str) else list(value or ())
    compiled = []
    for text in values:
        try:
            compiled.append(re.compile(text, re.IGNORECASE))
        except re.error as exc:
            raise NewsError(f"news {option}: invalid regular expression '{text}': {exc}") from None
    return compiled


def _check_count(option: str, value: int | None) -> None:
    if value is not None and value < 1:
        raise NewsError(f"news {option} must be at least 1, got {value}")


def curate(
    entries: Iterable[NewsEntry],
    categories: Sequence[str] | None = None,
    pick: str | Sequence[str] | None = None,
    exclude: str | Sequence[str] | None = None,
    limit: int | None = None,
    group_by: GroupBy | None = "category",
    rename: Mapping[str, str] | None = None,
    *,
    total: int | None = None,
) -> list[NewsGroup]:
    """Return the groups of bullets a news slide shows (empty groups left out)."""
    for category in categories or ():
        if category not in CATEGORIES:
            raise _unknown("category", category, CATEGORIES)
    if group_by is not None and group_by not in GROUPINGS:
        raise _unknown("grouping", str(group_by), GROUPINGS)
    _check_count("limit", limit)
    _check_count("total", total)
    picks, excludes = _patterns("pick", pick), _patterns("exclude", exclude)
    renames = dict(rename or {})
    chosen = [
        e
        for e in entries
        if (categories is None or e.category in categories)
        and (not picks or any(p.search(e.title) for p in picks))
        and not any(p.search(e.title) for p in excludes)
    ]
    groups: list[NewsGroup] = []
    budget = total
    for key, heading, members in _grouped(chosen, group_by, categories):
        titles: list[str] = []
        kept: list[NewsEntry] = []
        for entry in members:
            title = _title(entry, group_by, renames)
            if title in titles:
                continue
            if (limit is not None and len(titles) >= limit) or budget == 0:
                break
            titles.append(title)
            kept.append(entry)
            budget = None if budget is None else budget - 1
        if titles:
            heading = renames.get(heading, renames.get(key, heading))
            groups.append(NewsGroup(key, heading, tuple(titles), tuple(kept)))
    return groups


def _title(entry: NewsEntry, group_by: GroupBy | None, renames: Mapping[str, str]) -> str:
    if entry.title in renames:
        return renames[entry.title]
    if group_by == "component" and entry.component:
        return entry.title.removeprefix(f"{entry.component}: ")
    return entry.title


def _grouped(
    entries: Sequence[NewsEntry], group_by: GroupBy | None, categories: Sequence[str] | None
) -> list[tuple[str, str, list[NewsEntry]]]:
    """Return (key, heading, entries) per group, in slide order."""
    if group_by is None:
        return [("", "", list(entries))]
    if group_by == "category":
        order = list(categories) if categories is not None else list(CATEGORIES)
        return [
            (c, CATEGORY_HEADINGS[c], [e for e in entries if e.category == c])
            for c in dict.fromkeys(order)
        ]
    buckets: dict[str, list[NewsEntry]] = {}
    for entry in entries:
        key = entry.release if group_by == "release" else entry.component or ""
        buckets.setdefault(key, []).append(entry)
    if group_by == "release":
        return [(key, key, members) for key, members in buckets.items()]
    named = [(key, key, members) for key, members in buckets.items() if key]
    return [*named, ("", OTHER_COMPONENT, buckets[""])] if "" in buckets else named
