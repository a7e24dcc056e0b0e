"""The metrics cache: a hit gives exactly what counting again would, and nothing else does."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from deckgen.history import History, read_history
from deckgen.metrics import Metrics, Period, compute_metrics, resolve_period
from deckgen.metrics import cache as cache_module
from deckgen.metrics.cache import MetricsCache, cached_metrics
from deckgen.outline.schema import Outline
from tests.gitrepos import ALICE, BOB, CAROL, Change, git, grow, make_outline, make_repo, utc

AS_OF = date(2020, 12, 31)


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """Record each time the metrics are really computed (by their as-of date)."""
    calls: list[date] = []
    original = compute_metrics

    def spy(outline: Outline, history: History, period: Period, as_of: date, *rest: Any) -> Metrics:
        calls.append(as_of)
        return original(outline, history, period, as_of, *rest)

    monkeypatch.setattr("deckgen.metrics.compute.compute_metrics", spy)
    return calls


def project(tmp_path: Path, **extra: object) -> Outline:
    core = make_repo(
        tmp_path / "core",
        [
            (ALICE, utc(2019, 5, 1)),
            Change(BOB, utc(2020, 2, 1), tag="v1.0"),
            (ALICE, utc(2020, 3, 1)),
        ],
    )
    python = make_repo(tmp_path / "python", [(CAROL, utc(2020, 6, 1))])
    return make_outline(
        {"core": [core], "bindings": [python]},
        identity={"affiliations": [{"match": "example.org", "organisation": "Example"}]},
        **extra,
    )


def cached(outline: Outline, cache: Path, as_of: date = AS_OF) -> tuple[Metrics, tuple[str, ...]]:
    history = read_history(outline, cache_dir=cache)
    period = resolve_period(outline, as_of, history)
    return cached_metrics(outline, history, period, as_of, cache)


def fresh(outline: Outline, as_of: date = AS_OF) -> Metrics:
    history = read_history(outline, use_cache=False)
    return compute_metrics(outline, history, resolve_period(outline, as_of, history), as_of)


def test_json_round_trip_is_exact(tmp_path: Path) -> None:
    metrics = fresh(project(tmp_path))
    assert metrics.all.organisations  # the optional parts are there too
    assert metrics.releases.list
    assert Metrics.from_json(metrics.to_json()) == metrics


def test_a_second_run_reads_the_metrics_back(tmp_path: Path, counts: list[date]) -> None:
    outline = project(tmp_path)
    first, _ = cached(outline, tmp_path / "cache")
    second, warnings = cached(outline, tmp_path / "cache")
    assert counts == [AS_OF]
    assert second == first == fresh(outline)
    assert warnings == ()


def test_a_new_commit_is_counted(tmp_path: Path, counts: list[date]) -> None:
    outline = project(tmp_path)
    before, _ = cached(outline, tmp_path / "cache")
    grow(tmp_path / "core", [(CAROL, utc(2020, 7, 1))])
    after, _ = cached(outline, tmp_path / "cache")
    assert len(counts) == 2
    assert after.all.commits == before.all.commits + 1
    assert after == fresh(outline)


def test_a_new_tag_on_an_old_commit_is_counted(tmp_path: Path, counts: list[date]) -> None:
    """The tip does not move, but the releases do."""
    outline = project(tmp_path)
    before, _ = cached(outline, tmp_path / "cache")
    git(tmp_path / "core", "tag", "v1.1", "main")
    after, _ = cached(outline, tmp_path / "cache")
    assert after.releases.count == before.releases.count + 1
    assert after == fresh(outline)


def test_another_as_of_or_setting_is_counted_again(tmp_path: Path, counts: list[date]) -> None:
    outline = project(tmp_path)
    cached(outline, tmp_path / "cache")
    cached(outline, tmp_path / "cache", date(2020, 6, 30))
    bots = outline.model_copy(
        update={"identity": outline.identity.model_copy(update={"bots": ["^Bob"]})}
    )
    with_bots, _ = cached(bots, tmp_path / "cache")
    assert counts == [AS_OF, date(2020, 6, 30), AS_OF]
    assert with_bots.all.bot_commits == 1


def test_changed_metrics_code_is_counted_again(
    tmp_path: Path, counts: list[date], monkeypatch: pytest.MonkeyPatch
) -> None:
    outline = project(tmp_path)
    cached(outline, tmp_path / "cache")
    monkeypatch.setattr(cache_module, "_code_digest", lambda: "a changed definition")
    cached(outline, tmp_path / "cache")
    assert len(counts) == 2


@pytest.mark.parametrize(
    "damage",
    [b"", b"{", b'{"format": 1}', b"[1, 2]", b'{"format": 1, "key": "K", "metrics": {}}'],
)
def test_a_damaged_entry_is_counted_again_with_a_warning(
    tmp_path: Path, counts: list[date], damage: bytes
) -> None:
    outline = project(tmp_path)
    cache = tmp_path / "cache"
    good, _ = cached(outline, cache)
    (entry,) = (cache / "metrics").glob("*.json")
    entry.write_bytes(damage.replace(b"K", entry.stem.encode()))
    again, warnings = cached(outline, cache)
    assert again == good
    assert len(counts) == 2
    (warning,) = warnings
    assert "metrics cache entry" in warning and "is damaged" in warning
    assert Metrics.from_json(json.loads(entry.read_bytes())["metrics"]) == good  # replaced


def test_an_unwritable_cache_only_warns(tmp_path: Path) -> None:
    outline = project(tmp_path)
    cache = tmp_path / "cache"
    (cache / "metrics").parent.mkdir(parents=True)
    (cache / "metrics").write_text("a file where the folder should be")
    metrics, warnings = cached(outline, cache)
    assert metrics == fresh(outline)
    assert any("cannot write the metrics cache" in w for w in warnings)


def test_old_entries_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "KEEP", 2)
    outline = project(tmp_path)
    for day in (1, 2, 3):
        cached(outline, tmp_path / "cache", date(2020, 12, day))
    assert len(list(MetricsCache(tmp_path / "cache" / "metrics").folder.glob("*.json"))) == 2


def test_a_range_end_resolving_elsewhere_is_counted_again(
    tmp_path: Path, counts: list[date]
) -> None:
    """The history, its releases and the range's dates stay the same (the two commits `base`
    names share their date); only the commit `base` resolves to moves."""
    from deckgen.build import marked_history, release_marked

    core = make_repo(
        tmp_path / "core",
        [
            (ALICE, utc(2020, 1, 1)),
            (BOB, utc(2020, 1, 1)),
            Change(CAROL, utc(2020, 2, 1), tag="v1.0"),
        ],
    )
    outline = make_outline({"core": [core]}, period={"range": "base..v1.0"})
    git(core, "branch", "base", "main~2")

    def run() -> Metrics:
        history = read_history(outline, cache_dir=tmp_path / "cache")
        history, period = marked_history(outline, history, AS_OF)
        metrics, _ = cached_metrics(
            outline,
            history,
            period,
            AS_OF,
            tmp_path / "cache",
            None,
            lambda h: release_marked(outline, h, period),
        )
        return metrics

    assert run().all.commits == 2  # Bob's and Carol's
    assert run().all.commits == 2
    assert len(counts) == 1
    git(core, "branch", "-f", "base", "main~1")
    assert run().all.commits == 1
    assert len(counts) == 2
