"""The pipeline, in order: outline → history → metrics → text → charts → deck → output.

Everything the deck needs (history, metrics, texts, charts) is gathered before the deck is opened,
and the file is written last, atomically.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen.errors import (
    DeckError,
    HistoryError,
    KeyPath,
    NewsError,
    OutlineError,
    Problem,
    SlideError,
    TemplateError,
    format_key_path,
)
from deckgen.history.model import History
from deckgen.outline import OutlineDocument, load_outline
from deckgen.outline.checks import check_document
from deckgen.outline.loader import describe_outline
from deckgen.outline.schema import ChartSlide, Outline, TableSlide
from deckgen.text.check import check_templates

if TYPE_CHECKING:
    from deckgen.charts.painter import Painter
    from deckgen.deck import Theme
    from deckgen.deck.slides import DeckOptions
    from deckgen.metrics.model import Metrics, Period
    from deckgen.news.model import NewsEntry


@dataclass(frozen=True)
class OutlineSource:
    """An outline file and what is layered on it: vars files, `--set` overrides, a base folder."""

    path: Path
    overrides: tuple[str, ...] = ()
    vars_files: tuple[Path, ...] = ()
    repos_root: Path | None = None
    allow_outside: tuple[Path, ...] = ()
    """Folders outside the outline's tree that templates, images and mailmaps may come from."""


@dataclass(frozen=True)
class BuildResult:
    path: Path
    slide_count: int
    metrics: Metrics
    warnings: tuple[str, ...] = ()
    unchanged: bool = False
    """The deck on disk was already what this build would write, and was kept (`reuse`)."""


def load_and_check(source: OutlineSource) -> OutlineDocument:
    """Load the outline and check what can be checked without git: names, files, templates."""
    document = load_outline(
        source.path,
        overrides=source.overrides,
        vars_files=source.vars_files,
        repos_root=source.repos_root,
    )
    check_document(
        document,
        charts=_chart_kinds(document.outline),
        vars_files=source.vars_files,
        allow_outside=source.allow_outside,
    )
    check_templates(document)
    return document


def _chart_kinds(outline: Outline) -> Iterable[str]:
    """Return the chart kinds a chart slide may name; the chart stage (its kinds, the metrics
    model) is imported for that only when the outline has a chart slide."""
    if not any(isinstance(spec, ChartSlide) for spec in outline.slides):
        return ()
    from deckgen.charts import CHART_KINDS

    return CHART_KINDS


def describe_config(source: OutlineSource) -> str:
    """Return the merged outline of `source` with where each value came from."""
    return describe_outline(source.path, overrides=source.overrides, vars_files=source.vars_files)


@dataclass(frozen=True)
class Analysis:
    """The history and the metrics of a checked outline: what every later stage reads."""

    history: History
    metrics: Metrics
    warnings: tuple[str, ...] = ()
    """What the user should know (a stale clone, a damaged cache entry rebuilt)."""
    cache_dir: Path | None = None
    """The user cache folder the later stages may keep entries in; None with `--no-cache`."""


def analyse(
    document: OutlineDocument,
    as_of: date,
    *,
    use_cache: bool = True,
    progress: Callable[[str, int], None] | None = None,
    steps: Callable[[str, int, int], None] | None = None,
) -> Analysis:
    """Run the history and metrics stages for a checked outline.

    `use_cache=False` reads every history from git again and counts again (`--no-cache`);
    otherwise unchanged histories and metrics come from the user cache folder. `progress` is
    told each repository's name and the commits read so far; `steps` ("metrics", steps done,
    steps) after each step of counting (see `compute_metrics`), at once for metrics from the
    cache.
    """
    from deckgen.cachedir import default_cache_dir
    from deckgen.history import read_history

    outline = document.outline
    cache_dir = default_cache_dir()
    from_git = threading.Event()

    def log_read() -> None:
        from_git.set()
        _import_counting_meanwhile()

    with located(document):
        history = read_history(
            outline,
            cache_dir=cache_dir,
            use_cache=use_cache,
            progress=progress,
            first_log_read=log_read,
        )
        # after git: imported meanwhile by `_import_counting` when a history came from git
        from deckgen.findings import check_something_to_show
        from deckgen.metrics.cache import cached_metrics
        from deckgen.metrics.steps import metrics_steps
        from deckgen.metrics.stray import stray_warnings

        check_something_to_show(history, as_of)
        history, period = marked_history(outline, history, as_of, cache_dir if use_cache else None)

        # after a read from git the counting surely follows: the releases' marks (a git walk,
        # 0.36 s at a million commits) are read meanwhile, beside the cache key and the strays
        early = _started(release_marked, outline, history, period) if from_git.is_set() else None

        def prepare(later: History) -> History:
            if early is not None and later is history:
                return early.result()
            return release_marked(outline, later, period)

        def counted(done: int, total: int) -> None:
            if steps is not None:
                steps("metrics", done, total)

        counted(0, metrics_steps(outline, history))

        def strays() -> tuple[str, ...]:
            return stray_warnings(history, as_of)

        if not use_cache:
            from deckgen.metrics.compute import compute_metrics

            told = strays()
            metrics = compute_metrics(outline, prepare(history), period, as_of, counted)
            return Analysis(history, metrics, (*history.warnings, *told))
        metrics, warnings = cached_metrics(
            outline, history, period, as_of, cache_dir, counted, prepare, strays
        )
        return Analysis(history, metrics, (*history.warnings, *warnings), cache_dir)


