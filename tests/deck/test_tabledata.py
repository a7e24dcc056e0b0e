"""Table cells: written in the outline, or generated from the metrics; split into pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from deckgen.deck.tabledata import TableData, items, name_grid, pager, table_data
from deckgen.errors import DeckError
from deckgen.metrics.model import (
    ComponentStats,
    Credited,
    CreditStats,
    LineStats,
    PersonLines,
    Release,
    Releases,
)
from deckgen.outline.schema import TableSlide
from tests.charts.chartdata import make_metrics, plateau

RELEASES = Releases(
    2, 12, 30.0, (Release("v9.0.0", date(2026, 1, 15)), Release("v9.1.0", date(2026, 3, 2)))
)


def test_rows_from_the_outline_are_padded() -> None:
    spec = TableSlide(columns=["A", "B", "C"], rows=[["1"], ["2", "3"]])
    assert table_data(spec, make_metrics(plateau())) == TableData(
        ("A", "B", "C"), (("1", "", ""), ("2", "3", "")), (False, False, False)
    )


def test_a_table_without_rows_is_empty() -> None:
    assert table_data(TableSlide(title="Empty"), make_metrics(plateau())).rows == ()


def test_releases() -> None:
    data = table_data(TableSlide(data="releases"), make_metrics(plateau(), releases=RELEASES))
    assert data.columns == ("Release", "Date")
    assert data.rows == (("v9.0.0", "15 January 2026"), ("v9.1.0", "2 March 2026"))


def test_scopes_one_row_per_group() -> None:
    core = replace(plateau(), name="core", commits=4123, contributors=180, new_contributors=41)
    data = table_data(TableSlide(data="scopes"), make_metrics(plateau(), groups={"core": core}))
    assert data.columns == ("Group", "Commits", "Contributors", "New contributors")
    assert data.rows == (("core", "4,123", "180", "41"),)
    assert data.numeric == (False, True, True, True)


def test_reviewers_kind_by_kind() -> None:
    credits = {
        "Reviewed-by": CreditStats(5, 2, (Credited("Jane", 4), Credited("Ann", 1))),
        "Tested-by": CreditStats(1, 1, (Credited("Bo", 1),)),
    }
    data = table_data(
        TableSlide(data="reviewers"), make_metrics(replace(plateau(), credits=credits))
    )
    assert data.columns == ("Credit", "Person", "Credits")
    assert data.rows == (
        ("Reviewed-by", "Jane", "4"),
        ("Reviewed-by", "Ann", "1"),
        ("Tested-by", "Bo", "1"),
    )
    assert data.numeric == (False, False, True)


def test_reviewers_with_their_organisation() -> None:
    credits = {"Acked-by": CreditStats(1, 1, (Credited("Jane", 1_200, "Red Hat"),))}
    data = table_data(
        TableSlide(data="reviewers"), make_metrics(replace(plateau(), credits=credits))
    )
    assert data.columns == ("Credit", "Person", "Credits", "Organisation")
    assert data.rows == (("Acked-by", "Jane", "1,200", "Red Hat"),)


def test_reviewers_without_credits() -> None:
    data = table_data(TableSlide(data="reviewers"), make_metrics(plateau()))
    assert data.rows == (("No credits yet", "", ""),)


def test_new_contributors_down_the_columns_and_columns_renamed() -> None:
    scope = replace(plateau(), new_contributor_names=("eve", "Bob", "alice", "Dan", "carol"))
    spec = TableSlide(data="new_contributors", columns=["Welcome!"])
    data = table_data(spec, make_metrics(scope))
    assert data.rows == (("alice", "carol", "eve"), ("Bob", "Dan", ""))
    assert data.columns == ("Welcome!", "", "")


def test_unknown_scope() -> None:
    with pytest.raises(DeckError) as caught:
        table_data(TableSlide(data="releases", scope="nope"), make_metrics(plateau()))
    assert str(caught.value) == "table: unknown scope 'nope'"


def test_pages_keep_the_header() -> None:
    data = TableData(("N",), tuple((str(i),) for i in range(5)), (True,))
    assert items(data) == 5
    page = pager(data)
    assert page(2, 2) == (TableData(("N",), (("2",), ("3",)), (True,)), 2)
    assert page(4, 2) == (TableData(("N",), (("4",),), (True,)), 1)


def test_pages_of_names_reflow_down_their_columns() -> None:
    names = name_grid([f"n{i:02}" for i in range(10)], columns=2)
    assert items(names) == 10
    page = pager(names)
    first, held = page(0, 2)
    assert (first.rows, held) == ((("n00", "n02"), ("n01", "n03")), 4)
    last, held = page(8, 2)
    assert (last.rows, held) == ((("n08", "n09"),), 2)
    fewer, _ = page(9, 2)  # one name left: still as many columns as the whole
    assert fewer.rows == (("n09", ""),)


def test_renamed_columns_keep_the_names_flowing() -> None:
    scope = replace(plateau(), new_contributor_names=tuple(f"n{i}" for i in range(7)))
    data = table_data(
        TableSlide(data="new_contributors", columns=["Welcome!"]), make_metrics(scope)
    )
    assert data.flow
    assert pager(data)(0, 1)[0] == TableData(
        ("Welcome!", "", ""), (("n0", "n1", "n2"),), (False, False, False), flow=True
    )


def test_names_sort_as_a_reader_looks_them_up() -> None:
    """Accented letters file with their base letter; case does not matter."""
    grid = name_grid(["Zoë Lang", "Řehoř Ňachal", "anna Berg", "Ábel Tóth", "Rudi Kern"], 1)
    assert [row[0] for row in grid.rows] == [
        "Ábel Tóth", "anna Berg", "Řehoř Ňachal", "Rudi Kern", "Zoë Lang",
    ]  # fmt: skip


def test_few_names_leave_no_empty_column() -> None:
    assert name_grid(["A", "B", "C", "D"]).rows == (("A", "C"), ("B", "D"))
    assert name_grid(["A", "B", "C"]).rows == (("A", "B", "C"),)


def test_releases_with_their_counts_in_the_fields_asked() -> None:
    counted = Releases(
        2,
        12,
        30.0,
        (
            Release("v9.0.0", date(2026, 1, 15), 1234, 87, 12),
            Release("v9.1.0", date(2026, 3, 2), 456, 41, 3),
        ),
    )
    spec = TableSlide(
        data="releases", fields=["name", "commits", "contributors", "new_contributors"]
    )
    data = table_data(spec, make_metrics(plateau(), releases=counted))
    assert data.columns == ("Release", "Commits", "Contributors", "New")
    assert data.rows == (("v9.0.0", "1,234", "87", "12"), ("v9.1.0", "456", "41", "3"))
    assert data.numeric == (False, True, True, True)
    empty = table_data(spec, make_metrics(plateau()))
    assert empty.rows == (("No release yet", "", "", ""),)


def test_an_unknown_release_field_is_an_outline_error() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        TableSlide(data="releases", fields=["name", "authors"])
    assert "fields.1" in str(caught.value)


def test_components_most_commits_first() -> None:
    parts = {"docs": ComponentStats(12, 5), "qemu": ComponentStats(1200, 80)}
    data = table_data(
        TableSlide(data="components"), make_metrics(replace(plateau(), components=parts))
    )
    assert data.columns == ("Component", "Commits", "Authors")
    assert data.rows == (("qemu", "1,200", "80"), ("docs", "12", "5"))
    assert data.numeric == (False, True, True)
    with pytest.raises(DeckError) as failed:
        table_data(TableSlide(data="components"), make_metrics(plateau()))
    assert str(failed.value) == (
        "table: no components: add `components` to the outline (`deckgen help outline`)"
    )


def test_lines_top_people_limited() -> None:
    people = (
        PersonLines("Ann", 3, 900, 100),
        PersonLines("Bo", 9, 10, 5),
        PersonLines("Cy", 1, 1, 0),
    )
    scope = replace(plateau(), lines=LineStats(911, 105, people))
    data = table_data(TableSlide(data="lines", limit=2), make_metrics(scope))
    assert data.columns == ("Person", "Commits", "Inserted", "Deleted", "Changed")
    assert data.rows == (("Ann", "3", "+900", "-100", "1,000"), ("Bo", "9", "+10", "-5", "15"))
    with pytest.raises(DeckError) as failed:
        table_data(TableSlide(data="lines"), make_metrics(plateau()))
    assert str(failed.value) == "table: no line counts: set `lines: true` in the outline"
