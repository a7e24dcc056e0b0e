"""The chart cache: a hit gives the bytes a fresh draw gives; any changed input misses."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from deckgen.build import OutlineSource, build
from deckgen.charts import ChartCache, draw_chart, paint_sketches, sketch_chart
from deckgen.charts import cache as cache_module
from deckgen.charts.batch import default_workers
from deckgen.charts.paint import Ink, Picture
from deckgen.fonts import FontFile
from deckgen.metrics.model import Metrics
from tests.charts.chartdata import Palette, make_metrics, make_scope, plateau
from tests.gitrepos import ALICE, BOB, make_repo, utc

SIZE = (8.0, 4.5)


def draw(metrics: Metrics, cache: ChartCache, name: str = "commits_by_year", **kw: Any) -> bytes:
    size = kw.pop("size", SIZE)
    theme = kw.pop("theme", Palette())
    return draw_chart(name, metrics, "all", theme, size, cache=cache).png


def test_a_hit_gives_the_bytes_of_a_fresh_draw(tmp_path: Path, painted: list[str]) -> None:
    cache = ChartCache(tmp_path / "charts")
    metrics = make_metrics(plateau())
    cold = draw(metrics, cache)
    assert painted == ["stacked_bars"]
    warm = draw(metrics, cache)
    assert painted == ["stacked_bars"]  # not drawn again
    assert warm == cold == draw(metrics, ChartCache(tmp_path / "elsewhere"))
    assert warm.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(list(cache.folder.glob("*.chart"))) == 1


class Theme(Palette):
    def __init__(self, **colours: str) -> None:
        self.colours = {**Palette.colours, **colours}


def test_each_input_of_the_picture_changes_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sketch = sketch_chart("commits_by_year", make_metrics(plateau()), "all", SIZE)
    assert sketch.plot is not None
    base = Picture(sketch.plot, sketch.data, Ink.of(Palette()), SIZE)
    one_more = plateau().by_year[2026]
    changed_scope = make_scope(
        {
            y: (s.commits_old, s.commits_new, s.authors_old, s.authors_new)
            for y, s in {
                **plateau().by_year,
                2026: replace(one_more, commits_new=one_more.commits_new + 1),
            }.items()
        }
    )
    other_data = sketch_chart("commits_by_year", make_metrics(changed_scope), "all", SIZE)
    other_kind = sketch_chart("authors_by_year", make_metrics(plateau()), "all", SIZE)
    variants = [
        replace(base, data=other_data.data),
        replace(base, plot=other_kind.plot or "", data=other_kind.data),
        replace(base, size_in=(8.0, 4.6)),
        replace(base, ink=Ink.of(Theme(accent1="00AA00"))),
        replace(base, ink=replace(base.ink, body_font="Cambria")),
    ]
    keys = {cache_module.chart_key(p) for p in [base, *variants]}
    assert len(keys) == 1 + len(variants)
    assert cache_module.chart_key(replace(base)) == cache_module.chart_key(base)


def test_the_font_file_is_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = tmp_path / "Carlito-Regular.ttf"
    font.write_bytes(b"a font")
    monkeypatch.setattr("deckgen.fonts.find_font", lambda family, bold: FontFile(font))
    sketch = sketch_chart("commits_by_year", make_metrics(plateau()), "all", SIZE)
    assert sketch.plot is not None
    picture = Picture(sketch.plot, sketch.data, Ink.of(Palette()), SIZE)
    first = cache_module.chart_key(picture)
    font.write_bytes(b"another font, installed over it")
    assert cache_module.chart_key(picture) != first
    moved = tmp_path / "fonts" / font.name
    moved.parent.mkdir()
    shutil.copy2(font, moved)
    second = cache_module.chart_key(picture)
    monkeypatch.setattr("deckgen.fonts.find_font", lambda family, bold: FontFile(moved))
    assert cache_module.chart_key(picture) != second


def test_code_library_versions_and_matplotlibrc_are_part_of_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = Path(cache_module.__file__).parents[1]
    copy = tmp_path / "deckgen"
    shutil.copytree(package / "charts", copy / "charts")
    for name in ("fonts.py", "plural.py"):
        shutil.copy(package / name, copy / name)
    digest = cache_module.environment_digest
    digest.cache_clear()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mplconfig"))
    seen = [digest(copy)]
    assert digest(copy) == seen[0]

    def changed() -> str:
        digest.cache_clear()
        return digest(copy)

    plot = copy / "charts" / "plot.py"
    plot.write_text(plot.read_text().replace("DPI = 200", "DPI = 100"))
    seen.append(changed())
    (copy / "fonts.py").write_text((copy / "fonts.py").read_text() + "\n# changed\n")
    seen.append(changed())
    (tmp_path / "mplconfig").mkdir()
    (tmp_path / "mplconfig" / "matplotlibrc").write_text("lines.linewidth: 3\n")
    seen.append(changed())
    (tmp_path / "matplotlibrc").write_text("lines.linewidth: 4\n")
    seen.append(changed())
    real = metadata.distribution

    class Older:
        """matplotlib 0.0, as its metadata says."""

        def read_text(self, name: str) -> str | None:
            return "Name: matplotlib\nVersion: 0.0\n" if name == "METADATA" else None

    monkeypatch.setattr(
        metadata,
        "distribution",
        lambda name: Older() if name == "matplotlib" else real(name),
    )
    seen.append(changed())
    digest.cache_clear()
    assert len(set(seen)) == len(seen)


def test_a_damaged_entry_is_drawn_again_with_a_warning(tmp_path: Path, painted: list[str]) -> None:
    cache = ChartCache(tmp_path / "charts")
    metrics = make_metrics(plateau())
    fresh = draw(metrics, cache)
    (entry,) = cache.folder.glob("*.chart")
    entry.write_bytes(entry.read_bytes()[:-10])  # cut short, as by a full disk
    sketch = sketch_chart("commits_by_year", metrics, "all", SIZE)
    (image,), warnings = paint_sketches([sketch], Palette(), cache)
    assert warnings == (
        f"chart cache entry {entry} is damaged (its picture does not match its checksum); "
        "drawing again",
    )
    assert image.png == fresh
    assert painted == ["stacked_bars", "stacked_bars"]
    (image,), warnings = paint_sketches([sketch], Palette(), cache)  # replaced: whole again
    assert (image.png, warnings, len(painted)) == (fresh, (), 2)
    entry.write_bytes(b"<html>not a chart</html>")
    (image,), warnings = paint_sketches([sketch], Palette(), cache)
    assert warnings == (
        f"chart cache entry {entry} is damaged (not a chart entry of this version); drawing again",
    )
    assert image.png == fresh


def test_a_cache_that_cannot_be_written_only_warns(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder should be")
    cache = ChartCache(blocked / "charts")
    metrics = make_metrics(plateau())
    sketches = [
        sketch_chart(name, metrics, "all", SIZE) for name in ("commits_by_year", "authors_by_year")
    ]
    images, warnings = paint_sketches(sketches, Palette(), cache, workers=1)
    assert warnings == (f"cannot write the chart cache in {cache.folder}: Not a directory",)
    assert [i.png for i in images] == [
        draw(metrics, ChartCache(tmp_path / "ok"), n)
        for n in (
            "commits_by_year",
            "authors_by_year",
        )
    ]


def test_parallel_workers_draw_the_same_bytes(tmp_path: Path) -> None:
    active = replace(plateau(), commits=120, contributors=7)
    metrics = make_metrics(active, groups={"core": active})
    names = ("commits_by_year", "contributors_trend", "groups_compare", "commits_by_year")
    sketches = [sketch_chart(name, metrics, "all", SIZE) for name in names]
    done: list[tuple[int, int]] = []
    cache = ChartCache(tmp_path / "charts")
    parallel, _ = paint_sketches(
        sketches, Palette(), cache, workers=2, progress=lambda d, n: done.append((d, n))
    )
    serial, _ = paint_sketches(sketches, Palette(), None, workers=1)
    assert [i.png for i in parallel] == [i.png for i in serial]
    assert parallel[0].png == parallel[3].png
    assert len(list(cache.folder.glob("*.chart"))) == 3  # the repeated chart is drawn once
    assert done == [(i, 4) for i in range(5)]


def test_charts_are_drawn_in_parallel_only_where_it_pays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert [default_workers(n) for n in (0, 1, 7, 8, 11)] == [1, 1, 1, 2, 2]
    monkeypatch.setattr(sys, "platform", "darwin")  # fork is unsafe there
    assert default_workers(5) == 1


OUTLINE = """\
title: T
speaker: {name: S}
event: {name: E}
repos:
  core:
    - REPO
