"""The same input gives the same bytes: zip entries, dates, embedded workbooks."""

from __future__ import annotations

import hashlib
import io
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.deck import Theme
from deckgen.errors import DeckError
from tests.deck.deckdata import all_kinds, build_all


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_two_builds_are_byte_identical(theme: Theme, tmp_path: Path) -> None:
    first = build_all(all_kinds(tmp_path), theme, tmp_path)
    time.sleep(1.1)  # python-pptx and xlsxwriter stamp "now" to the second
    second = build_all(all_kinds(tmp_path), theme, tmp_path)
    assert _sha(first) == _sha(second)
    with zipfile.ZipFile(io.BytesIO(first)) as deck:
        names = deck.namelist()
        assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])
        assert {i.date_time for i in deck.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert any(n.endswith(".xlsx") for n in names)  # the native chart's workbook


def test_source_date_epoch_sets_the_dates(
    theme: Theme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00:00 UTC
    data = build_all(all_kinds(tmp_path), theme, tmp_path)
    props = Presentation(io.BytesIO(data)).core_properties
    assert props.created == props.modified == datetime(2026, 1, 1)
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        (book,) = [n for n in deck.namelist() if n.endswith(".xlsx")]
        with zipfile.ZipFile(io.BytesIO(deck.read(book))) as xlsx:
            assert b"2026-01-01T00:00:00Z" in xlsx.read("docProps/core.xml")


def test_bad_source_date_epoch(
    theme: Theme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(DeckError) as caught:
        build_all(all_kinds(tmp_path)[:1], theme, tmp_path)
    assert str(caught.value) == "SOURCE_DATE_EPOCH='yesterday': not a Unix time in seconds"
