"""Shared test set-up: deckgen's cache folder is a fresh temporary one, never the user's; a fake
`ssh` for the tests of remote repositories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point platformdirs (XDG_CACHE_HOME) at an empty folder for each test."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def ssh_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put an `ssh` first on PATH that records its arguments and fails as OpenSSH would.

    The user's own git configuration and ssh variables are set aside: the test decides them.
    """
    calls = tmp_path / "ssh-calls"
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("ssh", "my-ssh"):
        script = folder / name
        script.write_text(
            f'#!/bin/sh\necho "{name} $*" >> "{calls}"\n'
            'echo "Host key verification failed." >&2\nexit 255\n'
        )
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    for name in ("GIT_SSH_COMMAND", "GIT_SSH", "GIT_SSH_VARIANT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return calls
