"""One test per protection against untrusted outlines, each failing if the protection is removed:
the YAML limits, the safe loader and its refusal of tags, the Jinja sandbox and its limits,
StrictUndefined, no access to the environment, a read-only git, and a git that runs no program a
measured repository's own `.git/config` names.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from deckgen.build import OutlineSource, analyse, build, load_and_check
from deckgen.errors import HistoryError, OutlineError, TextError
from deckgen.history import gitcmd, read_history
from deckgen.news import NewsError, read_news_file
from deckgen.outline import yamlsource
from deckgen.outline.loader import parse_outline
from deckgen.text import Renderer, text_context
from tests.gitrepos import ALICE, BOB, checkout, git, make_outline, make_repo, utc
from tests.project import OUTLINE
from tests.robustness.workspace import make_workspace, run

AS_OF = date(2026, 6, 30)
SECRET = "deckgen-protection-secret-77a1"


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("talk").resolve())


def problems(text: str, path: Path = Path("talk.yaml")) -> list[str]:
    with pytest.raises(OutlineError) as caught:
        parse_outline(text, path)
    return [str(p) for p in caught.value.problems]


def bomb(levels: int) -> str:
    """Aliases that expand to 10**levels scalars: a small 'billion laughs'."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_alias_bomb() -> None:
    # 10**6 nodes would be read (slowly) without the limit, and fail on other grounds
    (message,) = problems(bomb(6))
    assert message.startswith("talk.yaml:")
    assert message.endswith(": more than 100,000 YAML nodes (an alias bomb?)")


def test_alias_limit_counts_expansions_not_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_NODES", 50)
    assert problems(bomb(2))[0].endswith("more than 50 YAML nodes (an alias bomb?)")


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "talk.yaml"
    big.write_text(OUTLINE + "#" * yamlsource.MAX_OUTLINE_BYTES)
    with pytest.raises(OutlineError) as caught:
        load_and_check(OutlineSource(big))
    assert str(caught.value) == (f"{big} is larger than 2048 KiB; an outline is a short text file")


def test_depth_limit() -> None:
    deep = "title: " + "[" * 150 + "]" * 150 + "\n"
    (message,) = problems(deep)
    assert message.endswith(": nested more than 100 levels deep")


def test_recursive_alias() -> None:
    assert problems("title: &t [*t]\n") == [
        "talk.yaml:1:8: title[0]: a YAML alias refers to a value that contains it"
    ]


TAG_REFUSED = (
    "title: YAML tag '!!python/object/apply:os.system' is not allowed: outlines are plain data "
    "(strings, numbers, lists, mappings); remove the tag"
)


def test_safe_loader_builds_no_python_objects(tmp_path: Path) -> None:
    marker = tmp_path / "hacked"
    call = f"!!python/object/apply:os.system ['touch {marker}']"
    assert problems(f"title: {call}\n") == [f"talk.yaml:1:8: {TAG_REFUSED}"]
    assert problems("title: !!python/name:os.system ''\n") == [
        "talk.yaml:1:8: title: YAML tag '!!python/name:os.system' is not allowed: outlines are "
        "plain data (strings, numbers, lists, mappings); remove the tag"
    ]
    assert not marker.exists()


