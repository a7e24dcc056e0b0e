"""The text stage: render every Jinja template of the outline against the metrics.

Templates run in a sandbox with `StrictUndefined`: a typo such as `{{ all.contributers }}` fails
the build, naming the slide and the template, instead of putting an empty string on stage.
"""

from __future__ import annotations

import ctypes
import dataclasses
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import jinja2
import jinja2.meta
import jinja2.nodes
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from deckgen.errors import Location, TextError, did_you_mean
from deckgen.metrics.model import Metrics
from deckgen.news.model import NewsEntry
from deckgen.news.slides import news_bullets
from deckgen.outline import Outline, OutlineDocument, SlideSpec
from deckgen.outline.schema import BulletItem, Event, NewsSlide, Speaker, Strict
from deckgen.outline.yamlsource import format_key_path
from deckgen.plural import plural


@dataclass(frozen=True)
class RenderedSlide:
    """A slide whose text fields are plain strings, ready for the deck stage."""

    number: int
    """1-based position in the outline's `slides` list."""
    spec: SlideSpec


@dataclass(frozen=True)
class Talk:
    """The outline's own texts, rendered: what the title slide, the footer and the file's
    properties show, and what slide templates see as `outline.title`, `outline.event.name`, …

    A speaker or event the outline leaves out is one with empty texts, so that templates (the
    title slide's byline) can leave out what is empty.
    """

    title: str
    subtitle: str
    speaker: Speaker
    event: Event
    footer: str


def thousands(value: Any) -> str:
    """Format 4123 as '4,123'."""
    return f"{_number(value):,.0f}" if isinstance(value, float) else f"{int(value):,}"


def round_to(value: Any, step: int = 100) -> str:
    """Round to a multiple of `step` and format with separators: 4123 | round_to(100) → '4,100'."""
    if step <= 0:
        raise ValueError("round_to needs a positive step")
    return f"{round(_number(value) / step) * step:,.0f}"


def approx(value: Any, digits: int = 2) -> str:
    """Round to `digits` significant digits, with separators: 123456 | approx → '120,000'.

    An estimate shown at the precision its size deserves: 12 stays '12', never 'about 0'.
    """
    if digits < 1:
        raise ValueError("approx needs at least 1 digit")
    whole = round(_number(value))
    step = 10 ** max(0, len(str(abs(whole))) - digits)
    return f"{round(whole / step) * step:,}"


def percent(value: Any, total: Any, digits: int = 0) -> str:
    """Return `value` as a share of `total`: 388 | percent(3912) → '10%'."""
    whole = _number(total)
    share = 0.0 if whole == 0 else 100.0 * _number(value) / whole
    return f"{share:.{digits}f}%"


def signed(value: Any) -> str:
    """Format a change with its sign: 12 → '+12', -3 → '−3'."""
    number = _number(value)
    text = f"{abs(number):,.0f}"
    return f"+{text}" if number > 0 else (f"−{text}" if number < 0 else "±0")


def longdate(value: date) -> str:
    """Format a date as '26 November 2026'."""
    return f"{value.day} {value:%B %Y}"


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


FILTERS = {
    "thousands": thousands,
    "round_to": round_to,
    "approx": approx,
    "percent": percent,
    "signed": signed,
    "longdate": longdate,
    "plural": plural,
}


MAX_RESULT = 100_000
"""Longest text or list, and most digits (in bits), that `*` and `**` may make in a template."""


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, plus limits on `*`, `**` and format widths: `{{ 2**99999999 }}` would
    not finish and `{{ 'x' * 10**9 }}` or `{{ '%0999999999d' % 1 }}` would take a gigabyte, even
    while the template is being compiled (Jinja folds constant expressions)."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_widths(getattr(value, "__self__", ""))
        return wrapped

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "%" and isinstance(left, str):
            _check_widths(left)
        if operator == "**" and _big_power(left, right):
            raise SecurityError(f"{left!r} ** {right!r} is too large a number for a slide")
        if operator == "*" and _big_product(left, right):
            raise SecurityError(f"the product of {_size(left)} and {_size(right)} is too large")
        return super().call_binop(context, operator, left, right)


_WIDE = re.compile(r"%[^a-zA-Z%]*\d{5}|\{[^{}]*:[^{}]*\d{5}")


