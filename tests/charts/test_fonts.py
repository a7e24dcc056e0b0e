"""Charts are set in the font file the text measuring found, whatever matplotlib's font list
cache holds: a cache written before the font was installed must not change a chart."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from deckgen.fonts import find_font

ROOT = Path(__file__).parents[2]


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def forget_in_cache(mplconfig: Path, family: str) -> int:
    """Remove `family` from matplotlib's font list cache, as if it had been installed after the
    cache was written; return how many entries were removed."""
    (cache,) = mplconfig.glob("fontlist-*.json")
    data = json.loads(cache.read_text())
    fonts = data["ttflist"]
    data["ttflist"] = [f for f in fonts if f["name"] != family]
    cache.write_text(json.dumps(data))
    return len(fonts) - len(data["ttflist"])


@pytest.fixture
def carlito() -> Path:
    found = find_font("Carlito", bold=False)
    assert not found.fallback, "these tests need the Carlito font (make test installs it)"
    return found.path


def test_a_font_installed_after_matplotlibs_cache_is_used(carlito: Path, tmp_path: Path) -> None:
    env = {"MPLCONFIGDIR": str(tmp_path / "mpl"), "XDG_DATA_HOME": str(tmp_path / "home")}
    run(["-c", "import matplotlib.font_manager"], env)  # matplotlib's first run writes the cache
    assert forget_in_cache(tmp_path / "mpl", "Carlito") > 0
    # Then Carlito is installed: a font folder of the XDG data folders, ahead of the system's.
    folder = tmp_path / "data" / "fonts"
    folder.mkdir(parents=True)
    shutil.copy(carlito, folder / carlito.name)
    env["XDG_DATA_DIRS"] = f"{tmp_path / 'data'}:/usr/share"
    used = json.loads(run(["-m", "tests.charts.fontprobe"], env))
    assert used == [str(folder / carlito.name)]


def chart_pictures(deck: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(deck) as package:
        names = [n for n in package.namelist() if n.startswith("ppt/media/") and n.endswith(".png")]
        return {name: package.read(name) for name in names}


def test_the_demo_charts_do_not_depend_on_matplotlibs_cache(carlito: Path, tmp_path: Path) -> None:
    env = {"MPLCONFIGDIR": str(tmp_path / "mpl"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    demo = ["-m", "deckgen", "demo", "--as-of", "2026-11-26", "-o"]
    run([*demo, str(tmp_path / "cold")], env)  # no font list yet: matplotlib writes it
    assert forget_in_cache(tmp_path / "mpl", "Carlito") > 0  # a cache from before Carlito
    run([*demo, str(tmp_path / "stale")], env)
    cold = chart_pictures(tmp_path / "cold" / "demo.pptx")
    assert len(cold) >= 8
    assert chart_pictures(tmp_path / "stale" / "demo.pptx") == cold