def _started(work: Callable[..., History], *args: Any) -> Future[History]:
    """Return `work(*args)` running on a thread of its own."""
    future: Future[History] = Future()

    def run() -> None:
        try:
            future.set_result(work(*args))
        except BaseException as exc:  # handed to whoever asks for the result
            future.set_exception(exc)

    threading.Thread(target=run, name="deckgen-marks").start()
    return future


def _import_counting_meanwhile() -> None:
    """Import the counting modules (numpy among them) and the others that follow the read
    (findings, the metrics cache, the text rendering) on a thread of their own, called as the
    first history read from git is done, or as a small repository's log starts (`read_history`'s
    `first_log_read`): the import (about 0.1 s of CPU, in a cold `deckgen metrics` of 45 small
    repositories that takes 1.4 s) then overlaps git writing instead of following the read. Not
    before a huge log is read: numpy's 12 MB would add to its peak, git's and deckgen's
    together. Not called when every history comes from the cache, where counting may not be
    needed."""
    threading.Thread(target=_import_counting, name="deckgen-import-counting").start()


def _import_counting() -> None:
    with suppress(ImportError):  # raised again where counting imports it
        import deckgen.findings
        import deckgen.metrics.cache
        import deckgen.metrics.compute
        import deckgen.metrics.steps
        import deckgen.metrics.stray
        import deckgen.text.render  # noqa: F401


def marked_history(
    outline: Outline, history: History, as_of: date, cache_dir: Path | None = None
) -> tuple[History, Period]:
    """Return `history` with the ends of `period.range` marked (when it has one, kept in
    `cache_dir` when given), and the period: the range's days come from its ends."""
    from deckgen.history.marks import read_range
    from deckgen.metrics import resolve_period

    ends = outline.period.ends
    if ends is not None:
        first = tuple(r.name for r in history.group(outline.release_group))
        history = read_range(history, *ends, first, cache_dir)
    return history, resolve_period(outline, as_of, history)


def release_marked(outline: Outline, history: History, period: Period) -> History:
    """Return `history` with the release tags whose per-release counts the metrics show marked
    (read only when counting: a metrics cache hit needs none of them; after a read from git,
    which a hit hardly ever follows, `analyse` starts it at once on a thread of its own)."""
    from deckgen.history.marks import read_marks
    from deckgen.metrics.releases import release_marks

    if outline.release_subject is not None:
        return history
    wanted = release_marks(history, period, outline.releases.last)
    return read_marks(history, wanted, reached=True)


def gather_news(document: OutlineDocument, analysis: Analysis) -> tuple[NewsEntry, ...]:
    """Return the release-note entries of the period (none without `news:` in the outline)."""
    from deckgen.news.source import gather_news as gather

    with located(document):
        return gather(document.outline, analysis.history, analysis.metrics)


def load_template(document: OutlineDocument, cache_dir: Path | None = None) -> Theme:
    """Return the theme of the outline's `template` (kept in `cache_dir`, when given, so that
    a rebuild need not read the template); its errors point at `template:`."""
    from deckgen.deck import load_theme
    from deckgen.deck.themecache import cached_theme

    with located(document):
        outline = document.outline
        template, layouts = outline.template, outline.layouts
        keep = outline.keep_template_slides
        if cache_dir is None:
            return load_theme(template, layouts=layouts, keep_slides=keep)
        return cached_theme(template, cache_dir, layouts=layouts, keep_slides=keep)


