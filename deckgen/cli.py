"""The `deckgen` command line: the only module that talks to the terminal."""

from __future__ import annotations

import functools
import json
import os
import shlex
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from deckgen.build import OutlineSource
from deckgen.errors import DeckgenError
from deckgen.helpdocs import TOPICS
from deckgen.plaintable import PLAIN_WIDTH, Column, render, surely_plain
from deckgen.plural import plural

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USER_ERROR = 1
"""A problem in the user's input: outline, repository, output path."""
EXIT_WARNINGS = 3
"""`--strict` and the build had warnings."""


class _LazyConsole:
    """A rich `Console` made when it is first used: rich (about 0.05 s to import) is imported
    only when something is printed through it, not before git starts, and not at all by a
    `deckgen metrics` whose table goes to a file and which has nothing else to say."""

    def __init__(self, *, stderr: bool) -> None:
        self.stderr = stderr
        self.made: Console | None = None

    def console(self) -> Console:
        if self.made is None:
            from rich.console import Console

            # markup off: a path such as `talks/[draft]/talk.yaml` is printed as it is
            self.made = Console(stderr=self.stderr, highlight=False, soft_wrap=True, markup=False)
        return self.made

    def __getattr__(self, name: str) -> Any:
        return getattr(self.console(), name)


stdout = cast("Console", _LazyConsole(stderr=False))
stderr = cast("Console", _LazyConsole(stderr=True))


def _console(console: Console) -> Console:
    """Return `console` itself (not its stand-in), for rich code that keeps it (`Progress`)."""
    return console.console() if isinstance(console, _LazyConsole) else console


def _on_no_terminal(console: Console) -> bool:
    """Whether `console` prints to no terminal; rich is not imported when that is sure without
    it (`plaintable.surely_plain` of the stream it will print to)."""
    if isinstance(console, _LazyConsole) and console.made is None:
        stream = sys.stderr if console.stderr else sys.stdout
        if surely_plain(stream):
            return True
    return not console.is_terminal


def _labelled(label: str, style: str, line: str) -> Any:
    """Return `line` after a styled label such as `error: ` (rich's `Text`)."""
    from rich.text import Text

    return Text(label, style=style) + Text(line)


def _today() -> date:
    return datetime.now(UTC).date()


@contextmanager
def _user_errors(ctx: click.Context) -> Iterator[None]:
    """Print a `DeckgenError` as its message and exit 1; with --debug, show the traceback too."""
    try:
        yield
    except DeckgenError as exc:
        if ctx.find_root().params.get("debug"):
            stderr.print_exception()
        for line in _printable(str(exc)).splitlines() or ["error"]:
            stderr.print(_labelled("error: ", "bold red", line))
        ctx.exit(EXIT_USER_ERROR)


def _printable(text: str) -> str:
    """Return `text` with the bytes of a non-UTF-8 file name (surrogates) shown as �."""
    return text.encode(errors="surrogateescape").decode(errors="replace")


def as_of_option(what: str) -> Callable[[F], F]:
    """Return the `--as-of` option every command that dates something takes (`DECKGEN_AS_OF`)."""
    return click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        envvar="DECKGEN_AS_OF",
        show_envvar=True,
        help=f"{what} Default: today (UTC).",
    )


def _outline_options(func: F) -> F:
    """Add OUTLINE and the options that layer values on it; pass `source` and `as_of` on."""

    @click.argument("outline", type=click.Path(path_type=Path, dir_okay=False))
    @click.option(
        "--set",
        "overrides",
        multiple=True,
        metavar="KEY.PATH=VALUE",
        help="Override an outline value (VALUE is YAML: numbers, dates, lists). Repeatable; "
        "wins over --vars files and the outline.",
    )
    @click.option(
        "--vars",
        "vars_files",
        multiple=True,
        type=click.Path(path_type=Path, dir_okay=False),
        help="A YAML file of values merged into the outline's `vars`. Repeatable.",
    )
    @as_of_option("The deck's date: the period ends here by default.")
    @click.option(
        "--allow-outside",
        multiple=True,
        type=click.Path(path_type=Path, file_okay=False),
        help="Let templates, images and mailmaps come from this folder outside the outline's "
        "folder tree. Repeatable.",
    )
    @functools.wraps(func)
    def wrapper(
        *args: Any,
        outline: Path,
        overrides: tuple[str, ...],
        vars_files: tuple[Path, ...],
        as_of: datetime | None,
        allow_outside: tuple[Path, ...],
        **kwargs: Any,
    ) -> Any:
        source = OutlineSource(
            outline, tuple(overrides), tuple(vars_files), allow_outside=tuple(allow_outside)
        )
        day = as_of.date() if as_of else _today()
        with _user_errors(click.get_current_context()):
            source = _on_demo_project(source, day)
        return func(*args, source=source, as_of=day, **kwargs)

    return wrapper  # type: ignore[return-value]


