"""Parsing the streamed `git log`: records across chunk borders, merges, identities, subjects."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.errors import HistoryError
from deckgen.history.log import LogReader
from deckgen.history.model import Identity, Tag

H1, H2, H3 = "a" * 40, "b" * 40, "c" * 40


def parse_log(chunks: Iterable[bytes], subject: re.Pattern[str] | None = None) -> LogReader:
    """Return a reader fed with all of `chunks`, as the history reader feeds git's output."""
    reader = LogReader(subject)
    for chunk in chunks:
        reader.feed(chunk)
    return reader


def record(h: str, parents: str, name: str, email: str, at: int, ct: int, subject: str) -> bytes:
    return "\0".join([h, parents, name, email, str(at), str(ct), subject]).encode() + b"\0"


LOG = (
    record(H3, f"{H2} {H1}", "Bob", "bob@x.org", 300, 301, "Merge branch 'x'")
    + record(H2, H1, "Bób", "bob@x.org", 200, 250, "Release 1.2")
    + record(H1, "", "Ann", "ann@x.org", 100, 100, "Initial import")
)


def test_records_become_columns() -> None:
    reader = parse_log([LOG])
    commits = reader.commits()
    assert [commits.hex(i) for i in range(3)] == [H3, H2, H1]
    assert list(commits.parents) == [2, 1, 0]
    assert list(commits.authored) == [300, 200, 100]
    assert list(commits.committed) == [301, 250, 100]
    assert reader.identities == [
        Identity("Bob", "bob@x.org"),
        Identity("Bób", "bob@x.org"),
        Identity("Ann", "ann@x.org"),
    ]
    assert list(commits.authors) == [0, 1, 2]


@pytest.mark.parametrize("size", [1, 2, 7, 41, 1000])
def test_records_may_straddle_chunks(size: int) -> None:
    chunks = [LOG[i : i + size] for i in range(0, len(LOG), size)]
    whole, pieces = parse_log([LOG]).commits(), parse_log(chunks).commits()
    assert pieces.hashes == whole.hashes
    assert pieces.authored == whole.authored


def test_identities_are_interned() -> None:
    log = b"".join(record(f"{i:040x}", "", "Ann", "ann@x.org", i, i, "x") for i in range(50))
    reader = parse_log([log])
    assert reader.identities == [Identity("Ann", "ann@x.org")]
    assert set(reader.commits().authors) == {0}


def test_subjects_name_releases_by_their_first_group() -> None:
    reader = parse_log([LOG], re.compile(r"^Release (\d+\.\d+)$"))
    assert reader.releases == [Tag("1.2", 250)]


def test_subject_pattern_without_group_names_release_by_match() -> None:
    reader = parse_log([LOG], re.compile(r"Release \S+"))
    assert reader.releases == [Tag("Release 1.2", 250)]


def test_truncated_output_is_an_error() -> None:
    with pytest.raises(HistoryError) as err:
        parse_log([LOG[:-30]]).commits()
    assert str(err.value).startswith("git log ended in the middle of a record: ")


def test_no_output_is_no_commits() -> None:
    commits = parse_log([]).commits()
    assert len(commits) == 0


KINDS = ("Reviewed-by", "Tested-by")
LINES = st.sampled_from(
    [
        b"Reviewed-by: Ann <ann@x.org>",
        b"reviewed-BY :  Ann <ann@x.org> ",
        b"Tested-by: Ann <ann@x.org>",
        b"Tested-by: Bob",
        b"Tested-by:",
        b"Reviewed-by: B\xffb <b@x.org> # v1",
        b"Reviewed-by: x: y <z@x.org>",
        b"Acked-by: Ann <ann@x.org>",  # a key not asked for
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(LINES, max_size=4), max_size=8), st.integers(1, 300))
def test_credits_are_the_plain_line_by_line_parse(blocks: list[list[bytes]], size: int) -> None:
    """Each trailer line read once and remembered gives what reading every line afresh gives."""
    log = b"".join(
        record(f"{i:040x}", "", "Ann", "ann@x.org", i, i, "x")[:-1]
        + b"\0"
        + b"\x01".join(lines)
        + b"\0"
        for i, lines in enumerate(blocks)
    )
    reader = LogReader(trailers=KINDS)
    for start in range(0, len(log), size):
        reader.feed(log[start : start + size])
    rows, kinds, values = [], [], {}
    numbers = []
    for row, lines in enumerate(blocks):
        for line in lines:
            key, _, value = line.partition(b":")
            asked = [k.lower().encode() for k in KINDS]
            if key.strip().lower() not in asked:
                continue
            kind = asked.index(key.strip().lower())
            rows.append(row)
            kinds.append(kind)
            numbers.append(values.setdefault(value.strip(), len(values)))
    assert list(reader.credit_rows) == rows
    assert list(reader.credit_kinds) == kinds
    assert list(reader.credit_values) == numbers
    assert reader.values == values


@pytest.mark.parametrize("width", [40, 64])
def test_parents_are_counted_from_the_field_for_either_hash_size(width: int) -> None:
    # an octopus merge of more than 255 branches is stored as 255, as before
    hashes = [f"{n:0{width}x}" for n in range(1, 300)]
    fields = [" ".join(hashes[:count]) for count in (0, 1, 2, 3, 255, 256, 299)]
    log = b"".join(
        record(f"{n + 1000:0{width}x}", parents, "Ann", "ann@x.org", n, n, "s")
        for n, parents in enumerate(fields)
    )
    assert list(parse_log([log]).commits().parents) == [0, 1, 2, 3, 255, 255, 255]
    marked = LogReader(marked=True)  # a split's range: each hash after git's mark
    marked.feed(b">" + log.replace(b"\0" + b"s\0", b"\0s\0>")[:-1])
    assert list(marked.commits().parents) == [0, 1, 2, 3, 255, 255, 255]
    small = b"".join(
        record(f"{n + 9:0{width}x}", f, "A", "a@x", 1, 1, "s") for n, f in enumerate(fields[:3])
    )
    assert list(parse_log([small]).commits().parents) == [0, 1, 2]


def test_a_commit_without_a_readable_date_is_dated_zero() -> None:
    log = record(H2, H1, "Ann", "ann@x.org", 5, 6, "s") + (
        "\0".join([H1, "", "Ann", "ann@x.org", "", "", "s"]).encode() + b"\0"
    )
    commits = parse_log([log]).commits()
    assert (list(commits.authored), list(commits.committed)) == ([5, 0], [6, 0])
