"""The fixture project of the acceptance tests (tests/project.py), built once per test module."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.project import OUTLINE, make_project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder with the fixture repositories under `repos/` and `talk.yaml`."""
    root = tmp_path_factory.mktemp("project")
    make_project(root / "repos")
    (root / "talk.yaml").write_text(OUTLINE)
    return root
