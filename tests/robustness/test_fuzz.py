"""Feed generated and mutated outlines to `validate` and `build`: the only allowed outcomes are
success and a `DeckgenError` that says where the problem is (`FILE:LINE:COL`, `--set …` or a key
path). Any other exception, a traceback, is a failed test.

The budget (`budget.fuzzing(n)`) gives outline loading most examples, the text stage many, and
whole builds few; `make fuzz` runs 20 times as many.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from deckgen.build import OutlineSource, analyse, build, load_and_check
from deckgen.charts import CHART_KINDS
from deckgen.errors import DeckgenError, OutlineError, TextError
from deckgen.outline.editorschema import outline_json_schema
from deckgen.outline.schema import SLIDE_KINDS
from deckgen.text import Renderer, text_context
from tests.editoryaml import as_editor_reads, schema_errors
from tests.project import OUTLINE
from tests.robustness.budget import fuzzing
from tests.robustness.workspace import make_workspace

AS_OF = date(2026, 6, 30)
BASE: dict[str, Any] = yaml.safe_load(OUTLINE)
NO_CHARTS = {**BASE, "slides": [s for s in BASE["slides"] if s["kind"] != "chart"]}
"""The base of whole builds: charts take most of a build's time and have their own tests."""

LOCATED = re.compile(
    r"^(?:[^\s:]+:\d+:\d+: "  # FILE:LINE:COL
    r"|--set .+?: "  # a value from the command line
    r"|[A-Za-z_][\w.\[\]-]*: )"  # a key path
)


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("talk").resolve())


def assert_located(error: DeckgenError) -> None:
    """Fail unless every problem of `error` says where it is, each on a line of its own (the CLI
    prints every line of a message as an `error:` line; indented lines continue the one above)."""
    if isinstance(error, OutlineError):
        for problem in error.problems:
            assert problem.location is not None or problem.key_path, str(problem)
    lines = [line for line in str(error).splitlines() if not line.startswith(" ")]
    assert lines, repr(error)
    for line in lines:
        assert LOCATED.match(line), line


def validate(talk: Path, text: str | bytes, *overrides: str) -> None:
    """Write `text` as an outline in `talk` and check it as `deckgen validate` does."""
    path = talk / "fuzz.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    try:
        load_and_check(OutlineSource(path, overrides=overrides))
    except DeckgenError as error:
        event(type(error).__name__)
        assert_located(error)
    else:
        event("valid")


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# --- values ---------------------------------------------------------------------------------

SCHEMA = outline_json_schema()


def _schema_words() -> list[str]:
    """Every property name and enum or const value of the outline's JSON Schema."""
    words: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            words.update(str(k) for k in node.get("properties", {}))
            words.update(str(v) for v in node.get("enum", []) if isinstance(v, str))
            if isinstance(node.get("const"), str):
                words.add(node["const"])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(SCHEMA)
    return sorted(words)


WORDS = sorted(
    {
        *_schema_words(),
        *SLIDE_KINDS,
        *CHART_KINDS,
        "all",
        "core",
        "bindings",
        "repo:core",
        "repo:python",
        "year_start",
        "last_release",
        "as_of",
        "today",
        "tag:v1.1",
        "tag:nope",
        "repos/core",
        "repos/python.git",
        "empty",
        "shallow",
        "plain",
        "notes.png",
        "renamed.pptx",
        "talk.yaml",
        "fuzz.yaml",
        "a.yaml",
        "../..",
        "/etc/passwd",
        "~",
        "HEAD",
        "v1.2",
        "-x",
        "[",
        "(?P<",
        "a{99999}",
        "{{ all.commits }}",
        "{{ nope }}",
        "{% if %}",
        "{{ ''.__class__ }}",
        "2026-01-01",
        "2026-13-45",
        "",
    }
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from(WORDS),
    st.text(max_size=30),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), inner, max_size=4),
    ),
    max_leaves=12,
)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Return the path of every value inside `data`, containers included."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += paths(value, (*prefix, i))
    return found


