"""One test per protection against untrusted outlines, each failing if the protection is removed:
the YAML limits, the safe loader, the Jinja sandbox and its limits, StrictUndefined, no access to
the environment, and a read-only git.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from deckgen.build import OutlineSource, analyse, build, load_and_check
from deckgen.errors import OutlineError, TextError
from deckgen.outline import yamlsource
from deckgen.outline.loader import parse_outline
from deckgen.text import Renderer, text_context
from tests.project import OUTLINE
from tests.robustness.workspace import make_workspace

AS_OF = date(2026, 6, 30)
SECRET = "deckgen-protection-secret-77a1"


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("talk").resolve())


def problems(text: str, path: Path = Path("talk.yaml")) -> list[str]:
    with pytest.raises(OutlineError) as caught:
        parse_outline(text, path)
    return [str(p) for p in caught.value.problems]


def bomb(levels: int) -> str:
    """Aliases that expand to 10**levels scalars: a small 'billion laughs'."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_alias_bomb() -> None:
    # 10**6 nodes would be read (slowly) without the limit, and fail on other grounds
    (message,) = problems(bomb(6))
    assert message.startswith("talk.yaml:")
    assert message.endswith(": more than 100,000 YAML nodes (an alias bomb?)")


def test_alias_limit_counts_expansions_not_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_NODES", 50)
    assert problems(bomb(2))[0].endswith("more than 50 YAML nodes (an alias bomb?)")


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "talk.yaml"
    big.write_text(OUTLINE + "#" * yamlsource.MAX_OUTLINE_BYTES)
    with pytest.raises(OutlineError) as caught:
        load_and_check(OutlineSource(big))
    assert str(caught.value) == (f"{big} is larger than 2048 KiB; an outline is a short text file")


def test_depth_limit() -> None:
    deep = "title: " + "[" * 150 + "]" * 150 + "\n"
    (message,) = problems(deep)
    assert message.endswith(": nested more than 100 levels deep")


def test_recursive_alias() -> None:
    assert problems("title: &t [*t]\n") == [
        "talk.yaml:1:8: title[0]: a YAML alias refers to a value that contains it"
    ]


def test_safe_loader_builds_no_python_objects(tmp_path: Path) -> None:
    marker = tmp_path / "hacked"
    call = f"!!python/object/apply:os.system ['touch {marker}']"
    # a tagged list is read as the plain list it holds, a tagged scalar is refused
    assert "talk.yaml:1:8: title: expected text, got ['touch" in "\n".join(
        problems(f"title: {call}\n")
    )
    (message,) = problems("title: !!python/name:os.system ''\n")
    assert "could not determine a constructor for the tag 'tag:yaml.org,2002:python/name" in (
        message
    )
    assert not marker.exists()


@pytest.fixture(scope="module")
def renderer(talk: Path) -> Renderer:
    document = load_and_check(OutlineSource(talk / "talk.yaml"))
    return Renderer(document, text_context(document, analyse(document, AS_OF).metrics))


def render(renderer: Renderer, template: str) -> str:
    return renderer.render(template, "slide 1, notes", ("slides", 0, "notes"))


def refusal(renderer: Renderer, template: str) -> str:
    with pytest.raises(TextError) as caught:
        render(renderer, template)
    where, sep, why = str(caught.value).splitlines()[0].partition(" slide 1, notes: ")
    assert sep and where.endswith("talk.yaml:12:12:")
    return why


@pytest.mark.parametrize(
    ("template", "why"),
    [
        ("{{ ''.__class__.__mro__ }}", "access to attribute '__class__' of 'str' object is unsafe"),
        ("{{ cycler.__init__.__globals__ }}", "access to attribute '__init__' of 'type' object"),
        ("{{ outline.__class__ }}", "access to attribute '__class__' of 'Outline' object"),
        ("{{ all.__dict__ }}", "access to attribute '__dict__' of 'ScopeMetrics' object"),
        ("{{ vars.update({'x': 1}) }}", "access to attribute 'update' of 'dict' object"),
    ],
)
def test_sandbox(renderer: Renderer, template: str, why: str, tmp_path: Path) -> None:
    assert refusal(renderer, template).startswith(f"SecurityError: {why}")


@pytest.mark.parametrize(
    "template",
    ["{{ nope }}", "{{ all.contributers }}", "{{ vars.missing }}", "{{ nope | length }}"],
)
def test_strict_undefined(renderer: Renderer, template: str) -> None:
    assert "undefined" in refusal(renderer, template) or "no attribute" in refusal(
        renderer, template
    )


@pytest.mark.parametrize(
    "template",
    [
        "{{ os.environ }}",
        "{{ environ }}",
        "{{ config }}",
        "{{ request }}",
        "{{ self.__init__.__globals__ }}",
        "{{ namespace.__init__.__globals__.os.environ }}",
        "{{ joiner.__init__.__globals__ }}",
        "{{ range.__self__ }}",
        "{{ lipsum.__globals__ }}",
    ],
)
def test_no_environment(renderer: Renderer, monkeypatch: pytest.MonkeyPatch, template: str) -> None:
    monkeypatch.setenv("DECKGEN_SECRET", SECRET)
    try:
        text = render(renderer, template)
    except TextError as error:
        assert SECRET not in str(error)
    else:  # pragma: no cover - every template above is refused
        pytest.fail(f"{template} rendered {text[:80]!r}")


@pytest.mark.parametrize(
    ("template", "why"),
    [
        ("{{ 2 ** 999999 }}", "SecurityError: 2 ** 999999 is too large a number for a slide"),
        ("{{ 'x' * 10**9 }}", "SecurityError: the product of 1 items and 1000000000 is too large"),
        ("{{ '%0999999999d' % 1 }}", "SecurityError: format '%0999999999d' asks for too wide"),
        ("{{ '%0999999d' | format(1) }}", "SecurityError: format '%0999999d' asks for too wide"),
        ("{{ '{:0999999}'.format(1) }}", "SecurityError: format '{:0999999}' asks for too wide"),
        ("{{ 'x' | center(10**9) }}", "SecurityError: center(1000000000) is too wide"),
        ("{{ ('a' * 99999) | replace('a', 'aa') }}", "SecurityError: replace would make too long"),
        ("{{ lipsum(10**9) }}", "'lipsum' is undefined"),
        ("{{ range(10**9) | list }}", "OverflowError: Range too big."),
    ],
)
def test_resource_limits(renderer: Renderer, template: str, why: str) -> None:
    """Templates that would hang the build or take gigabytes (even while being compiled)."""
    assert refusal(renderer, template).startswith(why)


def test_small_arithmetic_still_works(renderer: Renderer) -> None:
    assert render(renderer, "{{ 2 ** 10 }} {{ 'ab' * 2 }} {{ '%5.1f' % 3.14159 }}") == (
        "1024 abab   3.1"
    )
    assert render(renderer, "x{{ '{:>4}'.format(7) }}|{{ 'a' | replace('a', 'bc') }}") == "x   7|bc"


def test_git_is_only_read(talk: Path, tmp_path: Path) -> None:
    """A build leaves every file of the measured repositories as it was (pydriller does not)."""

    def snapshot() -> dict[str, str]:
        files = sorted(p for p in (talk / "repos").rglob("*") if p.is_file())
        return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}

    before = snapshot()
    build(OutlineSource(talk / "talk.yaml"), tmp_path / "deck.pptx", as_of=AS_OF)
    assert snapshot() == before
