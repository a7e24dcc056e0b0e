"""The cells of `table` slides: written in the outline, or generated from the metrics."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from deckgen.errors import DeckError
from deckgen.metrics.model import Metrics, Release, ScopeMetrics, ranked_components
from deckgen.outline.schema import TableSlide

NAME_COLUMNS = 3
"""Columns the names of new contributors are laid out in (4 past `MANY_NAMES`)."""
MANY_NAMES = 24


RELEASE_FIELDS: dict[str, tuple[str, Callable[[Release], str], bool]] = {
    "name": ("Release", lambda r: r.name, False),
    "date": ("Date", lambda r: f"{r.date.day} {r.date:%B %Y}", False),
    "commits": ("Commits", lambda r: f"{r.commits:,}", True),
    "contributors": ("Contributors", lambda r: f"{r.contributors:,}", True),
    "new_contributors": ("New", lambda r: f"{r.new_contributors:,}", True),
}
"""A `releases` table's `fields`: header, cell, right-aligned."""


@dataclass(frozen=True)
class TableData:
    """A table's header cells (empty: no header row) and body rows, all plain strings."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    """Per column: right-aligned numbers."""
    flow: bool = False
    """The cells are one list read down the columns (names): continuation slides re-flow it."""

    @property
    def width(self) -> int:
        return max([len(self.columns), *(len(r) for r in self.rows)], default=1)


def table_data(spec: TableSlide, metrics: Metrics) -> TableData:
    """Return the cells of `spec`: its own `columns`/`rows`, or those its `data` generates."""
    if spec.data is None:  # no rows at all: the table kind says so, naming the slide
        return _padded(TableData(tuple(spec.columns), tuple(tuple(r) for r in spec.rows)))
    try:
        scope = metrics.scope(spec.scope)
    except KeyError:
        raise DeckError(f"table: unknown scope {spec.scope!r}") from None
    if spec.data == "releases":
        releases = metrics.releases if spec.scope == "all" else scope.releases
        fields = [RELEASE_FIELDS[f] for f in spec.fields]
        rows: tuple[tuple[str, ...], ...] = tuple(
            tuple(cell(r) for _, cell, _ in fields) for r in releases.list
        )
        empty = (("No release yet", *("" for _ in fields[1:])),)
        data = TableData(
            tuple(head for head, _, _ in fields),
            rows or empty,
            tuple(numeric for _, _, numeric in fields),
        )
    elif spec.data == "new_contributors":
        data = name_grid(scope.new_contributor_names)
    elif spec.data == "reviewers":
        data = reviewers(scope)
    elif spec.data in CHANGE_TABLES:
        data = CHANGE_TABLES[spec.data](scope, spec.scope)
    else:
        rows = tuple(
            (name, f"{s.commits:,}", f"{s.contributors:,}", f"{s.new_contributors:,}")
            for name, s in metrics.groups.items()
        )
        data = TableData(
            ("Group", "Commits", "Contributors", "New contributors"),
            rows,
            (False, True, True, True),
        )
    if spec.limit is not None and not data.flow:
        data = replace(data, rows=data.rows[: spec.limit])
    if spec.columns:
        data = replace(data, columns=tuple(spec.columns))
    return _padded(data)


def reviewers(scope: ScopeMetrics) -> TableData:
    """Return the people credited most by each credit trailer kind, kind by kind: the kind, the
    person, their credits, and their organisation when affiliations are set."""
    top = [(kind, p) for kind, stats in scope.credits.items() for p in stats.top]
    with_orgs = any(p.organisation is not None for _, p in top)
    columns = ("Credit", "Person", "Credits", *(("Organisation",) if with_orgs else ()))
    rows = tuple(
        (kind, p.name, f"{p.count:,}", *((p.organisation or "",) if with_orgs else ()))
        for kind, p in top
    )
    numeric = (False, False, True, *((False,) if with_orgs else ()))
    return TableData(columns, rows or (("No credits yet", "", ""),), numeric)


def components_table(scope: ScopeMetrics, name: str) -> TableData:
    """Return commits and authors per component in the period, most commits first."""
    if scope.components is None:
        raise DeckError(
            "table: no components: add `components` to the outline (`deckgen help outline`)"
        )
    ranked = ranked_components(scope.components)
    rows = tuple((c, f"{s.commits:,}", f"{s.authors:,}") for c, s in ranked)
    return TableData(
        ("Component", "Commits", "Authors"),
        rows or ((f"No component in {name}", "", ""),),
        (False, True, True),
    )


def lines_table(scope: ScopeMetrics, name: str) -> TableData:
    """Return the people of the period by changed lines (inserted + deleted), most first."""
    if scope.lines is None:
        raise DeckError("table: no line counts: set `lines: true` in the outline")
    rows = tuple(
        (p.name, f"{p.commits:,}", f"+{p.insertions:,}", f"-{p.deletions:,}", f"{p.changed:,}")
        for p in scope.lines.people
    )
    return TableData(
        ("Person", "Commits", "Inserted", "Deleted", "Changed"),
        rows or ((f"No commit in {name}", "", "", "", ""),),
        (False, True, True, True, True),
    )


CHANGE_TABLES: Mapping[str, Callable[[ScopeMetrics, str], TableData]] = {
    "components": components_table,
    "lines": lines_table,
}
"""`data` name → the table of a scope (and its name, for the empty case)."""


def name_grid(names: Sequence[str], columns: int | None = None) -> TableData:
    """Return `names` in alphabetical order, down the columns, without a header row."""
    if not names:
        return TableData((), (("No new contributor yet",),))
    ncol = columns or (NAME_COLUMNS if len(names) <= MANY_NAMES else NAME_COLUMNS + 1)
    ncol = min(ncol, len(names))
    ncol = math.ceil(len(names) / math.ceil(len(names) / ncol))  # 4 names: 2 + 2, not 2 + 2 + 0
    ordered = sorted(names, key=alphabetical)
    return TableData((), _down_columns(ordered, ncol), flow=True)


def alphabetical(name: str) -> tuple[str, str]:
    """Sort key that files a letter with its accented forms, as a reader looks names up:
    'Řehoř' among the R, not after 'Zoë'."""
    folded = name.casefold()
    bare = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return bare, folded


def items(data: TableData) -> int:
    """Return how many items the pages of `data` share out: names for a flowing list of
    names, else body rows."""
    return len(_names(data)) if data.flow else len(data.rows)


def pager(data: TableData) -> Callable[[int, int], tuple[TableData, int]]:
    """Return `page(start, rows)`: the page of `data` from item `start` with at most `rows` body
    rows, and how many items it holds. Every page keeps the header; a flowing list of names is
    laid out down the columns of each page anew, as many columns as the whole."""
    if not data.flow:

        def rows_page(start: int, rows: int) -> tuple[TableData, int]:
            body = data.rows[start : start + rows]
            return TableData(data.columns, body, data.numeric), len(body)

        return rows_page
    ncol, names = data.width, _names(data)

    def names_page(start: int, rows: int) -> tuple[TableData, int]:
        chosen = names[start : start + rows * ncol]
        grid = _down_columns(chosen, ncol)
        return TableData(data.columns, grid, data.numeric, flow=True), len(chosen)

    return names_page


def _names(data: TableData) -> list[str]:
    """Return the names of a flowing table in reading order (down each column in turn)."""
    return [row[c] for c in range(data.width) for row in data.rows if c < len(row) and row[c]]


def _down_columns(names: Sequence[str], ncol: int) -> tuple[tuple[str, ...], ...]:
    nrows = math.ceil(len(names) / ncol)
    return tuple(
        tuple(names[c * nrows + r] if c * nrows + r < len(names) else "" for c in range(ncol))
        for r in range(nrows)
    )


def _padded(data: TableData) -> TableData:
    """Return `data` with every row as wide as the widest, so the grid is rectangular."""
    width = data.width
    columns = data.columns + ("",) * (width - len(data.columns)) if data.columns else ()
    rows = tuple(r + ("",) * (width - len(r)) for r in data.rows)
    numeric = data.numeric + (False,) * (width - len(data.numeric))
    return TableData(columns, rows, numeric, data.flow)