def _check_widths(fmt: Any) -> None:
    """Refuse a format string with a width or precision of 10,000 or more (`'%0999999999d'`)."""
    if isinstance(fmt, str) and _WIDE.search(fmt):
        raise SecurityError(f"format {fmt[:40]!r} asks for too wide a field")


def _checked_format(value: Any, *args: Any, **kwargs: Any) -> str:
    _check_widths(str(value))
    return str(jinja2.filters.do_format(value, *args, **kwargs))


def _checked_center(value: Any, width: int = 80) -> str:
    if isinstance(width, int) and width > MAX_RESULT:
        raise SecurityError(f"center({width}) is too wide")
    return str(jinja2.filters.do_center(value, width))


def _checked_indent(value: Any, width: int | str = 4, *args: Any, **kwargs: Any) -> str:
    if (isinstance(width, int) and width > 1000) or (isinstance(width, str) and len(width) > 1000):
        raise SecurityError("indent is too wide")
    return str(jinja2.filters.do_indent(value, width, *args, **kwargs))


@jinja2.pass_eval_context
def _checked_replace(
    context: EvalContext, value: Any, old: str, new: str, count: int | None = None
) -> str:
    text = str(value)
    if isinstance(old, str) and isinstance(new, str) and old:
        grows = text.count(old) * max(0, len(new) - len(old))
        if len(text) + grows > MAX_RESULT:
            raise SecurityError("replace would make too long a text")
    return str(jinja2.filters.do_replace(context, value, old, new, count))


def _big_power(base: Any, exponent: Any) -> bool:
    if not isinstance(base, int) or not isinstance(exponent, int) or abs(base) < 2:
        return False
    return base.bit_length() * exponent > MAX_RESULT


def _big_product(left: Any, right: Any) -> bool:
    for many, times in ((left, right), (right, left)):
        if isinstance(many, str | list | tuple) and isinstance(times, int):
            return len(many) * times > MAX_RESULT
    if isinstance(left, int) and isinstance(right, int):
        return left.bit_length() + right.bit_length() > MAX_RESULT
    return False


def _size(value: Any) -> str:
    return plural(len(value), "item") if isinstance(value, str | list | tuple) else repr(value)[:40]


