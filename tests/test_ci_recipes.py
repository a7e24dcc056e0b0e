"""The CI files people copy or include: docs/ci's recipes, the GitHub Action (action.yml) and the
GitLab template (ci/gitlab/). Each passes its published schema (the copies check-jsonschema
ships, offline); actions are pinned by commit; the install lines name this project's own
distribution; and the shell the files run is run here, with a `deckgen` that is this checkout.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from pptx import Presentation

from tests.layout_oracle import assert_pdf_clean
from tests.project import OUTLINE, make_project

ROOT = Path(__file__).parents[1]
WORKFLOW = ROOT / "docs" / "ci" / "github-actions.yml"
GITLAB_JOB = ROOT / "docs" / "ci" / "gitlab-ci.yml"
ACTION = ROOT / "action.yml"
GITLAB_TEMPLATE = ROOT / "ci" / "gitlab" / "deckgen-talk.yml"

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PINNED_PACKAGE = f"{PROJECT['name']}=={PROJECT['version']}"
"""What the recipes install: this project's distribution, at this version."""

USES = re.compile(r"^\s*(?:- )?uses: (\S+?)@(\S+)(.*)$", re.M)


class GitHubLoader(yaml.SafeLoader):
    """YAML as GitHub reads it: `on` is a key, not true (PyYAML reads YAML 1.1)."""


GitHubLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
GitHubLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(path.read_text(), Loader=GitHubLoader)  # a SafeLoader
    return data


def gitlab_documents(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load_all(path.read_text()))


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", f"vendor.{schema}", *files],
        capture_output=True,
        text=True,
        check=False,
    )


# --- schemas ---------------------------------------------------------------------------------


def test_the_files_pass_their_published_schemas(tmp_path: Path) -> None:
    spec, job = GITLAB_TEMPLATE.read_text().split("\n---\n")
    (tmp_path / "spec.yml").write_text(spec)
    (tmp_path / "job.yml").write_text(job)
    for schema, files in [
        ("github-workflows", [WORKFLOW]),
        ("github-actions", [ACTION]),
        ("gitlab-ci", [GITLAB_JOB, tmp_path / "spec.yml", tmp_path / "job.yml"]),
    ]:
        result = check_jsonschema(schema, *files)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_refuses_a_broken_workflow(tmp_path: Path) -> None:
    """The check above can fail: a misspelt permission does not pass."""
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("contents: read", "contents: reed"))
    assert check_jsonschema("github-workflows", broken).returncode == 1


# --- settings --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [WORKFLOW, ACTION], ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_tag(path: Path) -> None:
    uses = USES.findall(path.read_text())
    assert uses
    for name, ref, comment in uses:
        assert re.fullmatch(r"actions/[\w-]+", name), name
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{name}@{ref}"
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), f"{name}: {comment!r}"


def test_one_commit_per_action_in_every_file() -> None:
    """The same action is pinned to the same commit wherever it is used."""
    pins: dict[str, set[str]] = {}
    for path in (WORKFLOW, ACTION):
        for name, ref, comment in USES.findall(path.read_text()):
            pins.setdefault(name, set()).add(f"{ref}{comment}")
    assert {name: len(refs) for name, refs in pins.items()} == dict.fromkeys(pins, 1)


