"""The plain table is the text rich prints without a terminal, or None: rich is the oracle."""

from __future__ import annotations

import functools
import io
import random

import pytest
from rich.console import Console
from rich.table import Table

from deckgen.plaintable import PLAIN_WIDTH, Column, render, surely_plain


def rich_text(title: str, columns: list[Column], rows: list[list[str]]) -> str:
    """What `deckgen metrics` printed with rich before: the table on a 160-column file."""
    table = Table(title=title)
    for c in columns:
        table.add_column(c.header, justify=c.justify, no_wrap=not c.wrap)
    for row in rows:
        table.add_row(*row)
    out = io.StringIO()
    Console(file=out, highlight=False, width=PLAIN_WIDTH).print(table)
    return out.getvalue()


METRICS = [Column("scope")] + [
    Column(name, "right")
    for name in ("commits", "projected", "contributors", "new", "commits by new", "bot commits")
]
ALPHABET = "abcxyz ABZ019-_.,/–—éßÿœŁ’…:abcdefghijklmnop"
"""Characters the plain table writes itself, colons included (two make it ask rich)."""


def test_the_metrics_table_is_rich_s_text() -> None:
    rows = [["all", "2,690", "5,425", "448", "31", "33", "0"]]
    rows += [[f"repo:core-{i:02}", f"{i * 37:,}", "–", "8", "2", "2", "0"] for i in range(45)]
    title = "Benchmark — 2026-01-01 to 2026-06-30"
    assert render(title, METRICS, rows) == rich_text(title, METRICS, rows)


def random_word(rng: random.Random, most: int) -> str:
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, most)))
    return text.strip() if rng.random() < 0.9 else text


def test_random_tables_are_rich_s_text_or_none() -> None:
    printed = 0
    for seed in range(300):
        rng = random.Random(seed)
        word = functools.partial(random_word, rng)

        columns = [
            Column(word(12), rng.choice(["left", "right"])) for _ in range(rng.randint(1, 8))
        ]
        rows = [[word(rng.choice([3, 10, 30])) for _ in columns] for _ in range(rng.randint(0, 6))]
        title = word(rng.choice([5, 30, 120, 200]))
        plain = render(title, columns, rows)
        if plain is None:  # rich wraps, squeezes, strips or reads something: rich prints it
            continue
        assert plain == rich_text(title, columns, rows), seed
        printed += 1
    assert printed > 100  # most tables are printed here, not left to rich


@pytest.mark.parametrize(
    ("title", "cell"),
    [
        ("T [bold]x[/bold]", "a"),  # markup
        ("T", "repo:fire:"),  # an emoji code
        ("日本", "a"),  # wide characters
        ("T", "e\u0301"),  # a combining accent
        ("T", "a\tb"),  # a tab
        ("x" * 200, "a"),  # a title rich wraps
    ],
)
def test_what_rich_would_change_is_left_to_rich(title: str, cell: str) -> None:
    assert render(title, [Column("scope")], [[cell]]) is None


def test_a_table_wider_than_160_columns_is_left_to_rich() -> None:
    columns = [Column(f"column {i}", "right") for i in range(20)]
    assert render("T", columns, [["1" * 5] * 20]) is None
    assert render("T", columns[:10], [["1" * 5] * 10]) is not None


def test_a_wrapping_column_is_left_to_rich() -> None:
    assert render("T", [Column("title", wrap=True)], [["a"]]) is None


class Stream(io.StringIO):
    def __init__(self, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__()
        self.tty, self._encoding = tty, encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("tty", "encoding", "environ", "plain"),
    [
        (False, "utf-8", {}, True),
        (True, "utf-8", {}, False),  # a terminal: rich, with its styles
        (False, "UTF-8", {"TTY_COMPATIBLE": "0"}, True),
        (False, "utf-8", {"TTY_COMPATIBLE": "1"}, False),  # rich styles it
        (False, "utf-8", {"FORCE_COLOR": "1"}, False),
        (False, "ascii", {}, False),  # rich draws the box in ASCII
    ],
)
def test_surely_plain_only_where_rich_prints_no_style(
    tty: bool, encoding: str, environ: dict[str, str], plain: bool
) -> None:
    stream = Stream(tty, encoding)
    assert surely_plain(stream, environ) is plain
    if plain:  # rich agrees: no terminal, so no style, and the heavy box
        console = Console(file=stream, highlight=False, width=PLAIN_WIDTH, _environ=environ)
        assert not console.is_terminal and console.encoding.startswith("utf")
