"""A Git-style release announcement reproduced through the real CLI.

Git announces a release as "N non-merge commits since vX.Y.0, contributed by M people, K of which
are new faces": people are the mailmapped names of the authors and of everyone named in six
credit trailers, and a new face is someone absent from the history of vX.Y.0. The oracle is that
rule computed the naive way, with `git shortlog` and `git rev-list`; the history is linear, so
"since the day after the tag" is the same set of commits as `vX.Y.0..main`.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from deckgen.cli import main
from deckgen.fastimport import FastImport, Person

GIT_TRAILERS = [
    "Co-authored-by",
    "Reviewed-by",
    "Mentored-by",
    "Helped-by",
    "Reported-by",
    "Tested-by",
]
JUNIO = Person("Junio C Hamano", "gitster@pobox.com")
PEFF = Person("Jeff King", "peff@peff.net")
OLD_PEFF = Person("Jeff King", "peff@github.com")  # one name, two e-mails: one person by name
DSCHO = Person("Johannes Schindelin", "johannes.schindelin@gmx.de")
NEWBIE = Person("Ada Newcomer", "ada@example.org")
MAILMAP = "Johannes Schindelin <johannes.schindelin@gmx.de> <dscho@old.example>\n"


def day(month: int, dom: int) -> datetime:
    return datetime(2026, month, dom, 12, tzinfo=UTC)


def git_history(path: Path) -> None:
    """Before v2.50.0: Junio, Peff, and Dscho as a helper only. After it: their work, a newbie,
    reviewers (one mailmapped, one new, one named without an e-mail), and a merge."""
    before = [
        (JUNIO, day(1, 5), "Start\n"),
        (PEFF, day(1, 9), "Speed up\n\nHelped-by: Johannes Schindelin <dscho@old.example>\n"),
        (JUNIO, day(2, 1), "Git 2.50\n"),
    ]
    after = [
        (
            OLD_PEFF,
            day(3, 2),
            "Fix leak\n\nReported-by: Eve Reporter <eve@example.org>\n"
            "Reviewed-by: Junio C Hamano <gitster@pobox.com>\n",
        ),
        (
            NEWBIE,
            day(3, 9),
            "Doc typo\n\nMentored-by: Jeff King <peff@peff.net>\n"
            "Helped-by: Johannes Schindelin <dscho@old.example>\n",
        ),
        (
            DSCHO,
            day(4, 1),
            "Windows\n\nCo-authored-by: Kim Pair <kim@example.org>\n"
            "Tested-by: Lee Tester\n"
            "Signed-off-by: Johannes Schindelin <johannes.schindelin@gmx.de>\n",
        ),
    ]
    with FastImport(path) as fi:
        tip = 0
        for n, (who, when, message) in enumerate([*before, *after]):
            files = {".mailmap": MAILMAP} if n == 0 else {f"f{n}": "x\n"}
            tip = fi.commit(
                author=who, when=when, message=message, files=files, parents=(tip,) if tip else ()
            )
            if n == len(before) - 1:
                fi.tag("v2.50.0", tip, tagger=JUNIO, when=when)
        side = fi.commit(author=PEFF, when=day(4, 5), message="Side\n", parents=(tip,), ref="s")
        fi.commit(
            author=JUNIO,
            when=day(4, 6),
            message="Merge\n\nReviewed-by: Merge Only <mo@example.org>\n",
            parents=(tip, side),
        )


def shortlog_names(path: Path, revs: str) -> set[str]:
    groups = ["--group=author", *(f"--group=trailer:{t.lower()}" for t in GIT_TRAILERS)]
    out = subprocess.run(
        [
            "git",
            "-C",
            str(path),
            "-c",
            "mailmap.blob=main:.mailmap",
            "shortlog",
            "-s",
            "--no-merges",
            *groups,
            revs,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {line.split("\t", 1)[1] for line in out.splitlines()}


def test_metrics_json_gives_the_numbers_of_a_git_announcement(tmp_path: Path) -> None:
    repo = tmp_path / "git"
    git_history(repo)
    got = metrics_all(tmp_path, repo, "{since: 2026-02-02, until: 2026-06-30}")["all"]

    people = shortlog_names(repo, "v2.50.0..main")
    old = shortlog_names(repo, "v2.50.0")
    commits = subprocess.run(
        ["git", "-C", str(repo), "rev-list", "--no-merges", "--count", "v2.50.0..main"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert (got["commits"], got["contributors"], got["new_contributors"]) == (
        int(commits),
        len(people),
        len(people - old),
    )
    # by hand: Jeff King (two addresses), Ada, Dscho (mailmapped), Eve, Junio, Kim, Lee; the new:
    # Ada, Eve, Kim, Lee (Dscho helped before the tag; Signed-off-by and the merge do not count)
    assert (got["commits"], got["contributors"], got["new_contributors"]) == (4, 7, 4)
    assert got["authors"] == 3
    # the context of each number counts the period as the number does
    context = got["context"]
    values = [context[k]["value"] for k in ("commits", "contributors", "new_contributors")]
    assert values == [int(commits), len(people), len(people - old)]


SAM = Person("Sam Side", "sam@example.org")
RITA = Person("Rita Early", "rita@example.org")
NOOR = Person("Noor Later", "noor@example.org")


def branchy_history(path: Path) -> None:
    """Like `git_history`, with a topic branch forked before v2.50.0 and merged after it, whose
    commit (by Sam, reviewed by Rita) is dated before v2.50.0: in `v2.50.0..v2.51.0` by git's
    rule, before the period by its dates. Rita then authors a commit of the release: new by
    git's rule, old by the dates. A commit after v2.51.0 is in neither."""
    with FastImport(path) as fi:
        root = fi.commit(
            author=JUNIO, when=day(1, 5), message="Start\n", files={".mailmap": MAILMAP}
        )
        topic = fi.commit(
            author=SAM,
            when=day(1, 20),
            message="Topic\n\nReviewed-by: Rita Early <rita@example.org>\n",
            files={"topic": "x\n"},
            parents=(root,),
            ref="topic",
        )
        tip = fi.commit(
            author=PEFF,
            when=day(1, 9),
            message="Speed up\n\nHelped-by: Johannes Schindelin <dscho@old.example>\n",
            files={"f1": "x\n"},
            parents=(root,),
        )
        tip = fi.commit(
            author=JUNIO, when=day(2, 1), message="Git 2.50\n", files={"f2": "x\n"}, parents=(tip,)
        )
        fi.tag("v2.50.0", tip, tagger=JUNIO, when=day(2, 1))
        tip = fi.commit(
            author=OLD_PEFF,
            when=day(3, 2),
            message="Fix leak\n\nReported-by: Eve Reporter <eve@example.org>\n"
            "Reviewed-by: Junio C Hamano <gitster@pobox.com>\n",
            files={"f3": "x\n"},
            parents=(tip,),
        )
        tip = fi.commit(author=JUNIO, when=day(3, 5), message="Merge topic\n", parents=(tip, topic))
        tip = fi.commit(
            author=RITA,
            when=day(3, 9),
            message="Doc typo\n\nMentored-by: Jeff King <peff@peff.net>\n",
            files={"f4": "x\n"},
            parents=(tip,),
        )
        tip = fi.commit(
            author=DSCHO,
            when=day(4, 1),
            message="Windows\n\nCo-authored-by: Kim Pair <kim@example.org>\n"
            "Tested-by: Lee Tester\n",
            files={"f5": "x\n"},
            parents=(tip,),
        )
        fi.tag("v2.51.0", tip, tagger=JUNIO, when=day(4, 1))
        fi.commit(
            author=NOOR,
            when=day(4, 20),
            message="Next\n\nReviewed-by: Ada Newcomer <ada@example.org>\n",
            files={"f6": "x\n"},
            parents=(tip,),
        )


