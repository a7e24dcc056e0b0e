"""The text stage: filters, the Jinja context, strictness and located errors."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from deckgen.errors import TextError
from deckgen.metrics.model import Metrics, Period, PeriodCounts, Releases, ScopeMetrics, YearStats
from deckgen.outline import parse_outline
from deckgen.outline.schema import (
    SLIDE_KINDS,
    BulletsSlide,
    ClosingSlide,
    StatsSlide,
    TitleSlide,
)
from deckgen.text import (
    approx,
    check_templates,
    longdate,
    percent,
    render_slides,
    render_talk,
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


def test_number_filters_show_a_missing_number_as_a_dash() -> None:
    """A projection from too few days is None: a tile shows '–' rather than failing the build."""
    assert [f(None) for f in (thousands, round_to, approx, signed)] == ["–"] * 4
    assert percent(None, 10) == "–"


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
    assert render_talk(document, METRICS).footer == "FooConf 2026"


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
    monkeypatch.setattr("deckgen.text.render.RENDER_SECONDS", 1)
    loop = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    document = parse_outline(
        OUTLINE.replace('"{{ releases.count }} releases"', f'"{loop}"'), tmp_path / "talk.yaml"
    )
    with pytest.raises(TextError) as caught:
        render_slides(document, METRICS)
    assert "the template ran for more than 1 s; simplify its loops" in str(caught.value)


TALK = """\
title: "State of {{ vars.project }} in {{ as_of.year }}"
subtitle: "{{ all.commits | thousands }} commits"
speaker: {name: "{{ vars.who }}", role: "{{ vars.project }} maintainer", affiliation: Example}
event:
  name: "FooConf {{ as_of.year }}"
  date: 2026-06-01
  location: "{{ vars.city }}"
  url: "https://foo.example/{{ as_of.year }}"
  hashtag: "#FooConf{{ as_of.year }}"
footer: "{{ outline.title }} · {{ outline.event.name }}"
repos: {core: [foo]}
vars: {project: Foo, who: Ann Example, city: Brno}
slides:
  - kind: title
  - kind: bullets
    title: "{{ outline.title }}"
    items:
      - "{{ outline.speaker.name }}, {{ outline.speaker.role }}"
      - "{{ outline.event.name }} in {{ outline.event.location }}: {{ outline.footer }}"
  - kind: closing