slides:
  - kind: title
  - kind: chart
    title: TITLE
    chart: commits_by_year
    scope: all
  - kind: chart
    title: Contributors
    chart: contributors_trend
    scope: all
"""

BUILD = """
import sys
from datetime import date
from pathlib import Path
from deckgen.build import OutlineSource, build
result = build(OutlineSource(Path(sys.argv[1])), Path(sys.argv[2]), as_of=date(2020, 6, 30))
assert not any("chart" in w for w in result.warnings), result.warnings
print("matplotlib" in sys.modules, "pptx" in sys.modules)
"""


def pictures(deck: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(deck.read_bytes())) as package:
        return {n: package.read(n) for n in package.namelist() if n.startswith("ppt/media/")}


def test_an_unchanged_rebuild_gives_the_same_deck_without_matplotlib_or_pptx(
    tmp_path: Path,
) -> None:
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2019, 2, 1)), (BOB, utc(2020, 3, 1))])
    talk = tmp_path / "talk.yaml"
    talk.write_text(OUTLINE.replace("REPO", str(repo)).replace("TITLE", "Commits"))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def run(out: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", BUILD, str(talk), str(tmp_path / out)],
            cwd=Path(__file__).parents[2],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert run("cold.pptx") == "False True"  # drawn by the painter process (charts/painter.py)
    assert run("cold.pptx") == "False False"  # unchanged: the theme from the cache, deck kept
    assert run("warm.pptx") == "False True"  # another path: a deck built, no chart drawn
    talk.write_text(OUTLINE.replace("REPO", str(repo)).replace("TITLE", "Commits a year"))
    assert run("edited.pptx") == "False True"  # a text edit redraws no chart
    cold = pictures(tmp_path / "cold.pptx")
    assert len(cold) == 2
    assert pictures(tmp_path / "warm.pptx") == cold == pictures(tmp_path / "edited.pptx")
    assert (tmp_path / "warm.pptx").read_bytes() == (tmp_path / "cold.pptx").read_bytes()


def test_no_cache_draws_again_and_keeps_nothing(
    tmp_path: Path, painted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("deckgen.charts.batch.default_workers", lambda pictures: 1)  # spied here
    monkeypatch.setattr("deckgen.charts.painter.Painter.start", lambda font, workers: None)
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2019, 2, 1)), (BOB, utc(2020, 3, 1))])
    talk = tmp_path / "talk.yaml"
    talk.write_text(OUTLINE.replace("REPO", str(repo)).replace("TITLE", "Commits"))
    as_of = date(2020, 6, 30)
    build(OutlineSource(talk), tmp_path / "a.pptx", as_of=as_of, use_cache=False)
    build(OutlineSource(talk), tmp_path / "b.pptx", as_of=as_of, use_cache=False)
    assert sorted(painted) == sorted(["stacked_bars", "lines"] * 2)
    assert not list(Path(os.environ["XDG_CACHE_HOME"]).glob("**/*.chart"))
    assert pictures(tmp_path / "a.pptx") == pictures(tmp_path / "b.pptx")
