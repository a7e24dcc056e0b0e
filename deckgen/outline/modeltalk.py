"""The model talk: the slides of an outline that lists none (docs/outline.md, "The model talk").

An outline of only `repos:` builds this talk: title; releases; contributors and commits; commits
and authors per year; closing. Its texts must be true for any project on any day: no release,
one release, one contributor, a period that is not a calendar year. It is kept as YAML, as a user
would write it, so that overlays (`only`, `skip`, `slides_patch`) and `--print-config` see it as
if the outline had listed it.
"""

from __future__ import annotations

from typing import Any

import yaml

MODEL_TALK = r"""
- kind: title
  id: title

- kind: stats
  id: releases
  title: Releases
  tiles:
    - value: "{{ releases.count }}"
      caption: >-
        {{ releases.count | plural('release', number=False) }} since
        {{ period.since | longdate }}
    - value: "{{ releases.projected if releases.cadence_days else '–' }}"
      caption: expected by 31 December {{ period.until.year }}
    - value: "{{ releases.cadence_days | round | int if releases.cadence_days else '–' }}"
      caption: >-
        {{ 'day' if releases.cadence_days and releases.cadence_days | round | int == 1
        else 'days' }} between releases (median)
  text: >-
    {% if releases.list %}{% set latest = releases.list | last %}The latest:
    {{ latest.name }}, on {{ latest.date | longdate }}.{% else %}No release between
    {{ period.since | longdate }} and {{ period.until | longdate }}.{% endif %}
  notes: >-
    {{ 'No' if releases.count == 0 else releases.count }}
    {{ releases.count | plural('release', number=False) }} between
    {{ period.since | longdate }} and {{ period.until | longdate }}.
    {%- if releases.cadence_days %} Releases come every
    {{ releases.cadence_days | round | int }}
    {{ (releases.cadence_days | round | int) | plural('day', number=False) }} (the median gap); at
    that pace we will have {{ releases.projected }} by 31 December.
    {%- else %} There are too few releases yet to tell a pace.{% endif %}

- kind: stats
  id: contributors
  title: Contributors and commits
  tiles:
    - value: "{{ all.contributors | thousands }}"
      caption: "{{ all.contributors | plural('contributor', number=False) }}"
    - value: "{{ all.new_contributors | thousands }}"
      caption: >-
        {{ 'of them new' if all.new_contributors else 'new contributors' }}
    - value: "{{ all.commits | thousands }}"
      caption: >-
        {{ all.commits | plural('commit', number=False) }} since {{ period.since | longdate }}
  text: >-
    {% if (all.projected_commits or 0) > all.commits %}If the current rate continues: about
    {{ all.projected_commits | round_to(100) if all.projected_commits >= 1000
    else all.projected_commits }} commits by 31 December {{ period.until.year }}.{% endif %}
  notes: >-
    {{ all.contributors | thousands }}
    {{ all.contributors | plural('person', number=False) }} committed between
    {{ period.since | longdate }} and {{ period.until | longdate }}
    {%- if all.new_contributors %};
    {{ all.new_contributors | thousands }} of them made their first commit in that time,
    {{ all.commits_by_new | thousands }}
    {{ all.commits_by_new | plural('commit', number=False) }} in all{% endif %}.
    {%- if all.bot_commits %} Bots made {{ all.bot_commits | thousands }} more
    {{ all.bot_commits | plural('commit', number=False) }}, left out of these counts.
    {%- endif %}
    {{ all.context.contributors | story('contributor') }}.

- kind: chart
  id: commits-by-year
  title: Commits per year
  chart: commits_by_year
  caption: Old authors have contributed for more than a year, new authors for less.
  notes: >-
    Every commit, by the calendar year it was written in. A commit counts as an old author's
    when its author's first commit was more than a year before it.
    {{ all.context.commits | story('commit') }}.

- kind: chart
  id: authors-by-year
  title: Authors per year
  chart: authors_by_year
  caption: New authors made their first commit that year.
  notes: >-
    Everyone who committed in a year; the new ones made their first commit that year.
    {%- if period.until.year in all.by_year %}{% set year = all.by_year[period.until.year] %}
    Up to {{ period.until | longdate }}: {{ year.authors | thousands }}
    {{ year.authors | plural('author', number=False) }}, {{ year.authors_new | thousands }}
    of them new.{% endif %}
    {{ all.context.new_contributors | story('new author') }}.

- kind: closing
  id: closing
  notes: >-
    Thank you{% if all.contributors %} to the {{ all.contributors | thousands }}
    {{ all.contributors | plural('person', number=False) }} who made these numbers{% endif %}.
"""
"""The model talk's slides, as an outline would list them under `slides:`."""


def model_talk_slides() -> list[dict[str, Any]]:
    """Return a fresh copy of the model talk's slides as raw outline data."""
    slides: list[dict[str, Any]] = yaml.safe_load(MODEL_TALK)
    return slides
