"""`deckgen help`: every topic is a page of docs/, every page is a topic, every `deckgen help
TOPIC` that deckgen or its docs mention exists, and no message points to a docs/ path that a user
who installed the package does not have."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from click.testing import CliRunner

from deckgen.cli import main
from deckgen.helpdocs import TOPICS, docs_folder

ROOT = Path(__file__).resolve().parents[1]
MENTION = re.compile(r"deckgen help ([A-Za-z_-]+)")
DOCS_PATH = re.compile(r"docs/[\w/.-]*\.md")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_every_topic() -> None:
    code, stdout, stderr = run("help")
    assert (code, stderr) == (0, "")
    lines = stdout.splitlines()
    assert lines[0] == "Topics (deckgen help TOPIC):"
    listed = [line.split()[0] for line in lines[1:] if line[:1].strip()]
    assert listed[:-1] == list(TOPICS)
    assert "https://github.com/deckgen/deckgen/blob/main/docs/" in stdout


def test_help_topic_prints_its_page() -> None:
    code, stdout, _ = run("help", "overlays")
    assert code == 0
    assert stdout == (ROOT / "docs" / "overlays.md").read_text(encoding="utf-8")


def test_help_unknown_topic_is_a_usage_error() -> None:
    code, _, stderr = run("help", "outlines")
    assert code == 2
    assert "'outlines' is not one of 'outline', 'metrics'" in stderr


def test_every_page_of_docs_is_a_topic_and_every_topic_a_page() -> None:
    assert docs_folder() == ROOT / "docs"  # a checkout reads docs/ itself
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").glob("*.md")}
    pages.add("ci/README.md")
    assert {t.file for t in TOPICS.values()} == pages


def test_the_wheel_carries_every_topic() -> None:
    """pyproject.toml copies docs/ into the wheel as deckgen/docs/, where `docs_folder` looks
    first (tests/test_packaging.py checks a wheel built for real)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    copied = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    for topic in TOPICS.values():
        page = f"docs/{topic.file}"
        sources = [s for s in copied if page == s or page.startswith(f"{s}/")]
        assert len(sources) == 1, f"{page} is not copied into the wheel"
        assert copied[sources[0]] + page[len(sources[0]) :] == f"deckgen/{page}"


def _user_facing_texts() -> list[tuple[str, str]]:
    """Return (where, text) for every string literal of the package that is not documentation,
    and every YAML file the package ships (the demo outline, which users read)."""
    texts = []
    for path in sorted((ROOT / "deckgen").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # Docstrings, and the strings under constants that document them, are for developers.
        docstrings = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            ):
                texts.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.value))
    for path in sorted((ROOT / "deckgen" / "data").glob("*.yaml")):
        texts.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    return texts


def test_no_message_points_to_a_docs_path() -> None:
    found = [
        (where, match) for where, text in _user_facing_texts() for match in DOCS_PATH.findall(text)
    ]
    # The demo project's own files (its NEWS archive, docs/news/YEAR.rst) are not deckgen's docs.
    assert found == []


def test_every_topic_mentioned_exists() -> None:
    texts = [text for _, text in _user_facing_texts()]
    texts += [
        p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
    ]
    mentioned = {name for text in texts for name in MENTION.findall(text)}
    assert "outline" in mentioned
    assert mentioned - {"TOPIC"} <= set(TOPICS)
