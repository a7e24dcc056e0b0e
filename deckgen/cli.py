"""The `deckgen` command line: the only module that talks to the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from deckgen.errors import DeckgenError

F = TypeVar("F", bound=Callable[..., Any])

stdout = Console(highlight=False)
stderr = Console(stderr=True, highlight=False)


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
        for line in str(exc).splitlines() or ["error"]:
            stderr.print(Text("error: ", style="bold red") + Text(line))
        ctx.exit(1)


def _outline_options(func: F) -> F:
    """Add the options shared by the commands that read an outline and its repositories."""
    func = click.option(
        "--set",
        "overrides",
        multiple=True,
        metavar="KEY.PATH=VALUE",
        help="Override an outline value (VALUE is YAML: numbers, dates, lists). Repeatable.",
    )(func)
    func = click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="The deck's date: the period ends here by default. Default: today (UTC).",
    )(func)
    return func


def _as_of(value: datetime | None) -> date:
    return value.date() if value else _today()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--debug", is_flag=True, help="Show a traceback with errors.")
@click.version_option(package_name="deckgen")
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
@click.argument("outline", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Deck to write. Default: OUTLINE's name with .pptx, in the current folder.",
)
@_outline_options
@click.pass_context
def build(
    ctx: click.Context,
    outline: Path,
    output: Path | None,
    as_of: datetime | None,
    overrides: tuple[str, ...],
) -> None:
    """Build the deck described by OUTLINE.

    \b
    Examples:
      deckgen build talks/mytalk.yaml
      deckgen build talks/mytalk.yaml -o out/fosdem.pptx --as-of 2026-02-01
      deckgen build talks/mytalk.yaml --set event.name="FOSDEM 2027" --set vars.minutes=10
    """
    from deckgen.build import build as run_build

    target = output or Path.cwd() / f"{outline.stem}.pptx"
    with _user_errors(ctx):
        result = run_build(outline, target, as_of=_as_of(as_of), overrides=overrides)
    stdout.print(f"wrote {result.path} ({result.slide_count} slides)")


@main.command()
@click.argument("outline", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON document (docs/metrics.md).")
@_outline_options
@click.pass_context
def metrics(
    ctx: click.Context,
    outline: Path,
    as_json: bool,
    as_of: datetime | None,
    overrides: tuple[str, ...],
) -> None:
    """Compute and print the metrics of OUTLINE's repositories, without building a deck.

    \b
    Examples:
      deckgen metrics talks/mytalk.yaml
      deckgen metrics talks/mytalk.yaml --json > metrics.json
    """
    from deckgen.build import compute, load_and_check

    with _user_errors(ctx):
        document = load_and_check(outline, overrides=overrides)
        result = compute(document, _as_of(as_of))
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    table = Table(
        title=f"{document.outline.title} — {result.period.since} to {result.period.until}"
    )
    for column in (
        "scope",
        "commits",
        "projected",
        "contributors",
        "new",
        "commits by new",
        "bot commits",
        "releases",
    ):
        table.add_column(column, justify="left" if column == "scope" else "right")
    scopes = [
        ("all", result.all),
        *result.groups.items(),
        *((f"repo:{name}", s) for name, s in result.repos.items()),
    ]
    for name, s in scopes:
        table.add_row(
            name,
            f"{s.commits:,}",
            f"{s.projected_commits:,}",
            f"{s.contributors:,}",
            f"{s.new_contributors:,}",
            f"{s.commits_by_new:,}",
            f"{s.bot_commits:,}",
            f"{s.releases.count:,}",
        )
    stdout.print(table)


@main.command()
@click.argument("outline", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="KEY.PATH=VALUE",
    help="Override an outline value before checking it. Repeatable.",
)
@click.pass_context
def validate(ctx: click.Context, outline: Path, overrides: tuple[str, ...]) -> None:
    """Check OUTLINE (schema, templates, paths, names) without running git.

    \b
    Example:
      deckgen validate talks/mytalk.yaml
    """
    from deckgen.build import load_and_check
    from deckgen.deck import load_theme

    with _user_errors(ctx):
        document = load_and_check(outline, overrides=overrides)
        load_theme(document.outline.template)
    stdout.print(f"{outline}: valid ({len(document.outline.slides)} slides)")


@main.command()
def schema() -> None:
    """Print the outline's JSON Schema, for editor completion.

    \b
    Example:
      deckgen schema > deckgen-outline.schema.json
    """
    from deckgen.outline.schema import outline_json_schema

    click.echo(json.dumps(outline_json_schema(), indent=2))


@main.command()
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("out"),
    show_default=True,
    help="Folder for demo.pptx.",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The demo's date. Default: today (UTC).",
)
@click.pass_context
def demo(ctx: click.Context, output_dir: Path, as_of: datetime | None) -> None:
    """Build the demo deck from a synthetic project (no network, no repository of yours).

    The demo project's repositories are generated once into deckgen's cache folder.

    \b
    Example:
      deckgen demo -o out
    """
    import platformdirs

    from deckgen.build import build as run_build
    from deckgen.demo import ensure_demo_project

    day = _as_of(as_of)
    with _user_errors(ctx):
        output_dir.mkdir(parents=True, exist_ok=True)
        with stderr.status("generating the demo project…"):
            project = ensure_demo_project(platformdirs.user_cache_path("deckgen") / "demo", day)
        with stderr.status("building the demo deck…"):
            result = run_build(
                demo_outline_path(), output_dir / "demo.pptx", as_of=day, base_dir=project
            )
    stdout.print(f"wrote {result.path} ({result.slide_count} slides)")


@main.command()
@click.argument("outline", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the PNGs. Default: OUTLINE's name with -preview.",
)
@click.option("--dpi", type=int, default=80, show_default=True, help="Resolution of the PNGs.")
@_outline_options
@click.pass_context
def preview(
    ctx: click.Context,
    outline: Path,
    output_dir: Path | None,
    dpi: int,
    as_of: datetime | None,
    overrides: tuple[str, ...],
) -> None:
    """Build OUTLINE and render every slide to PNG, plus a contact sheet, to look at.

    Needs LibreOffice and pdftoppm.

    \b
    Example:
      deckgen preview talks/mytalk.yaml -o preview/
    """
    import tempfile

    from deckgen.build import build as run_build
    from deckgen.preview import contact_sheet, render_pngs

    folder = output_dir or Path.cwd() / f"{outline.stem}-preview"
    with _user_errors(ctx), tempfile.TemporaryDirectory(prefix="deckgen-") as temp:
        deck = Path(temp) / f"{outline.stem}.pptx"
        run_build(outline, deck, as_of=_as_of(as_of), overrides=overrides)
        pages = render_pngs(deck, folder, dpi=dpi)
        sheet = contact_sheet(pages, folder / "contact-sheet.png")
    stdout.print(f"wrote {len(pages)} slides and {sheet}")


@main.command()
def kinds() -> None:
    """List the slide kinds and chart kinds, with the keys each slide kind takes.

    \b
    Example:
      deckgen kinds
    """
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


def demo_outline_path() -> Path:
    """Return the demo outline shipped inside the package."""
    return Path(__file__).parent / "data" / "demo.yaml"


@main.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Outline to write. Default: DIRECTORY/talk.yaml.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing outline.")
@click.pass_context
def init(ctx: click.Context, directory: Path, output: Path | None, force: bool) -> None:
    """Write a starter outline for the git repository in DIRECTORY.

    \b
    Examples:
      deckgen init                    # in a repository: writes ./talk.yaml
      deckgen init ~/src/libfoo -o talks/libfoo.yaml
    """
    from deckgen.starter import write_starter

    target = output or directory / "talk.yaml"
    with _user_errors(ctx):
        write_starter(directory, target, force=force, speaker=_git_user_name(directory))
    stdout.print(f"wrote {target}; edit it, then run: deckgen build {target}")


def _git_user_name(directory: Path) -> str:
    """Return `git config user.name` for `directory`, or a placeholder to edit."""
    try:
        result = subprocess.run(
            ["git", "-C", str(directory), "config", "user.name"],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return "Your Name"
    return result.stdout.strip() or "Your Name"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
