"""Render the outline's texts: the talk's own (title, speaker, event, footer), then every text
field of every slide, against the metrics.

Templates run in a sandbox with `StrictUndefined`: a typo such as `{{ all.contributers }}` fails
the build, naming the slide and the template, instead of putting an empty string on stage.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2

from deckgen.errors import Location, TextError, format_key_path
from deckgen.metrics.model import Metrics
from deckgen.news.model import NewsEntry
from deckgen.news.slides import news_bullets
from deckgen.outline import Outline, OutlineDocument, SlideSpec
from deckgen.outline.schema import BulletItem, Event, NewsSlide, Speaker, Strict
from deckgen.text.deadline import TooSlow, deadline
from deckgen.text.hints import StrictNames, UndefinedName, explain_undefined
from deckgen.text.names import (
    NO_OUTLINE_YET,
    TALK_TEXTS,
    one_line,
    slide_label,
)
from deckgen.text.sandbox import compiled, shared_environment


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
    renderer = Renderer(document, {**context, "outline": StrictNames(NO_OUTLINE_YET)})

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
    texts = {path: text(path) for path in TALK_TEXTS if getattr(outline, path[0]) is not None}
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
        self.env = shared_environment()

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
        if not JINJA_SYNTAX.search(text):  # Jinja gives plain text back as it is
            return text.strip()
        try:
            with deadline(RENDER_SECONDS):
                return compiled(text).render(self.context).strip()
        except TooSlow:
            why = f"the template ran for more than {RENDER_SECONDS} s; simplify its loops"
            raise self._error(where, path, text, why) from None
        except jinja2.TemplateSyntaxError as exc:
            raise self._error(where, path, text, f"template syntax error: {exc.message}") from None
        except UndefinedName as exc:
            why = exc.hint or explain_undefined(exc.name, exc.obj, self.context)
            raise self._error(where, path, text, why) from None
        except jinja2.UndefinedError as exc:
            why = exc.message or "undefined"
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

JINJA_SYNTAX = re.compile(r"[{\r]")
"""What Jinja may read as code (its delimiters all start with `{`) or change (it turns `\r\n`
and `\r` into `\n`): a text without either is rendered without Jinja, which saves compiling
it and starting the deadline's timer thread (most slide texts are plain: 30 of 44 in the
benchmark deck, about 20 ms)."""

RENDER_SECONDS = 10
"""Longest a single template may run: slide text is short, so more is a loop gone wrong."""


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