"""


def test_the_outline_texts_are_templates_and_slides_see_them_rendered(tmp_path: Path) -> None:
    document = parse_outline(TALK, tmp_path / "talk.yaml")
    talk = render_talk(document, METRICS)
    assert (talk.title, talk.subtitle, talk.footer) == (
        "State of Foo in 2026",
        "4,123 commits",
        "State of Foo in 2026 · FooConf 2026",
    )
    assert (talk.speaker.name, talk.speaker.role, talk.speaker.affiliation) == (
        "Ann Example",
        "Foo maintainer",
        "Example",
    )
    assert (talk.event.name, talk.event.location, talk.event.url, talk.event.hashtag) == (
        "FooConf 2026",
        "Brno",
        "https://foo.example/2026",
        "#FooConf2026",
    )
    title, bullets, closing = (r.spec for r in render_slides(document, METRICS, talk=talk))
    assert isinstance(title, TitleSlide) and isinstance(bullets, BulletsSlide)
    assert (title.title, title.subtitle) == ("State of Foo in 2026", "4,123 commits")
    assert title.byline == "Ann Example, Foo maintainer · Example\nFooConf 2026 · 1 June 2026"
    assert bullets.title == "State of Foo in 2026"
    assert bullets.items == [
        "Ann Example, Foo maintainer",
        "FooConf 2026 in Brno: State of Foo in 2026 · FooConf 2026",
    ]
    assert isinstance(closing, ClosingSlide) and closing.subtitle == "https://foo.example/2026"


@pytest.mark.parametrize(
    ("people", "byline", "footer"),
    [
        ("", "", ""),
        ("speaker: {name: Ann}\n", "Ann", ""),
        ("speaker: {name: Ann, affiliation: Example}\n", "Ann · Example", ""),
        ("speaker: {name: Ann, role: maintainer}\n", "Ann, maintainer", ""),
        ("event: {name: FooConf}\n", "FooConf", "FooConf"),
        ("event: {name: FooConf, date: 2026-06-01}\n", "FooConf · 1 June 2026", "FooConf"),
        (
            "speaker: {name: Ann}\nevent: {name: FooConf, url: 'https://foo.example'}\n",
            "Ann\nFooConf",
            "FooConf",
        ),
    ],
)
def test_the_byline_and_footer_leave_out_what_is_missing(
    tmp_path: Path, people: str, byline: str, footer: str
) -> None:
    text = f"{people}repos: {{core: [foo]}}\nslides:\n  - kind: title\n"
    document = parse_outline(text, tmp_path / "talk.yaml")
    (title,) = (r.spec for r in render_slides(document, METRICS))
    assert isinstance(title, TitleSlide)
    assert (title.title, title.subtitle, title.byline) == ("State of foo", "", byline)
    assert render_talk(document, METRICS).footer == footer


@pytest.mark.parametrize(
    ("repos", "title"),
    [
        ("{core: [../src/libfoo.git]}", "State of libfoo"),
        ("{core: [{path: x, name: Foo Project}], bindings: [y]}", "State of Foo Project"),
        ("{core: [], bindings: [{url: 'https://example.org/org/bar.git'}]}", "State of bar"),
    ],
)
def test_the_title_defaults_to_the_first_repository(tmp_path: Path, repos: str, title: str) -> None:
    document = parse_outline(f"repos: {repos}\n", tmp_path / "talk.yaml")
    assert render_talk(document, METRICS).title == title


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("who: Ann Example", "who: '{{ evil }}'"),
            "3:17: speaker.name: the rendered text holds '{{', template code a deck must not "
            "show; a value the template inserts (such as a var) contains it\n"
            "  in template: {{ vars.who }}",
        ),
        (
            ("project: Foo", "project: 'Foo {# x'"),
            "1:8: title: the rendered text holds '{#', template code a deck must not show; a "
            "value the template inserts (such as a var) contains it\n"
            "  in template: State of {{ vars.project }} in {{ as_of.year }}",
        ),
        (
            ("city: Brno", "city: '{% raw %}'"),
            "7:13: event.location: the rendered text holds '{%', template code a deck must not "
            "show; a value the template inserts (such as a var) contains it\n"
            "  in template: {{ vars.city }}",
        ),
        (
            (
                '"{{ outline.speaker.name }}, {{ outline.speaker.role }}"',
                '\'{{ "{" ~ "{" }}\'',
            ),
            "18:9: slide 2, items[0]: the rendered text holds '{{', template code a deck must "
            """not show; a value the template inserts (such as a var) contains it\n"""
            """  in template: {{ "{" ~ "{" }}""",
        ),
    ],
)
def test_template_code_never_reaches_the_deck(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    assert edit[0] in TALK
    document = parse_outline(TALK.replace(*edit), tmp_path / "talk.yaml")
    with pytest.raises(TextError) as caught:
        render_slides(document, METRICS)
    assert str(caught.value) == f"{tmp_path / 'talk.yaml'}:{message}"


def test_the_outline_texts_cannot_use_outline(tmp_path: Path) -> None:
    """They are what `outline` shows: rendering them first keeps them from referring to each
    other, in circles."""
    text = TALK.replace("FooConf {{ as_of.year }}", "{{ outline.title }} day")
    document = parse_outline(text, tmp_path / "talk.yaml")
    expected = (
        f"{tmp_path / 'talk.yaml'}:5:9: event.name: 'outline' cannot be used in the title, "
        "subtitle, speaker or event: those are rendered before it exists; write the text "
        "itself, or put it in `vars`\n  in template: {{ outline.title }} day"
    )
    for stage in (check_templates, lambda d: render_talk(d, METRICS)):
        with pytest.raises(TextError) as caught:
            stage(document)
        assert str(caught.value) == expected


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("FooConf {{ as_of.year }}", "FooConf {{ as_of.year }"),
            "5:9: event.name: template syntax error: unexpected '}'\n"
            "  in template: FooConf {{ as_of.year }",
        ),
        (
            ('"{{ vars.project }} maintainer"', '"{{ var.project }} maintainer"'),
            "3:41: speaker.role: 'var' is undefined; did you mean 'vars'?\n"
            "  in template: {{ var.project }} maintainer",
        ),
        (
            ("{{ outline.title }} · {{", "{{ title }} · {{"),
            "10:9: footer: 'title' is undefined; `deckgen help outline` lists the names a "
            "template can use\n  in template: {{ title }} · {{ outline.event.name }}",
        ),
        (
            ("FooConf {{ as_of.year }}", "FooConf {{ as_of.year | yaer }}"),
            "5:9: event.name: template error: No filter named 'yaer'.\n"
            "  in template: FooConf {{ as_of.year | yaer }}",
        ),
        (
            ('title: "{{ outline.title }}"', 'title: "{{ outlines.title }}"'),
            "16:12: slide 2, title: 'outlines' is undefined; did you mean 'outline'?\n"
            "  in template: {{ outlines.title }}",
        ),
    ],
)
def test_validate_checks_every_template_without_metrics(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    assert edit[0] in TALK
    document = parse_outline(TALK.replace(*edit), tmp_path / "talk.yaml")
    with pytest.raises(TextError) as caught:
        check_templates(document)
    assert str(caught.value) == f"{tmp_path / 'talk.yaml'}:{message}"


def test_names_a_template_sets_itself_are_known(tmp_path: Path) -> None:
    """Jinja's own analysis reports a name set in one branch as undeclared; it is not unknown."""
    notes = "{% if all.commits %}{% set n = all.commits %}{{ n }}{% endif %}"
    document = parse_outline(
        TALK.replace("  - kind: closing", f"  - {{kind: closing, notes: '{notes}'}}"),
        tmp_path / "talk.yaml",
    )
    check_templates(document)
    assert render_slides(document, METRICS)[-1].spec.notes == "4123"


