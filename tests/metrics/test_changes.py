"""Components and changed lines: answers counted by hand on a small fixture project.

The project: a repository `core` and its fork (a clone with one more commit), both in the
group `core`, which names four components; the fork adds one of its own. In 2025 (the period):

| commit | author | files (lines + / -)                                   | components  |
|--------|--------|-------------------------------------------------------|-------------|
| c2     | Alice  | src/qemu/driver.c (+1)                                | qemu        |
| c3     | Bob    | src/lxc/lxc.c (+2), docs/lxc.rst (+1)                 | lxc, docs   |
| c4     | Carol  | src/qemu/driver.c (+1 -1), src/lxc/lxc.c (+1 -1)      | qemu, lxc   |
| c5     | a bot  | src/qemu/driver.c (+1)                                | (a bot's)   |
| c6     | Bob    | logo.png (binary: 0), NOTES.rst (+2)                  | docs        |
| side   | Dave   | side0.txt (+1), then merged (the merge changes none)  | extra       |
| fork   | Dave   | src/qemu/x.c (+1), in the fork only                   | qemu        |

c1 (2024, Alice: src/qemu/driver.c, README) is before the period; no commit touches src/xen/.
"""

from __future__ import annotations

import subprocess
from array import array
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.errors import OutlineError, format_key_path
from deckgen.findings import _paths_changed, find_warnings
from deckgen.history import RepoHistory, read_history
from deckgen.history.model import Changes, Commits
from deckgen.metrics import Metrics, compute_metrics, resolve_period
from deckgen.metrics.model import ComponentStats, LineStats, PersonLines
from tests.gitrepos import (
    ALICE,
    BOB,
    BOT_PERSON,
    CAROL,
    DAVE,
    Change,
    grow,
    make_outline,
    make_repo,
    utc,
)

AS_OF = date(2025, 12, 31)
GROUP_COMPONENTS = {
    "qemu": ["src/qemu/"],
    "lxc": ["src/lxc/*"],
    "docs": ["docs/", "*.rst"],
    "xen": ["src/xen/"],
    "readme": ["README"],
}


def project(root: Path) -> tuple[Path, Path]:
    core = make_repo(
        root / "core",
        [
            Change(
                ALICE, utc(2024, 6, 1), files={"src/qemu/driver.c": "1\n2\n3\n", "README": "hi\n"}
            ),
            Change(ALICE, utc(2025, 2, 1), files={"src/qemu/driver.c": "1\n2\n3\n4\n"}),
            Change(BOB, utc(2025, 3, 1), files={"src/lxc/lxc.c": "a\nb\n", "docs/lxc.rst": "x\n"}),
            Change(
                CAROL,
                utc(2025, 4, 1),
                files={"src/qemu/driver.c": "1\nTWO\n3\n4\n", "src/lxc/lxc.c": "a\nB\n"},
            ),
            Change(BOT_PERSON, utc(2025, 5, 1), files={"src/qemu/driver.c": "1\nTWO\n3\n4\n5\n"}),
            Change(BOB, utc(2025, 6, 1), files={"logo.png": "\x00\x01PNG", "NOTES.rst": "y\nz\n"}),
        ],
        merges=[(DAVE, utc(2025, 8, 1))],
    )
    fork = root / "fork"
    subprocess.run(["git", "clone", "-q", "--bare", str(core), str(fork)], check=True)
    grow(fork, [Change(DAVE, utc(2025, 9, 1), files={"src/qemu/x.c": "new\n"})])
    return core, fork


def measured(root: Path, **extra: object) -> tuple[Metrics, tuple[str, ...]]:
    core, fork = project(root)
    outline = make_outline(
        {"core": [core, {"path": fork, "components": {"extra": ["side*.txt"]}}]},
        identity={"bots": [r"\[bot\]"]},
        components={"core": GROUP_COMPONENTS},
        **extra,
    )
    history = read_history(outline, cache_dir=root / "cache")
    metrics = compute_metrics(outline, history, resolve_period(outline, AS_OF), AS_OF)
    return metrics, find_warnings(outline, history, metrics)


def stats(*pairs: tuple[str, int, int]) -> dict[str, ComponentStats]:
    return {name: ComponentStats(commits, authors) for name, commits, authors in pairs}


def test_commits_and_authors_per_component(tmp_path: Path) -> None:
    metrics, warnings = measured(tmp_path)
    assert metrics.repos["core"].components == stats(
        ("qemu", 2, 2), ("lxc", 2, 2), ("docs", 2, 1), ("xen", 0, 0), ("readme", 0, 0)
    )
    both = stats(
        ("qemu", 3, 3),
        ("lxc", 2, 2),
        ("docs", 2, 1),
        ("xen", 0, 0),
        ("readme", 0, 0),
        ("extra", 1, 1),
    )
    assert metrics.repos["fork"].components == both
    assert metrics.groups["core"].components == both  # the shared commits count once
    assert list(metrics.all.components or {}) == ["qemu", "lxc", "docs", "xen", "readme", "extra"]
    assert metrics.all.lines is None  # not asked for
    assert "lines" not in metrics.to_json()["all"]
    idle = "glob 'src/xen/' matches no path any commit changed up to 2025-12-31"
    # README changed before the period: idle, not mistyped; src/xen/ never changed
    assert [w for w in warnings if "glob" in w] == [
        f"component 'xen' of repository 'core': {idle}",
        f"component 'xen' of repository 'fork': {idle}",
    ]