@st.composite
def mutated(
    draw: st.DrawFn, base: dict[str, Any] = BASE, *, gentle: bool = False
) -> dict[str, Any]:
    """Return `base` with one to three leaves replaced, keys dropped or keys added.

    `gentle` only replaces texts, by words and templates: most such outlines build.
    """
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        choices = paths(data)[1:]
        if gentle:
            choices = [p for p in choices if isinstance(_at(data, p), str)]
        path = draw(st.sampled_from(choices))
        parent = _at(data, path[:-1])
        if gentle:
            parent[path[-1]] = draw(st.sampled_from(WORDS) | st.sampled_from(TEMPLATES))
            continue
        action = draw(st.sampled_from(["replace", "replace", "drop", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "drop":
            del parent[path[-1]]
        elif isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw(st.sampled_from(WORDS))] = draw(values)
        elif isinstance(parent[path[-1]], list):
            parent[path[-1]].append(draw(values))
        if not data:
            break
    return data


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


TEMPLATES = [
    "{{ all.commits | thousands }}",
    "{{ all.projected_commits | round_to(100) }}",
    "{{ all.new_contributors | percent(all.contributors) }}",
    "{{ releases.list | map(attribute='name') | join(', ') }}",
    "{% for r in releases.list %}{{ r.name }} {% endfor %}",
    "{{ as_of | longdate }}",
    "{{ groups.core.commits - groups.bindings.commits | signed }}",
    "{{ vars.nope }}",
    "{{ all.commits / 0 }}",
    "{{ 'x' * 10**6 }}",
    "{{ range(10**6) | list | length }}",
]


# --- validate ---------------------------------------------------------------------------------


@fuzzing(600)
@given(data=mutated())
def test_validate_mutated_outlines(talk: Path, data: dict[str, Any]) -> None:
    validate(talk, dump(data))


@fuzzing(120)
@given(data=mutated() | mutated(gentle=True))
def test_what_validate_accepts_the_schema_accepts(talk: Path, data: dict[str, Any]) -> None:
    """The editor's schema never underlines an outline deckgen accepts (docs/outline.md)."""
    text = dump(data)
    (talk / "fuzz.yaml").write_text(text)
    try:
        load_and_check(OutlineSource(talk / "fuzz.yaml"))
    except DeckgenError:
        event("refused")
        return
    event("valid")
    assert schema_errors(as_editor_reads(text)) == [], text


@fuzzing(300)
@given(data=st.dictionaries(st.sampled_from(WORDS), values, max_size=8) | values)
def test_validate_random_yaml_documents(talk: Path, data: Any) -> None:
    validate(talk, dump(data))


YAML_BITS = [*":-[]{}&*!|>'\"%@`#,?\n\t ", "\n  ", "&a ", "*a", "<<: ", "!!python/object "]


@fuzzing(300)
@given(
    edits=st.lists(
        st.tuples(
            st.integers(0, len(OUTLINE)),
            st.integers(0, 5),
            st.sampled_from(YAML_BITS) | st.text(max_size=3),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_validate_edited_text(talk: Path, edits: list[tuple[int, int, str]]) -> None:
    """Typing mistakes: characters inserted, deleted or replaced anywhere in the outline."""
    text = OUTLINE
    for at, cut, insert in edits:
        text = text[:at] + insert + text[at + cut :]
    validate(talk, text)


@fuzzing(250)
@given(data=st.binary(max_size=600))
def test_validate_random_bytes(talk: Path, data: bytes) -> None:
    validate(talk, data)


@fuzzing(200)
@given(
    key=st.lists(
        st.sampled_from(WORDS) | st.integers(0, 9).map(str) | st.text(max_size=4),
        min_size=1,
        max_size=4,
    ).map(".".join),
    value=st.sampled_from(WORDS) | st.text(max_size=20) | values.map(lambda v: dump(v).strip()),
)
def test_validate_set_overrides(talk: Path, key: str, value: str) -> None:
    validate(talk, OUTLINE, f"{key}={value}")


# --- text -------------------------------------------------------------------------------------

NAMES = ["all", "groups", "repos", "releases", "period", "as_of", "vars", "outline", "news"]
NAMES += ["cycler", "joiner", "namespace", "range", "dict", "lipsum", "self", "config", "os"]
ATTRIBUTES = ["commits", "contributors", "by_year", "core", "list", "count", "since", "title"]
ATTRIBUTES += ["__class__", "__init__", "__globals__", "__mro__", "__subclasses__", "mro"]
ATTRIBUTES += ["items", "keys", "format", "__dict__", "_asdict", "speaker", "name", "environ"]
FILTERS = ["thousands", "round_to(100)", "round_to(0)", "percent(3)", "signed", "longdate"]
FILTERS += ["attr('__class__')", "map('upper')", "sort", "join", "int", "length", "first"]
FILTERS += ["center(10**9)", "format(1)", "replace('a', 'bb')", "tojson", "list", "sum"]
PIECES = ["{{ ", " }}", "{% ", " %}", "|", ".", "(", ")", "[", "]", "0", "'x'", " + ", " * "]
PIECES += [" ** ", " % ", "~", "if ", " else ", "for x in ", "endfor", "endif", "9", "-1"]
PIECES += ["'%099999d'", "set x = ", "{#", "#}", "\n", "'{:099999}'.format(1)", "99999"]
jinja_pieces = st.one_of(
    st.sampled_from(PIECES),
    st.sampled_from(NAMES),
    st.sampled_from(ATTRIBUTES).map(lambda a: "." + a),
    st.sampled_from(FILTERS).map(lambda f: "|" + f),
    st.text(max_size=3),
)
templates = st.one_of(
    st.tuples(st.sampled_from(NAMES), st.lists(st.sampled_from(ATTRIBUTES), max_size=3)).map(
        lambda t: "{{ " + ".".join([t[0], *t[1]]) + " }}"
    ),
    st.lists(jinja_pieces, min_size=1, max_size=12).map("".join),
)


@pytest.fixture(scope="module")
def renderer(talk: Path) -> Renderer:
    """The text stage of the fixture talk, with its real metrics."""
    document = load_and_check(OutlineSource(talk / "talk.yaml"))
    metrics = analyse(document, AS_OF).metrics
    return Renderer(document, text_context(document, metrics))


SECRET = "deckgen-fuzz-secret-4f1c"


@fuzzing(500)
@given(template=templates)
def test_render_templates(
    renderer: Renderer, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    """A template renders to text or fails with a located `TextError`; never reads the
    environment."""
    monkeypatch.setenv("DECKGEN_FUZZ_SECRET", SECRET)
    try:
        text = renderer.render(template, "slide 2 (id: people), text", ("slides", 1, "text"))
    except TextError as error:
        event("TextError")
        assert_located(error)
    else:
        event("rendered")
        assert SECRET not in text
        assert len(text) <= 1_000_000


# --- build ------------------------------------------------------------------------------------


@fuzzing(30)
@given(data=mutated(NO_CHARTS) | mutated(NO_CHARTS, gentle=True))
def test_build_mutated_outlines(talk: Path, data: dict[str, Any]) -> None:
    path = talk / "fuzz.yaml"
    path.write_text(dump(data))
    out = talk / "out" / "fuzz.pptx"
    try:
        result = build(OutlineSource(path), out, as_of=AS_OF)
    except DeckgenError as error:
        event(type(error).__name__)
        assert_located(error)
    else:
        event("built")
        assert result.path == out and out.stat().st_size > 0
