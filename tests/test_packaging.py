"""What a stranger installs: the dependencies match the imports, the README reads right on the
package index, no install line names the other project's `deckgen`, and a wheel and an sdist
built here hold what they must (LICENSE, the docs `deckgen help` prints, the data files, the
entry point; the sdist everything `make test` needs)."""

from __future__ import annotations

import ast
import email
import importlib.metadata
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from deckgen.helpdocs import TOPICS

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
NAME = PYPROJECT["project"]["name"]
SDIST_FOLDERS = ("deckgen", "docs", "talks", "templates", "tests", "benchmarks", "ci")
SDIST_FILES = (
    "LICENSE",
    "Makefile",
    "README.md",
    "ARCHITECTURE.md",
    "pyproject.toml",
    "action.yml",
)


def normalized(requirement: str) -> str:
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name, requirement
    return re.sub(r"[-_.]+", "-", name.group()).lower()


def imported_distributions() -> dict[str, set[str]]:
    """Return the distributions the package imports from, each with the modules importing it."""
    provides = importlib.metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in (ROOT / "deckgen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "deckgen":
                    continue
                for dist in provides.get(top, [f"unknown module {top}"]):
                    found.setdefault(normalized(dist), set()).add(path.name)
    return found


def test_every_imported_library_is_declared_and_none_more() -> None:
    core = {normalized(r) for r in PYPROJECT["project"]["dependencies"]}
    watch = {normalized(r) for r in PYPROJECT["project"]["optional-dependencies"]["watch"]}
    imported = imported_distributions()
    assert set(imported) == core | watch
    assert watch == {"watchfiles"}
    assert imported["watchfiles"] == {"watch.py"}  # which says how to install it when missing


def test_the_readme_links_are_absolute() -> None:
    """The README is the index page's description, where a relative link or picture breaks."""
    targets = re.findall(r"\]\(([^)]+)\)", (ROOT / "README.md").read_text())
    assert targets
    assert [t for t in targets if not t.startswith(("https://", "#"))] == []


def test_no_install_line_names_the_other_deckgen() -> None:
    """`deckgen` on the index is an unrelated program: installing it by that name is the bug."""
    other = re.compile(r"\bpipx? install\s+(?:-\S+\s+)*['\"]?deckgen(?![-\w])")
    files = [ROOT / "README.md", ROOT / "Makefile", *ROOT.glob("*.yml"), *ROOT.glob("*.yaml")]
    files += [p for p in (ROOT / "docs").rglob("*") if p.suffix in (".md", ".yml", ".yaml")]
    found = [
        (path.relative_to(ROOT).as_posix(), line)
        for path in files
        for line in path.read_text().splitlines()
        if other.search(line)
    ]
    assert found == []
    assert f"pipx install {NAME}" in (ROOT / "README.md").read_text()


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the sdist, and the wheel from it, as `python -m build` does (no network: the build
    backend of the `test` extra, hatchling, is used from this environment)."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, (
        f"{done.stdout}\n{done.stderr}\n(the `test` extra has `build` and hatchling: "
        "pip install -e '.[test]')"
    )
    return out


@pytest.mark.slow
def test_the_wheel(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"deckgen_talk-{PYPROJECT['project']['version']}.dist-info"
        metadata = email.message_from_bytes(archive.read(f"{info}/METADATA"))
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        license_text = archive.read(f"{info}/licenses/LICENSE")
        docs = {t.file: archive.read(f"deckgen/docs/{t.file}") for t in TOPICS.values()}
    assert metadata["Name"] == NAME
    assert metadata["License-Expression"] == "MIT"
    assert license_text == (ROOT / "LICENSE").read_bytes()
    assert metadata.get_payload() == (ROOT / "README.md").read_text()
    assert "Homepage, https://github.com/deckgen/deckgen" in metadata.get_all("Project-URL")
    assert "watch" in metadata.get_all("Provides-Extra")
    assert "deckgen = deckgen.cli:main" in entry_points
    for file, text in docs.items():  # the pages `deckgen help` prints, as docs/ has them
        assert text == (ROOT / "docs" / file).read_bytes()
    for data in (ROOT / "deckgen" / "data").iterdir():
        assert f"deckgen/data/{data.name}" in names
    assert "deckgen/py.typed" in names
    assert not [n for n in names if n.startswith("tests/") or "__pycache__" in n]


@pytest.mark.slow
def test_the_sdist_holds_what_make_test_needs(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        prefix = f"{sdist.name.removesuffix('.tar.gz')}/"
        names = {m.name.removeprefix(prefix) for m in archive.getmembers() if not m.isdir()}
    wanted = set(SDIST_FILES)
    for folder in SDIST_FOLDERS:
        wanted |= {
            p.relative_to(ROOT).as_posix()
            for p in (ROOT / folder).rglob("*")
            if (p.is_file() or p.is_symlink())
            and "__pycache__" not in p.parts
            and not any(part.startswith(".") for part in p.relative_to(ROOT).parts)
        }
    assert wanted - names == set()
