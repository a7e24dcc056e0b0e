"""`deckgen init`: a starter outline with every slide of the model talk, for one repository.

The starter is a commented text template, so that it reads like an example; every value taken
from the user's machine (the repository's path, the project's and the speaker's names) goes in
through the YAML library, quoted as YAML needs, and the written text is read back through the
outline loader before it is saved. Its slide texts read well for a 10-commit project and a
100k-commit one: counts go through the `plural` filter and estimates through `approx`.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import yaml

from deckgen.errors import DeckgenError, OutlineError
from deckgen.history.locate import FoundRepository
from deckgen.output import write_atomic

STARTER = """\
# A deckgen talk outline: `deckgen help outline` documents every key.
# Build it with:  deckgen build {outline_name}
title: {title}
subtitle: A year in numbers
speaker:
  name: {speaker}
  role: maintainer
  affiliation: ""
event:
  name: {event}
  date: null          # e.g. {as_of}
  location: ""
# period:             # default: 1 January of the as-of year .. the as-of date
#   since: {year}-01-01
repos:
  core: [{repo_path}]
  # bindings: [{python}, {go}]
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
        caption: >-
          {{{{ releases.count | plural('release', number=False) }}}} since
          {{{{ period.since | longdate }}}}
      - value: "{{{{ releases.projected }}}}"
        caption: expected this year
    text: >-
      {{% if releases.cadence_days %}}Typically
      {{{{ releases.cadence_days | round | int | plural('day') }}}} between releases.{{% endif %}}
    notes: We made {{{{ releases.count | plural('release') }}}} so far this year.
  - kind: stats
    id: contributors
    title: Contributors and commits
    tiles:
      - value: "{{{{ all.contributors | thousands }}}}"
        caption: "{{{{ all.contributors | plural('contributor', number=False) }}}}"
      - value: "{{{{ all.new_contributors | thousands }}}}"
        caption: of them new
        rank: "{{{{ all.context.new_contributors | ranked }}}}"
      - value: "{{{{ all.commits | thousands }}}}"
        caption: "{{{{ all.commits | plural('commit', number=False) }}}} so far this year"
    text: >-
      {{% if (all.projected_commits or 0) > all.commits %}}About
      {{{{ all.projected_commits | approx }}}} commits by the end of the year.{{% endif %}}
    notes: >-
      {{{{ all.new_contributors | plural('person', 'people') }}}} contributed for the first
      time this year, with {{{{ all.commits_by_new | plural('commit') }}}}.
      {{{{ all.context.new_contributors | story('newcomer') }}}}.
  - kind: chart
    id: commits
    title: Commits per year
    chart: commits_by_year
    notes: >-
      Old authors have contributed for more than a year; new authors for less.
      {{{{ all.context.commits | story('commit') }}}}.
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


def default_outline(repository: FoundRepository) -> Path:
    """Return where the starter goes: the work tree's top level, or beside a bare repository
    (never inside its git folder), named after it so that siblings differ."""
    if repository.bare:
        name = repository.path.name.removesuffix(".git") or "project"  # as the file system has it
        return repository.path.parent / f"{name}-talk.yaml"
    return repository.path / "talk.yaml"


def starter_text(repository: FoundRepository, target: Path, *, speaker: str, as_of: date) -> str:
    """Return the starter outline for `repository`, to be written at `target`."""
    repo_path = Path(os.path.relpath(repository.path, target.parent.resolve())).as_posix()
    if not _is_utf8(repo_path):
        raise DeckgenError(
            f"cannot write the path of {repository.path} into an outline: it is not UTF-8 text, "
            "and outlines are; write the outline inside the repository (-o) or rename its folder"
        )
    if repo_path.startswith("~"):  # the loader expands a leading ~ to a home folder
        repo_path = f"./{repo_path}"
    project = repository.project
    from deckgen.outline.editorschema import modeline  # pydantic: only when writing

    return (
        modeline()
        + "\n"
        + STARTER.format(
            python=_comment_safe(_scalar(f"../{project}-python")),
            go=_comment_safe(_scalar(f"../{project}-go")),
            title=_scalar(f"State of {project}"),
            speaker=_scalar(speaker),
            event=_scalar(f"Project update {as_of.year}"),
            year=as_of.year,
            as_of=as_of.isoformat(),
            repo_path=_scalar(repo_path),
            outline_name=_comment_safe(target.name),
        )
    )


def write_starter(
    repository: FoundRepository, target: Path, *, force: bool, speaker: str, as_of: date
) -> Path:
    """Write a starter outline at `target` for `repository`, checked by the outline loader, and
    the outline's JSON Schema beside it; return the schema's path."""
    if target.exists() and not force:
        raise DeckgenError(f"{target} already exists; use --force to overwrite it")
    text = starter_text(repository, target, speaker=speaker, as_of=as_of)
    _check_reads_back(text, target, repository)
    write_atomic(target, text.encode())
    return write_schema(target.parent)


def write_schema(folder: Path) -> Path:
    """Write the outline's JSON Schema into `folder`, where the starter's first line points
    editors: a file, so that it matches this deckgen and works offline (docs/outline.md)."""
    from deckgen.outline.editorschema import SCHEMA_FILE, schema_text

    path = folder / SCHEMA_FILE
    write_atomic(path, schema_text().encode())
    return path


def _is_utf8(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _scalar(value: str) -> str:
    """Return `value` as a YAML scalar that is safe anywhere, even inside a flow list `[…]`."""
    flow = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=1 << 30)
    return flow.strip().removeprefix("[").removesuffix("]")


def _comment_safe(value: str) -> str:
    """Return `value` for a comment line: on one line, whatever the name holds."""
    return " ".join(value.splitlines())


def _check_reads_back(text: str, target: Path, repository: FoundRepository) -> None:
    """Read the starter back through the outline loader: its repository must be `repository`."""
    from deckgen.outline import parse_outline  # the loader pulls in pydantic: only when writing

    try:
        document = parse_outline(text, target)
    except OutlineError as exc:
        raise DeckgenError(f"cannot write a starter for {repository.path}: {exc}") from None
    found = document.outline.repos["core"][0].path
    if found is None or found.resolve() != repository.path:
        raise DeckgenError(
            f"cannot write a starter for {repository.path}: its path reads back as {found}; "
            "name the repository in the outline by hand"
        )