STRUCTURAL = {
    "kind", "id", "tags", "chart", "scope", "native", "data", "fields", "max_rows", "image",
    "categories",
    "pick", "exclude", "limit", "group_by", "rename", "show_release",
}  # fmt: skip
"""Slide keys that choose what is shown rather than say it: not templates."""


@pytest.mark.parametrize("kind", sorted(SLIDE_KINDS))
def test_every_text_a_slide_kind_shows_is_a_template(kind: str) -> None:
    """A key that is neither structural nor in `text_fields` would reach the deck unrendered."""
    model = SLIDE_KINDS[kind]
    assert set(model.model_fields) - STRUCTURAL == set(model.text_fields)


EVERY_KIND = """\
repos: {core: [foo]}
slides:
  - {kind: title, title: T, subtitle: S, byline: B, notes: N}
  - {kind: section, title: T, subtitle: S, notes: N}
  - {kind: bullets, title: T, items: [I, {J: [K]}], notes: N}
  - {kind: stats, title: T, tiles: [{value: V, caption: C, previous: P}, {value: V, caption: C}],
     text: X, notes: N}
  - {kind: chart, chart: commits_by_year, title: T, caption: C, notes: N}
  - {kind: chart_bullets, chart: commits_by_year, title: T, caption: C, items: [I], notes: N}
  - {kind: table, title: T, columns: [H, H], rows: [[R, R], [R, R]], caption: C, notes: N}
  - {kind: image, image: x.png, title: T, caption: C, alt: A, notes: N}
  - {kind: quote, title: T, quote: Q, attribution: A, notes: N}
  - {kind: closing, title: T, subtitle: S, items: [I], notes: N}
"""


def test_every_text_of_every_kind_is_rendered(tmp_path: Path) -> None:
    """Captions, table cells, alt texts, tiles: each one-letter text becomes a template."""
    text = re.sub(r"(?<=[\s\[{:])([A-Z])(?=[,\]}:\n])", r"'{{ as_of.year }}\1'", EVERY_KIND)
    templates = text.count("as_of.year")
    document = parse_outline(text, tmp_path / "talk.yaml")
    check_templates(document)
    rendered = [r.spec.model_dump(mode="json") for r in render_slides(document, METRICS)]
    dumped = json.dumps(rendered, ensure_ascii=False)
    assert "{{" not in dumped
    assert len(re.findall(r"\b2026[A-Z]\b", dumped)) == templates == 48


def test_approx_keeps_two_significant_digits() -> None:
    from deckgen.text import approx

    cases = {0: "0", 7: "7", 12: "12", 99: "99", 4123: "4,100", 98_765: "99,000"}
    cases |= {123_456: "120,000", 1_234_567: "1,200,000", 7.6: "8"}
    assert {value: approx(value) for value in cases} == cases
    assert approx(123_456, 3) == "123,000"


def test_a_rebuild_compiles_no_template_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`build --watch` renders the same texts on every rebuild: each is compiled and checked
    once per process."""
    from deckgen.text import sandbox

    document = parse_outline(OUTLINE.replace("FooConf", "BarConf"), tmp_path / "talk.yaml")
    check_templates(document)
    first = [r.spec for r in render_slides(document, METRICS)]
    compiled: list[str] = []
    parsed: list[str] = []
    env = sandbox.shared_environment()
    monkeypatch.setattr(env, "from_string", lambda text: compiled.append(text))
    monkeypatch.setattr(env, "parse", lambda text: parsed.append(text))
    check_templates(document)
    assert [r.spec for r in render_slides(document, METRICS)] == first
    assert (compiled, parsed) == ([], [])


PLAIN_TEXTS = [
    "Thank you",
    "  spaces around\nand a line  \n",
    "50% of *all* `code` [a link](https://example.org) a}b %} #} }}",
    "é ü — “quotes” <b>&amp; \\n $x",
    "tab\tand\n\n\nblank lines\n",
]


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_a_plain_text_is_rendered_as_jinja_renders_it(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Texts without Jinja's delimiters skip Jinja, and come out as Jinja gives them."""
    from deckgen.text import render
    from deckgen.text.sandbox import make_environment

    expected = make_environment().from_string(text).render().strip()

    def no_jinja(text: str) -> object:
        raise AssertionError(f"compiled {text!r}")

    monkeypatch.setattr(render, "compiled", no_jinja)
    renderer = render.Renderer(None, {})  # type: ignore[arg-type]
    assert renderer.render(text, "title", ("title",)) == expected


def test_jinja_reads_a_carriage_return_or_a_brace() -> None:
    from deckgen.text.render import Renderer

    renderer = Renderer(None, {"n": 3})  # type: ignore[arg-type]
    assert renderer.render("one\r\ntwo\rthree", "title", ("title",)) == "one\ntwo\nthree"
    assert renderer.render("{{ n }} {# not shown #}{% if n %}!{% endif %}", "t", ("t",)) == "3 !"