def test_validate_refuses_tags_and_runs_nothing(
    talk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the CLI: a tag is an error with its position, before anything else is read."""
    marker = tmp_path / "hacked"
    call = f'!!python/object/apply:os.system ["touch {marker}"]'
    (talk / "tagged.yaml").write_text(OUTLINE.replace("State of Foo", call, 1))
    monkeypatch.chdir(talk)
    assert run("validate", "tagged.yaml") == (1, "", f"error: tagged.yaml:1:8: {TAG_REFUSED}\n")
    assert not marker.exists()


@pytest.fixture(scope="module")
def renderer(talk: Path) -> Renderer:
    document = load_and_check(OutlineSource(talk / "talk.yaml"))
    return Renderer(document, text_context(document, analyse(document, AS_OF).metrics))


def render(renderer: Renderer, template: str) -> str:
    return renderer.render(template, "slide 1, notes", ("slides", 0, "notes"))


def refusal(renderer: Renderer, template: str) -> str:
    with pytest.raises(TextError) as caught:
        render(renderer, template)
    where, sep, why = str(caught.value).splitlines()[0].partition(" slide 1, notes: ")
    assert sep and where.endswith("talk.yaml:12:12:")
    return why


@pytest.mark.parametrize(
    ("template", "why"),
    [
        ("{{ ''.__class__.__mro__ }}", "access to attribute '__class__' of 'str' object is unsafe"),
        ("{{ cycler.__init__.__globals__ }}", "access to attribute '__init__' of 'type' object"),
        ("{{ outline.__class__ }}", "access to attribute '__class__' of 'Outline' object"),
        ("{{ all.__dict__ }}", "access to attribute '__dict__' of 'ScopeMetrics' object"),
        ("{{ vars.update({'x': 1}) }}", "access to attribute 'update' of 'dict' object"),
    ],
)
def test_sandbox(renderer: Renderer, template: str, why: str, tmp_path: Path) -> None:
    assert refusal(renderer, template).startswith(f"SecurityError: {why}")


@pytest.mark.parametrize(
    "template",
    ["{{ nope }}", "{{ all.contributers }}", "{{ vars.missing }}", "{{ nope | length }}"],
)
def test_strict_undefined(renderer: Renderer, template: str) -> None:
    assert "undefined" in refusal(renderer, template) or "no attribute" in refusal(
        renderer, template
    )


@pytest.mark.parametrize(
    "template",
    [
        "{{ os.environ }}",
        "{{ environ }}",
        "{{ config }}",
        "{{ request }}",
        "{{ self.__init__.__globals__ }}",
        "{{ namespace.__init__.__globals__.os.environ }}",
        "{{ joiner.__init__.__globals__ }}",
        "{{ range.__self__ }}",
        "{{ lipsum.__globals__ }}",
    ],
)
def test_no_environment(renderer: Renderer, monkeypatch: pytest.MonkeyPatch, template: str) -> None:
    monkeypatch.setenv("DECKGEN_SECRET", SECRET)
    try:
        text = render(renderer, template)
    except TextError as error:
        assert SECRET not in str(error)
    else:  # pragma: no cover - every template above is refused
        pytest.fail(f"{template} rendered {text[:80]!r}")


@pytest.mark.parametrize(
    ("template", "why"),
    [
        ("{{ 2 ** 999999 }}", "SecurityError: 2 ** 999999 is too large a number for a slide"),
        ("{{ 'x' * 10**9 }}", "SecurityError: the product of 1 item and 1000000000 is too large"),
        ("{{ '%0999999999d' % 1 }}", "SecurityError: format '%0999999999d' asks for too wide"),
        ("{{ '%0999999d' | format(1) }}", "SecurityError: format '%0999999d' asks for too wide"),
        ("{{ '{:0999999}'.format(1) }}", "SecurityError: format '{:0999999}' asks for too wide"),
        ("{{ 'x' | center(10**9) }}", "SecurityError: center(1000000000) is too wide"),
        ("{{ ('a' * 99999) | replace('a', 'aa') }}", "SecurityError: replace would make too long"),
        ("{{ lipsum(10**9) }}", "'lipsum' is undefined"),
        ("{{ range(10**9) | list }}", "OverflowError: Range too big."),
    ],
)
def test_resource_limits(renderer: Renderer, template: str, why: str) -> None:
    """Templates that would hang the build or take gigabytes (even while being compiled)."""
    assert refusal(renderer, template).startswith(why)


def test_small_arithmetic_still_works(renderer: Renderer) -> None:
    assert render(renderer, "{{ 2 ** 10 }} {{ 'ab' * 2 }} {{ '%5.1f' % 3.14159 }}") == (
        "1024 abab   3.1"
    )
    assert render(renderer, "x{{ '{:>4}'.format(7) }}|{{ 'a' | replace('a', 'bc') }}") == "x   7|bc"


def test_git_is_only_read(talk: Path, tmp_path: Path) -> None:
    """A build leaves every file of the measured repositories as it was (pydriller does not)."""

    def snapshot() -> dict[str, str]:
        files = sorted(p for p in (talk / "repos").rglob("*") if p.is_file())
        return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}

    before = snapshot()
    build(OutlineSource(talk / "talk.yaml"), tmp_path / "deck.pptx", as_of=AS_OF)
    assert snapshot() == before


# A hostile repository: deckgen reads repositories it does not own, and a `.git/config` can name
# programs for git to run. Each test below builds one, shows that git does run the program when
# deckgen's protection is taken away (the control, so the test can fail), and that deckgen's own
# reading of the repository runs nothing.


@dataclass(frozen=True)
class Call:
    """One git command deckgen ran: its arguments and the variables it set."""

    command: list[str]
    env: dict[str, str]


class Trap:
    """A program a hostile config names; it notes each run in a marker file."""

    def __init__(self, folder: Path) -> None:
        self.marker = folder / "ran"
        self.script = folder / "trap"
        self.script.write_text(f'#!/bin/sh\necho "$0 $*" >> "{self.marker}"\nexit 1\n')
        self.script.chmod(0o755)

    def sprung(self) -> bool:
        """Return whether the program ran since the last call, and forget it."""
        ran = self.marker.exists()
        self.marker.unlink(missing_ok=True)
        return ran


@pytest.fixture
def trap(tmp_path: Path) -> Trap:
    return Trap(tmp_path)


def victim(tmp_path: Path, config: dict[str, str]) -> Path:
    """Return a repository of two commits whose own `.git/config` holds `config`."""
    repo = make_repo(tmp_path / "victim", [(ALICE, utc(2020, 1, 1)), (BOB, utc(2020, 2, 1))])
    for key, value in config.items():
        git(repo, "config", key, value)
    return repo


def read_recording(
    repo: Path, monkeypatch: pytest.MonkeyPatch, *, refused: str | None = None
) -> list[Call]:
    """Read `repo` as `deckgen metrics` would; return the git commands that ran on it.

    With `refused`, the read must fail with a HistoryError matching it.
    """
    calls: list[Call] = []
    original = gitcmd.spawn

    def recording(command: list[str], env: Mapping[str, str], cwd: Path) -> Any:
        if "GIT_DIR" in env:
            calls.append(Call(list(command), dict(env)))
        return original(command, env, cwd)

    with monkeypatch.context() as patch:
        patch.setattr(gitcmd, "spawn", recording)
        if refused is not None:
            with pytest.raises(HistoryError, match=refused):
                read_history(make_outline({"core": [repo]}))
            return calls
        (history,) = read_history(make_outline({"core": [repo]})).repos
    assert history.commits  # the repository was read
    return calls


def replay(
    calls: list[Call],
    work: Path,
    *,
    drop: tuple[str, ...] = (),
    unset: tuple[str, ...] = (),
    terminal: bool = False,
) -> None:
    """Run `calls` again without the arguments `drop` (a `-c` setting takes its `-c` along) and
    the variables `unset`; with `terminal`, git's output goes to a pseudo-terminal."""
    for call in calls:
        command: list[str] = []
        for part in call.command:
            if part not in drop:
                command.append(part)
            elif command[-1] == "-c":
                command.pop()
        env = {**os.environ, **call.env, "GIT_WORK_TREE": str(work), "TERM": "xterm"}
        for name in unset:
            env.pop(name, None)
        if not terminal:
            subprocess.run(command, cwd=work, env=env, capture_output=True, check=False)
            continue
        leader, follower = os.openpty()
        try:
            subprocess.run(
                command,
                cwd=work,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=follower,
                stderr=follower,
                check=False,
                timeout=60,
            )
        finally:
            os.close(follower)
            os.close(leader)


def sign_main(repo: Path) -> None:
    """Put a commit with a (made-up) OpenPGP signature on top of branch main."""
    tree = git(repo, "rev-parse", "main^{tree}").strip()
    parent = git(repo, "rev-parse", "main").strip()
    who = f"{ALICE.name} <{ALICE.email}> 1583020800 +0000"
    body = (
        f"tree {tree}\nparent {parent}\nauthor {who}\ncommitter {who}\n"
        "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n"
        "\nSigned\n"
    )
    made = subprocess.run(
        ["git", "-C", str(repo), "hash-object", "-t", "commit", "-w", "--stdin"],
        input=body,
        capture_output=True,
        text=True,
        check=True,
    )
    git(repo, "update-ref", "refs/heads/main", made.stdout.strip())


@pytest.mark.parametrize("included", [False, True], ids=["config", "include.path"])
def test_a_signed_commit_runs_no_verification_program(
    trap: Trap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, included: bool
) -> None:
    """`log.showSignature` makes `git log` run `gpg.program` on each signed commit; deckgen sets
    `log.showSignature=false` on the command line, which wins over the config and its includes."""
    settings = {"log.showSignature": "true", "gpg.program": str(trap.script)}
    if included:
        extra = tmp_path / "extra.config"
        extra.write_text(f"[log]\n\tshowSignature = true\n[gpg]\n\tprogram = {trap.script}\n")
        settings = {"include.path": str(extra)}
    repo = victim(tmp_path, settings)
    sign_main(repo)
    subprocess.run(["git", "-C", str(repo), "log"], capture_output=True, check=False)
    assert trap.sprung()  # control: plain `git log`
    calls = read_recording(repo, monkeypatch)
    assert not trap.sprung()
    replay(calls, tmp_path, drop=("log.showSignature=false",))
    assert trap.sprung()  # control: deckgen's commands without the setting


def test_fsmonitor_runs_no_program(
    trap: Trap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`core.fsmonitor` names a program git runs when it reads the index (`git status`).

    No command deckgen runs reads the index, so even without deckgen's `core.fsmonitor=false`
    nothing would run today (the replay shows it): the setting guards commands to come, and this
    test fails if deckgen ever reads the index without it.
    """
    repo = checkout(victim(tmp_path, {"core.fsmonitor": str(trap.script)}))
    subprocess.run(["git", "-C", str(repo), "status"], capture_output=True, check=False)
    assert trap.sprung()  # control: `git status` in the same repository
    calls = read_recording(repo, monkeypatch)
    assert not trap.sprung()
    replay(calls, tmp_path, drop=("core.fsmonitor=false",))
    assert not trap.sprung()


def test_no_pager_runs_even_on_a_terminal(
    trap: Trap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`core.pager` and `pager.log` name a program git sends its output through, when that output
    is a terminal.

    deckgen reads git's output through pipes, where git never pages; so the test replays
    deckgen's exact commands with a pseudo-terminal as their output. Either of deckgen's guards,
    `--no-pager` and `GIT_PAGER=cat`, is enough alone; without both, git runs the pager.
    """
    pager = str(trap.script)
    repo = victim(tmp_path, {"core.pager": pager, "pager.log": pager})
    calls = read_recording(repo, monkeypatch)
    assert not trap.sprung()
    no_pager_variables = ("GIT_PAGER", "PAGER")
    replay(calls, tmp_path, terminal=True)
    assert not trap.sprung()
    replay(calls, tmp_path, drop=("--no-pager",), terminal=True)
    assert not trap.sprung()
    replay(calls, tmp_path, unset=no_pager_variables, terminal=True)
    assert not trap.sprung()
    replay(calls, tmp_path, drop=("--no-pager",), unset=no_pager_variables, terminal=True)
    assert trap.sprung()  # control: neither guard


def lacking_its_mailmap(repo: Path, settings: dict[str, str], file: str = ".mailmap") -> Path:
    """Make `repo` a partial clone whose newest commit's `file` blob was never fetched."""
    entries = git(repo, "ls-tree", "main") + f"100644 blob {'1' * 40}\t{file}\n"
    tree = subprocess.run(
        ["git", "-C", str(repo), "mktree", "--missing"],
        input=entries,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    who = ["-c", f"user.name={ALICE.name}", "-c", f"user.email={ALICE.email}"]
    commit = git(repo, *who, "commit-tree", tree, "-p", "main", "-m", "Add a mailmap").strip()
    git(repo, "update-ref", "refs/heads/main", commit)
    partial = {
        "core.repositoryformatversion": "1",
        "extensions.partialClone": "origin",
        "remote.origin.promisor": "true",
    }
    for key, value in {**partial, **settings}.items():
        git(repo, "config", key, value)
    return repo


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("file:///nowhere.git", "remote.origin.uploadpack"),
        ("ssh://example.invalid/x.git", "core.sshCommand"),
        ("git://example.invalid/x.git", "core.gitProxy"),
    ],
)
def test_a_partial_clone_on_disk_fetches_nothing(
    trap: Trap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, key: str
) -> None:
    """A partial clone fetches each object it lacks when git reads it, running what its config
    names: the remote's `uploadpack` (file://), `core.sshCommand`, `core.gitProxy`, a credential
    helper (https). deckgen reads the .mailmap at the analysed revision, which this one lacks.

    Found running the program before deckgen gave git no transport at all (an empty
    `GIT_ALLOW_PROTOCOL`) in a repository on disk; only deckgen's own clones fetch.
    """
    repo = lacking_its_mailmap(
        victim(tmp_path, {}), {"remote.origin.url": url, key: str(trap.script)}
    )
    calls = read_recording(repo, monkeypatch, refused="missing from this partial clone")
    assert not trap.sprung()
    replay(calls, tmp_path, unset=("GIT_ALLOW_PROTOCOL",))
    assert trap.sprung()  # control: deckgen's commands, with git's default transports


def test_reading_release_notes_fetches_nothing(trap: Trap, tmp_path: Path) -> None:
    """The news stage runs git on its own (it reads files at a revision): the same protections.

    Found running the partial clone's `uploadpack` before the news reader used the history
    stage's environment and options.
    """
    settings = {"remote.origin.url": "file:///nowhere.git"}
    settings["remote.origin.uploadpack"] = str(trap.script)
    repo = lacking_its_mailmap(victim(tmp_path, {}), settings, file="NEWS")
    with pytest.raises(NewsError):
        read_news_file(repo, "main", "NEWS")
    assert not trap.sprung()
    subprocess.run(["git", "-C", str(repo), "show", "main:NEWS"], capture_output=True, check=False)
    assert trap.sprung()  # control: git's defaults fetch the blob with the hostile program
