"""The outline's JSON Schema against a real JSON Schema validator, both ways.

Every outline deckgen accepts passes the schema: talks/*.yaml, the demo outline, `deckgen init`'s
starter, and every YAML example in README.md and docs/*.md. The other way round, the outlines the
schema passes and deckgen refuses are exactly the ones listed in docs/outline.md ("What the
schema cannot check"), each refused with its message here; and so are the few that deckgen
converts and the schema refuses. tests/robustness/test_fuzz.py checks mutated outlines: any that
`deckgen validate` accepts, the schema accepts.

YAML is read as an editor's YAML language server reads it (YAML 1.2: `2026-06-01` and `yes` are
text), since that is what the schema is checked against there.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from pydantic import ValidationError

from deckgen.cli import main
from deckgen.deck.theme import DEFAULT_TEMPLATE
from deckgen.demo.outline import DEMO_OUTLINE
from deckgen.outline import parse_outline
from deckgen.outline.editorschema import SCHEMA_FILE, SCHEMA_ID, modeline
from deckgen.outline.schema import ChartSlide
from tests.editoryaml import SCHEMA, as_editor_reads, schema_errors
from tests.gitrepos import ALICE, make_repo, utc

ROOT = Path(__file__).parents[2]


def test_the_schema_is_a_valid_2020_12_schema_with_an_id() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"] == SCHEMA_ID


def test_every_key_has_a_description() -> None:
    missing = []

    def visit(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                if not value.get("description"):
                    missing.append(f"{where}.{key}")
            for key, value in node.items():
                if key != "if":  # a condition, not a key an outline writes
                    visit(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                visit(value, f"{where}[{i}]")

    visit(SCHEMA, "#")
    assert missing == []


# --- what deckgen accepts, the schema accepts ----------------------------------------------


@pytest.mark.parametrize("path", sorted((ROOT / "talks").glob("*.yaml")), ids=lambda p: p.name)
def test_the_talks_pass_deckgen_and_the_schema(path: Path) -> None:
    parse_outline(path.read_text(), path)
    assert schema_errors(as_editor_reads(path.read_text())) == []


def test_the_demo_outline_passes_the_schema() -> None:
    assert schema_errors(as_editor_reads(DEMO_OUTLINE.read_text())) == []


def test_the_starter_points_at_its_schema_and_passes_it(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "libfoo", [(ALICE, utc(2026, 2, 1))])
    result = CliRunner().invoke(main, ["init", str(repo), "--as-of", "2026-06-30"])
    assert result.exit_code == 0, result.output
    text = (repo / "talk.yaml").read_text()
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    assert result.stdout.splitlines()[1] == (
        f"wrote {repo / SCHEMA_FILE}: the outline's schema, for your editor (deckgen schema --help)"
    )
    written = yaml.safe_load((repo / SCHEMA_FILE).read_text())
    assert written == SCHEMA
    assert schema_errors(as_editor_reads(text)) == []


def test_schema_writes_the_file_an_outline_points_at(tmp_path: Path) -> None:
    target = tmp_path / SCHEMA_FILE
    result = CliRunner().invoke(main, ["schema", "-o", str(target)])
    assert (result.exit_code, result.stdout) == (0, f"wrote {target}\n")
    printed = CliRunner().invoke(main, ["schema"]).stdout
    assert printed == target.read_text()
    assert modeline() == f"# yaml-language-server: $schema={SCHEMA_FILE}"


FENCE = re.compile(
    r"^(?:(?P<indent> *)<!-- outline: (?P<mark>\w+) -->\n)?"
    r"(?P<fence> *)```ya?ml\n(?P<body>.*?)^(?P=fence)```",
    re.S | re.M,
)
MARKS = {"slides", "part"}
"""How docs mark an example that is not a whole outline, on the line before its fence:
`<!-- outline: slides -->` a list of slides; `<!-- outline: part -->` keys of an outline, checked
as an overlay is (nothing required)."""


def doc_examples() -> list[tuple[str, str | None, str]]:
    """Return (where, mark, YAML text) of every ```yaml block in README.md and docs/*.md."""
    found = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text()
        for match in FENCE.finditer(text):
            line = text[: match.start("fence")].count("\n") + 1
            body = textwrap.dedent(match["body"])
            found.append((f"{doc.relative_to(ROOT)}:{line}", match["mark"], body))
    return found


EXAMPLES = doc_examples()


def test_every_docs_example_is_found() -> None:
    """The fence pattern finds as many examples as there are ```yaml lines (none is skipped)."""
    docs = [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    fences = sum(len(re.findall(r"^ *```ya?ml$", d.read_text(), re.M)) for d in docs)
    assert len(EXAMPLES) == fences >= 8
    assert {mark for _, mark, _ in EXAMPLES} == {None, *MARKS}


@pytest.mark.parametrize(("where", "mark", "text"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_docs_examples_pass_the_schema(where: str, mark: str | None, text: str) -> None:
    data = as_editor_reads(text)
    if mark == "slides":
        data = {"repos": {"core": ["."]}, "slides": data}
    elif mark == "part":
        data = {"extends": "outline.yaml", **data}
    assert schema_errors(data) == [], where


WORDS = ["yes", "YES", "yEs", "no", "On", "OFF", "true", "FALSE", "t", "F", "Y", "n", "1", "0"]
NOT_WORDS = ["2", "maybe", "", " yes", "yes ", "ja", "nein", "10", "oui"]


@pytest.mark.parametrize("word", WORDS + NOT_WORDS)
def test_a_boolean_key_takes_the_words_pydantic_takes(word: str) -> None:
    text = f"repos: {{core: [a]}}\nslides: [{{kind: chart, chart: c, native: '{word}'}}]\n"
    try:
        ChartSlide.model_validate({"chart": "c", "native": word})
    except ValidationError:
        accepted = False
    else:
        accepted = True
    assert accepted == (word in WORDS)
    assert (schema_errors(as_editor_reads(text)) == []) == accepted


# --- what the schema refuses -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: A talk\n", "(top)"),  # no repos
        ("repos: {core: [{name: x}]}\n", "repos.core.0"),  # neither path nor url
        ("repos: {core: [{path: a, url: b}]}\n", "repos.core.0"),  # both
        ("repos: {core: [a]}\nspeaker: {role: x}\n", "speaker"),  # no name, and no base
        ("repos: {core: [a]}\ntitel: x\n", "(top)"),
        ("repos: {core: [a]}\nslides: [{kind: pie}]\n", "slides.0"),
        ("repos: {core: [a]}\nslides: [{kind: bullets, items: [{a: [b], c: [d]}]}]\n", "slides.0"),
        ("extends: base.yaml\nslides: [{kind: stats, tiles: []}]\n", "slides.0"),  # lists replace
        ("extends: ' '\n", "extends"),
    ],
)
def test_the_schema_refuses_what_deckgen_refuses(text: str, where: str, tmp_path: Path) -> None:
    assert where in [error.split(":")[0] for error in schema_errors(as_editor_reads(text))]
    outline = tmp_path / "talk.yaml"
    outline.write_text(text)
    (tmp_path / "base.yaml").write_text("repos: {core: [a]}\n")
    result = CliRunner().invoke(main, ["validate", str(outline)])
    assert result.exit_code == 1, result.output


@pytest.mark.parametrize(
    "text",
    [
        "repos: {core: [a]}\ntitle: 2026\nspeaker: {name: 42}\n",  # numbers are read as text
        "repos: {core: [a]}\nslides: [{kind: chart, chart: commits_by_year, native: yes}]\n",
        "repos: {core: [a]}\nevent: {name: X, date: 2026-06-12}\n",
        "extends: base.yaml\nspeaker: {role: maintainer}\nrepos: {}\n",
        "repos: {core: [a, {url: 'https://example.org/b.git'}]}\nextends: null\n",
    ],
)
def test_the_schema_accepts_what_deckgen_accepts(text: str, tmp_path: Path) -> None:
    assert schema_errors(as_editor_reads(text)) == []
    base = tmp_path / "base.yaml"
    base.write_text("repos: {core: [a]}\nspeaker: {name: Ann}\n")
    parse_outline(text, tmp_path / "talk.yaml")


# --- what the schema accepts and deckgen refuses: exactly the list in docs/outline.md -------

BASE = "repos: {core: [repos/core]}\n"

CANNOT_CHECK: dict[str, tuple[dict[str, str], str]] = {
    "repository-names": (
        {"talk.yaml": "repos: {core: [repos/core], more: [other/core]}\n"},
        "talk.yaml:1:36: repos.more[0]: repository name 'core' is already used by "
        "repos.core[0]; give one of them a `name:`",
    ),
    "release-group": (
        {"talk.yaml": BASE + "releases: {group: bindings}\n"},
        "talk.yaml:2:19: releases.group: expected one of the groups 'core', got 'bindings'",
    ),
    "regular-expressions": (
        {"talk.yaml": BASE + "identity: {bots: ['[bot']}\n"},
        "talk.yaml:2:19: identity.bots[0]: not a valid regular expression (unterminated "
        "character set at position 0): '[bot'",
    ),
    "slide-names": (
        {"talk.yaml": BASE + "only: [title, highlights]\n"},
        "talk.yaml:2:15: only[1]: no slide has the id or tag 'highlights' (known: "
        "'authors-by-year', 'closing', 'commits-by-year', 'contributors', 'releases', 'title')",
    ),
    "slides-patch-keys": (
        {"talk.yaml": BASE + "slides_patch: {title: {chart: commits_by_year}}\n"},
        "talk.yaml:2:24: slides[0].chart: unknown key 'chart'",
    ),
    "overlay-merged": (
        {"base.yaml": BASE, "talk.yaml": "extends: base.yaml\nspeaker: {role: maintainer}\n"},
        "talk.yaml:2:10: speaker.name: required key is missing",
    ),
    "extends-file": (
        {"talk.yaml": "extends: nowhere.yaml\n"},
        "talk.yaml:1:10: extends: {dir}/nowhere.yaml not found",
    ),
    "names-in-registries": (
        {"talk.yaml": BASE + "slides: [{kind: chart, chart: commits_by_year, scope: bindings}]\n"},
        "talk.yaml:2:55: slides[0].scope: expected one of 'all', 'core', 'repo:core', "
        "got 'bindings'",
    ),
    "files": (
        {"talk.yaml": BASE + "logo: logo.png\n"},
        "talk.yaml:2:7: logo: picture not found: {dir}/logo.png",
    ),
    "layouts": (
        {"talk.yaml": BASE + "layouts: {closing: Nope}\n"},
        "template {default}: no layout named 'Nope' (for closing slides); the template has: "
        "'Title', 'Section', 'Content', 'Two Content', 'Big Numbers', 'Picture with Caption', "
        "'Closing'; choose others with `layouts:` in the outline",
    ),
    "templates": (
        {"talk.yaml": BASE + "title: '{{ all.commits '\n"},
        "talk.yaml:2:8: title: template syntax error: unexpected end of template, expected "
        "'end of print statement'.",
    ),
    "yaml-1.1-values": (
        {"talk.yaml": BASE + "title: 2026-06-12\n"},
        "talk.yaml:2:8: title: expected text, got datetime.date(2026, 6, 12)",
    ),
}
"""Name (as in docs/outline.md) → the files of a talk folder, and the first line
`deckgen validate talk.yaml` prints (`{dir}` the folder, `{default}` deckgen's theme); the
schema passes each talk.yaml."""


STRICTER: dict[str, list[str]] = {
    "converted-values": [
        "slides: [{kind: news, limit: '3'}]",
        "by_year: {since: '2005'}",
        "event: {name: X, date: 1781222400}",
    ],
}
"""Name (as in docs/outline.md) → outline lines deckgen accepts and the schema refuses."""


def documented_names() -> list[str]:
    text = (ROOT / "docs" / "outline.md").read_text()
    section = text.split("### What the schema cannot check", 1)[1].split("\n#", 1)[0]
    return re.findall(r"^\| `([\w.-]+)` \|", section, re.M)


def test_the_documented_lists_are_the_tested_lists() -> None:
    assert documented_names() == [*CANNOT_CHECK, *STRICTER]


@pytest.mark.parametrize(
    "line", [line for lines in STRICTER.values() for line in lines], ids=lambda line: line[:20]
)
def test_deckgen_converts_it_and_the_schema_asks_for_the_plain_value(line: str) -> None:
    text = f"repos: {{core: [a]}}\n{line}\n"
    parse_outline(text, Path("talk.yaml"))
    assert schema_errors(as_editor_reads(text)) != []


@pytest.mark.parametrize("name", list(CANNOT_CHECK))
def test_the_schema_passes_it_and_deckgen_refuses_it(name: str, tmp_path: Path) -> None:
    files, error = CANNOT_CHECK[name]
    make_repo(tmp_path / "repos" / "core", [(ALICE, utc(2026, 2, 1))])
    for file, text in files.items():
        (tmp_path / file).write_text(text)
    talk = tmp_path / "talk.yaml"
    data = as_editor_reads(talk.read_text())
    assert schema_errors(data) == []
    result = CliRunner().invoke(main, ["validate", str(talk)])
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0].removeprefix("error: ")
    expected = error.replace("{dir}", str(tmp_path)).replace("talk.yaml:", f"{talk}:")
    assert first == expected.replace("{default}", str(DEFAULT_TEMPLATE))
