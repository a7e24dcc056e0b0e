"""Reading one history as several ranges at once gives what one `git log` gives."""

from __future__ import annotations

import random
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from deckgen.fastimport import FastImport, Person
from deckgen.history import read_history, split
from deckgen.history.gitcmd import open_repo
from deckgen.history.log import LOG_CONFIG, LogReader, log_args
from deckgen.history.model import RepoHistory
from deckgen.history.split import choose, read_ranges, tag_commits
from deckgen.outline.schema import Outline
from tests.gitrepos import ALICE, BOB, git, make_outline, make_repo, measure, utc

PEOPLE = [Person(f"Dev {n}", f"dev{n}@example.org") for n in range(7)]
TRAILERS = ["Reviewed-by", "Co-authored-by"]
AS_OF = date(2021, 6, 1)


def random_history(path: Path, seed: int) -> Path:
    """Write a history of branches and merges, dates partly out of order, tags on the main line
    and on branches never merged (tag dates shuffled), trailers in some messages."""
    rng = random.Random(seed)
    start = utc(2018, 1, 1)
    with FastImport(path, bare=True) as fi:
        tips = {"main": 0}
        marks: list[int] = []
        for n in range(rng.randrange(40, 120)):
            when = start + timedelta(hours=12 * n + rng.randrange(-400, 40))
            branch = rng.choice(sorted(tips))
            if rng.random() < 0.1 and marks:
                branch = f"b{n}"
                tips[branch] = rng.choice(marks)
            others = [b for b in tips if b != branch and tips[b]]
            parents = (tips[branch],) if tips[branch] else ()
            if parents and others and rng.random() < 0.15:
                parents = (*parents, tips[rng.choice(others)])
            lines = [f"Change {n}"]
            if rng.random() < 0.3:
                lines += [
                    "",
                    *(f"{k}: {rng.choice(PEOPLE).name} <x{n}@example.org>" for k in TRAILERS),
                ]
            if rng.random() < 0.1:
                lines[0] = f"Release 1.{n}"
            tips[branch] = fi.commit(
                author=rng.choice(PEOPLE),
                when=when,
                committed=when + timedelta(minutes=rng.randrange(0, 600)),
                message="\n".join(lines) + "\n",
                files={f"f{n % 5}": f"{n}\n"},
                parents=parents,
                ref=branch,
            )
            marks.append(tips[branch])
            if rng.random() < 0.15:
                annotated = rng.random() < 0.5
                tag_when = start + timedelta(days=rng.randrange(0, 2000))
                fi.tag(
                    f"v{n}",
                    tips[branch],
                    tagger=ALICE if annotated else None,
                    when=tag_when if annotated else None,
                )
    return path


def outline_of(repo: Path, **extra: Any) -> Outline:
    return make_outline({"core": [repo]}, identity={"credit_trailers": TRAILERS}, **extra)


def rows(repo: RepoHistory) -> set[tuple[object, ...]]:
    """Each commit with its author, times and parents, and each credit, by identity."""
    c, who = repo.commits, repo.identities
    commits = {
        (c.hex(i), who[c.authors[i]], c.authored[i], c.committed[i], c.parents[i])
        for i in range(len(c))
    }
    credits = {
        (c.hex(row), kind, who[person] if person < len(who) else None)
        for row, kind, person in zip(c.credit_rows, c.credit_kinds, c.credit_people, strict=True)
    }
    return commits | credits


def with_split(monkeypatch: pytest.MonkeyPatch, parts: int) -> list[str]:
    """Split every history into `parts` ranges; return a list told how each split went:
    'nested' (the cuts were ancestors), 'below' (the rest read below the newest range) or
    'serial' (read again as one log)."""
    went: list[str] = []
    reading, below = split.read_ranges, split.read_below

    def recorded(*args: Any, **kwargs: Any) -> list[LogReader] | None:
        before = len(went)
        found = reading(*args, **kwargs)
        if found is None or len(went) == before:
            went.append("serial" if found is None else "nested")
        return found

    def read_below(*args: Any, **kwargs: Any) -> LogReader:
        went.append("below")
        return below(*args, **kwargs)

    monkeypatch.setattr(split, "MIN_PACK_BYTES", 0)
    monkeypatch.setattr(split, "usable_parts", lambda: parts)
    monkeypatch.setattr(split, "read_below", read_below)
    monkeypatch.setattr("deckgen.history.reader.read_ranges", recorded)
    return went


