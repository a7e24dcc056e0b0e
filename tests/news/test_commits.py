"""Entries from conventional-commit subjects."""

from __future__ import annotations

from datetime import date

from deckgen.news import parse_conventional_commits

DAY = date(2024, 5, 6)


def test_types_scopes_and_breaking_changes() -> None:
    subjects = [
        "feat: add dark mode",
        "feat(parser): support `YAML` anchors",
        "feat!: drop the v1 API",
        "fix(cli)!: exit with status 2",
        "perf: cache the index",
        "docs: typo",
        "chore(deps): bump foo",
        "Merge branch 'main'",
        'Revert "feat: add dark mode"',
        "feat:missing space",
    ]
    entries = parse_conventional_commits([(s, DAY) for s in subjects], release="v2.0.0")
    assert [(e.category, e.heading, e.title, e.component) for e in entries] == [
        ("new", "Features", "add dark mode", None),
        ("new", "Features", "support YAML anchors", "parser"),
        ("new", "Features", "drop the v1 API", None),
        ("fixed", "Bug Fixes", "exit with status 2", "cli"),
        ("improved", "Performance Improvements", "cache the index", None),
    ]
    assert entries[1].title_markup == "feat(parser): support `YAML` anchors"
    assert {(e.release, e.date, e.body) for e in entries} == {("v2.0.0", DAY, "")}


def test_release_defaults_to_empty() -> None:
    [entry] = parse_conventional_commits([("fix: x", None)])
    assert (entry.release, entry.date, entry.unreleased) == ("", None, False)
