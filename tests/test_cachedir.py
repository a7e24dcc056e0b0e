"""`deckgen cache dir` and `deckgen cache clean`, on a cache folder laid out as the stages lay
theirs out (tests/conftest.py points XDG_CACHE_HOME at a fresh folder for each test)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main

DAY = 86400
MB = 1_000_000


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def put(path: Path, size: int, days_ago: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    when = time.time() - days_ago * DAY
    os.utime(path, (when, when))
    return path


@pytest.fixture
def cache(_private_cache: Path) -> Path:
    """A cache folder with an entry of every kind, old (40 days) and recent (1 day)."""
    root = _private_cache / "deckgen"
    put(root / "history" / "0123-core" / "abc-old.hist", MB, 40)
    put(root / "history" / "0123-core" / "abc-new.hist", MB, 1)
    put(root / "metrics" / "old.json", MB, 40)
    put(root / "charts" / "new.png", MB, 1)
    # A clone fetched yesterday: its HEAD is old, its newest pack recent; one entry, kept whole.
    put(root / "repos" / "4567-libfoo.git" / "HEAD", MB, 40)
    put(root / "repos" / "4567-libfoo.git" / "objects" / "pack" / "p.pack", MB, 1)
    put(root / "repos" / "89ab-gone.git" / "HEAD", MB, 40)
    put(root / "repos" / "89ab-gone.git" / "objects" / "pack" / "p.pack", MB, 40)
    demo = root / "demo" / "orbit-v7-2026-01-01"
    put(demo / "core.git" / "HEAD", MB, 40)
    put(demo / "orbit-demo.json", MB, 40)
    return root


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_dir_prints_the_cache_folder(_private_cache: Path) -> None:
    assert run("cache", "dir") == (0, f"{_private_cache / 'deckgen'}\n", "")


def test_clean_older_than_keeps_what_was_used_since(cache: Path) -> None:
    code, stdout, stderr = run("cache", "clean", "--older-than", "30d")
    assert (code, stderr) == (0, "")
    assert stdout == f"removed 4 entries (6.0 MB) from {cache}\n"
    assert files(cache) == [
        "charts/new.png",
        "history/0123-core/abc-new.hist",
        "repos/4567-libfoo.git/HEAD",
        "repos/4567-libfoo.git/objects/pack/p.pack",
    ]
    assert sorted(p.name for p in cache.iterdir()) == ["charts", "history", "repos"]


def test_clean_demo_deletes_only_the_demo_projects(cache: Path) -> None:
    code, stdout, _ = run("cache", "clean", "--demo")
    assert (code, stdout) == (0, f"removed 1 entry (2.0 MB) from {cache / 'demo'}\n")
    assert not any(p.name == "orbit-demo.json" for p in cache.rglob("*"))
    assert len(files(cache)) == 8


def test_clean_deletes_everything(cache: Path) -> None:
    assert run("cache", "clean") == (0, f"removed 7 entries (10.0 MB) from {cache}\n", "")
    assert list(cache.iterdir()) == []
    assert run("cache", "clean") == (0, f"removed 0 entries (0.0 MB) from {cache}\n", "")


def test_clean_of_a_cache_never_written(_private_cache: Path) -> None:
    root = _private_cache / "deckgen"
    assert run("cache", "clean", "--demo") == (
        0,
        f"removed 0 entries (0.0 MB) from {root / 'demo'}\n",
        "",
    )


@pytest.mark.parametrize("value", ["30", "d", "3x", "-1d", "1.5h"])
def test_older_than_needs_a_number_and_a_unit(value: str) -> None:
    code, _, stderr = run("cache", "clean", "--older-than", value)
    assert code == 2
    assert (
        "Invalid value for '--older-than': expected a number and a unit (s, m, h, d or w), e.g. "
        f"30d or 12h; got '{value}'"
    ) in stderr


def test_a_package_version_is_read_from_the_metadata_headers() -> None:
    """The caches' keys name the libraries' versions: read from the `Version:` header alone,
    as importlib.metadata reads them (not from a description that mentions other versions)."""
    from importlib import metadata

    from deckgen.cachedir import _version

    for package in ("matplotlib", "python-pptx", "pillow", "fonttools", "lxml"):
        assert _version(metadata.distribution(package)) == metadata.version(package)

    class Fake:
        version = "from the parsed file"

        def __init__(self, text: str | None) -> None:
            self.text = text

        def read_text(self, name: str) -> str | None:
            return self.text if name == "METADATA" else None

    described = "Metadata-Version: 2.1\nName: x\nversion:  2.0 \n\nVersion: 9.9 in the text\n"
    assert _version(Fake(described)) == "2.0"  # type: ignore[arg-type]
    assert _version(Fake("Name: x\n\nVersion: 9.9\n")) == "from the parsed file"  # type: ignore[arg-type]
