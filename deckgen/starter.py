"""`deckgen init`: a starter outline with every slide of the model talk, for one repository."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from deckgen.errors import DeckgenError
from deckgen.output import write_atomic

STARTER = """\
# A deckgen talk outline: every key is documented in docs/outline.md.
# Build it with:  deckgen build {outline_name}
title: {title}
subtitle: A year in numbers
speaker:
  name: {speaker}
  role: maintainer
  affiliation: ""
event:
  name: Project update {year}
  date: null          # e.g. {today}
  location: ""
# period:             # default: 1 January of the as-of year .. the as-of date
#   since: {year}-01-01
repos:
  core: [{repo_path}]
  # bindings: [../{project}-python, ../{project}-go]
identity:
  bots: ['\\[bot\\]@', 'noreply@weblate\\.org']
  # aliases:
  #   - name: Jane Doe
  #     emails: [jane@old-employer.com, jane@example.org]
slides:
  - kind: title
    notes: Welcome, and thanks for coming.
  - kind: stats
    id: releases
    title: Releases
    tiles:
      - value: "{{{{ releases.count }}}}"
        caption: releases since {{{{ period.since | longdate }}}}
      - value: "{{{{ releases.projected }}}}"
        caption: expected this year
    text: >-
      {{% if releases.cadence_days %}}One release every {{{{ releases.cadence_days | round }}}}
      days.{{% endif %}}
    notes: We released {{{{ releases.count }}}} times so far this year.
  - kind: stats
    id: contributors
    title: Contributors and commits
    tiles:
      - value: "{{{{ all.contributors | thousands }}}}"
        caption: contributors
      - value: "{{{{ all.new_contributors | thousands }}}}"
        caption: of them new
      - value: "{{{{ all.commits | thousands }}}}"
        caption: commits (about {{{{ all.projected_commits | round_to(100) }}}} by year end)
    notes: >-
      {{{{ all.commits_by_new | thousands }}}} commits came from people who had never
      contributed before this year.
  - kind: chart
    id: commits
    title: Commits per year
    chart: commits_by_year
    notes: Old authors have contributed for more than a year; new authors for less.
  - kind: chart
    id: authors
    title: Authors per year
    chart: authors_by_year
    notes: New authors made their first commit that year.
  - kind: bullets
    id: highlights
    title: What happened this year
    items:
      - Infrastructure:
          - Replace with your project's news
      - Technical debt:
          - One bullet per change worth telling
  - kind: closing
    title: Thank you
    items:
      - Come and contribute!
"""


def write_starter(repository: Path, target: Path, *, force: bool, speaker: str) -> None:
    """Write a starter outline at `target` for the git repository `repository`."""
    if not repository.is_dir():
        raise DeckgenError(f"not a folder: {repository}")
    if not ((repository / ".git").exists() or (repository / "HEAD").is_file()):
        raise DeckgenError(
            f"not a git repository: {repository}\n  run deckgen init inside a repository, "
            "or name one: deckgen init PATH/TO/REPO"
        )
    if target.exists() and not force:
        raise DeckgenError(f"{target} already exists; use --force to overwrite it")
    today = datetime.now(UTC).date()
    project = repository.resolve().name.removesuffix(".git") or "project"
    repo_path = Path(os.path.relpath(repository.resolve(), target.parent.resolve())).as_posix()
    text = STARTER.format(
        project=project,
        title=json.dumps(f"State of {project}"),
        speaker=json.dumps(speaker),
        year=today.year,
        today=today.isoformat(),
        repo_path=repo_path,
        outline_name=target.name,
    )
    write_atomic(target, text.encode())
