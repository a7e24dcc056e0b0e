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


# --- credits and organisations under a range ----------------------------------------------------

TOM = Person("Tom Tester", "tom@corp.example")
ORGS = {"example.org": "Example", "peff.net": "Peff Co", "github.com": "Peff Co"}
"""The affiliations of `credited_history`, by domain; pobox.com and corp.example are Unknown."""


def credited_history(path: Path) -> None:
    """A topic branch forked before v1.0 whose two commits are dated before it and carry
    Reviewed-by and Tested-by trailers, merged after v1.0: in `v1.0..v1.1` by git's rule, outside
    the range's days. Commits before v1.0 and after v1.1 carry credits too, counted in neither."""
    with FastImport(path) as fi:
        root = fi.commit(author=JUNIO, when=day(1, 5), message="Start\n", files={"f": "0\n"})
        topic = fi.commit(
            author=SAM,
            when=day(1, 20),
            message="Topic\n\nReviewed-by: Rita Early <rita@example.org>\n"
            "Tested-by: Tom Tester <tom@corp.example>\n",
            files={"t1": "x\n"},
            parents=(root,),
            ref="topic",
        )
        topic = fi.commit(
            author=SAM,
            when=day(1, 22),
            message="Topic 2\n\nReviewed-by: Junio C Hamano <gitster@pobox.com>\n"
            "Reviewed-by: Sam Side <sam@example.org>\n",  # the author's own: not a review
            files={"t2": "x\n"},
            parents=(topic,),
            ref="topic",
        )
        tip = fi.commit(
            author=PEFF,
            when=day(1, 9),
            message="Before\n\nReviewed-by: Junio C Hamano <gitster@pobox.com>\n",
            files={"f1": "x\n"},
            parents=(root,),
        )
        fi.tag("v1.0", tip, tagger=JUNIO, when=day(2, 1))
        tip = fi.commit(
            author=OLD_PEFF,
            when=day(3, 2),
            message="Fix\n\nReviewed-by: Rita Early <rita@example.org>\n",
            files={"f2": "x\n"},
            parents=(tip,),
        )
        tip = fi.commit(
            author=JUNIO,
            when=day(3, 5),
            message="Merge topic\n\nReviewed-by: Merge Only <mo@example.org>\n",
            parents=(tip, topic),
        )
        tip = fi.commit(
            author=RITA,
            when=day(3, 9),
            message="Docs\n\nTested-by: Tom Tester <tom@corp.example>\n",
            files={"f3": "x\n"},
            parents=(tip,),
        )
        fi.tag("v1.1", tip, tagger=JUNIO, when=day(4, 1))
        fi.commit(
            author=NOOR,
            when=day(4, 20),
            message="After\n\nReviewed-by: Noor Later <noor@example.org>\n"
            "Tested-by: Ada Newcomer <ada@example.org>\n",
            files={"f4": "x\n"},
            parents=(tip,),
        )


def git_log_records(repo: Path, revs: str, fmt: str) -> list[list[str]]:
    """Return, per non-merge commit of `revs`, the fields of `fmt` (joined by %x1f)."""
    out = subprocess.run(
        ["git", "-C", str(repo), "log", "--no-merges", f"--format={fmt}%x1e", revs, "--"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [r.strip("\n").split("\x1f") for r in out.split("\x1e") if r.strip()]


def trailer_emails(field: str) -> list[str]:
    """Return the lower-cased e-mails of the `Name <e-mail>` values git printed, one a line."""
    return [v.split("<")[1].rstrip(">").lower() for v in field.splitlines() if v]


def credit_oracle(repo: Path, revs: str) -> dict[str, object]:
    """Return the credits, reviewed share and organisations of `revs`, counted from git log."""
    fields = "%ae%x1f%(trailers:key=Reviewed-by,valueonly)%x1f%(trailers:key=Tested-by,valueonly)"
    rows = git_log_records(repo, revs, fields)
    credits = {}
    for k, kind in enumerate(["Reviewed-by", "Tested-by"], start=1):
        named = [e for row in rows for e in trailer_emails(row[k])]
        credits[kind] = (len(named), len(set(named)))
    reviewed = [r for r in rows if set(trailer_emails(r[1])) - {r[0].lower()}]
    orgs: dict[str, tuple[int, set[str]]] = {}
    for row in rows:
        org = ORGS.get(row[0].partition("@")[2], "Unknown")
        commits, people = orgs.get(org, (0, set()))
        orgs[org] = (commits + 1, people | {row[0].lower()})
    return {
        "credits": credits,
        "reviewed_share": len(reviewed) / len(rows),
        "organisations": {org: (c, len(p)) for org, (c, p) in orgs.items()},
    }


def credited_metrics(tmp_path: Path, repos: str, period: str) -> dict[str, object]:
    """Return the `all` scope of `deckgen metrics --json` with the credits and affiliations."""
    talk = tmp_path / "credited.yaml"
    affiliations = [{"match": m, "organisation": o} for m, o in ORGS.items()]
    talk.write_text(
        textwrap.dedent(f"""\
            repos: {{core: {repos}}}
            period: {period}
            identity:
              credit_trailers: [Reviewed-by, Tested-by]
              affiliations: {json.dumps(affiliations)}
            """)
    )
    result = CliRunner().invoke(
        main, ["metrics", str(talk), "--json", "--as-of", "2026-06-30"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)["all"]
    assert isinstance(got, dict)
    return {
        "credits": {k: (c["occurrences"], c["people"]) for k, c in got["credits"].items()},
        "reviewed_share": got["reviewed_share"],
        "organisations": {
            org: (s["commits"], s["contributors"]) for org, s in got["organisations"].items()
        },
    }


def test_credits_and_organisations_follow_a_release_range(tmp_path: Path) -> None:
    repo = tmp_path / "git"
    credited_history(repo)
    expected = credit_oracle(repo, "v1.0..v1.1")
    # by hand: Sam's two topic commits, Peff's fix, Rita's docs; Reviewed-by Rita twice, Junio
    # and Sam (on his own commit); Tested-by Tom twice; reviewed by someone else: the two topic
    # commits and the fix; Example: Sam and Rita, Peff Co: Peff (github.com)
    assert expected == {
        "credits": {"Reviewed-by": (4, 3), "Tested-by": (2, 1)},
        "reviewed_share": 3 / 4,
        "organisations": {"Example": (3, 2), "Peff Co": (1, 1)},
    }
    assert credited_metrics(tmp_path, f"['{repo}']", '{range: "v1.0..v1.1"}') == expected
    # the same repository once more, read at the topic (it lacks both tags, so it counts the
    # range's days, where the topic's commits are not): each shared commit counts once, and in
    # the range as the copy in the core has it
    twice = f"[{{path: '{repo}', name: core}}, {{path: '{repo}', rev: topic, name: topic}}]"
    assert credited_metrics(tmp_path, twice, '{range: "v1.0..v1.1"}') == expected
    # the range's days (the day after v1.0 to v1.1's) leave the topic out: the numbers differ
    dated = credited_metrics(tmp_path, f"['{repo}']", "{since: 2026-02-02, until: 2026-04-01}")
    assert dated["credits"] == {"Reviewed-by": (1, 1), "Tested-by": (1, 1)}