@pytest.mark.parametrize("subject", [None, r"^Release (\S+)$"])
def test_random_histories_read_split_equal_one_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, subject: str | None
) -> None:
    extra = {"releases": {"subject": subject}} if subject else {}
    outlines = [outline_of(random_history(tmp_path / f"r{s}", s), **extra) for s in range(12)]
    serial = [
        (read_history(o, use_cache=False), measure(o, AS_OF, tmp_path / "c1")) for o in outlines
    ]
    went = with_split(monkeypatch, 3)
    for n, (outline, (history, metrics)) in enumerate(zip(outlines, serial, strict=True)):
        (one,) = history.repos
        (parted,) = read_history(outline, use_cache=False).repos
        assert rows(parted) == rows(one), n
        assert parted.releases == one.releases
        assert parted.unmerged == one.unmerged
        assert len(parted.identities) == len(one.identities)
        assert measure(outline, AS_OF, tmp_path / "c2").to_json() == metrics.to_json(), n
    assert set(went) == {"nested", "below", "serial"}  # every way was taken


def test_a_linear_history_is_read_as_the_ranges_between_its_tags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changes = [(ALICE if n % 3 else BOB, utc(2019, 1, 1) + timedelta(days=n)) for n in range(30)]
    repo = make_repo(tmp_path / "core", changes)
    for n in (5, 12, 20):
        git(repo, "tag", f"v{n}", f"main~{29 - n}")
    went = with_split(monkeypatch, 4)
    (parted,) = read_history(outline_of(repo), use_cache=False).repos
    monkeypatch.undo()
    (one,) = read_history(outline_of(repo), use_cache=False).repos
    assert went == ["nested"]
    assert rows(parted) == rows(one) and len(parted.commits) == 30
    assert parted.commits.hashes == one.commits.hashes  # newest range first: git's order


def test_below_a_cut_that_is_not_an_ancestor_the_rest_is_read_again(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2019, 1, n + 1)) for n in range(6)])
    commit = ["-c", "user.name=A", "-c", "user.email=a@b", "commit-tree", "-m", "x"]
    side = git(repo, *commit, "-p", "main~3", "main~3^{tree}").strip()
    ahead = git(repo, *commit, "-p", "main", "main^{tree}").strip()
    opened = open_repo(repo, tmp_path)
    head = git(repo, "rev-parse", "main").strip()

    def read(*cuts: str) -> list[list[str]] | None:
        found = read_ranges(opened, head, cuts, LogReader, list(LOG_CONFIG), (), lambda _: None)
        if found is None:
            return None
        return [[r.hashes[i : i + 20].hex() for i in range(0, len(r.hashes), 20)] for r in found]

    def revs(*args: str) -> list[str]:
        return git(repo, "rev-list", *args).split()

    good = git(repo, "rev-parse", "main~2").strip()
    assert read(good) == [revs("main", f"^{good}"), revs(good)]
    assert read(side) == [revs("main", f"^{side}"), revs("main~3")]
    assert read(good, side) == [revs("main", f"^{side}"), revs("main~3")]
    assert read(ahead) is None  # the newest range is empty


def test_the_cuts_divide_the_time_between_the_oldest_tag_and_the_tip() -> None:
    tags = {"a": 100, "b": 150, "c": 400, "d": 690, "e": 1000, "head": 999}
    assert choose(tags, "head", 1000, 2) == ["d"]  # 820: d is 130 s away, e 180
    assert choose(tags, "head", 1000, 3) == ["d", "e"]  # 820, 910
    assert choose(tags, "head", 1000, 4) == ["c", "d", "e"]  # 820, 880, 940: d, e, then c
    assert choose({}, "head", 1000, 3) == []
    assert choose({"head": 5}, "head", 1000, 3) == []


def test_only_tags_of_commits_are_cuts() -> None:
    out = "\n".join(
        [
            "refs/tags/light\x00commit\x00c1\x00\x00\x00\x00100",
            "refs/tags/annotated\x00tag\x00t2\x00c2\x00300\x00200\x00",
            "refs/tags/tree\x00tag\x00t3\x00e3\x00400\x00\x00",
            "refs/tags/blob\x00blob\x00b4\x00\x00\x00\x00",
        ]
    )
    assert tag_commits(out) == {"c1": 100, "c2": 200}


def test_a_marked_log_read_in_small_pieces_keeps_its_boundary_apart(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "core", [(ALICE, utc(2019, 1, n + 1)) for n in range(5)])
    out = subprocess.run(
        ["git", "-C", str(repo), *log_args("main", "main~2", marked=True)],
        check=True,
        capture_output=True,
    ).stdout
    whole, pieces = LogReader(marked=True), LogReader(marked=True)
    whole.feed(out)
    for start in range(0, len(out), 5):
        pieces.feed(out[start : start + 5])
    expected = git(repo, "rev-list", "main", "^main~2").split()
    for reader in (whole, pieces):
        assert reader.commits().hashes.hex() == "".join(expected)
        assert reader.boundary == [git(repo, "rev-parse", "main~2").strip().encode()]