def announcement(repo: Path, old: str, new: str) -> tuple[int, int, int]:
    """Return git's three numbers for `old..new`, counted with git shortlog and rev-list."""
    people = shortlog_names(repo, f"{old}..{new}")
    commits = subprocess.run(
        ["git", "-C", str(repo), "rev-list", "--no-merges", "--count", f"{old}..{new}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(commits), len(people), len(people - shortlog_names(repo, old))


def metrics_all(tmp_path: Path, repo: Path, period: str) -> dict[str, object]:
    talk = tmp_path / "talk.yaml"
    talk.write_text(
        textwrap.dedent(f"""\
            repos: {{core: ['{repo}']}}
            period: {period}
            identity:
              key: name
              credit_trailers: {json.dumps(GIT_TRAILERS)}
            """)
    )
    result = CliRunner().invoke(
        main, ["metrics", str(talk), "--json", "--as-of", "2026-06-30"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    got: dict[str, object] = json.loads(result.stdout)
    return got


def test_a_release_range_gives_the_numbers_of_a_git_announcement(tmp_path: Path) -> None:
    repo = tmp_path / "git"
    branchy_history(repo)
    expected = announcement(repo, "v2.50.0", "v2.51.0")
    # by hand: Sam (topic), Rita (credited on the topic, then an author), Jeff King, Eve, Junio,
    # Dscho, Kim, Lee; new: Sam, Rita, Eve, Kim, Lee (Dscho helped before the tag; Noor and
    # Ada only after v2.51.0; the merge counts for nobody)
    assert expected == (4, 8, 5)
    got = metrics_all(tmp_path, repo, '{range: "v2.50.0..v2.51.0"}')
    numbers = got["all"]
    assert isinstance(numbers, dict)
    assert (numbers["commits"], numbers["contributors"], numbers["new_contributors"]) == expected
    assert numbers["authors"] == 4  # Sam, Jeff King, Rita, Dscho
    # the release's own entry counts the same range (v2.50.0 is the release before it)
    releases = got["releases"]
    assert isinstance(releases, dict)
    (entry,) = [r for r in releases["list"] if r["name"] == "v2.51.0"]
    assert (entry["commits"], entry["contributors"], entry["new_contributors"]) == expected
    # the same release as calendar days differs: the topic's commit is dated before v2.50.0
    dated = metrics_all(tmp_path, repo, "{since: 2026-02-02, until: 2026-04-01}")["all"]
    assert isinstance(dated, dict)
    assert (dated["commits"], dated["contributors"], dated["new_contributors"]) == (3, 7, 3)
