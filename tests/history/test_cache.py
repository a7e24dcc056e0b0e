"""The parsed-history cache: reused at the same tip, extended when the tip moves forward."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.fastimport import FastImport, Person
from deckgen.history import History, read_history
from deckgen.history import reader as reader_module
from deckgen.history.cache import MAGIC, Snapshot
from deckgen.metrics import compute_metrics, resolve_period
from deckgen.outline.schema import Outline
from tests.gitrepos import ALICE, BOB, CAROL, Change, git, grow, make_outline, make_repo, utc

AS_OF = date(2020, 12, 31)


@pytest.fixture
def log_reads(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Record each `git log` the reader runs: None for a whole history, else the old tip."""
    calls: list[str | None] = []
    original = reader_module._read_log

    def spy(repo: object, head: str, job: object, base: Snapshot | None, *rest: object) -> Snapshot:
        calls.append(None if base is None else base.head)
        return original(repo, head, job, base, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_module, "_read_log", spy)
    return calls


def core(tmp_path: Path) -> Path:
    return make_repo(
        tmp_path / "core",
        [(ALICE, utc(2019, 5, 1)), (BOB, utc(2020, 2, 1)), (ALICE, utc(2020, 3, 1))],
        merges=[(BOB, utc(2020, 4, 1))],
    )


def read(outline: Outline, cache: Path, **options: bool) -> History:
    return read_history(outline, cache_dir=cache, **options)


def metrics_json(outline: Outline, history: History) -> dict[str, object]:
    period = resolve_period(outline, AS_OF)
    return compute_metrics(outline, history, period, AS_OF).to_json()


def columns(history: History) -> list[tuple[str, int, str, int, int]]:
    """Return every commit as (hash, parents, author e-mail, times), in hash order."""
    (repo,) = history.repos
    c = repo.commits
    rows = zip(c.parents, c.authors, c.authored, c.committed, strict=True)
    return sorted(
        (c.hex(i), p, repo.identities[a].email, at, ct) for i, (p, a, at, ct) in enumerate(rows)
    )


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("history/*/*.hist"))


def test_an_unchanged_repository_is_not_read_again(
    tmp_path: Path, log_reads: list[str | None]
) -> None:
    outline, cache = make_outline({"core": [core(tmp_path)]}), tmp_path / "cache"
    first = read(outline, cache)
    again = read(outline, cache)
    assert log_reads == [None]
    assert columns(again) == columns(first)
    assert again.repos[0].releases == first.repos[0].releases
    assert metrics_json(outline, again) == metrics_json(outline, first)
    (entry,) = entries(cache)
    assert entry.read_bytes().startswith(MAGIC)
    assert entry.name.endswith(f"-{first.repos[0].head}.hist")


def test_new_commits_are_read_alone_and_appended(
    tmp_path: Path, log_reads: list[str | None]
) -> None:
    repo = core(tmp_path)
    outline, cache = make_outline({"core": [repo]}), tmp_path / "cache"
    old_tip = read(outline, cache).repos[0].head
    new_tip = grow(repo, [(CAROL, utc(2020, 5, 1)), (ALICE, utc(2020, 6, 1))])
    grown = read(outline, cache)
    assert log_reads == [None, old_tip]
    fresh = read(outline, tmp_path / "other-cache", use_cache=False)
    assert columns(grown) == columns(fresh)
    assert len(grown.repos[0].commits) == 7
    assert metrics_json(outline, grown) == metrics_json(outline, fresh)
    assert [e.name.rsplit("-", 1)[1] for e in entries(cache)] == [f"{new_tip}.hist"]


def test_a_rewritten_history_is_read_again_whole(
    tmp_path: Path, log_reads: list[str | None]
) -> None:
    path = tmp_path / "core"
    with FastImport(path) as fi:
        root = fi.commit(author=ALICE, when=utc(2019, 1, 1), message="root\n", files={"a": "1"})
        fi.commit(author=BOB, when=utc(2020, 1, 1), message="old\n", parents=(root,))
        fi.commit(
            author=CAROL, when=utc(2020, 2, 1), message="new\n", parents=(root,), ref="rewrite"
        )
    outline, cache = make_outline({"core": [path]}), tmp_path / "cache"
    read(outline, cache)
    git(path, "update-ref", "refs/heads/main", "refs/heads/rewrite")
    rewritten = read(outline, cache)
    assert log_reads == [None, None]
    assert sorted(row[2] for row in columns(rewritten)) == [ALICE.email, CAROL.email]


def test_a_new_mailmap_at_the_tip_reads_everything_again(
    tmp_path: Path, log_reads: list[str | None]
) -> None:
    repo = core(tmp_path)
    outline, cache = make_outline({"core": [repo]}), tmp_path / "cache"
    read(outline, cache)
    mailmap = f"{BOB.name} <{ALICE.email}> <{BOB.email}>\n"
    grow(repo, [Change(CAROL, utc(2020, 5, 1), files={".mailmap": mailmap})])
    history = read(outline, cache)
    assert log_reads == [None, None]
    emails = {row[2] for row in columns(history)}
    assert emails == {ALICE.email, CAROL.email}


