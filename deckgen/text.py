"""The text stage: render every Jinja template of the outline against the metrics.

Templates run in a sandbox with `StrictUndefined`: a typo such as `{{ all.contributers }}` fails
the build, naming the slide and the template, instead of putting an empty string on stage.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from deckgen.errors import Location, TextError
from deckgen.metrics.model import Metrics
from deckgen.news.model import NewsEntry
from deckgen.news.slides import news_bullets
from deckgen.outline import OutlineDocument, SlideSpec
from deckgen.outline.schema import BulletItem, NewsSlide, Strict
from deckgen.outline.yamlsource import format_key_path


@dataclass(frozen=True)
class RenderedSlide:
    """A slide whose text fields are plain strings, ready for the deck stage."""

    number: int
    """1-based position in the outline's `slides` list."""
    spec: SlideSpec


def thousands(value: Any) -> str:
    """Format 4123 as '4,123'."""
    return f"{_number(value):,.0f}" if isinstance(value, float) else f"{int(value):,}"


def round_to(value: Any, step: int = 100) -> str:
    """Round to a multiple of `step` and format with separators: 4123 | round_to(100) → '4,100'."""
    if step <= 0:
        raise ValueError("round_to needs a positive step")
    return f"{round(_number(value) / step) * step:,.0f}"


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
    "percent": percent,
    "signed": signed,
    "longdate": longdate,
}


def make_environment() -> jinja2.Environment:
    """Return the sandboxed, strict Jinja environment every outline text is rendered with."""
    env = ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False
    )
    env.filters.update(FILTERS)
    return env


def text_context(
    document: OutlineDocument, metrics: Metrics, news: Sequence[NewsEntry] = ()
) -> dict[str, Any]:
    """Return the names a template may use: the outline, the scopes, the period and `vars`."""
    return {
        "news": tuple(news),
        "outline": document.outline,
        "vars": document.outline.vars,
        "all": metrics.all,
        "groups": metrics.groups,
        "repos": metrics.repos,
        "releases": metrics.releases,
        "period": metrics.period,
        "as_of": metrics.as_of,
    }


class Renderer:
    """Render the outline's templates, turning Jinja failures into located `TextError`s."""

    def __init__(self, document: OutlineDocument, context: Mapping[str, Any]) -> None:
        self.document = document
        self.context = context
        self.env = make_environment()

    def render(self, text: str, where: str, path: tuple[str | int, ...]) -> str:
        """Render one template; `where` names it in errors ('slide 4 (id: releases), title')."""
        try:
            return self.env.from_string(text).render(self.context).strip()
        except jinja2.TemplateSyntaxError as exc:
            raise self._error(where, path, text, f"template syntax error: {exc.message}") from None
        except jinja2.UndefinedError as exc:
            raise self._error(where, path, text, f"{exc.message}") from None
        except (TypeError, ValueError, ArithmeticError, jinja2.TemplateError) as exc:
            raise self._error(where, path, text, f"{type(exc).__name__}: {exc}") from None

    def _error(self, where: str, path: tuple[str | int, ...], text: str, why: str) -> TextError:
        location: Location | None = self.document.locate(*path)
        prefix = f"{location}: " if location else ""
        return TextError(f"{prefix}{where}: {why}\n  in template: {text.strip()}")


def slide_label(number: int, spec: SlideSpec) -> str:
    """Return how errors name a slide: 'slide 4 (id: releases)'."""
    return f"slide {number}" + (f" (id: {spec.id})" if spec.id else "")


def render_slides(
    document: OutlineDocument, metrics: Metrics, news: Sequence[NewsEntry] = ()
) -> tuple[RenderedSlide, ...]:
    """Render every text field of every slide (the fields a slide kind lists in `text_fields`).

    A `news` slide comes out as a bullets slide of the period's release-note entries.
    """
    renderer = Renderer(document, text_context(document, metrics, news))
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
    """Compile every template of the outline without metrics: syntax errors fail `validate`."""
    env = make_environment()

    def check(value: Any, label: str, path: tuple[str | int, ...]) -> None:
        if isinstance(value, str):
            try:
                env.parse(value)
            except jinja2.TemplateSyntaxError as exc:
                location = document.locate(*path)
                prefix = f"{location}: " if location else ""
                field = format_key_path(path[2:]) if path[0] == "slides" else format_key_path(path)
                where = f"{label}, {field}" if label else field
                raise TextError(
                    f"{prefix}{where}: template syntax error: {exc.message}\n"
                    f"  in template: {value.strip()}"
                ) from None
        elif isinstance(value, list):
            for i, item in enumerate(value):
                check(item, label, (*path, i))
        elif isinstance(value, dict):
            for key, item in value.items():
                check(key, label, path)
                check(item, label, (*path, key))
        elif isinstance(value, Strict):
            for key in type(value).model_fields:
                check(getattr(value, key), label, (*path, key))

    for index, spec in enumerate(document.outline.slides):
        for name in spec.text_fields:
            check(getattr(spec, name), slide_label(index + 1, spec), ("slides", index, name))
    if document.outline.footer is not None:
        check(document.outline.footer, "", ("footer",))


def render_footer(document: OutlineDocument, metrics: Metrics) -> str:
    """Return the footer text: the outline's `footer` template, or the event name."""
    outline = document.outline
    if outline.footer is None:
        return outline.event.name
    renderer = Renderer(document, text_context(document, metrics))
    return renderer.render(outline.footer, "footer", ("footer",))


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
