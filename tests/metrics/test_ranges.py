"""Release ranges (`period.range`) and per-release counts, on a repository counted by hand.

The core repository (commits in date order; `s1` on a topic branch merged by `m1`, `f1` on a
maintenance branch merged by `m2`):

    c1 Alice 2020-01-01 (v1.0) - c2 Bob 01-10 - c3 Alice 01-15 - m1 merge 01-20
    - c4 Dave 02-01 (v1.1) - c5 Erin 02-10 (adds a .mailmap folding Dave into Alice)
    - c6 Carol 02-15 (v1.2) - m2 03-01
    s1 Carol 2019-12-20, from c2, merged by m1;  f1 Bob 2020-02-05, from c1 (branch maint), by m2

The binding has its own root: Gina 2019-06-01, Frank 2020-01-05, Alice 2020-02-02.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.errors import OutlineError
from deckgen.fastimport import FastImport, Person
from deckgen.findings import find_warnings
from tests.gitrepos import ALICE, BOB, CAROL, DAVE, make_outline, make_repo, measure, utc

AS_OF = date(2020, 6, 30)
ERIN = Person("Erin Hart", "erin@example.org")
FRANK = Person("Frank Ocean", "frank@example.org")
GINA = Person("Gina Lollo", "gina@example.org")


def make_core(path: Path) -> Path:
    with FastImport(path) as fi:
        c1 = fi.commit(author=ALICE, when=utc(2020, 1, 1), message="c1", files={"a": "1"})
        fi.tag("v1.0", c1)
        c2 = fi.commit(
            author=BOB, when=utc(2020, 1, 10), message="c2", files={"a": "2"}, parents=(c1,)
        )
        s1 = fi.commit(
            author=CAROL,
            when=utc(2019, 12, 20),
            message="s1",
            files={"s": "1"},
            parents=(c2,),
            ref="topic",
        )
        c3 = fi.commit(
            author=ALICE, when=utc(2020, 1, 15), message="c3", files={"a": "3"}, parents=(c2,)
        )
        m1 = fi.commit(author=DAVE, when=utc(2020, 1, 20), message="m1", parents=(c3, s1))
        c4 = fi.commit(
            author=DAVE, when=utc(2020, 2, 1), message="c4", files={"a": "4"}, parents=(m1,)
        )
        fi.tag("v1.1", c4)
        f1 = fi.commit(
            author=BOB,
            when=utc(2020, 2, 5),
            message="f1",
            files={"f": "1"},
            parents=(c1,),
            ref="maint",
        )
        mailmap = "Alice Liddell <alice@example.org> <dave@example.org>\n"
        c5 = fi.commit(
            author=ERIN,
            when=utc(2020, 2, 10),
            message="c5",
            files={".mailmap": mailmap},
            parents=(c4,),
        )
        c6 = fi.commit(
            author=CAROL, when=utc(2020, 2, 15), message="c6", files={"a": "6"}, parents=(c5,)
        )
        fi.tag("v1.2", c6)
        fi.commit(author=BOB, when=utc(2020, 3, 1), message="m2", parents=(c6, f1))
    return path


def rev_list_count(repo: Path, spec: str) -> int:
    out = subprocess.run(
        ["git", "-C", str(repo), "rev-list", "--no-merges", "--count", spec],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout)


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("ranges")
    binding = make_repo(
        root / "binding",
        [(GINA, utc(2019, 6, 1)), (FRANK, utc(2020, 1, 5)), (ALICE, utc(2020, 2, 2))],
    )
    return make_core(root / "core"), binding


@pytest.mark.parametrize(
    ("spec", "answer"),
    [
        # main's .mailmap folds Dave into Alice
        ("v1.0..v1.1", (4, 3, 2)),  # c2 s1 c3 c4; Bob Carol Alice; new: Bob, Carol (c1 Alice)
        ("v1.1..v1.2", (2, 2, 1)),  # c5 c6 by Erin and Carol, Carol was in s1 already
        ("maint..v1.2", (6, 4, 2)),  # c2 s1 c3 c4 c5 c6 (c1 is maint's); new: Carol, Erin
    ],
)
def test_a_range_counts_git_a_dot_dot_b(
    repos: tuple[Path, Path], spec: str, answer: tuple[int, int, int]
) -> None:
    core, _ = repos
    outline = make_outline({"core": [core]}, period={"range": spec})
    m = measure(outline, AS_OF)
    assert (m.all.commits, m.all.contributors, m.all.new_contributors) == answer
    assert m.all.commits == rev_list_count(core, spec)
    assert m.period.range == spec


def test_the_mailmap_is_the_analysed_revisions(repos: tuple[Path, Path]) -> None:
    core, _ = repos
    at_main = make_outline({"core": [core]}, period={"range": "v1.0..v1.1"})
    at_v11 = make_outline({"core": [{"path": core, "rev": "v1.1"}]}, period={"range": "v1.0..v1.1"})
    # at main, .mailmap folds Dave into Alice, who is in v1.0: Bob and Carol are new
    assert (
        measure(at_main, AS_OF).all.contributors,
        measure(at_main, AS_OF).all.new_contributors,
    ) == (3, 2)
    assert (
        measure(at_v11, AS_OF).all.contributors,
        measure(at_v11, AS_OF).all.new_contributors,
    ) == (4, 3)


def test_repositories_without_the_revisions_count_their_days(repos: tuple[Path, Path]) -> None:
    core, binding = repos
    outline = make_outline(
        {"core": [core], "bindings": [binding]},
        period={"range": "v1.0..v1.1"},
    )
    m = measure(outline, AS_OF)
    # v1.0 and v1.1 are lightweight tags: their commits' days, 2020-01-01 and 2020-02-01
    assert (m.period.since, m.period.until) == (date(2020, 1, 2), date(2020, 2, 1))
    b = m.groups["bindings"]
    assert (b.commits, b.contributors, b.new_contributors) == (1, 1, 1)  # Frank; Gina before
    assert (m.all.commits, m.all.contributors, m.all.new_contributors) == (5, 4, 3)
    assert m.all.new_contributor_names == ("Bob Builder", "Carol Danvers", "Frank Ocean")


def test_every_release_carries_the_counts_since_the_previous_one(repos: tuple[Path, Path]) -> None:
    core, _ = repos
    outline = make_outline({"core": [core]})
    listed = measure(outline, AS_OF).releases.list
    counts = [(r.name, r.commits, r.contributors, r.new_contributors) for r in listed]
    assert counts == [("v1.0", 1, 1, 1), ("v1.1", 4, 3, 2), ("v1.2", 2, 2, 1)]
    assert [r.commits for r in listed] == [
        rev_list_count(core, "v1.0"),
        rev_list_count(core, "v1.0..v1.1"),
        rev_list_count(core, "v1.1..v1.2"),
    ]


def test_the_last_releases_reach_before_the_period(repos: tuple[Path, Path]) -> None:
    core, _ = repos
    outline = make_outline(
        {"core": [core]},
        period={"since": "2020-02-02"},
        releases={"last": 2},
    )
    releases = measure(outline, AS_OF).releases
    assert [r.name for r in releases.list] == ["v1.2"]
    assert [(r.name, r.commits) for r in releases.last] == [("v1.1", 4), ("v1.2", 2)]


def test_an_unknown_revision_is_an_outline_error(repos: tuple[Path, Path]) -> None:
    core, _ = repos
    outline = make_outline({"core": [core]}, period={"range": "v0.9..v1.1"})
    with pytest.raises(OutlineError) as raised:
        measure(outline, AS_OF)
    assert str(raised.value) == (
        "period.range: unknown revision 'v0.9': no repository of the outline has it; "
        "name tags or commits (git tag; git log --oneline)"
    )


def test_an_old_end_that_is_not_an_ancestor_is_a_warning(repos: tuple[Path, Path]) -> None:
    from deckgen.build import marked_history
    from deckgen.history import read_history

    core, _ = repos
    outline = make_outline({"core": [core]}, period={"range": "maint..v1.2"})
    history, _period = marked_history(outline, read_history(outline, use_cache=False), AS_OF)
    warnings = find_warnings(outline, history, measure(outline, AS_OF))
    assert (
        "period.range: 'maint' is not an ancestor of 'v1.2' in repository 'core': "
        "the range holds what 'v1.2' has and 'maint' lacks, as git's maint..v1.2"
    ) in warnings
    linear = make_outline({"core": [core]}, period={"range": "v1.0..v1.2"})
    history, _period = marked_history(linear, read_history(linear, use_cache=False), AS_OF)
    assert not any("ancestor" in w for w in find_warnings(linear, history, measure(linear, AS_OF)))


def test_the_contract_deckgen_metrics_json(repos: tuple[Path, Path], tmp_path: Path) -> None:
    core, _ = repos
    outline = tmp_path / "talk.yaml"
    outline.write_text(
        f"repos:\n  core:\n    - {{path: {core}, rev: v1.1, name: lib}}\n"
        "period: {range: v1.0..v1.1}\n"
    )
    result = CliRunner().invoke(
        main, ["metrics", str(outline), "--json", "--as-of", "2020-06-30"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [doc["all"][k] for k in ("commits", "contributors", "new_contributors")] == [4, 4, 3]
    assert doc["period"]["range"] == "v1.0..v1.1"
    assert list(doc["repos"]) == ["lib"]


def test_a_bindings_release_is_not_the_previous_of_the_cores(
    repos: tuple[Path, Path], tmp_path: Path
) -> None:
    core, _ = repos
    binding = make_repo(tmp_path / "py", [(FRANK, utc(2020, 1, 5)), (FRANK, utc(2020, 1, 20))])
    from tests.gitrepos import git

    git(binding, "tag", "py-2.0", "main")  # 2020-01-20: between the core's v1.0 and v1.1
    outline = make_outline(
        {"core": [core], "bindings": [binding]}, releases={"tags": r"^(v|py-)\d+\.\d+$"}
    )
    m = measure(outline, AS_OF)
    listed = {r.name: r for r in m.all.releases.list}
    # in scope all, v1.1 follows v1.0 (the core's), not py-2.0: the core's 4 commits of
    # v1.0..v1.1 (Bob, Carol, Alice twice) and the binding's 2020-01-02..02-01 (Frank, twice)
    assert (listed["v1.1"].commits, listed["v1.1"].contributors) == (6, 4)
    # py-2.0 is the binding's first: its whole history, and the core's days up to 2020-01-20
    # (c1, c2, s1, c3 by Alice, Bob, Carol)
    assert (listed["py-2.0"].commits, listed["py-2.0"].contributors) == (6, 4)
    (alone,) = m.groups["bindings"].releases.list
    assert (alone.name, alone.commits, alone.contributors, alone.new_contributors) == (
        "py-2.0",
        2,
        1,
        1,
    )


def test_the_hash_index_finds_hashes_sharing_their_first_bytes() -> None:
    from array import array

    from deckgen.history.model import Commits, RepoHistory
    from deckgen.metrics.ranges import HashIndex

    same = b"\x01" * 8
    hashes = [same + b"\x02" * 12, same + b"\x03" * 12, b"\x04" * 20, b"\x05" * 20]
    commits = Commits(
        20,
        b"".join(hashes),
        array("B", [1] * 4),
        array("I", [0] * 4),
        array("q", [0] * 4),
        array("q", [0] * 4),
    )
    repo = RepoHistory("g", "r", Path("."), "HEAD", None, (), commits)
    index = HashIndex(repo)
    assert index.mask(hashes[1] + hashes[3] + b"\x09" * 20).tolist() == [False, True, False, True]
    assert index.mask(hashes[0]).tolist() == [True, False, False, False]


def test_the_hash_index_finds_what_a_dictionary_finds() -> None:
    # hashes crowded onto few 8-byte prefixes (runs of 1-4 sharing one, at both ends of the
    # sorted order), looked up with hashes held, hashes sharing a held prefix only, and hashes
    # sorting before and after every held one
    import random

    import numpy as np

    from deckgen.metrics.ranges import HashIndex

    rng = random.Random(11)
    size = 20
    prefixes = [b"\x00" * 8, b"\xff" * 8, *(rng.randbytes(8) for _ in range(300))]
    held = list(
        dict.fromkeys(
            p + rng.randbytes(size - 8) for p in prefixes for _ in range(rng.randint(1, 4))
        )
    )
    rng.shuffle(held)
    index = HashIndex.of_raw(np.frombuffer(b"".join(held), dtype=np.uint8).reshape(-1, size))
    row_of = {h: n for n, h in enumerate(held)}
    asked = rng.sample(held, 400) + [p + rng.randbytes(size - 8) for p in prefixes[:50]]
    asked += [b"\x00" * size, b"\xff" * size, rng.randbytes(size)]
    rng.shuffle(asked)
    assert index.rows(b"".join(asked)).tolist() == [row_of.get(h, -1) for h in asked]
    empty = HashIndex.of_raw(np.zeros((0, size), dtype=np.uint8))
    assert empty.rows(b"".join(asked[:3])).tolist() == [-1, -1, -1]


def touched(repo: Path, spec: str, prefix: str) -> tuple[int, int]:
    """(commits, distinct author e-mails, mailmapped by main's .mailmap) of the non-merge commits
    of `spec` that change a path starting with `prefix`: the naive reading of `git log`."""
    out = subprocess.run(
        [
            *("git", "-C", str(repo), "-c", "mailmap.blob=main:.mailmap", "log", "--no-merges"),
            *("--format=@%aE", "--name-only", spec),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    commits, authors, author, hit = 0, set(), "", False
    for line in [*out.splitlines(), "@"]:
        if line.startswith("@"):
            if hit:
                commits, authors = commits + 1, authors | {author}
            author, hit = line[1:], False
        elif line.startswith(prefix):
            hit = True
    return commits, len(authors)


def test_components_and_lines_count_the_range_commits(repos: tuple[Path, Path]) -> None:
    # s1 (the topic's file `s`) is dated before v1.0 but merged after it: in v1.0..v1.1 by
    # git's rule, out of the range's days
    core, _ = repos
    outline = make_outline(
        {"core": [{"path": core, "components": {"topic": ["s"], "main": ["a"]}}]},
        period={"range": "v1.0..v1.1"},
        lines=True,
    )
    got = measure(outline, AS_OF).all
    assert got.components is not None and got.lines is not None
    expected = {
        name: touched(core, "v1.0..v1.1", path) for name, path in [("topic", "s"), ("main", "a")]
    }
    assert {n: (c.commits, c.authors) for n, c in got.components.items()} == expected
    assert expected == {"topic": (1, 1), "main": (3, 2)}  # c2 c3 c4: Bob, Alice (Dave mapped)
    assert sum(p.commits for p in got.lines.people) == rev_list_count(core, "v1.0..v1.1")


def test_the_rows_outside_each_release_are_found_as_by_the_whole_index() -> None:
    # `_outside_rows` finds every set in the largest one: nested sets (a linear chain), sets
    # that are not nested, hashes the repository lacks and empty sets must all give what the
    # repository's whole index gives
    import random

    import numpy as np

    from deckgen.metrics.ranges import HashIndex, _outside_rows

    rng = random.Random(7)
    size = 20
    held = [rng.randbytes(size) for _ in range(3000)]
    held += [held[5][:8] + rng.randbytes(size - 8)]  # a shared 8-byte prefix
    index = HashIndex.of_raw(np.frombuffer(b"".join(held), dtype=np.uint8).reshape(-1, size))
    foreign = [rng.randbytes(size) for _ in range(50)]
    nested = [b"".join(held[k * 300 :]) for k in range(8)]
    others = [
        b"".join(rng.sample(held, 200) + rng.sample(foreign, 5)),
        b"",
        b"".join(foreign[:3]),
        b"".join(held[-1:] + held[:2]),
    ]
    for outsides in (nested, nested[::-1], nested + others, others, nested[:1]):
        found = _outside_rows(index, outsides)
        expected = [index.rows(hashes) for hashes in outsides]
        assert len(found) == len(expected)
        for got, want in zip(found, expected, strict=True):
            assert got.tolist() == want.tolist()
