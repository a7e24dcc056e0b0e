"""A small two-repository project with known answers, shared by the acceptance tests.

For the period 2026-01-01 .. 2026-06-30:

- core: Ann (first commit 2018), Bob (2020) and Cat (new in 2026, one commit on a merged side
  branch), a Weblate bot, a merge commit, tags v1.0 (2025), v1.1, v1.2 (2026) and v1.3-rc1;
- python binding (bare): Ann (new to the binding in 2026) and Dan (first commit 2024).

So, in the period: 7 commits (5 core, 2 python), 4 contributors, 1 new (Cat, 2 commits), 1 bot
commit, 2 releases.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from deckgen.fastimport import FastImport, Person

ANN = Person("Ann Example", "ann@example.org")
BOB = Person("Bob Builder", "bob@example.org")
CAT = Person("Cat Newcomer", "cat@example.org")
DAN = Person("Dan Binder", "dan@example.org")
BOT_PERSON = Person("Weblate", "noreply@weblate.org")


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(hour=12, tzinfo=UTC)


def make_project(root: Path) -> None:
    with FastImport(root / "core") as core:
        for who, when in [
            (ANN, "2018-03-01"),
            (ANN, "2019-05-01"),
            (BOB, "2020-07-01"),
            (ANN, "2025-06-01"),
        ]:
            mark = core.commit(author=who, when=day(when), message=f"work of {who.name}\n")
        core.tag("v1.0", mark, tagger=ANN, when=day("2025-06-02"))
        mark = core.commit(author=ANN, when=day("2026-01-10"), message="more\n")
        mark = core.commit(author=BOT_PERSON, when=day("2026-02-02"), message="Translated\n")
        core.tag("v1.1", mark, tagger=ANN, when=day("2026-02-03"))
        mark = core.commit(author=ANN, when=day("2026-02-15"), message="more\n")
        mark = core.commit(author=BOB, when=day("2026-03-03"), message="fix\n")
        core.tag("v1.2", mark)  # lightweight: dated by its commit
        base = core.commit(author=CAT, when=day("2026-04-04"), message="first!\n")
        core.tag("v1.3-rc1", base, tagger=ANN, when=day("2026-04-05"))
        side = core.commit(
            author=CAT, when=day("2026-05-05"), message="side\n", ref="side", parents=(base,)
        )
        core.commit(
            author=ANN, when=day("2026-05-20"), message="Merge side\n", parents=(base, side)
        )
    with FastImport(root / "python.git", bare=True) as python:
        python.commit(author=DAN, when=day("2024-09-09"), message="start\n")
        python.commit(author=ANN, when=day("2026-01-20"), message="bindings\n")
        python.commit(author=DAN, when=day("2026-06-01"), message="more bindings\n")


OUTLINE = """\
title: State of Foo
speaker: {name: Ann Example, role: maintainer}
event: {name: FooConf 2026, date: 2026-07-01}
period: {since: 2026-01-01}
repos:
  core: [repos/core]
  bindings: [repos/python.git]
identity:
  bots: ['noreply@weblate\\.org']
slides:
  - kind: title
    notes: Hello
  - kind: stats
    id: people
    title: Contributors
    tiles:
      - {value: "{{ all.contributors }}", caption: contributors}
      - {value: "{{ all.new_contributors }}", caption: new}
      - {value: "{{ all.commits }}", caption: commits}
    text: "{{ releases.count }} releases; {{ all.bot_commits }} bot commit"
    notes: "{{ all.commits_by_new }} commits by new people; core {{ groups.core.commits }}"
  - kind: chart
    title: Commits per year
    chart: commits_by_year
  - kind: chart
    title: Core authors
    chart: authors_by_year
    scope: core
  - kind: bullets
    title: Highlights
    items:
      - One
      - Two:
          - Two and a half
  - kind: closing
"""
