"""The bad-input catalogue: every error a user can hit, its message asserted exactly through the
CLI, and docs/errors.md generated from the same table (DECKGEN_REGEN_DOCS=1 rewrites it).

Each case edits the fixture talk of tests/project.py (tests/robustness/workspace.py), runs
`deckgen validate` or `deckgen build` in the talk folder, and expects exit status 1, no
traceback, nothing on stdout, and exactly `message` on stderr. Paths below the talk folder are
shown as /srv/talk.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from deckgen import cli
from deckgen.errors import DeckgenError
from tests.plugins import install_plugin, uninstall_plugin
from tests.project import OUTLINE
from tests.robustness.workspace import AS_OF, make_workspace, run

DOC = Path(__file__).resolve().parents[2] / "docs" / "errors.md"
SHOWN_ROOT = "/srv/talk"
START, END = "<!-- catalogue: start -->", "<!-- catalogue: end -->"

BOMB = "\n".join(
    ["title: x", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(8)]
)


@dataclass(frozen=True)
class Case:
    id: str
    error: str
    """The `DeckgenError` subclass (or `warning`), as the doc names it."""
    example: str
    """The input, as the doc shows it (Markdown)."""
    message: str
    """Exactly what deckgen prints on stderr."""
    command: str = "validate"
    replace: tuple[tuple[str, str], ...] = ()
    """Edits of the fixture outline (old, new), each of which must apply."""
    text: str | bytes | None = None
    """The whole outline instead of an edited fixture."""
    args: tuple[str, ...] = ()
    outline: str = "talk.yaml"
    """The outline file the command is given; `nope.yaml` is never written."""
    exit_code: int = 1
    no_programs: tuple[str, ...] = ()
    """Programs the command must not find on PATH."""
    no_modules: tuple[str, ...] = ()
    """Python packages the command must not be able to import."""
    plugin: str = ""
    """A line of entry_points.txt for tests/plugins.py's package, installed for the case."""


IMAGE_SLIDE = "  - kind: closing\n  - {kind: image, title: The forge, image: %s}\n"
NEWS_SLIDE = "  - kind: closing\n  - {kind: news, title: What is new}\n"

