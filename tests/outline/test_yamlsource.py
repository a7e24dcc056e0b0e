"""Reading YAML with positions: explicit tags other than the plain core ones are refused."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.errors import OutlineError
from deckgen.outline.yamlsource import load_yaml

FILE = Path("talk.yaml")
PLAIN = (
    "is not allowed: outlines are plain data (strings, numbers, lists, mappings); remove the tag"
)


def value_of(text: str) -> Any:
    return load_yaml(textwrap.dedent(text), FILE)[0]


def problems(text: str) -> list[str]:
    with pytest.raises(OutlineError) as caught:
        load_yaml(textwrap.dedent(text), FILE)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('!!python/object/apply:os.system ["ls"]', "!!python/object/apply:os.system"),
        ("!!python/object/apply:os.system {args: [ls]}", "!!python/object/apply:os.system"),
        ('!!python/name:os.system ""', "!!python/name:os.system"),
        ("!!python/object:os.Popen {}", "!!python/object:os.Popen"),
        ("!custom foo", "!custom"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!!pairs [a: 1]", "!!pairs"),
        ("!!timestamp 2026-06-01", "!!timestamp"),
        ("!!merge x", "!!merge"),
        ("!<tag:yaml.org,2002:python/name:os.system> x", "!!python/name:os.system"),
        ("!<!custom> x", "!custom"),
        ("!<tag:example.com,2026:deck> x", "tag:example.com,2026:deck"),
    ],
)
def test_a_tag_that_is_not_plain_data_is_refused(value: str, shown: str) -> None:
    assert problems(f"title: {value}\n") == [f"talk.yaml:1:8: title: YAML tag '{shown}' {PLAIN}"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!map foo", "YAML tag '!!map' cannot mark a single value; remove the tag"),
        ("!!seq {a: 1}", "YAML tag '!!seq' cannot mark a mapping; remove the tag"),
        ("!!str [a]", "YAML tag '!!str' cannot mark a list; remove the tag"),
        ("!!int {a: 1}", "YAML tag '!!int' cannot mark a mapping; remove the tag"),
    ],
)
def test_a_plain_tag_on_the_wrong_kind_of_value_is_refused(value: str, message: str) -> None:
    assert problems(f"title: {value}\n") == [f"talk.yaml:1:8: title: {message}"]


def test_the_plain_core_tags_work_as_yaml_defines_them() -> None:
    text = """\
        a: !!str 12
        b: !!int "12"
        c: !!float "1.5"
        d: !!bool "true"
        e: !!null ""
        f: !!map {x: !!str 2026-06-01}
        g: !!seq [1]
        h: ! 12
        """
    assert value_of(text) == {
        "a": "12",
        "b": 12,
        "c": 1.5,
        "d": True,
        "e": None,
        "f": {"x": "2026-06-01"},
        "g": [1],
        "h": 12,
    }


def test_untagged_values_are_resolved_as_before() -> None:
    """Implicit dates stay dates (the schema checks them); impossible ones stay text."""
    text = """\
        day: 2026-06-01
        bad: 2026-13-01
        n: 3
        flag: true
        none: ~
        seq: [a, 1.5]
        """
    assert value_of(text) == {
        "day": date(2026, 6, 1),
        "bad": "2026-13-01",
        "n": 3,
        "flag": True,
        "none": None,
        "seq": ["a", 1.5],
    }


def test_a_bad_value_under_a_plain_tag_is_kept_as_text() -> None:
    # `!!bool maybe` raised a KeyError, and a date-like key a ValueError, with a traceback
    assert value_of("a: !!bool maybe\nb: !!int x\n2026-13-01: y\n") == {
        "a": "maybe",
        "b": "x",
        "2026-13-01": "y",
    }


def test_every_refused_tag_is_reported_in_the_order_written() -> None:
    text = """\
        base: &base {kind: !!binary aGk=}
        title: !custom x
        slides:
          - !!set {a}
          - *base
          - *base
        event:
          <<: !!python/object:builtins.dict {name: x}
          !!python/name:os.system key: 1
        """
    assert problems(text) == [
        f"talk.yaml:1:20: base.kind: YAML tag '!!binary' {PLAIN}",
        f"talk.yaml:2:8: title: YAML tag '!custom' {PLAIN}",
        f"talk.yaml:4:5: slides[0]: YAML tag '!!set' {PLAIN}",
        f"talk.yaml:8:7: event: YAML tag '!!python/object:builtins.dict' {PLAIN}",
        f"talk.yaml:9:3: event: YAML tag '!!python/name:os.system' {PLAIN}",
    ]


def test_refused_tags_are_reported_with_the_error_that_stopped_the_walk() -> None:
    assert problems("title: !custom x\ntitle: y\n") == [
        f"talk.yaml:1:8: title: YAML tag '!custom' {PLAIN}",
        "talk.yaml:2:1: title: duplicate key: it is already set above",
    ]


def test_a_tag_on_the_whole_document_is_refused() -> None:
    assert problems("--- !!python/object:deckgen.Outline\ntitle: x\n") == [
        f"talk.yaml:1:5: YAML tag '!!python/object:deckgen.Outline' {PLAIN}"
    ]


def _both_ways(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """Return what `load_yaml` gives for `text` read by libyaml and by the pure-Python parser:
    (value, values' positions, keys' positions), or the error message."""
    from deckgen.outline import yamlsource

    def read() -> Any:
        try:
            value, where = load_yaml(text, Path("talk.yaml"))
        except OutlineError as exc:
            return str(exc)
        return value, dict(where.values), dict(where.keys)

    assert yamlsource._LIBYAML is not None  # PyYAML's wheels carry it
    fast = read()
    with monkeypatch.context() as patched:
        patched.setattr(yamlsource, "_LIBYAML", None)
        slow = read()
    return fast, slow


@pytest.mark.parametrize("name", ["demo.yaml", "conference.yaml", "lightning.yaml"])
def test_libyaml_reads_the_example_outlines_as_the_pure_python_parser(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the outlines' `!`s are in their texts: without them libyaml reads the whole file
    from deckgen.outline.yamlsource import _fast_node

    text = (Path(__file__).parents[2] / "talks" / name).read_text().replace("!", ".")
    assert _fast_node(text) is not None  # libyaml reads it
    fast, slow = _both_ways(text, monkeypatch)
    assert not isinstance(fast, str)
    assert fast == slow


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2\nb: 3\n",  # an unclosed flow sequence
        "a: 1\n  b: 2\n",  # bad indentation
        "a: 'x\n",  # an unclosed quote
        "a: 1\na: 2\n",  # a duplicate key (the walker's)
        "- x\ny: 1\n",  # a mapping after a list
        "a: \x07\n",  # a control character
        "a: *nothing\n",  # an undefined alias
        "\ta: 1\n",  # a tab as indentation
        "a: b: c\n",
        "",
    ],
)
def test_libyaml_errors_are_told_as_the_pure_python_parser_tells_them(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow = _both_ways(text, monkeypatch)
    assert fast == slow


def test_libyaml_gives_the_positions_of_non_latin_and_wide_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = textwrap.dedent(
        """\
        title: "Состояние проекта — 项目状态 😀"
        speaker: {name: 田中 太郎, role: "メンテナー"}
        repos:
          core: [{path: ./core, name: ядро}]
        slides:
          - {kind: title, title: "😀😀 two wide", notes: "x"}
          - kind: bullets
            items: [α, β, "γ: δ"]
        """
    )
    fast, slow = _both_ways(text, monkeypatch)
    assert not isinstance(fast, str)
    assert fast == slow


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
)
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(
    data=st.dictionaries(
        st.text("abcdefgh_", min_size=1, max_size=6), _data, min_size=1, max_size=5
    ),
    flow=st.sampled_from([None, True, False]),
    indent=st.integers(2, 6),
    unicode=st.booleans(),
)
def test_libyaml_and_the_pure_python_parser_agree_on_any_plain_data(
    data: dict[str, Any], flow: bool | None, indent: int, unicode: bool
) -> None:
    """Random plain data written in block, flow and mixed styles, with or without escapes:
    the same values and the same positions of every value and key, or the same error."""
    text = yaml.safe_dump(data, default_flow_style=flow, indent=indent, allow_unicode=unicode)
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, slow = _both_ways(text, monkeypatch)
    assert fast == slow