@contextmanager
def located(document: OutlineDocument) -> Iterator[None]:
    """Point the errors of the stages after the outline's at the outline value they are about.

    Those stages know key paths (`period.until`), repository paths and file names, but not where
    in which file the value was written: an error here gets the `FILE:LINE:COL: key.path` prefix
    every outline error has.
    """
    try:
        yield
    except OutlineError as exc:
        if all(p.location is not None for p in exc.problems):
            raise
        raise OutlineError(_locate(document, p) for p in exc.problems) from None
    except HistoryError as exc:
        if not exc.problems:
            raise
        problems = [_locate(document, p) for p in exc.problems]
        raise HistoryError("\n".join(map(str, problems)), problems) from None
    except NewsError as exc:
        news = document.outline.news
        key: KeyPath = ("news", "file") if news is not None and news.file else ("news",)
        raise NewsError(_prefixed(document, key, str(exc))) from None
    except TemplateError as exc:
        if document.outline.template is None:
            raise
        message = f"{exc.path}: {exc.detail}"
        raise DeckError(_prefixed(document, ("template",), message)) from None


@contextmanager
def located_slide(document: OutlineDocument, number: int | None = None) -> Iterator[None]:
    """Prefix a chart or deck error with where its slide was written in the outline.

    The slide is the error's own (`SlideError.slide`, set by the deck stage), else `number`
    (the slide whose chart or table is being made); an error about no slide passes unchanged.
    """
    try:
        yield
    except SlideError as exc:
        slide = exc.slide if exc.slide is not None else number
        if slide is None or not 1 <= slide <= len(document.outline.slides):
            raise
        message = _prefixed(document, ("slides", slide - 1), str(exc))
        raise type(exc)(message) from None  # no `slide` left: located once


def _locate(document: OutlineDocument, problem: Problem) -> Problem:
    if problem.location is not None or not problem.key_path:
        return problem
    location = document.locate(*problem.key_path)
    return Problem(location, problem.key_path, problem.message)


def _prefixed(document: OutlineDocument, key_path: KeyPath, message: str) -> str:
    where = document.locate(*key_path)
    first, sep, rest = message.partition("\n")
    located = f"{where}: " if where else ""
    return f"{located}{format_key_path(key_path)}: {first}{sep}{rest}"


def build(
    source: OutlineSource,
    output: Path,
    *,
    as_of: date,
    use_cache: bool = True,
    progress: Callable[[str, int], None] | None = None,
    steps: Callable[[str, int, int], None] | None = None,
) -> BuildResult:
    """Build the deck of the outline `source` into `output` (options as for `analyse`).

    After the history, `steps` is told each stage's name, how many of its steps are done and how
    many it has: "metrics" (the steps of counting, see `analyse`), then "text", "charts" (one step
    per chart), "deck" and "write", each first with 0 done as it starts, then after every step.
    """
    from deckgen.cachedir import default_cache_dir

    document = load_and_check(source)
    theme = load_template(document, default_cache_dir() if use_cache else None)
    painter = _start_painter(document.outline, theme, use_cache)
    try:
        return _build(document, theme, painter, output, as_of, use_cache, progress, steps)
    finally:
        if painter is not None:
            painter.close()  # exited after its last picture, or stops now (a failed build)