CASES = [
    Case(
        "yaml-syntax",
        "OutlineError",
        "`title: [State of Foo`",
        "error: talk.yaml:2:8: YAML syntax error: expected ',' or ']', but got ':' (while "
        "parsing a flow sequence that starts at line 1, column 8); check the quoting and "
        "indentation here and on the lines above",
        replace=(("title: State of Foo", "title: [State of Foo"),),
    ),
    Case(
        "not-utf8",
        "OutlineError",
        "an outline saved as Latin-1: `title: Caf\\xe9`",
        "error: talk.yaml:1:1: not a UTF-8 text file (invalid continuation byte at byte 10); "
        "save it as UTF-8",
        text=b"title: Caf\xe9\n",
    ),
    Case(
        "empty-file",
        "OutlineError",
        "an empty file",
        "error: talk.yaml:1:1: the file is empty; an outline is a YAML mapping (see "
        "`deckgen help outline`)",
        text="",
    ),
    Case(
        "not-a-mapping",
        "OutlineError",
        "`- title: State of Foo`",
        "error: talk.yaml:1:1: expected a mapping of keys such as 'title', 'repos' and "
        "'slides' at the top of the outline",
        text="- title: State of Foo\n",
    ),
    Case(
        "too-large",
        "OutlineError",
        "an outline of more than 2 MiB",
        "error: talk.yaml is larger than 2048 KiB; an outline is a short text file",
        text="title: x\n" + "#" * (2 * 1024 * 1024),
    ),
    Case(
        "alias-bomb",
        "OutlineError",
        "a 'billion laughs' of nested aliases",
        "error: talk.yaml:2:48: e[7][8][8][8][8]: more than 100,000 YAML nodes (an alias bomb?)",
        text=BOMB,
    ),
    Case(
        "recursive-alias",
        "OutlineError",
        "`title: &t [*t]`",
        "error: talk.yaml:1:8: title[0]: a YAML alias refers to a value that contains it",
        replace=(("title: State of Foo", "title: &t [*t]"),),
    ),
    Case(
        "yaml-tag",
        "OutlineError",
        '`title: !!python/object/apply:os.system ["ls"]`',
        "error: talk.yaml:1:8: title: YAML tag '!!python/object/apply:os.system' is not allowed: "
        "outlines are plain data (strings, numbers, lists, mappings); remove the tag",
        replace=(("title: State of Foo", 'title: !!python/object/apply:os.system ["ls"]'),),
    ),
    Case(
        "duplicate-key",
        "OutlineError",
        "`title:` twice",
        "error: talk.yaml:2:1: title: duplicate key: it is already set above",
        replace=(("title: State of Foo\n", "title: State of Foo\ntitle: Foo\n"),),
    ),
    Case(
        "wrong-type",
        "OutlineError",
        "`speaker: Ann Example`",
        "error: talk.yaml:2:10: speaker: expected a mapping, got 'Ann Example'",
        replace=(("speaker: {name: Ann Example, role: maintainer}", "speaker: Ann Example"),),
    ),
    Case(
        "missing-key",
        "OutlineError",
        "`speaker: {role: maintainer}`",
        "error: talk.yaml:2:10: speaker.name: required key is missing",
        replace=(("{name: Ann Example, role: maintainer}", "{role: maintainer}"),),
    ),
    Case(
        "unknown-key",
        "OutlineError",
        "`notse: Hello` in a slide",
        "error: talk.yaml:12:5: slides[0].notse: unknown key 'notse'; did you mean 'notes'?",
        replace=(("    notes: Hello", "    notse: Hello"),),
    ),
    Case(
        "unknown-slide-kind",
        "OutlineError",
        "`kind: closer`",
        "error: talk.yaml:35:11: slides[5].kind: expected one of 'bullets', 'chart', "
        "'chart_bullets', 'closing', 'image', 'news', 'quote', 'section', 'stats', 'table', "
        "'title', got 'closer'; did you mean 'closing'?",
        replace=(("kind: closing", "kind: closer"),),
    ),
    Case(
        "unknown-chart-kind",
        "OutlineError",
        "`chart: pie`",
        "error: talk.yaml:24:12: slides[2].chart: expected one of 'authors_by_year', "
        "'commits_by_new_same_window', 'commits_by_release', 'commits_by_year', "
        "'commits_same_window', 'components', 'contributors_same_window', 'contributors_trend', "
        "'groups_compare', 'new_contributors_by_year', 'new_contributors_same_window', "
        "'orgs_share', 'releases_by_year', 'releases_same_window', 'reviews_by_year', got 'pie'",
        replace=(("chart: commits_by_year", "chart: pie"),),
    ),
    Case(
        "unknown-scope",
        "OutlineError",
        "`scope: cor`",
        "error: talk.yaml:28:12: slides[3].scope: expected one of 'all', 'core', 'bindings', "
        "'repo:core', 'repo:python', got 'cor'",
        replace=(("scope: core", "scope: cor"),),
    ),
    Case(
        "missing-repository",
        "OutlineError",
        "`bindings: [repos/nope]`",
        "error: talk.yaml:7:14: repos.bindings[0]: repository not found: /srv/talk/repos/nope",
        replace=(("repos/python.git", "repos/nope"),),
    ),
    Case(
        "not-a-git-repository",
        "OutlineError",
        "`bindings: [plain]` (a folder)",
        "error: talk.yaml:7:14: repos.bindings[0]: not a git repository: /srv/talk/plain",
        replace=(("repos/python.git", "plain"),),
    ),
    Case(
        "empty-repository",
        "warning",
        "`bindings: [empty]` (`git init`, no commit): built, exit 0 (3 with `--strict`)",
        "warning: repository 'empty' (group 'bindings') has no commits at HEAD; is it the "
        "right repository and revision?",
        command="build",
        replace=(("repos/python.git", "empty"),),
        exit_code=0,
    ),
    Case(
        "credit-trailer-malformed",
        "warning",
        "`credit_trailers: [Reviewed-by, Tested-by]`, a commit with `Reviewed-by: Bo "
        "<bo@example.org` (no `>`) and one with `Tested-by: Bo` (no e-mail): built, exit 0 (3 with "
        "`--strict`)",
        "warning: repository 'credited': 1 credit trailer is malformed (the first: 'Reviewed-by: "
        "Bo <bo@example.org' in cc9797f); counted for nobody\nwarning: repository 'credited': 1 "
        "credit trailer names no e-mail (the first: 'Tested-by: Bo' in c704715); counted by that "
        "name, as git shortlog does",
        command="build",
        replace=(
            ("repos/python.git", "credited"),
            ("identity:\n", "identity:\n  credit_trailers: [Reviewed-by, Tested-by]\n"),
        ),
        exit_code=0,
    ),
    Case(
        "credit-trailer-key",
        "OutlineError",
        "`credit_trailers: [Reviewed by]`",
        "error: talk.yaml:9:20: identity.credit_trailers: 'Reviewed by' is not a trailer key "
        "(letters, digits and hyphens, e.g. Reviewed-by)",
        replace=(("identity:\n", "identity:\n  credit_trailers: [Reviewed by]\n"),),
    ),
    Case(
        "as-of-before-every-commit",
        "NothingToShowError",
        "`--as-of 2017-12-31`, before the first commit of every repository",
        "error: nothing to show as of 2017-12-31: every commit is later; the first, e836840 in "
        "'core', is dated 2018-03-01: pass --as-of 2018-03-01 or later",
        command="build",
        args=("--as-of", "2017-12-31"),
    ),
    Case(
        "every-repository-empty",
        "NothingToShowError",
        "`core: [empty]` and no other repository with a commit",
        "error: nothing to show: no repository has a commit ('empty' at HEAD); check the paths "
        "in `repos` and their `rev`",
        command="build",
        replace=(("core: [repos/core]\n  bindings: [repos/python.git]", "core: [empty]"),),
    ),
    Case(
        "shallow-repository",
        "HistoryError",
        "`core: [shallow]` (`git clone --depth 2`)",
        "error: talk.yaml:6:10: repos.core[0]: shallow clone: /srv/talk/shallow has only part "
        "of its history, so its numbers would be wrong; fetch the whole history with `git -C "
        "/srv/talk/shallow fetch --unshallow` (GitHub Actions: `fetch-depth: 0` in "
        "actions/checkout; GitLab CI: `GIT_DEPTH: 0`)",
        command="build",
        replace=(("core: [repos/core]", "core: [shallow]"),),
    ),
    Case(
        "unknown-revision",
        "HistoryError",
        "`core: [{path: repos/core, rev: v9.9}]`",
        "error: talk.yaml:6:10: repos.core[0]: unknown revision 'v9.9' in /srv/talk/repos/core; "
        "`rev` must name a branch, tag or commit of that repository (git branch -a; git tag)",
        command="build",
        replace=(("core: [repos/core]", "core: [{path: repos/core, rev: v9.9}]"),),
    ),
    Case(
        "bad-regular-expression",
        "OutlineError",
        "`bots: ['[bot']`",
        "error: talk.yaml:9:10: identity.bots[0]: not a valid regular expression (unterminated "
        "character set at position 0): '[bot'",
        replace=(("bots: ['noreply@weblate\\.org']", "bots: ['[bot']"),),
    ),
    Case(
        "bad-component-glob",
        "OutlineError",
        "`components: {drivers: [/src/qemu/]}` in a repository",
        "error: talk.yaml:6:52: repos.core[0].components.drivers[0]: paths are relative to the "
        "repository's top: write 'src/qemu/', not '/src/qemu/'",
        replace=(
            (
                "core: [repos/core]",
                "core: [{path: repos/core, components: {drivers: [/src/qemu/]}}]",
            ),
        ),
    ),
    Case(
        "components-of-unknown-group",
        "OutlineError",
        "`components: {cor: {docs: ['*.rst']}}`",
        "error: talk.yaml:8:19: components.cor: expected one of the groups 'core', 'bindings', "
        "got 'cor'; did you mean 'core'?",
        replace=(("identity:", "components: {cor: {docs: ['*.rst']}}\nidentity:"),),
    ),
    Case(
        "idle-component-glob",
        "warning",
        "`components: {core: {xen: [src/xen/]}}`, no commit ever changed src/xen/: "
        "built, exit 0 (3 with `--strict`)",
        "warning: component 'xen' of repository 'core': glob 'src/xen/' matches no path any "
        "commit changed up to 2026-06-30",
        command="build",
        replace=(("identity:", "components: {core: {xen: [src/xen/]}}\nidentity:"),),
        exit_code=0,
    ),
    Case(
        "bad-date",
        "OutlineError",
        "`period: {since: 2026-02-30}`",
        "error: talk.yaml:4:17: period.since: expected a date such as 2026-05-31 or one of "
        "'year_start', 'last_release', 'tag:NAME', got '2026-02-30'",
        replace=(("since: 2026-01-01", "since: 2026-02-30"),),
    ),
    Case(
        "period-in-the-future",
        "OutlineError",
        "`period: {since: 2026-01-01, until: 2026-12-31}` with `--as-of 2026-06-30`",
        "error: talk.yaml:4:36: period.until: 2026-12-31 is after the as-of date 2026-06-30: a "
        "period cannot end in the future; end it by the as-of date, or pass a later --as-of",
        command="build",
        replace=(("since: 2026-01-01", "since: 2026-01-01, until: 2026-12-31"),),
    ),
    Case(
        "unknown-release",
        "OutlineError",
        "`period: {since: tag:v9.9}`",
        "error: talk.yaml:4:17: period.since: 'tag:v9.9': no release named 'v9.9' (latest: "
        "v1.0, v1.1, v1.2)",
        command="build",
        replace=(("since: 2026-01-01", "since: 'tag:v9.9'"),),
    ),
    Case(
        "unknown-range-revision",
        "OutlineError",
        "`period: {range: v1.1..v9.9}`",
        "error: talk.yaml:4:17: period.range: unknown revision 'v9.9': no repository of the "
        "outline has it; name tags or commits (git tag; git log --oneline)",
        command="build",
        replace=(("since: 2026-01-01", "range: v1.1..v9.9"),),
    ),
    Case(
        "malformed-range",
        "OutlineError",
        "`period: {range: v1.1...v1.2}`",
        "error: talk.yaml:4:17: period.range: expected two revisions as 'A..B' (e.g. "
        "'v6.7.0..v6.8.0'), got 'v1.1...v1.2'",
        replace=(("since: 2026-01-01", "range: v1.1...v1.2"),),
    ),
    Case(
        "undefined-name",
        "TextError",
        "`{{ contributers }}`",
        "error: talk.yaml:17:17: slide 2 (id: people), tiles[0].value: 'contributers' is "
        "undefined; `deckgen help outline` lists the names a template can use\nerror:   in "
        "template: "
        "{{ contributers }}",
        command="build",
        replace=(("{{ all.contributors }}", "{{ contributers }}"),),
    ),
    Case(
        "undefined-attribute",
        "TextError",
        "`{{ all.contributers }}`",
        "error: talk.yaml:17:17: slide 2 (id: people), tiles[0].value: 'ScopeMetrics object' "
        "has no attribute 'contributers'; did you mean 'contributors'?\nerror:   in template: "
        "{{ all.contributers }}",
        command="build",
        replace=(("{{ all.contributors }}", "{{ all.contributers }}"),),
    ),
    Case(
        "template-syntax",
        "TextError",
        "`{{ releases.count } releases`",
        "error: talk.yaml:20:11: slide 2 (id: people), text: template syntax error: unexpected "
        "'}'\nerror:   in template: {{ releases.count } releases; {{ all.bot_commits }} bot "
        "commit",
        replace=(("{{ releases.count }}", "{{ releases.count }"),),
    ),
    Case(
        "outline-text-syntax",
        "TextError",
        '`event: {name: "FooConf {{ as_of.year }"}`',
        "error: talk.yaml:3:15: event.name: template syntax error: unexpected '}'\n"
        "error:   in template: FooConf {{ as_of.year }",
        replace=(("{name: FooConf 2026,", '{name: "FooConf {{ as_of.year }",'),),
    ),
    Case(
        "outline-text-uses-outline",
        "TextError",
        '`title: "{{ outline.event.name }} report"`',
        "error: talk.yaml:1:8: title: 'outline' cannot be used in the title, subtitle, speaker "
        "or event: those are rendered before it exists; write the text itself, or put it in "
        "`vars`\nerror:   in template: {{ outline.event.name }} report",
        replace=(("title: State of Foo", 'title: "{{ outline.event.name }} report"'),),
    ),
    Case(
        "template-code-in-a-value",
        "TextError",
        '`speaker: {name: "{{ vars.who }}"}` with `vars: {who: "{{ x }}"}`',
        "error: talk.yaml:2:17: speaker.name: the rendered text holds '{{', template code a "
        "deck must not show; a value the template inserts (such as a var) contains it\n"
        "error:   in template: {{ vars.who }}",
        command="build",
        replace=(
            ("name: Ann Example", 'name: "{{ vars.who }}"'),
            ("identity:", "vars: {who: '{{ x }}'}\nidentity:"),
        ),
    ),
    Case(
        "sandbox",
        "TextError",
        "`notes: \"{{ ''.__class__.__mro__ }}\"`",
        "error: talk.yaml:12:12: slide 1, notes: SecurityError: access to attribute "
        "'__class__' of 'str' object is unsafe.\nerror:   in template: {{ ''.__class__.__mro__ "
        "}}",
        command="build",
        replace=(("notes: Hello", "notes: \"{{ ''.__class__.__mro__ }}\""),),
    ),
    Case(
        "chart-cannot-be-drawn",
        "RenderError",
        "`chart: orgs_share` without `identity.affiliations`",
        "error: talk.yaml:22:5: slides[2]: chart 'orgs_share': no affiliations configured: add "
        "identity.affiliations",
        command="build",
        replace=(("chart: commits_by_year", "chart: orgs_share"),),
    ),
    Case(
        "components-chart-without-components",
        "RenderError",
        "`chart: components` without `components`",
        "error: talk.yaml:22:5: slides[2]: chart 'components': no components: add `components` "
        "to the outline (`deckgen help outline`)",
        command="build",
        replace=(("chart: commits_by_year", "chart: components"),),
    ),
    Case(
        "theme-not-found",
        "DeckError",
        "`template: theme.pptx` (no such file)",
        "error: talk.yaml:8:11: template: /srv/talk/theme.pptx: cannot read it (No such file "
        "or directory)",
        replace=(("identity:", "template: theme.pptx\nidentity:"),),
    ),
    Case(
        "theme-not-a-presentation",
        "DeckError",
        "`template: notes.png` (a text file)",
        "error: talk.yaml:8:11: template: /srv/talk/notes.png: not a PowerPoint presentation "
        "or template",
        replace=(("identity:", "template: notes.png\nidentity:"),),
    ),
    Case(
        "theme-without-layout",
        "DeckError",
        "`template: renamed.pptx` (its layouts renamed)",
        "error: talk.yaml:8:11: template: /srv/talk/renamed.pptx: no layout named 'Title' (for "
        "title slides), 'Section' (for section slides), 'Content' (for bullets slides), 'Two "
        "Content' (for bullets-2col slides), 'Big Numbers' (for stats slides), 'Picture with "
        "Caption' (for chart slides), 'Two Content' (for chart_bullets slides), 'Content' (for "
        "table slides), 'Picture with Caption' (for image slides), 'Section' (for quote "
        "slides), 'Closing' (for closing slides); the template has: 'Old Title', 'Old "
        "Section', 'Old Content', 'Old Two Content', 'Old Big Numbers', 'Old Picture with "
        "Caption', 'Old Closing'; choose others with `layouts:` in the outline",
        replace=(("identity:", "template: renamed.pptx\nidentity:"),),
    ),
    Case(
        "image-not-found",
        "OutlineError",
        "`{kind: image, image: forge.png}` (no such file)",
        "error: talk.yaml:36:44: slides[6].image: picture not found: /srv/talk/forge.png",
        replace=(("  - kind: closing\n", IMAGE_SLIDE % "forge.png"),),
    ),
    Case(
        "not-an-image",
        "OutlineError",
        "`{kind: image, image: notes.png}` (a text file)",
        "error: talk.yaml:36:44: slides[6].image: not a PNG, JPEG or GIF picture: "
        "/srv/talk/notes.png",
        replace=(("  - kind: closing\n", IMAGE_SLIDE % "notes.png"),),
    ),
    Case(
        "outside-the-tree",
        "OutlineError",
        "`template: /etc/passwd`",
        "error: talk.yaml:8:11: template: /etc/passwd is outside the outline's folder "
        "/srv/talk; move it there, or allow its folder with --allow-outside /etc",
        replace=(("identity:", "template: /etc/passwd\nidentity:"),),
    ),
    Case(
        "news-file-not-found",
        "NewsError",
        "`news: {file: NOPE.rst}` and a `news` slide",
        "error: talk.yaml:8:14: news.file: news file 'NOPE.rst' not found at revision 'HEAD' "
        "in /srv/talk/repos/core",
        command="build",
        replace=(
            ("identity:", "news: {file: NOPE.rst}\nidentity:"),
            ("  - kind: closing\n", NEWS_SLIDE),
        ),
    ),
    Case(
        "news-unknown-repository",
        "OutlineError",
        "`news: {repo: pyhton}`",
        "error: talk.yaml:8:14: news.repo: expected one of the repositories 'core', 'python', "
        "got 'pyhton'",
        command="build",
        replace=(
            ("identity:", "news: {repo: pyhton}\nidentity:"),
            ("  - kind: closing\n", NEWS_SLIDE),
        ),
    ),
    Case(
        "extends-cycle",
        "OutlineError",
        "`a.yaml`: `extends: b.yaml`; `b.yaml`: `extends: a.yaml`",
        "error: b.yaml:1:10: extends: extends cycle: a.yaml → b.yaml → a.yaml",
        text="extends: b.yaml\n",
        outline="a.yaml",
    ),
    Case(
        "extends-not-found",
        "OutlineError",
        "`extends: base.yaml` (no such file)",
        "error: talk.yaml:1:10: extends: /srv/talk/base.yaml not found",
        replace=(("title: State of Foo\n", "extends: base.yaml\ntitle: State of Foo\n"),),
    ),
    Case(
        "set-missing-index",
        "OutlineError",
        "`--set slides.9.title=Hi` (6 slides)",
        "error: --set slides.9.title=Hi: slides is a list of 6; expected an index from 0 to 5, "
        "got 9",
        args=("--set", "slides.9.title=Hi"),
    ),
    Case(
        "set-inside-text",
        "OutlineError",
        "`--set event.name.short=Foo`",
        "error: --set event.name.short=Foo: event.name is 'FooConf 2026', not a mapping; --set "
        "cannot set a key inside it",
        args=("--set", "event.name.short=Foo"),
    ),
    Case(
        "set-unknown-key",
        "OutlineError",
        "`--set evnt.name=Foo`",
        "error: --set evnt.name=Foo: evnt: unknown key 'evnt'; did you mean 'event'?",
        args=("--set", "evnt.name=Foo"),
    ),
    Case(
        "set-malformed",
        "OutlineError",
        "`--set event.name`",
        "error: --set event.name: expected KEY.PATH=VALUE, got 'event.name'",
        args=("--set", "event.name"),
    ),
    Case(
        "outline-not-found",
        "OutlineError",
        "`deckgen validate nope.yaml`",
        "error: file not found: nope.yaml",
        args=(),
        outline="nope.yaml",
    ),
    Case(
        "output-folder-missing",
        "OutputError",
        "`-o missing/deck.pptx`",
        "error: output folder does not exist: missing\nerror:   create it first (mkdir -p "
        "missing) or choose another path with -o",
        command="build",
        args=("-o", "missing/deck.pptx"),
    ),
    Case(
        "output-without-suffix",
        "OutputError",
        "`-o deck` (a deck without `.pptx`)",
        "error: the deck must be a .pptx file: deck\nerror:   PowerPoint and LibreOffice open a "
        "deck by its name; use -o deck.pptx",
        command="build",
        args=("-o", "deck"),
    ),
    Case(
        "odp-without-libreoffice",
        "MissingToolError",
        "`deckgen build talk.yaml --odp` where LibreOffice is not installed",
        "error: LibreOffice (soffice) is not installed (--odp needs it); install it with: sudo "
        "apt-get install --no-install-recommends libreoffice-impress "
        "(https://www.libreoffice.org/download/ elsewhere)",
        command="build",
        args=("--odp",),
        no_programs=("soffice", "libreoffice"),
    ),
    Case(
        "watch-without-watchfiles",
        "MissingToolError",
        "`deckgen build talk.yaml --watch` where the `watch` extra is not installed",
        "error: watchfiles is not installed (build --watch needs it); install it with: pip "
        "install 'deckgen-talk[watch]'",
        command="build",
        args=("--watch",),
        no_modules=("watchfiles",),
    ),
    Case(
        "plugin-not-a-kind",
        "PluginError",
        "an installed package's `banner = deckbanner:BannerKind` in the entry-point group "
        "`deckgen.slide_kinds` (a renderer, not a schema), and a `{kind: banner}` slide",
        "error: slide kind plug-in 'banner' (deckbanner:BannerKind): expected a subclass of "
        "SlideSpec, got <class 'deckbanner.BannerKind'>",
        replace=(("  - kind: closing\n", "  - kind: closing\n  - kind: banner\n"),),
        plugin="banner = deckbanner:BannerKind",
    ),
]


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("talk").resolve())