def _on_demo_project(source: OutlineSource, as_of: date) -> OutlineSource:
    """Point the demo outline (or an overlay keeping its `repos`) at the demo project, generated
    on first use: `deckgen build talks/demo.yaml` builds (deckgen/outline/demo.py). Any other
    outline is told apart without importing the demo's generator or starting a spinner."""
    from deckgen.outline.demo import is_demo_outline

    if not is_demo_outline(source.path, source.overrides, source.vars_files):
        return source
    from deckgen.demo import ensure_demo_project
    from deckgen.demo.outline import demo_cache_dir

    with stderr.status("generating the demo project…"):
        project = ensure_demo_project(demo_cache_dir(), as_of)
    stderr.print(f"{source.path} is the demo outline: its repositories are in {project}")
    return replace(source, repos_root=project)


def _no_cache_option(func: F) -> F:
    """Add --no-cache to the commands that read the repositories."""
    return click.option(
        "--no-cache",
        is_flag=True,
        help="Read every history from git again instead of deckgen's cache.",
    )(func)


class _BuildProgress:
    """Progress of a build: a live display on a terminal, silence in CI and pipes.

    Called with a repository's name and its commits read so far (the history stage); `step` is
    told the later stages, one line for the stage under way.
    """

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
        quiet = ci or _on_no_terminal(stderr)
        self._bar: Progress | None = None if quiet else _progress_bar()
        self._tasks: dict[str, TaskID] = {}
        self._stage: TaskID | None = None

    def __enter__(self) -> _BuildProgress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, name: str, commits: int) -> None:
        self.counts[name] = commits
        if self._bar is not None:
            if name not in self._tasks:
                self._tasks[name] = self._bar.add_task(name, total=None, count="")
            self._bar.update(self._tasks[name], completed=commits, count=plural(commits, "commit"))

    def step(self, stage: str, done: int, total: int) -> None:
        """Show the stage under way after the history, and how many of its steps are done."""
        if self._bar is None:
            return
        if self._stage is None:
            self._stage = self._bar.add_task(stage, total=None, count="")
        self._bar.update(self._stage, description=stage, count=f"{done}/{total}")

    def summary(self) -> str:
        """Say how much history was read: every commit, merges and later ones too, so 'read',
        lest it be taken for the period's count."""
        total = sum(self.counts.values())
        return f"{plural(total, 'commit')} read from {plural(len(self.counts), 'repository')}"


