"""The CI recipes in docs/ci: valid YAML, the required settings, and commands that really run."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import main
from tests.layout_oracle import assert_pdf_clean
from tests.project import OUTLINE, make_project

DOCS = Path(__file__).parents[1] / "docs" / "ci"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DOCS / name).read_text())
    return data


def github_commands() -> list[str]:
    steps = load("github-actions.yml")["jobs"]["deck"]["steps"]
    return [str(s["run"]) for s in steps if "run" in s]


def gitlab_commands() -> list[str]:
    return [str(c) for c in load("gitlab-ci.yml")["status-deck"]["script"]]


def run_recipe_command(command: str) -> None:
    """Run one of a recipe's commands: its `mkdir -p` and `deckgen` lines, here in-process."""
    words = [w.replace("$OUTLINE", "talks/status.yaml") for w in shlex.split(command)]
    if words[:2] == ["mkdir", "-p"]:
        for folder in words[2:]:
            Path(folder).mkdir(parents=True, exist_ok=True)
    elif words[0] == "deckgen":
        result = CliRunner().invoke(main, words[1:], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr


def test_github_workflow_settings() -> None:
    workflow = load("github-actions.yml")
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "workflow_dispatch" in triggers and triggers["schedule"][0]["cron"] == "0 6 1 * *"
    steps = workflow["jobs"]["deck"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == "~/.cache/deckgen"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "out/"


def test_gitlab_job_settings() -> None:
    job = load("gitlab-ci.yml")["status-deck"]
    assert job["variables"]["GIT_DEPTH"] == 0
    assert job["artifacts"]["paths"] == ["out/"]


@pytest.mark.render
@pytest.mark.parametrize("recipe", ["github", "gitlab"])
def test_recipe_commands_run(recipe: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(tmp_path / "talks" / "repos")
    (tmp_path / "talks" / "status.yaml").write_text(OUTLINE)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OUTLINE", "talks/status.yaml")
    monkeypatch.setenv("DECKGEN_AS_OF", "2026-06-30")
    commands = github_commands() if recipe == "github" else gitlab_commands()
    assert sum(c.startswith("deckgen ") for c in commands) == 2
    for command in commands:
        run_recipe_command(command)
    assert len(Presentation("out/status.pptx").slides) == 6
    assert_pdf_clean(tmp_path / "out" / "status.pdf")
    assert (tmp_path / "out" / "metrics.json").read_text().startswith("{")
