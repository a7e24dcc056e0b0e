"""Parsing the changes log (`git log -z --numstat` or `--name-only`): every path byte kept.

The oracle is the commits themselves: random files are written out the way git writes them
(checked against git once, on a repository with awkward paths), fed to `ChangesReader` in
random pieces, and read back.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.history.changes import ChangesReader, changes_args

BYTES = [b"a", b"/", b"1", b"-", b" ", b"\t", b"\n", b"\xff", b"\xc3\xa9"]
PATH = st.lists(st.sampled_from(BYTES), min_size=1, max_size=5).map(b"".join)
"""Spaces, tabs, newlines (a leading one too), digits and dashes, valid and invalid UTF-8."""
FILE = st.tuples(PATH, st.one_of(st.none(), st.tuples(st.integers(0, 999), st.integers(0, 999))))
"""A path and its line counts (None: a binary file, `-` and `-`)."""
COMMITS = st.lists(st.lists(FILE, max_size=4), max_size=8)


def stream(commits: list[list[tuple[bytes, tuple[int, int] | None]]], lines: bool) -> bytes:
    """Return what `git log -z` writes for `commits` (see the module doc of history/changes)."""
    out = b""
    for n, files in enumerate(commits):
        out += b"\0" + f"{n:040x}".encode() + b"\0"
        for i, (path, counts) in enumerate(files):
            if lines:
                plus, minus = (b"-", b"-") if counts is None else map(str.encode, map(str, counts))
                path = plus + b"\t" + minus + b"\t" + path
            out += (b"\n" if i == 0 else b"") + path + b"\0"
    return out


def read(data: bytes, lines: bool, size: int) -> ChangesReader:
    reader = ChangesReader(lines)
    for start in range(0, len(data), size):
        reader.feed(data[start : start + size])
    return reader


@settings(max_examples=300, deadline=None)
@given(COMMITS, st.booleans(), st.integers(1, 64))
def test_every_file_of_every_commit_is_read_back(
    commits: list[list[tuple[bytes, tuple[int, int] | None]]], lines: bool, size: int
) -> None:
    reader = read(stream(commits, lines), lines, size)
    assert reader.hashes == [f"{n:040x}".encode() for n in range(len(commits))]
    ends = [*reader.starts[1:], len(reader.paths)][: len(reader.starts)]
    got = [
        [reader.names[p] for p in reader.paths[start:end]]
        for start, end in zip(reader.starts, ends, strict=True)
    ]
    assert got == [[os.fsdecode(p) for p, _ in files] for files in commits]
    if lines:
        counts = [c or (0, 0) for files in commits for _, c in files]
        assert list(zip(reader.added, reader.deleted, strict=True)) == counts
    assert not reader._rest


def test_git_writes_what_the_reader_expects(tmp_path: Path) -> None:
    """A leading newline, a tab and invalid UTF-8 in paths, a binary file, an empty commit."""
    repo = tmp_path / "repo"
    files = {b"\nnl": b"a\n", b"tab\tname": b"x\0y", b"caf\xe9 x": b"b\nc\n"}
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for name, content in files.items():
        (repo / os.fsdecode(name)).write_bytes(content)
    git = ["git", "-C", str(repo), "-c", "user.name=A", "-c", "user.email=a@x.org"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "empty"], check=True)
    for lines in (True, False):
        out = subprocess.run(
            [*git, *changes_args("HEAD", lines)], check=True, capture_output=True
        ).stdout
        reader = read(out, lines, 7)
        assert len(reader.hashes) == 2
        assert list(reader.starts) == [0, 0]  # the empty commit first: no files
        assert sorted(reader.names) == sorted(os.fsdecode(p) for p in files)
        if lines:
            paths = [reader.names[p] for p in reader.paths]
            by_name = dict(zip(paths, zip(reader.added, reader.deleted, strict=True), strict=True))
            assert by_name == {"\nnl": (1, 0), "tab\tname": (0, 0), "caf\udce9 x": (2, 0)}