def test_lines_per_scope_and_person(tmp_path: Path) -> None:
    metrics, _ = measured(tmp_path, lines=True)
    dave = PersonLines(DAVE.name, 2, 2, 0)
    assert metrics.all.lines == LineStats(
        insertions=10,
        deletions=2,
        people=(
            PersonLines(BOB.name, 2, 5, 0),
            PersonLines(CAROL.name, 1, 2, 2),
            dave,
            PersonLines(ALICE.name, 1, 1, 0),
        ),
    )
    core = metrics.repos["core"].lines
    assert core is not None
    assert (core.insertions, core.deletions) == (9, 2)
    assert PersonLines(DAVE.name, 1, 1, 0) in core.people
    assert Metrics.from_json(metrics.to_json()) == metrics


def test_no_components_no_keys(tmp_path: Path) -> None:
    core, _ = project(tmp_path)
    outline = make_outline({"core": [core]})
    assert outline.changes is None
    history = read_history(outline, cache_dir=tmp_path / "cache")
    assert history.repos[0].changes is None  # the changed files were never read
    metrics = compute_metrics(outline, history, resolve_period(outline, AS_OF), AS_OF)
    assert "components" not in metrics.to_json()["all"]


def test_lines_from_the_cache_and_extended(tmp_path: Path) -> None:
    """A history cached with its changes reads them back; grown, only the new commits are read."""
    core, _ = project(tmp_path)
    outline = make_outline({"core": [core]}, lines=True, components={"core": GROUP_COMPONENTS})
    cache = tmp_path / "cache"
    first = read_history(outline, cache_dir=cache).repos[0].changes
    again = read_history(outline, cache_dir=cache).repos[0].changes
    assert first is not None and again is not None
    assert (list(again.starts), again.names) == (list(first.starts), first.names)
    grow(core, [Change(CAROL, utc(2025, 10, 1), files={"src/xen/xen.c": "1\n2\n"})])
    grown = read_history(outline, cache_dir=cache).repos[0]
    whole = read_history(outline, use_cache=False).repos[0]
    assert grown.changes is not None and whole.changes is not None

    def by_hash(repo: RepoHistory) -> dict[str, list[str]]:
        assert repo.changes is not None
        return {repo.commits.hex(i): repo.changes.files(i) for i in range(len(repo.commits))}

    assert by_hash(grown) == by_hash(whole)
    assert by_hash(grown)[whole.commits.hex(0)] == ["src/xen/xen.c"]


@pytest.mark.parametrize(
    ("components", "key", "message"),
    [
        ({"core": {"a": []}}, "components.core.a", "a component needs at least one glob"),
        ({"core": {"a": [""]}}, "components.core.a[0]", "an empty glob matches no path"),
        (
            {"core": {"a": ["/src/"]}},
            "components.core.a[0]",
            "paths are relative to the repository's top: write 'src/', not '/src/'",
        ),
        (
            {"core": {"a": ["src/[ab"]}},
            "components.core.a[0]",
            "'[' without a closing ']' in 'src/[ab'",
        ),
        (
            {"cor": {"a": ["src/"]}},
            "components.cor",
            "expected one of the groups 'core', got 'cor'; did you mean 'core'?",
        ),
    ],
)
def test_bad_components(tmp_path: Path, components: object, key: str, message: str) -> None:
    with pytest.raises(OutlineError) as failed:
        make_outline({"core": [tmp_path]}, components=components)
    found = [(format_key_path(p.key_path), p.message) for p in failed.value.problems]
    assert found == [(key, message)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3), st.integers(0, 9), st.lists(st.integers(0, 5), max_size=4)
        ),  # per commit: parents, authored time, paths (a merge's are dropped)
        max_size=12,
    ),
    st.integers(0, 10),
)
def test_paths_changed_is_the_naive_loop(rows: list[tuple[int, int, list[int]]], end: int) -> None:
    """The warning about idle globs sees exactly the paths the plain loop over commits sees."""
    files = [[] if parents > 1 else paths for parents, _, paths in rows]
    starts = array("Q", [0])
    for paths in files:
        starts.append(starts[-1] + len(paths))
    commits = Commits(
        hash_size=20,
        hashes=bytes(20 * len(rows)),
        parents=array("B", [p for p, _, _ in rows]),
        authors=array("I", [0] * len(rows)),
        authored=array("q", [t for _, t, _ in rows]),
        committed=array("q", [t for _, t, _ in rows]),
    )
    changes = Changes(starts, array("I", [p for paths in files for p in paths]), tuple("abcdef"))
    naive = set()
    for (parents, when, _), paths in zip(rows, files, strict=True):
        if parents <= 1 and when < end:
            naive.update(paths)
    assert _paths_changed(commits, changes, end) == sorted(naive)
