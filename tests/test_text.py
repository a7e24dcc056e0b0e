"""The text stage: filters, the Jinja context, strictness and located errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from deckgen.errors import TextError
from deckgen.metrics.model import Metrics, Period, PeriodCounts, Releases, ScopeMetrics, YearStats
from deckgen.outline import parse_outline
from deckgen.outline.schema import BulletsSlide, StatsSlide, TitleSlide
from deckgen.text import (
    check_templates,
    longdate,
    percent,
    render_footer,
    render_slides,
    round_to,
    signed,
    thousands,
)


def scope(name: str, commits: int) -> ScopeMetrics:
    return ScopeMetrics(
        name=name,
        commits=commits,
        contributors=120,
        new_contributors=31,
        commits_by_new=388,
        commits_by_new_to_repo=400,
        bot_commits=7,
        projected_commits=4_480,
        releases=Releases(10, 12, 30.5),
        by_year={2026: YearStats(2026, commits, 3524, 388, 120, 89, 31)},
        previous=PeriodCounts(date(2025, 1, 1), date(2025, 11, 26), 3800, 110, 25, 300, 310, 5, 11),
    )


METRICS = Metrics(
    as_of=date(2026, 11, 26),
    period=Period(date(2026, 1, 1), date(2026, 11, 26)),
    all=scope("all", 4123),
    groups={"core": scope("core", 3912)},
    repos={"foo-python": scope("foo-python", 211)},
    releases=Releases(10, 12, 30.5),
)

OUTLINE = """\
title: State of Foo
subtitle: One year
speaker: {name: Ann Example, role: maintainer, affiliation: Example Corp}
event: {name: FooConf 2026, date: 2026-06-01}
repos: {core: [foo]}
vars: {event_short: FooConf}
slides:
  - kind: title
  - kind: stats
    id: people
    tiles:
      - {value: "{{ all.contributors }}", caption: "contributors, {{ all.new_contributors }} new"}
      - {value: "{{ all.commits | thousands }}", caption: "about {{ all.commits | round_to(100) }}"}
    notes: "{{ repos['foo-python'].commits }} in python, at {{ vars.event_short }}"
  - kind: bullets
    title: "{{ groups.core.commits | thousands }} core commits"
    items:
      - "{{ releases.count }} releases"
      - "Since {{ period.since | longdate }}":
          - "{{ all.commits_by_new | percent(all.commits) }} by new people"
"""


def test_filters() -> None:
    assert thousands(4123) == "4,123"
    assert round_to(4123, 100) == "4,100"
    assert round_to(4150, 100) == "4,200"
    assert percent(388, 3912) == "10%"
    assert percent(1, 3, 1) == "33.3%"
    assert percent(5, 0) == "0%"
    assert signed(12) == "+12" and signed(-1200) == "−1,200" and signed(0) == "±0"
    assert longdate(date(2026, 11, 6)) == "6 November 2026"


def test_render_slides(tmp_path: Path) -> None:
    document = parse_outline(OUTLINE, tmp_path / "talk.yaml")
    title, stats, bullets = (r.spec for r in render_slides(document, METRICS))
    assert isinstance(title, TitleSlide)
    assert title.title == "State of Foo"
    assert title.byline == "Ann Example, maintainer · Example Corp\nFooConf 2026 · 1 June 2026"
    assert isinstance(stats, StatsSlide)
    assert [(t.value, t.caption) for t in stats.tiles] == [
        ("120", "contributors, 31 new"),
        ("4,123", "about 4,100"),
    ]
    assert stats.notes == "211 in python, at FooConf"
    assert isinstance(bullets, BulletsSlide)
    assert bullets.title == "3,912 core commits"
    assert bullets.items == ["10 releases", {"Since 1 January 2026": ["9% by new people"]}]
    assert render_footer(document, METRICS) == "FooConf 2026"


def test_undefined_name_names_the_slide_and_template(tmp_path: Path) -> None:
    text = OUTLINE.replace("{{ all.contributors }}", "{{ all.contributers }}")
    document = parse_outline(text, tmp_path / "talk.yaml")
    with pytest.raises(TextError) as caught:
        render_slides(document, METRICS)
    assert str(caught.value) == (
        f"{tmp_path / 'talk.yaml'}:12:17: slide 2 (id: people), tiles[0].value: "
        "'ScopeMetrics object' has no attribute 'contributers'; did you mean 'contributors'?\n"
        "  in template: {{ all.contributers }}"
    )


def test_syntax_errors_are_found_without_metrics(tmp_path: Path) -> None:
    document = parse_outline(
        OUTLINE.replace("{{ releases.count }}", "{{ releases.count }"), tmp_path / "talk.yaml"
    )
    with pytest.raises(TextError) as caught:
        check_templates(document)
    assert str(caught.value) == (
        f"{tmp_path / 'talk.yaml'}:18:9: slide 3, items[0]: template syntax error: "
        "unexpected '}'\n  in template: {{ releases.count } releases"
    )


def test_sandbox_refuses_internals(tmp_path: Path) -> None:
    text = OUTLINE.replace('"{{ releases.count }} releases"', '"{{ all.__class__.__mro__ }}"')
    document = parse_outline(text, tmp_path / "talk.yaml")
    with pytest.raises(TextError, match=r"unsafe|has no attribute"):
        render_slides(document, METRICS)


def test_a_runaway_template_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("deckgen.text.RENDER_SECONDS", 1)
    loop = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    document = parse_outline(
        OUTLINE.replace('"{{ releases.count }} releases"', f'"{loop}"'), tmp_path / "talk.yaml"
    )
    with pytest.raises(TextError) as caught:
        render_slides(document, METRICS)
    assert "the template ran for more than 1 s; simplify its loops" in str(caught.value)


def test_approx_keeps_two_significant_digits() -> None:
    from deckgen.text import approx

    cases = {0: "0", 7: "7", 12: "12", 99: "99", 4123: "4,100", 98_765: "99,000"}
    cases |= {123_456: "120,000", 1_234_567: "1,200,000", 7.6: "8"}
    assert {value: approx(value) for value in cases} == cases
    assert approx(123_456, 3) == "123,000"