def _build(
    document: OutlineDocument,
    theme: Theme,
    painter: Painter | None,
    output: Path,
    as_of: date,
    use_cache: bool,
    progress: Callable[[str, int], None] | None,
    steps: Callable[[str, int, int], None] | None,
) -> BuildResult:
    """The stages of `build` after the outline and theme, `painter` drawing the charts."""
    from deckgen.charts import ChartCache, Sketch, paint_sketches, sketch_chart
    from deckgen.deck import DeckSlide, TableData, table_data
    from deckgen.findings import find_warnings
    from deckgen.output import remove_stale_temps, write_atomic
    from deckgen.reuse import DeckRecords, deck_key, slide_keys
    from deckgen.text import render_slides, render_talk

    def step(stage: str, done: int, total: int = 1) -> None:
        if steps is not None:
            steps(stage, done, total)

    outline = document.outline
    analysis = analyse(document, as_of, use_cache=use_cache, progress=progress, steps=steps)
    metrics = analysis.metrics
    step("text", 0)
    news = gather_news(document, analysis)
    talk = render_talk(document, metrics, news)
    texts = render_slides(document, metrics, news, talk)
    step("text", 1)
    sketches: dict[int, Sketch] = {}
    tables: dict[int, TableData] = {}
    for rendered in texts:
        spec = rendered.spec
        with located_slide(document, rendered.number):
            if isinstance(spec, ChartSlide):  # chart and chart_bullets slides
                size = theme.chart_size_in(spec.kind)
                sketches[rendered.number] = sketch_chart(spec.chart, metrics, spec.scope, size)
            elif isinstance(spec, TableSlide):
                tables[rendered.number] = table_data(spec, metrics)
    cache = ChartCache(analysis.cache_dir / "charts") if analysis.cache_dir else None
    images, chart_warnings = paint_sketches(
        list(sketches.values()),
        theme,
        cache,
        progress=lambda done, n: step("charts", done, n),
        painter=painter,
        meanwhile=lambda: _prepare_deck(theme, (r.spec.kind for r in texts), analysis.cache_dir),
    )
    charts = dict(zip(sketches, images, strict=True))
    slides = [
        DeckSlide(r.number, r.spec, charts.get(r.number), tables.get(r.number)) for r in texts
    ]
    warnings = (
        *analysis.warnings,
        *chart_warnings,
        *find_warnings(outline, analysis.history, metrics),
        *font_warnings(theme),
    )
    options: DeckOptions = {
        "footer": talk.footer,
        "title": talk.title,
        "author": talk.speaker.name,
        "as_of": as_of,
        "logo": outline.logo,
        "hashtag": talk.event.hashtag,
        "url": talk.event.url,
    }
    records = DeckRecords(analysis.cache_dir / "decks") if analysis.cache_dir else None
    key = deck_key(slides, theme, options) if records is not None else None
    step("deck", 0)
    if records is not None and key is not None:
        kept = records.unchanged(output, key)
        if kept is not None:
            remove_stale_temps(output)  # what a killed build left, as writing would
            step("deck", 1)
            return BuildResult(output, kept.slides, metrics, warnings, unchanged=True)
    from deckgen.deck.assemble import build_deck  # python-pptx: only when the deck is built

    per_slide = slide_keys(slides, theme, options) if records is not None else None
    with located_slide(document):
        deck = build_deck(
            slides, theme, cache_dir=analysis.cache_dir, slide_keys=per_slide, **options
        )
    step("deck", 1)
    step("write", 0)
    write_atomic(output, deck)
    step("write", 1)
    count = _slide_count(deck)
    if records is not None and key is not None:
        records.record(output, key, deck, count)
    return BuildResult(output, count, metrics, warnings)


def _start_painter(outline: Outline, theme: Theme, use_cache: bool) -> Painter | None:
    """Start a `Painter` (matplotlib imported in another process while git is read) when the
    deck will surely draw charts: it has chart slides, and some repository has no history in
    the cache yet (its numbers, so its charts, are new) or `--no-cache` is given. None when it
    is not started, also when matplotlib is imported here already (drawing here is then
    cheaper); an unchanged rebuild never imports matplotlib."""
    from deckgen.cachedir import default_cache_dir
    from deckgen.charts.painter import Painter
    from deckgen.cores import usable_cores
    from deckgen.history.cache import repo_folder
    from deckgen.history.refstate import plain_git_dir

    charts = sum(isinstance(spec, ChartSlide) for spec in outline.slides)
    if not charts or not Painter.pays():
        return None
    if use_cache:
        cache = default_cache_dir()
        folders = [
            repo_folder(cache, git_dir, spec.display_name)
            for specs in outline.repos.values()
            for spec in specs
            if spec.path is not None and (git_dir := plain_git_dir(spec.path)) is not None
        ]
        if all(folder.is_dir() for folder in folders):
            return None
    return Painter.start(theme.body_font, min(charts, usable_cores()))


def _prepare_deck(theme: Theme, kinds: Iterable[str], cache_dir: Path | None) -> None:
    """Import what the deck stage needs (python-pptx, the slide kinds' renderers) and read the
    theme's fonts, while the painter draws: off the critical path of a cold build."""
    from deckgen.deck import renderer
    from deckgen.deck.fonts import TextMeasure

    for kind in set(kinds):
        renderer(kind)
    TextMeasure(theme.body_font, cache_dir)
    TextMeasure(theme.heading_font, cache_dir)


def font_warnings(theme: Theme) -> tuple[str, ...]:
    """Return the one warning, if any, that the theme's fonts are missing (charts and text
    fitting both fall back then)."""
    from deckgen.fonts import missing_fonts_warning

    warning = missing_fonts_warning((theme.body_font, theme.heading_font))
    return (warning,) if warning else ()


def _slide_count(deck: bytes) -> int:
    """Return how many slides the .pptx holds (continuation slides included)."""
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        return sum(1 for name in package.namelist() if _SLIDE_PART.fullmatch(name))


_SLIDE_PART = re.compile(r"ppt/slides/slide\d+\.xml")
