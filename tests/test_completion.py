"""Shell completion, as docs/install.md tells users to set it up: every command it shows writes a
script, the scripts register `deckgen`, bash really loads one, and completions come back."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "install.md"
REGISTERS = {
    "bash_source": "complete -o nosort -F _deckgen_completion deckgen",
    "zsh_source": "compdef _deckgen_completion deckgen",
    "fish_source": "complete --no-files --command deckgen",
}


def complete(env: dict[str, str]) -> str:
    result = CliRunner().invoke(main, [], env=env, prog_name="deckgen", catch_exceptions=False)
    assert result.exit_code == 0
    return result.stdout


def test_the_doc_shows_bash_zsh_and_fish() -> None:
    shown = re.findall(r"_DECKGEN_COMPLETE=(\w+) deckgen", DOC.read_text())
    assert set(shown) == set(REGISTERS)


@pytest.mark.parametrize("instruction", sorted(REGISTERS))
def test_each_shell_gets_a_script(instruction: str) -> None:
    assert REGISTERS[instruction] in complete({"_DECKGEN_COMPLETE": instruction})


def test_bash_loads_the_script(tmp_path: Path) -> None:
    script = tmp_path / "deckgen-complete.bash"
    script.write_text(complete({"_DECKGEN_COMPLETE": "bash_source"}))
    shown = subprocess.run(
        ["bash", "--norc", "-c", f". {script} && complete -p deckgen"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == "complete -o nosort -F _deckgen_completion deckgen"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("deckgen help o", ["outline", "overlays"]),
        ("deckgen cache ", ["clean", "dir"]),
        ("deckgen build talk.yaml --o", ["--output", "--odp"]),
    ],
)
def test_completions(words: str, expected: list[str]) -> None:
    env = {
        "_DECKGEN_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    assert complete(env).splitlines() == [f"plain,{word}" for word in expected]
