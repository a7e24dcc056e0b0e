"""Faults around the output: a build killed with SIGKILL, a full disk, a read-only folder, and two
builds writing the same deck at once. The previous deck survives each of them byte for byte, and
the next build works.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pptx import Presentation

from deckgen import output
from tests.project import OUTLINE
from tests.robustness.workspace import AS_OF, make_workspace, run

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_workspace(tmp_path_factory.mktemp("talk").resolve())
    data = yaml.safe_load(OUTLINE)
    data["slides"] = [s for s in data["slides"] if s["kind"] != "chart"]
    (root / "fast.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return root


def build_command(talk: Path, target: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "deckgen", "build", str(talk / "fast.yaml"), "-o", str(target),
            "--as-of", AS_OF, *extra]  # fmt: skip


def start(talk: Path, target: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        build_command(talk, target, *extra),
        cwd=talk,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def finish(build: subprocess.Popen[bytes]) -> tuple[int, str]:
    """Wait for `build`; return its exit status and what it printed on stderr."""
    _, stderr = build.communicate()
    return build.returncode, stderr.decode()


def temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def slide_count(deck: Path) -> int:
    return len(Presentation(str(deck)).slides)


def test_killed_builds_leave_the_previous_deck(talk: Path, tmp_path: Path) -> None:
    """SIGKILL at several points of a build: the deck is the previous one, byte for byte, or the
    whole new one; never a part. The next build succeeds."""
    target = tmp_path / "deck.pptx"
    began = time.monotonic()
    first = start(talk, target)
    assert finish(first) == (0, "")
    duration = time.monotonic() - began
    previous = target.read_bytes()
    killed_in_time = 0
    for n, share in enumerate((0.2, 0.5, 0.8, 0.9, 0.97)):
        build = start(talk, target, "--set", f"title=Killed build {n}")
        time.sleep(duration * share)
        build.send_signal(signal.SIGKILL)
        code, _ = finish(build)
        assert code in (0, -signal.SIGKILL)
        now = target.read_bytes()
        if now != previous:  # renamed into place before the signal: the new deck, whole
            assert slide_count(target) == 4
            assert Presentation(str(target)).core_properties.title == f"Killed build {n}"
            previous = now
        else:
            killed_in_time += 1
    assert killed_in_time >= 1, "every build finished before its signal: kill earlier"
    after = start(talk, target)
    assert finish(after) == (0, "")
    assert slide_count(target) == 4


def test_killed_between_write_and_rename(talk: Path, tmp_path: Path) -> None:
    """The worst moment: the new deck is on disk under its temporary name when the process dies.
    The previous deck stays, the stray temporary file does not break the next build, and a stale
    one is cleaned up."""
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous deck")
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from deckgen import output\n"
        "output.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "output.write_atomic(Path(sys.argv[1]), b'new deck')\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(target)], cwd=ROOT, check=False)
    assert done.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"previous deck"
    (stray,) = temps(tmp_path)
    assert stray.read_bytes() == b"new deck"
    assert stray.name.startswith(".deck.pptx.")

    code, _, stderr = run(*build_command(talk, target)[3:])
    assert (code, stderr) == (0, "")
    assert slide_count(target) == 4
    assert temps(tmp_path) == [stray], "a young temporary file may be another build's"

    hour_ago = time.time() - output.STALE_AFTER - 60
    os.utime(stray, (hour_ago, hour_ago))
    assert run(*build_command(talk, target)[3:])[0] == 0
    assert temps(tmp_path) == []


def test_two_builds_of_the_same_deck_at_once(talk: Path, tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    builds = [start(talk, target, "--set", f"title=Build {n}") for n in range(2)]
    for build in builds:
        assert finish(build) == (0, "")
    assert slide_count(target) == 4
    title = Presentation(str(target)).core_properties.title
    assert title in ("Build 0", "Build 1")
    assert temps(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "no space left on the device"),
        (errno.EROFS, "the file system is read-only"),
        (errno.EACCES, "permission denied"),
    ],
)
def test_write_errors_through_the_cli(
    talk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    """A disk that fills up while the deck is written: a clear error, exit 1, no partial file."""
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous deck")

    real_fsync = os.fsync

    def fail(fd: int) -> None:
        # only the deck's folder is full: other writers (a history cache) carry on
        if not os.readlink(f"/proc/self/fd/{fd}").startswith(str(tmp_path)):
            return real_fsync(fd)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    result = run(*build_command(talk, target)[3:])
    assert result == (1, "", f"error: cannot write {target}: {reason}\n")
    assert target.read_bytes() == b"previous deck"
    assert temps(tmp_path) == []


def test_read_only_folder_through_the_cli(
    talk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores permission bits, so the refusal of the file system is simulated."""
    target = tmp_path / "deck.pptx"

    real_mkstemp = tempfile.mkstemp

    def refuse(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if kwargs.get("dir") != tmp_path:
            return real_mkstemp(*args, **kwargs)
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run(*build_command(talk, target)[3:])
    assert result == (1, "", f"error: cannot write to {tmp_path}: the file system is read-only\n")
    assert list(tmp_path.iterdir()) == []


@contextlib.contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """Mount a small tmpfs on `folder`; skip where mounting is not permitted (not root)."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_real_full_disk(talk: Path, tmp_path: Path) -> None:
    """A 16 KiB file system holds the previous deck but not the new one (about 30 KiB)."""
    with tmpfs(tmp_path / "small", "size=16k") as folder:
        target = folder / "deck.pptx"
        target.write_bytes(b"previous deck")
        result = run(*build_command(talk, target)[3:])
        assert result == (1, "", f"error: cannot write {target}: no space left on the device\n")
        assert target.read_bytes() == b"previous deck"
        assert [p.name for p in folder.iterdir()] == ["deck.pptx"]


def test_real_read_only_folder(talk: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "size=64k,ro") as folder:
        result = run(*build_command(talk, folder / "deck.pptx")[3:])
        assert result == (1, "", f"error: cannot write to {folder}: the file system is read-only\n")
        assert list(folder.iterdir()) == []