def _progress_bar() -> Progress:
    """Return the live display of a build on a terminal (rich.progress: imported only then)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
        console=_console(stderr),
        transient=True,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--debug", is_flag=True, help="Show a traceback with errors.")
@click.version_option(package_name="deckgen-talk")
def main(debug: bool) -> None:
    """Turn a YAML talk outline into a "state of the project" deck computed from git.

    \b
    Examples:
      deckgen demo                       # build the demo deck into out/
      deckgen init ~/src/myproject       # write a starter outline for a repository
      deckgen validate talks/mytalk.yaml
      deckgen build talks/mytalk.yaml -o mytalk.pptx
    """


@main.command()
@_outline_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Deck to write. Default: OUTLINE's name with .pptx, in the current folder.",
)
@click.option("--pdf", is_flag=True, help="Also write a PDF beside the deck (needs LibreOffice).")
@click.option(
    "--odp",
    is_flag=True,
    help="Also write an OpenDocument presentation (.odp) beside the deck (needs LibreOffice).",
)
@click.option(
    "--png",
    "png_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also render every slide to PNG into this folder (needs LibreOffice and pdftoppm).",
)
@click.option(
    "--metrics-json",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the metrics behind every number, for audits.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with status 3 when the build has warnings (the deck is still written).",
)
@click.option(
    "--watch",
    "watch_files",
    is_flag=True,
    help="Rebuild whenever the outline, a file it extends, a vars file or the template "
    "changes; stop with Ctrl-C.",
)
@click.option(
    "--print-config",
    is_flag=True,
    help="Print the merged outline, each value with the file and line it came from; no build.",
)
@_no_cache_option
@click.pass_context
def build(
    ctx: click.Context,
    source: OutlineSource,
    as_of: date,
    no_cache: bool,
    output: Path | None,
    pdf: bool,
    odp: bool,
    png_dir: Path | None,
    metrics_json: Path | None,
    strict: bool,
    watch_files: bool,
    print_config: bool,
) -> None:
    """Build the deck described by OUTLINE.

    \b
    Examples:
      deckgen build talks/mytalk.yaml
      deckgen build talks/mytalk.yaml -o out/fosdem.pptx --as-of 2026-02-01 --pdf
      deckgen build talks/mytalk.yaml --odp      # also mytalk.odp, for LibreOffice Impress
      deckgen build talks/mytalk.yaml --set event.name="FOSDEM 2027" --vars fosdem.yaml
      deckgen build talks/fosdem.yaml --print-config
      deckgen build talks/mytalk.yaml --watch
    """
    from deckgen.build import build as run_build
    from deckgen.build import describe_config
    from deckgen.output import check_target, write_atomic
    from deckgen.preview import convert_beside, find_soffice, render_pngs

    with _user_errors(ctx):
        if print_config:
            click.echo(describe_config(source), nl=False)
            return
        conversions = [name for name, asked in (("pdf", pdf), ("odp", odp)) if asked]
        if conversions or png_dir is not None:  # before the build, not after a long one
            asked = [f"--{name}" for name in conversions] + (["--png"] if png_dir else [])
            find_soffice(" and ".join(asked))
        target = output or Path.cwd() / f"{source.path.stem}.pptx"
        check_target(target, ".pptx")
        if watch_files:
            _watch(source, target, as_of)
            return
        started = time.perf_counter()
        with _BuildProgress() as reading:
            result = run_build(
                source,
                target,
                as_of=as_of,
                use_cache=not no_cache,
                progress=reading,
                steps=reading.step,
            )
        seconds = time.perf_counter() - started
        done = "unchanged:" if result.unchanged else "wrote"
        stdout.print(
            f"{done} {result.path} ({plural(result.slide_count, 'slide')}; {reading.summary()}; "
            f"{seconds:.1f} s)"
        )
        for warning in result.warnings:
            stderr.print(_labelled("warning: ", "bold yellow", warning))
        if metrics_json is not None:
            text = json.dumps(result.metrics.to_json(), indent=2, ensure_ascii=False) + "\n"
            write_atomic(metrics_json, text.encode())
            stdout.print(f"wrote {metrics_json}")
        for suffix in conversions:
            stdout.print(f"wrote {convert_beside(result.path, suffix)}")
        if png_dir is not None:
            pages = render_pngs(result.path, png_dir)
            stdout.print(f"wrote {plural(len(pages), 'slide image')} into {png_dir}")
    if strict and result.warnings:
        ctx.exit(EXIT_WARNINGS)


def _watch(source: OutlineSource, target: Path, as_of: date) -> None:
    from deckgen.build import BuildResult
    from deckgen.watch import watch

    def report(outcome: BuildResult | DeckgenError, seconds: float) -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        if isinstance(outcome, BuildResult):
            done = "unchanged:" if outcome.unchanged else "wrote"
            stdout.print(f"{stamp} {done} {outcome.path} ({plural(outcome.slide_count, 'slide')}) "
                         f"in {seconds:.1f} s")  # fmt: skip
        else:
            for line in str(outcome).splitlines():
                stderr.print(_labelled(f"{stamp} error: ", "bold red", line))
        stdout.print("watching for changes (Ctrl-C to stop)…")

    try:
        watch(source, target, as_of=as_of, report=report)
    except KeyboardInterrupt:
        stdout.print("stopped")


@main.command()
@_outline_options
@click.option(
    "--json", "as_json", is_flag=True, help="Print the JSON document (`deckgen help metrics`)."
)
@_no_cache_option
@click.pass_context
def metrics(
    ctx: click.Context, source: OutlineSource, as_of: date, as_json: bool, no_cache: bool
) -> None:
    """Compute and print the metrics of OUTLINE's repositories, without building a deck.

    \b
    Examples:
      deckgen metrics talks/mytalk.yaml
      deckgen metrics talks/mytalk.yaml --json > metrics.json
    """
    from deckgen.build import analyse, load_and_check

    with _user_errors(ctx):
        document = load_and_check(source)
        with _BuildProgress() as reading:
            analysis = analyse(document, as_of, use_cache=not no_cache, progress=reading)
        result = analysis.metrics
    for warning in analysis.warnings:
        stderr.print(_labelled("warning: ", "bold yellow", warning))
    if as_json:
        _print_json(result.to_json())
        return
    from deckgen.text import render_talk  # after git: Jinja's rendering, the news modules

    with _user_errors(ctx):
        talk = render_talk(document, result)
    title = f"{talk.title} — {result.period.since} to {result.period.until}"
    numeric = ("commits", "projected", "contributors", "new", "commits by new", "bot commits",
               "releases")  # fmt: skip
    columns = [Column("scope"), *(Column(name, "right") for name in numeric)]
    scopes = [
        ("all", result.all),
        *result.groups.items(),
        *((f"repo:{name}", s) for name, s in result.repos.items()),
    ]
    rows = []
    for name, s in scopes:
        numbers = (s.commits, s.projected_commits, s.contributors, s.new_contributors,
                   s.commits_by_new, s.bot_commits, s.releases.count)  # fmt: skip
        rows.append([name, *("–" if n is None else f"{n:,}" for n in numbers)])
    _print_table(title, columns, rows)


def _print_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _print_table(title: str, columns: list[Column], rows: list[list[str]]) -> None:
    """Print a table; piped into a file or a CI log, columns are not squeezed into 80 characters
    (and the text rich would print there is written without rich where `plaintable` can)."""
    if surely_plain(sys.stdout):
        text = render(title, columns, rows)
        if text is not None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column.header, justify=column.justify, no_wrap=not column.wrap)
    for row in rows:
        table.add_row(*row)
    out = stdout if stdout.is_terminal else Console(highlight=False, width=PLAIN_WIDTH)
    out.print(table)


@main.command()
@_outline_options
@click.option("--json", "as_json", is_flag=True, help="Print the entries as a JSON list.")
@click.pass_context
def news(ctx: click.Context, source: OutlineSource, as_of: date, as_json: bool) -> None:
    """Print the release-note entries of the period, as harvested for `news` slides.

    \b
    Examples:
      deckgen news talks/mytalk.yaml
      deckgen news talks/mytalk.yaml --json > news.json
    """
    from deckgen.build import analyse, gather_news, load_and_check

    with _user_errors(ctx):
        document = load_and_check(source)
        if document.outline.news is None:
            raise DeckgenError(
                f"{source.path}: no `news:` source in the outline; add one, e.g. "
                "news: {repo: core, file: NEWS.rst} (see `deckgen help news`)"
            )
        entries = gather_news(document, analyse(document, as_of))
    if as_json:
        _print_json([e.to_json() for e in entries])
        return
    headers = ("release", "date", "category", "title")
    columns = [Column(name, wrap=name == "title") for name in headers]
    rows = [[e.release, e.date.isoformat() if e.date else "", e.category, e.title] for e in entries]
    _print_table(plural(len(entries), "release-note entry"), columns, rows)


@main.command()
@_outline_options
@click.pass_context
def validate(ctx: click.Context, source: OutlineSource, as_of: date) -> None:
    """Check OUTLINE (schema, templates, paths, names) without running git.

    \b
    Example:
      deckgen validate talks/mytalk.yaml
    """
    from deckgen.build import load_and_check, load_template

    with _user_errors(ctx):
        document = load_and_check(source)
        load_template(document)
    stdout.print(f"{source.path}: valid ({plural(len(document.outline.slides), 'slide')})")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the schema to this file instead of printing it.",
)
@click.pass_context
def schema(ctx: click.Context, output: Path | None) -> None:
    """Print the outline's JSON Schema, for editor completion and checks.

    An outline whose first line is `# yaml-language-server: $schema=deckgen.schema.json` gets
    completion, descriptions and checks in editors that use the YAML language server (VS Code's
    YAML extension). `deckgen init` writes both; after upgrading deckgen, write the schema again.

    \b
    Examples:
      deckgen schema -o talks/deckgen.schema.json
      deckgen schema | jq '.properties | keys'
    """
    from deckgen.outline.editorschema import schema_text

    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    from deckgen.output import write_atomic

    with _user_errors(ctx):
        write_atomic(output, text.encode())
    stdout.print(f"wrote {_printable(str(output))}")


@main.command()
def kinds() -> None:
    """List the slide kinds and chart kinds, with the keys each slide kind takes.

    \b
    Example:
      deckgen kinds
    """
    from rich.text import Text

    from deckgen.charts import CHART_KINDS
    from deckgen.outline.schema import SLIDE_KINDS

    for name, model in SLIDE_KINDS.items():
        stdout.print(Text(name, style="bold") + Text(f"  {(model.__doc__ or '').strip()}"))
        for field_name, field in model.model_fields.items():
            if field_name == "kind":
                continue
            required = " (required)" if field.is_required() else ""
            stdout.print(Text(f"    {field_name}{required}: {field.description or ''}"))
    stdout.print(Text("charts", style="bold") + Text(f"  {', '.join(sorted(CHART_KINDS))}"))


@main.command()
@_outline_options
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the PNGs. Default: OUTLINE's name with -preview.",
)
@click.option("--dpi", type=int, default=80, show_default=True, help="Resolution of the PNGs.")
@click.pass_context
def preview(
    ctx: click.Context, source: OutlineSource, as_of: date, output_dir: Path | None, dpi: int
) -> None:
    """Build OUTLINE and render every slide to PNG, plus a contact sheet, to look at.

    Needs LibreOffice and pdftoppm.

    \b
    Example:
      deckgen preview talks/mytalk.yaml -o preview/
    """
    from deckgen.build import build as run_build
    from deckgen.preview import contact_sheet, render_pngs

    folder = output_dir or Path.cwd() / f"{source.path.stem}-preview"
    import tempfile

    with _user_errors(ctx), tempfile.TemporaryDirectory(prefix="deckgen-") as temp:
        deck = Path(temp) / f"{source.path.stem}.pptx"
        run_build(source, deck, as_of=as_of)
        pages = render_pngs(deck, folder, dpi=dpi)
        sheet = contact_sheet(pages, folder / "contact-sheet.png")
    stdout.print(f"wrote {plural(len(pages), 'slide')} and {sheet}")


@main.command()
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("out"),
    show_default=True,
    help="Folder for the deck.",
)
@click.option(
    "--outline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Build this outline (e.g. an overlay of talks/demo.yaml) against the demo project "
    "instead of the demo outline.",
)
@as_of_option("The demo's date.")
@click.pass_context
def demo(
    ctx: click.Context, output_dir: Path, outline: Path | None, as_of: datetime | None
) -> None:
    """Build the demo deck from a synthetic project (no network, no repository of yours).

    The demo project's repositories are generated once into deckgen's cache folder.

    \b
    Examples:
      deckgen demo -o out
      deckgen demo -o out --outline talks/lightning.yaml
    """
    from deckgen.build import build as run_build
    from deckgen.demo import ensure_demo_project
    from deckgen.demo.outline import demo_cache_dir

    day = as_of.date() if as_of else _today()
    with _user_errors(ctx):
        output_dir.mkdir(parents=True, exist_ok=True)
        with stderr.status("generating the demo project…"):
            project = ensure_demo_project(demo_cache_dir(), day)
        with stderr.status("building the demo deck…"):
            source = OutlineSource(outline or demo_outline_path(), repos_root=project)
            result = run_build(source, output_dir / f"{source.path.stem}.pptx", as_of=day)
    stdout.print(f"wrote {result.path} ({plural(result.slide_count, 'slide')})")


def demo_outline_path() -> Path:
    """Return the demo outline shipped inside the package."""
    from deckgen.demo.outline import DEMO_OUTLINE

    return DEMO_OUTLINE


@main.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Outline to write. Default: talk.yaml at the top of the work tree; beside a bare "
    "repository, NAME-talk.yaml.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing outline.")
@as_of_option("The date the talk is for: the event is named after its year.")
@click.pass_context
def init(
    ctx: click.Context, directory: Path, output: Path | None, force: bool, as_of: datetime | None
) -> None:
    """Write a starter outline for the git repository DIRECTORY is in.

    \b
    Examples:
      deckgen init                    # in a repository: writes talk.yaml at its top level
      deckgen init ~/src/libfoo -o talks/libfoo.yaml
      deckgen init /srv/git/libfoo.git   # a bare repository: writes /srv/git/libfoo-talk.yaml
    """
    from deckgen.history.locate import find_repository, user_name
    from deckgen.starter import default_outline, write_starter

    day = as_of.date() if as_of else _today()
    with _user_errors(ctx):
        repository = find_repository(directory)
        target = output or default_outline(repository)
        speaker = user_name(repository.path)
        schema = write_starter(repository, target, force=force, speaker=speaker, as_of=day)
    shown = _printable(str(target))
    stdout.print(
        f"wrote {shown}; edit it, then run: deckgen build {shlex.quote(shown)}\n"
        f"wrote {_printable(str(schema))}: the outline's schema, for your editor "
        "(deckgen schema --help)"
    )


DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def _duration(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """Return a length of time such as `30d` (a whole number and one of s, m, h, d, w) in
    seconds."""
    if value is None:
        return None
    number, unit = value[:-1], value[-1:]
    if not number.isdigit() or unit not in DURATION_UNITS:
        raise click.BadParameter(
            f"expected a number and a unit (s, m, h, d or w), e.g. 30d or 12h; got {value!r}"
        )
    return int(number) * DURATION_UNITS[unit]


@main.group()
def cache() -> None:
    """Show or clean deckgen's cache folder (clones, histories, metrics, charts, demo projects).

    Everything in it can be computed again: cleaning only makes the next build slower.

    \b
    Examples:
      deckgen cache dir
      deckgen cache clean --older-than 30d
      deckgen cache clean --demo
    """


@cache.command(name="dir")
def cache_dir() -> None:
    """Print the cache folder's path.

    \b
    Example:
      du -sh "$(deckgen cache dir)"
    """
    from deckgen.cachedir import default_cache_dir

    click.echo(str(default_cache_dir()))


@cache.command(name="clean")
@click.option("--demo", "demo_only", is_flag=True, help="Only the generated demo projects.")
@click.option(
    "--older-than",
    callback=_duration,
    metavar="DURATION",
    help="Only what no build has used for this long: a number and s, m, h, d or w (30d).",
)
def cache_clean(demo_only: bool, older_than: int | None) -> None:
    """Delete what deckgen keeps in its cache folder: everything, or what the options select.

    \b
    Examples:
      deckgen cache clean
      deckgen cache clean --older-than 2w
      deckgen cache clean --demo
    """
    from deckgen.cachedir import clean, default_cache_dir
    from deckgen.demo.outline import demo_cache_dir

    folder = demo_cache_dir() if demo_only else default_cache_dir()
    cleaned = clean(folder, older_than=older_than, now=time.time())
    stdout.print(
        f"removed {plural(cleaned.entries, 'entry')} ({_megabytes(cleaned.size)}) from {folder}"
    )


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


@main.command(name="help")
@click.argument("topic", type=click.Choice(list(TOPICS)), required=False, metavar="[TOPIC]")
def help_command(topic: str | None) -> None:
    """Print the documentation of TOPIC; without one, list the topics.

    \b
    Examples:
      deckgen help                # the topics
      deckgen help outline        # every key of the outline
      deckgen help outline | less
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from deckgen.helpdocs import DOCS_URL, docs_folder, topic_text

    if topic is None:
        table = Table(box=None, show_header=False, pad_edge=False)
        for name, entry in TOPICS.items():
            table.add_row(Text(name, style="bold"), entry.summary)
        stdout.print("Topics (deckgen help TOPIC):")
        stdout.print(table)
        stdout.print(f"The same pages are in {docs_folder()} and on {DOCS_URL}")
        return
    text = topic_text(topic)
    if stdout.is_terminal:
        from rich.markdown import Markdown

        # Wrapped to the terminal's width, unlike `stdout`, which leaves paths and messages whole.
        Console(highlight=False).print(Markdown(text))
    else:  # piped or redirected: the Markdown itself, to read, search or save
        click.echo(text, nl=False)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