def test_github_workflow_settings() -> None:
    workflow = load(WORKFLOW)
    assert workflow["on"]["schedule"][0]["cron"] == "0 6 1 * *"
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read", "actions": "read"}
    assert workflow["concurrency"] == {"group": "status-deck", "cancel-in-progress": False}
    job = workflow["jobs"]["deck"]
    assert 0 < job["timeout-minutes"] <= 60
    steps = job["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    uploads = {
        s["with"]["name"]: s["with"]
        for s in steps
        if s.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert uploads["status-deck"]["path"] == "out/"
    # the cache travels as an artifact, downloaded by the next run under the same name
    assert uploads["deckgen-cache"]["path"] == "${{ runner.temp }}/cache/deckgen/"
    restore = next(s["run"] for s in steps if "gh run download" in s.get("run", ""))
    assert "--name deckgen-cache" in restore
    assert 'XDG_CACHE_HOME=$RUNNER_TEMP/cache" >> "$GITHUB_ENV"' in restore


def test_gitlab_job_settings() -> None:
    job = load(GITLAB_JOB)["status-deck"]
    assert job["variables"]["GIT_DEPTH"] == 0
    assert job["artifacts"]["paths"] == ["out/"]
    assert (job["timeout"], job["resource_group"]) == ("30m", "status-deck")


def test_the_action_installs_itself_and_libreoffice_only_for_pdf_or_png() -> None:
    action = load(ACTION)
    assert set(action["inputs"]) == {"outline", "as-of", "output", "pdf", "png", "python-version"}
    assert set(action["outputs"]) == {"deck", "pdf", "metrics"}
    steps = action["runs"]["steps"]
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert install["env"] == {"ACTION_PATH": "${{ github.action_path }}"}
    assert install["run"].endswith('pip install --disable-pip-version-check "$ACTION_PATH"')
    libreoffice = next(s for s in steps if "libreoffice-impress" in s.get("run", ""))
    assert libreoffice["if"] == "inputs.pdf == 'true' || inputs.png == 'true'"


def test_the_install_lines_name_this_distribution() -> None:
    """`pip install deckgen` installs someone else's program: the recipes name ours."""
    installs = [
        line.strip()
        for path in (WORKFLOW, GITLAB_JOB)
        for line in path.read_text().splitlines()
        if "pip install" in line
    ]
    assert installs == [
        f'run: python -m pip install --disable-pip-version-check "{PINNED_PACKAGE}"',
        f'- python -m pip install --disable-pip-version-check "{PINNED_PACKAGE}"',
    ]
    spec = gitlab_documents(GITLAB_TEMPLATE)[0]["spec"]["inputs"]
    assert spec["package"]["default"] == PINNED_PACKAGE


# --- the commands ----------------------------------------------------------------------------


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    """A project folder with talks/status.yaml and its repositories, and a `deckgen` on PATH
    that runs this checkout."""
    make_project(tmp_path / "talks" / "repos")
    (tmp_path / "talks" / "status.yaml").write_text(OUTLINE)
    shim = tmp_path / "bin" / "deckgen"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m deckgen "$@"\n')
    shim.chmod(0o755)
    return tmp_path


def run_shell(script: str, folder: Path, env: dict[str, str]) -> None:
    """Run `script` in bash in `folder`, with `deckgen` from this checkout."""
    environment = {
        **os.environ,
        "PATH": f"{folder / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "XDG_CACHE_HOME": str(folder / ".cache"),
        "DECKGEN_AS_OF": "2026-06-30",
        **env,
    }
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def runs_here(script: str) -> bool:
    """Whether a step's script is run by the tests: not the ones that install (apt-get, pip) or
    talk to GitHub (gh), which are only checked for syntax."""
    return not re.search(r"\b(?:apt-get|pip|gh)\b", script)


def assert_bash_syntax(script: str) -> None:
    result = subprocess.run(["bash", "-n", "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def assert_deck(folder: Path, *, pdf: bool) -> None:
    assert len(Presentation(folder / "status.pptx").slides) == 6
    assert (folder / "metrics.json").read_text().startswith("{")
    if pdf:
        assert_pdf_clean(folder / "status.pdf")


@pytest.mark.render
def test_the_github_workflow_runs(talk: Path) -> None:
    workflow = load(WORKFLOW)
    env = {k: str(v) for k, v in workflow["env"].items()}
    scripts = [s["run"] for s in workflow["jobs"]["deck"]["steps"] if "run" in s]
    for script in scripts:
        assert_bash_syntax(script)
    ran = [script for script in scripts if runs_here(script)]
    assert sum("deckgen " in script for script in ran) == 2
    for script in ran:
        run_shell(script, talk, env)
    assert_deck(talk / "out", pdf=True)


@pytest.mark.render
def test_the_gitlab_job_runs(talk: Path) -> None:
    job = load(GITLAB_JOB)["status-deck"]
    env = {"OUTLINE": job["variables"]["OUTLINE"]}
    for line in [*job["before_script"], *job["script"]]:
        assert_bash_syntax(line)
    run_shell("\n".join(job["script"]), talk, env)
    assert_deck(talk / "out", pdf=True)


def test_the_action_builds_and_names_what_it_wrote(talk: Path) -> None:
    step = next(s for s in load(ACTION)["runs"]["steps"] if s.get("id") == "build")
    outputs = talk / "github-output"
    inputs = {"OUTLINE": "talks/status.yaml", "AS_OF": "2026-06-30", "OUTPUT": "out"}
    run_shell(
        step["run"],
        talk,
        {**inputs, "PDF": "false", "PNG": "false", "GITHUB_OUTPUT": str(outputs)},
    )
    assert outputs.read_text().splitlines() == [
        "deck=out/status.pptx",
        "metrics=out/metrics.json",
        "pdf=",
    ]
    assert_deck(talk / "out", pdf=False)


def interpolate(text: str, inputs: dict[str, Any]) -> str:
    """Fill GitLab's `$[[ inputs.NAME ]]` as GitLab does when it includes the template."""
    return re.sub(
        r"\$\[\[ inputs\.([\w-]+) \]\]",
        lambda m: (
            str(inputs[m[1]]).lower() if isinstance(inputs[m[1]], bool) else str(inputs[m[1]])
        ),
        text,
    )


@pytest.mark.render
def test_the_gitlab_template_runs(talk: Path) -> None:
    spec_text, job_text = GITLAB_TEMPLATE.read_text().split("\n---\n")
    spec = yaml.safe_load(spec_text)["spec"]["inputs"]
    inputs = {name: field.get("default") for name, field in spec.items()}
    inputs.update(outline="talks/status.yaml", pdf=True, output="decks")
    assert None not in inputs.values()  # every input has a default but the outline
    jobs = yaml.safe_load(interpolate(job_text, inputs))
    job = jobs["deckgen-deck"]
    variables = job["variables"]
    assert all(isinstance(v, str | int) for v in variables.values())  # GitLab takes no others
    variables = {k: str(v).replace("$CI_PROJECT_DIR", str(talk)) for k, v in variables.items()}
    assert variables["DECKGEN_AS_OF"] == ""  # empty: deckgen takes today
    variables["DECKGEN_AS_OF"] = "2026-06-30"
    for line in [*job["before_script"], *job["script"]]:
        assert_bash_syntax(line)
    run_shell("\n".join(job["script"]), talk, variables)
    assert job["artifacts"]["paths"] == ["decks/"]
    assert_deck(talk / "decks", pdf=True)