def prepare(case: Case, talk: Path) -> Path:
    """Write the case's outline into the talk folder and return it."""
    target = talk / case.outline
    if case.outline == "nope.yaml":
        return target
    if case.text is not None:
        data = case.text if isinstance(case.text, bytes) else case.text.encode()
        target.write_bytes(data)
        return target
    text = OUTLINE
    for old, new in case.replace:
        assert old in text, f"{case.id}: {old!r} is not in the fixture outline"
        text = text.replace(old, new, 1)
    target.write_text(text)
    return target


def record_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Return the list the class names of the `DeckgenError`s the CLI reports will go to."""
    seen: list[str] = []
    original = cli._user_errors

    @contextmanager
    def recording(ctx: click.Context) -> Iterator[None]:
        with original(ctx):
            try:
                yield
            except DeckgenError as exc:
                seen.append(type(exc).__name__)
                raise

    monkeypatch.setattr(cli, "_user_errors", recording)
    return seen


def hide(case: Case, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the case's programs and Python packages impossible to find: PATH becomes `folder`
    of links to every other program on it, and an import of a package in `sys.modules` as None
    raises ImportError."""
    for name in case.no_modules:
        monkeypatch.setitem(sys.modules, name, None)
    if not case.no_programs:
        return
    folder.mkdir(exist_ok=True)
    for entry in reversed(os.environ["PATH"].split(os.pathsep)):  # the first on PATH wins
        for program in Path(entry).glob("*") if Path(entry).is_dir() else ():
            if program.name not in case.no_programs and os.access(program, os.X_OK):
                (folder / program.name).unlink(missing_ok=True)
                (folder / program.name).symlink_to(program)
    monkeypatch.setenv("PATH", str(folder))