def make_environment() -> jinja2.Environment:
    """Return the sandboxed, strict Jinja environment every outline text is rendered with."""
    env = _Sandbox(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.filters.update(
        FILTERS,
        format=_checked_format,
        center=_checked_center,
        indent=_checked_indent,
        replace=_checked_replace,
    )
    del env.globals["lipsum"]  # lipsum(10**9) writes a gigabyte of Latin
    return env


TALK_NAMES = ("news", "vars", "all", "groups", "repos", "releases", "period", "as_of")
"""The names the outline's own texts (title, subtitle, speaker, event) may use."""
SLIDE_NAMES = (*TALK_NAMES, "outline")
"""The names slide texts and the footer may use: those, and `outline` (the rendered talk)."""

_TALK_TEXTS: tuple[tuple[str, ...], ...] = (
    ("subtitle",),
    ("speaker", "name"),
    ("speaker", "role"),
    ("speaker", "affiliation"),
    ("event", "name"),
    ("event", "location"),
    ("event", "url"),
    ("event", "hashtag"),
)
"""The outline's own texts besides `title` and `footer`, as key paths."""

NO_OUTLINE_YET = (
    "'outline' cannot be used in the title, subtitle, speaker or event: those are rendered "
    "before it exists; write the text itself, or put it in `vars`"
)


def _metrics_context(
    document: OutlineDocument, metrics: Metrics, news: Sequence[NewsEntry]
) -> dict[str, Any]:
    """Return the names of `TALK_NAMES`: the scopes, the period, `vars` and the news."""
    return {
        "news": tuple(news),
        "vars": document.outline.vars,
        "all": metrics.all,
        "groups": metrics.groups,
        "repos": metrics.repos,
        "releases": metrics.releases,
        "period": metrics.period,
        "as_of": metrics.as_of,
    }


def text_context(
    document: OutlineDocument,
    metrics: Metrics,
    news: Sequence[NewsEntry] = (),
    talk: Talk | None = None,
) -> dict[str, Any]:
    """Return the names a slide template may use: the rendered outline, the scopes, the period
    and `vars` (`talk`: the outline's texts, when already rendered)."""
    if talk is None:
        talk = render_talk(document, metrics, news)
    return {**_metrics_context(document, metrics, news), "outline": talk_outline(document, talk)}


def talk_outline(document: OutlineDocument, talk: Talk) -> Outline:
    """Return the outline with its own texts replaced by their rendered values (`outline.*`)."""
    return document.outline.model_copy(
        update={
            "title": talk.title,
            "subtitle": talk.subtitle,
            "speaker": talk.speaker,
            "event": talk.event,
            "footer": talk.footer,
        }
    )


def render_talk(
    document: OutlineDocument, metrics: Metrics, news: Sequence[NewsEntry] = ()
) -> Talk:
    """Render the outline's own texts: title, subtitle, speaker, event, then the footer.

    The first ones see the metrics and `vars` but not `outline` (they are what it shows); the
    footer sees them rendered. A missing title is 'State of' and the first repository's name; a
    missing footer is the event's name.
    """
    outline = document.outline
    context = _metrics_context(document, metrics, news)
    renderer = Renderer(document, {**context, "outline": jinja2.StrictUndefined(NO_OUTLINE_YET)})

    def text(path: tuple[str, ...]) -> str:
        value: Any = outline
        for name in path:
            value = getattr(value, name)
        return renderer.render(value, format_key_path(path), path) if value else ""

    if outline.title is not None:
        title = text(("title",))
    else:
        first = outline.first_repo
        title = f"State of {first.display_name}" if first else "State of the project"
        renderer.refuse_code(title, "title", ("repos",), title)
    texts = {path: text(path) for path in _TALK_TEXTS if getattr(outline, path[0]) is not None}
    speaker = Speaker(name="") if outline.speaker is None else outline.speaker
    event = Event(name="") if outline.event is None else outline.event
    speaker = speaker.model_copy(
        update={p[1]: value for p, value in texts.items() if p[0] == "speaker"}
    )
    event = event.model_copy(update={p[1]: value for p, value in texts.items() if p[0] == "event"})
    talk = Talk(title, texts.get(("subtitle",), ""), speaker, event, footer="")
    if outline.footer is None:
        return dataclasses.replace(talk, footer=event.name)
    footer_context = {**context, "outline": talk_outline(document, talk)}
    footer = Renderer(document, footer_context).render(outline.footer, "footer", ("footer",))
    return dataclasses.replace(talk, footer=footer)


class Renderer:
    """Render the outline's templates, turning Jinja failures into located `TextError`s."""

    def __init__(self, document: OutlineDocument, context: Mapping[str, Any]) -> None:
        self.document = document
        self.context = context
        self.env = make_environment()

    def render(self, text: str, where: str, path: tuple[str | int, ...]) -> str:
        """Render one template; `where` names it in errors ('slide 4 (id: releases), title').

        A result that still holds template code (`{{`, `{%`, `{#`, put there by a value the
        template inserts) is an error: the audience never sees template code.
        """
        rendered = self._render(text, where, path)
        self.refuse_code(rendered, where, path, text)
        return rendered

    def refuse_code(
        self, rendered: str, where: str, path: tuple[str | int, ...], text: str
    ) -> None:
        """Raise TextError when `rendered`, the result of template `text`, holds template code."""
        found = TEMPLATE_CODE.search(rendered)
        if found:
            why = (
                f"the rendered text holds {found[0]!r}, template code a deck must not show; "
                "a value the template inserts (such as a var) contains it"
            )
            raise self._error(where, path, text, why)

    def _render(self, text: str, where: str, path: tuple[str | int, ...]) -> str:
        try:
            with _deadline(RENDER_SECONDS):
                return self.env.from_string(text).render(self.context).strip()
        except _TooSlow:
            why = f"the template ran for more than {RENDER_SECONDS} s; simplify its loops"
            raise self._error(where, path, text, why) from None
        except jinja2.TemplateSyntaxError as exc:
            raise self._error(where, path, text, f"template syntax error: {exc.message}") from None
        except jinja2.UndefinedError as exc:
            why = explain_undefined(exc.message or "undefined", self.context)
            raise self._error(where, path, text, why) from None
        except (TypeError, ValueError, ArithmeticError, jinja2.TemplateError) as exc:
            raise self._error(where, path, text, f"{type(exc).__name__}: {exc}") from None
        except MemoryError:
            raise self._error(where, path, text, "the template needs too much memory") from None

    def _error(self, where: str, path: tuple[str | int, ...], text: str, why: str) -> TextError:
        location: Location | None = self.document.locate(*path)
        prefix = f"{location}: " if location else ""
        return TextError(f"{prefix}{where}: {why}\n  in template: {one_line(text)}")


TEMPLATE_CODE = re.compile(r"\{[{%#]")
"""What starts Jinja code: a deck must never show it."""

RENDER_SECONDS = 10
"""Longest a single template may run: slide text is short, so more is a loop gone wrong."""


class _TooSlow(BaseException):
    """Raised in the rendering thread at its deadline; a BaseException so that nothing in Jinja
    swallows it."""


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds`, in whichever thread it runs, on every platform.

    A watchdog timer raises `_TooSlow` in this thread the way a signal handler would: between two
    bytecodes (CPython's asynchronous exceptions), so a template loop stops within milliseconds
    and nothing keeps running after the error. SIGALRM would do the same but exists neither on
    Windows nor outside the main thread; a render in a worker thread could not be stopped at all.
    """
    target = threading.get_ident()
    lock = threading.Lock()
    fired = done = False

    def expire() -> None:
        nonlocal fired
        with lock:
            if not done:
                fired = True
                _raise_in(target, _TooSlow)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            done = True
            if fired:  # the block ended as the timer fired: drop an exception still pending
                _raise_in(target, None)
    if fired:
        raise _TooSlow


def _raise_in(thread: int, exception: type[BaseException] | None) -> None:
    """Raise `exception` in the thread `thread` at its next bytecode (None: cancel that)."""
    what = ctypes.c_void_p() if exception is None else ctypes.py_object(exception)  # NULL cancels
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), what)


_OBJECT = re.compile(r"'(?:\w+\.)+(\w+ object)'")
_UNDEFINED = re.compile(r"'([^']+)' is undefined")
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")


def explain_undefined(message: str, context: Mapping[str, Any]) -> str:
    """Return Jinja's undefined-name message, shortened, with the name the author likely meant."""
    text = _OBJECT.sub(r"'\1'", message)
    if found := _UNDEFINED.fullmatch(message):
        name, known = found[1], sorted(context)
    elif found := _NO_ATTRIBUTE.search(message):
        name, known = found[1], sorted(_attribute_names(context.values()))
    else:
        return text
    hint = did_you_mean(name, known) or "; docs/outline.md lists the names a template can use"
    return text + hint


def _attribute_names(values: Any, depth: int = 0) -> set[str]:
    """Return the field and key names two levels into the template context (for hints)."""
    names: set[str] = set()
    for value in values:
        items: list[tuple[str, Any]]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            items = [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)]
        elif isinstance(value, BaseModel):
            items = [(name, getattr(value, name)) for name in type(value).model_fields]
        elif isinstance(value, Mapping):
            items = [(str(k), v) for k, v in value.items()]
        else:
            continue
        names.update(name for name, _ in items)
        if depth < 2:
            names |= _attribute_names([v for _, v in items], depth + 1)
    return names


_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(template: str, limit: int = 200) -> str:
    """Return `template` as one line for an error message: line breaks and control characters
    become spaces (each line of a message is printed as its own `error:` line)."""
    text = _BREAKS.sub(" ", template.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def slide_label(number: int, spec: SlideSpec) -> str:
    """Return how errors name a slide: 'slide 4 (id: releases)'."""
    return f"slide {number}" + (f" (id: {spec.id})" if spec.id else "")


def render_slides(
    document: OutlineDocument,
    metrics: Metrics,
    news: Sequence[NewsEntry] = (),
    talk: Talk | None = None,
) -> tuple[RenderedSlide, ...]:
    """Render every text field of every slide (the fields a slide kind lists in `text_fields`).

    `talk` is the outline's texts as `render_talk` returns them (rendered here when not given).
    A `news` slide comes out as a bullets slide of the period's release-note entries.
    """
    renderer = Renderer(document, text_context(document, metrics, news, talk))
    rendered = []
    for index, spec in enumerate(document.outline.slides):
        label = slide_label(index + 1, spec)
        updates = {}
        for name in spec.text_fields:
            value = getattr(spec, name)
            if value is None:
                continue
            updates[name] = _render_value(renderer, value, label, ("slides", index, name))
        done = spec.model_copy(update=updates)
        if isinstance(done, NewsSlide):
            done = news_bullets(done, news)
        rendered.append(RenderedSlide(index + 1, done))
    return tuple(rendered)


def check_templates(document: OutlineDocument) -> None:
    """Compile every template of the outline without metrics: syntax errors and unknown names
    fail `validate` (a name is known when the text stage gives it, see `TALK_NAMES`)."""
    env = make_environment()
    outline = document.outline

    def check(value: Any, label: str, path: tuple[str | int, ...], names: Sequence[str]) -> None:
        if isinstance(value, str):
            why = _template_problem(env, value, names)
            if why is None:
                return
            location = document.locate(*path)
            prefix = f"{location}: " if location else ""
            field = format_key_path(path[2:]) if path[0] == "slides" else format_key_path(path)
            where = f"{label}, {field}" if label else field
            raise TextError(f"{prefix}{where}: {why}\n  in template: {one_line(value)}")
        if isinstance(value, list):
            for i, item in enumerate(value):
                check(item, label, (*path, i), names)
        elif isinstance(value, dict):
            for key, item in value.items():
                check(key, label, path, names)
                check(item, label, (*path, key), names)
        elif isinstance(value, Strict):
            for key in type(value).model_fields:
                check(getattr(value, key), label, (*path, key), names)

    if outline.title is not None:
        check(outline.title, "", ("title",), TALK_NAMES)
    for path in _TALK_TEXTS:
        value: Any = outline
        for name in path:
            value = getattr(value, name, None)
        check(value, "", path, TALK_NAMES)
    if outline.footer is not None:
        check(outline.footer, "", ("footer",), SLIDE_NAMES)
    for index, spec in enumerate(outline.slides):
        for name in spec.text_fields:
            label = slide_label(index + 1, spec)
            check(getattr(spec, name), label, ("slides", index, name), SLIDE_NAMES)


def _template_problem(env: jinja2.Environment, text: str, names: Sequence[str]) -> str | None:
    """Return what is wrong with template `text` before it runs (syntax, a name the text stage
    does not give), or None."""
    try:
        tree = env.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        return f"template syntax error: {exc.message}"
    # Jinja counts a name set in one branch (`{% if %}{% set x %}`) as undeclared everywhere:
    # a name the template assigns anywhere is its own.
    assigned = {node.name for node in tree.find_all(jinja2.nodes.Name) if node.ctx != "load"}
    try:  # compiles the tree: an unknown filter or test is found here
        undeclared = jinja2.meta.find_undeclared_variables(tree)
    except jinja2.TemplateAssertionError as exc:
        return f"template error: {exc.message}"
    for name in sorted(undeclared - assigned):
        if name in names or name in env.globals:
            continue
        if name == "outline":
            return NO_OUTLINE_YET
        return explain_undefined(f"'{name}' is undefined", dict.fromkeys(SLIDE_NAMES))
    return None


def _render_value(renderer: Renderer, value: Any, label: str, path: tuple[str | int, ...]) -> Any:
    """Render strings anywhere inside lists, one-key bullet mappings and pydantic models.

    `path` starts with ('slides', index): errors name the slide by `label` and the field by the
    rest of the path, e.g. 'slide 2 (id: people), tiles[0].value'.
    """
    if isinstance(value, str):
        return renderer.render(value, f"{label}, {format_key_path(path[2:])}", path)
    if isinstance(value, list):
        return [_render_value(renderer, v, label, (*path, i)) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return _render_bullet_mapping(renderer, value, label, path)
    if isinstance(value, Strict):  # a nested outline model, e.g. a stats Tile
        fields = type(value).model_fields
        return value.model_copy(
            update={
                k: _render_value(renderer, getattr(value, k), label, (*path, k))
                for k in fields
                if isinstance(getattr(value, k), str)
            }
        )
    return value


def _render_bullet_mapping(
    renderer: Renderer, value: dict[str, list[BulletItem]], label: str, path: tuple[str | int, ...]
) -> dict[str, Any]:
    return {
        _render_value(renderer, k, label, path): _render_value(renderer, v, label, (*path, k))
        for k, v in value.items()
    }