def test_an_extra_mailmap_change_reads_everything_again(
    tmp_path: Path, log_reads: list[str | None]
) -> None:
    repo, cache = core(tmp_path), tmp_path / "cache"
    extra = tmp_path / "extra.mailmap"
    extra.write_text("")
    outline = make_outline({"core": [repo]}, identity={"mailmap": extra})
    read(outline, cache)
    extra.write_text(f"<{ALICE.email}> <{BOB.email}>\n")
    assert {row[2] for row in columns(read(outline, cache))} == {ALICE.email}
    assert log_reads == [None, None]


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda raw: raw[: len(raw) - 5], "truncated"),
        (lambda raw: raw[:-3] + bytes([raw[-3] ^ 0xFF]) + raw[-2:], "checksum mismatch"),
        (lambda raw: b"garbage" + raw, "not a deckgen history entry"),
    ],
)
def test_a_damaged_entry_is_rebuilt_with_a_warning(
    tmp_path: Path, log_reads: list[str | None], damage: object, why: str
) -> None:
    repo = core(tmp_path)
    outline, cache = make_outline({"core": [repo]}), tmp_path / "cache"
    first = read(outline, cache)
    (entry,) = entries(cache)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    rebuilt = read(outline, cache)
    assert rebuilt.warnings == (
        f"history cache entry {entry} is damaged ({why}); reading {repo} again",
    )
    assert columns(rebuilt) == columns(first)
    assert log_reads == [None, None]
    assert read(outline, cache).warnings == ()


def test_no_cache_neither_reads_nor_writes_it(tmp_path: Path, log_reads: list[str | None]) -> None:
    outline, cache = make_outline({"core": [core(tmp_path)]}), tmp_path / "cache"
    read(outline, cache)
    read(outline, cache, use_cache=False)
    assert log_reads == [None, None]
    assert read(outline, tmp_path / "unused", use_cache=False).warnings == ()
    assert not (tmp_path / "unused").exists()


def test_two_processes_sharing_the_cache_both_succeed(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2020, 1, d)) for d in range(1, 29)])
    code = (
        "import sys; from pathlib import Path\n"
        "from tests.gitrepos import make_outline\n"
        "from deckgen.history import read_history\n"
        "outline = make_outline({'core': [Path(sys.argv[1])]})\n"
        "h = read_history(outline, cache_dir=Path(sys.argv[2]))\n"
        "print(len(h.repos[0].commits), h.warnings)\n"
    )
    root = Path(__file__).parents[2]
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(repo), str(tmp_path / "cache")],
            cwd=root,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate()[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert outputs == ["28 ()\n", "28 ()\n"]
    assert len(entries(tmp_path / "cache")) == 1
    assert not list((tmp_path / "cache").glob("history/*/.tmp-*"))


def test_progress_is_reported_as_commits_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2020, 1, 1, h)) for h in range(24)] * 2)
    monkeypatch.setattr("deckgen.history.gitcmd.CHUNK", 256)
    monkeypatch.setattr(reader_module, "PROGRESS_EVERY", 10)
    monkeypatch.setattr(reader_module, "PROGRESS_SECONDS", 3600)
    seen: list[tuple[str, int]] = []
    outline, cache = make_outline({"core": [repo]}), tmp_path / "cache"
    read_history(outline, cache_dir=cache, progress=lambda name, n: seen.append((name, n)))
    counts = [n for _, n in seen]
    assert {name for name, _ in seen} == {"core"}
    assert counts[-1] == 48
    assert counts == sorted(counts)
    assert [n // 10 for n in counts[:-1]] == [0, 1, 2, 3, 4]
    seen.clear()
    read_history(outline, cache_dir=cache, progress=lambda name, n: seen.append((name, n)))
    assert seen == [("core", 0), ("core", 48)]


def test_a_slow_read_reports_progress_by_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many repositories sharing few cores read slowly: they report by time too, not only every
    10,000 commits, so the display keeps moving."""
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2020, 1, 1, h)) for h in range(24)] * 2)
    monkeypatch.setattr("deckgen.history.gitcmd.CHUNK", 256)
    monkeypatch.setattr(reader_module, "PROGRESS_EVERY", 1_000_000)
    monkeypatch.setattr(reader_module, "PROGRESS_SECONDS", 0)
    seen: list[int] = []
    read_history(make_outline({"core": [repo]}), progress=lambda name, n: seen.append(n))
    assert len(seen) > 3  # the start, some chunks, the end
    assert seen == sorted(seen) and seen[-1] == 48


PEOPLE = [ALICE, BOB, CAROL, Person(ALICE.name, "ALICE@Example.org"), Person("Bob", BOB.email)]
moments = st.builds(
    lambda days, hours: datetime(2018, 1, 1, tzinfo=UTC) + timedelta(days=days, hours=hours),
    st.integers(0, 3 * 365),
    st.integers(0, 23),
)


@settings(max_examples=12, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(PEOPLE), moments), min_size=2, max_size=12),
    st.data(),
)
def test_a_history_extended_from_the_cache_equals_one_read_whole(
    changes: list[tuple[Person, datetime]], data: st.DataObject
) -> None:
    split = data.draw(st.integers(1, len(changes) - 1))
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        repo = make_repo(root / "core", changes[:split])
        outline = make_outline({"core": [repo]})
        read(outline, root / "cache")
        grow(repo, changes[split:])
        extended = read(outline, root / "cache")
        whole = read(outline, root / "cache", use_cache=False)
        assert columns(extended) == columns(whole)
        assert metrics_json(outline, extended) == metrics_json(outline, whole)