def invoke(case: Case, talk: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.chdir(talk)
    hide(case, talk.parent / f"bin-{case.id}", monkeypatch)
    outline = prepare(case, talk)
    args = [case.command, outline.name, *case.args]
    if case.command == "build":
        args += [] if "--as-of" in case.args else ["--as-of", AS_OF]
        if "-o" not in case.args:
            args += ["-o", "out/deck.pptx"]
    code, stdout, stderr = run(*args)
    return code, stdout, stderr.replace(str(talk), SHOWN_ROOT)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_message(case: Case, talk: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    deck = talk / "out" / "deck.pptx"
    deck.unlink(missing_ok=True)
    seen = record_errors(monkeypatch)
    if case.plugin:
        install_plugin(tmp_path / "site", case.plugin, monkeypatch)
    try:
        code, stdout, stderr = invoke(case, talk, monkeypatch)
    finally:
        if case.plugin:
            uninstall_plugin()
    assert "Traceback" not in stderr
    assert stderr == case.message + "\n"
    assert code == case.exit_code
    assert seen == ([] if case.error == "warning" else [case.error])
    if case.exit_code == 1:
        assert stdout == ""
        assert not deck.exists()


def render_table() -> str:
    """Return the Markdown table of the catalogue, as docs/errors.md holds it."""
    rows = ["| error | example input | what deckgen prints |", "|---|---|---|"]
    for case in CASES:
        lines = case.message.replace("|", "\\|").splitlines()
        shown = "<br>".join(f"`` {line} ``" for line in lines)
        rows.append(f"| `{case.error}` | {case.example} | {shown} |")
    return "\n".join(rows)


def test_the_doc_shows_the_catalogue() -> None:
    text = DOC.read_text()
    table = render_table()
    pattern = re.compile(re.escape(START) + r"\n(.*?)" + re.escape(END), re.S)
    if os.environ.get("DECKGEN_REGEN_DOCS"):
        DOC.write_text(pattern.sub(lambda _: f"{START}\n{table}\n{END}", text))
        text = DOC.read_text()
    found = pattern.search(text)
    assert found, f"{DOC} has no {START} … {END} section"
    assert found.group(1) == table + "\n", "docs/errors.md is stale: run with DECKGEN_REGEN_DOCS=1"
