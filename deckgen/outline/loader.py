"""Load an outline file into a validated `Outline`, with every problem located in the file."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from deckgen.errors import KeyPath, Location, OutlineError, Problem, did_you_mean, format_key_path
from deckgen.outline.modeltalk import model_talk_slides
from deckgen.outline.overlay import Layered, edit_slides, merge_into, merge_value, read_layered
from deckgen.outline.schema import (
    DEFER_CHECKS,
    SLIDE_KINDS,
    ImageSlide,
    Outline,
    SectionSlide,
    SlideSpec,
)
from deckgen.outline.yamlsource import (
    SourceMap,
    load_yaml,
    read_outline_text,
)
from deckgen.plural import plural


@dataclass(frozen=True)
class OutlineDocument:
    """A validated outline and where each of its values came from."""

    outline: Outline
    path: Path
    source: SourceMap
    files: tuple[Path, ...] = ()
    """Every file the outline was read from: the extends chain, the outline, vars files."""

    def locate(self, *path: str | int) -> Location | None:
        """Return the position of the value at `path` (e.g. `'slides', 3, 'title'`)."""
        return self.source.locate(tuple(path))


def load_outline(
    path: Path,
    *,
    overrides: Sequence[str] = (),
    vars_files: Sequence[Path] = (),
    repos_root: Path | None = None,
) -> OutlineDocument:
    """Read, override and validate the outline at `path`; raise `OutlineError` with every problem.

    Values are layered, later winning: the outlines it `extends`, the outline, each `vars_files`
    file (merged into `vars`), each `--set` override. Relative paths resolve against the folder
    of the file that wrote them; repository paths against `repos_root` when it is given.
    """
    return parse_outline(
        read_outline_text(path),
        path,
        overrides=overrides,
        vars_files=vars_files,
        repos_root=repos_root,
    )


def layer_outline(
    text: str, path: Path, *, overrides: Sequence[str] = (), vars_files: Sequence[Path] = ()
) -> Layered:
    """Return the outline's raw data after extends, vars files, overrides and slide edits."""
    layer = read_layered(path, text)
    if "slides" not in layer.data:  # an outline of only `repos:` gives the model talk
        layer.data["slides"] = model_talk_slides()
    for vars_file in vars_files:
        data, source = load_yaml(read_outline_text(vars_file), vars_file)
        if not isinstance(data, dict):
            raise OutlineError([Problem(source.locate(()), (), "a vars file is a YAML mapping")])
        extra = Layered({"vars": data})
        extra.take(Layered(data, dict(source.values), dict(source.keys)), (), ("vars",))
        layer.files.append(vars_file)
        layer.data.setdefault("vars", {})
        if not isinstance(layer.data["vars"], dict):
            layer.data["vars"] = {}
        merge_into(layer, extra, ())
    problems: list[Problem] = []
    for override in overrides:
        try:
            apply_override(layer, override)
        except ValueError as exc:
            where = Location(Path("--set"), 0, 0, label=f"--set {override}")
            problems.append(Problem(where, (), str(exc)))
    if problems:
        raise OutlineError(problems)
    edit_slides(layer)
    return layer


def parse_outline(
    text: str,
    path: Path,
    *,
    overrides: Sequence[str] = (),
    vars_files: Sequence[Path] = (),
    repos_root: Path | None = None,
) -> OutlineDocument:
    """Validate outline `text` as if read from `path` (see `load_outline`)."""
    layer = layer_outline(text, path, overrides=overrides, vars_files=vars_files)
    raw = layer.data
    source = layer.source(path)
    problems: list[Problem] = []
    slides, slide_problems = _validate_slides(raw.get("slides"), source)
    problems += slide_problems
    rest = {k: v for k, v in raw.items() if k != "slides"}
    outline: Outline | None = None
    try:
        outline = Outline.model_validate(
            {**rest, "slides": slides or [_PLACEHOLDER]}, context={DEFER_CHECKS: True}
        )
    except ValidationError as exc:
        problems += [
            p for p in _problems(exc, Outline, (), source, raw) if p.key_path != ("slides",)
        ]
    if not slides and not slide_problems:
        problems.append(
            Problem(source.locate(("slides",)), ("slides",), "expected at least one slide")
        )
    if problems or outline is None:
        raise OutlineError(sorted(problems, key=_reading_order))
    document = OutlineDocument(outline, path, source, tuple(layer.files))
    outline = _resolve_paths(document, repos_root)
    try:
        outline.check_together()
    except OutlineError as exc:
        raise OutlineError(
            Problem(source.locate(p.key_path), p.key_path, p.message) for p in exc.problems
        ) from None
    return replace(document, outline=outline)


def _kinds() -> str:
    """Return the slide kinds for a message (listing them scans the installed plug-ins)."""
    return ", ".join(repr(k) for k in sorted(SLIDE_KINDS))


_PLACEHOLDER = SectionSlide.model_construct(title="")
"""Stands in for slides that all failed, so that the rest of the outline is still checked
(constructed, not validated: validating would build the kind's validator for nothing)."""


def _reading_order(problem: Problem) -> tuple[int, int, str]:
    loc, key = problem.location, format_key_path(problem.key_path)
    return (loc.line, loc.column, key) if loc else (0, 0, key)


def apply_override(layer: Layered, override: str) -> None:
    """Set `KEY.PATH=VALUE` in the raw outline; VALUE is read as YAML (numbers, dates, lists).

    VALUE that is not valid YAML (or not a valid date, such as 2026-13-01) is kept as text, for
    validation to say what is wrong with it.
    """
    key_path, sep, value_text = override.partition("=")
    if not sep or not key_path.strip():
        raise ValueError(f"expected KEY.PATH=VALUE, got {override!r}")
    value: Any = ""
    if value_text.strip():
        try:
            value, _ = load_yaml(value_text, Path("--set"))
        except OutlineError:
            value = value_text
    path: KeyPath = tuple(int(p) if p.isdigit() else p for p in key_path.strip().split("."))
    where = Location(Path("--set"), 0, 0, label=f"--set {override}")
    merge_value(layer, path, value, where)


def _validate_slides(raw_slides: Any, source: SourceMap) -> tuple[list[SlideSpec], list[Problem]]:
    """Validate each slide against the model of its kind, so errors point into that slide."""
    if raw_slides is None:
        return [], []
    if not isinstance(raw_slides, list):
        return [], [Problem(source.locate(("slides",)), ("slides",), "expected a list of slides")]
    slides: list[SlideSpec] = []
    problems: list[Problem] = []
    for i, raw in enumerate(raw_slides):
        path: KeyPath = ("slides", i)
        if not isinstance(raw, dict):
            problems.append(
                Problem(
                    source.locate(path),
                    path,
                    f"expected a mapping with a 'kind' key, got {raw!r}",
                )
            )
            continue
        kind = raw.get("kind")
        if kind is None:
            problems.append(
                Problem(
                    source.locate(path),
                    path,
                    f"required key 'kind' is missing; one of {_kinds()}",
                )
            )
            continue
        model = SLIDE_KINDS.get(str(kind))
        if model is None:
            kind_path = (*path, "kind")
            problems.append(
                Problem(
                    source.locate(kind_path),
                    kind_path,
                    f"expected one of {_kinds()}, got {kind!r}"
                    f"{did_you_mean(str(kind), SLIDE_KINDS)}",
                )
            )
            continue
        try:
            slides.append(model.model_validate(raw))
        except ValidationError as exc:
            problems += _problems(exc, model, path, source, raw)
    return slides, problems


def _problems(
    exc: ValidationError, model: type[BaseModel], prefix: KeyPath, source: SourceMap, raw: Any
) -> Iterable[Problem]:
    for error in exc.errors():
        loc = _clean_loc(error["loc"], raw)
        path = (*prefix, *loc)
        kind = error["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1]) if loc else ""
            allowed = _fields_at(model, loc[:-1])
            hint = did_you_mean(key, allowed) if allowed else ""
            message = f"unknown key {key!r}{hint}"
            yield Problem(source.locate(path, key=True), path, message)
        elif kind == "missing":
            yield Problem(source.locate(path), path, "required key is missing")
        elif kind in _MESSAGES:
            ctx = {**error.get("ctx", {}), "input": _short(error.get("input"))}
            for bound in ("min_length", "max_length"):
                if isinstance(ctx.get(bound), int):
                    ctx[bound] = plural(ctx[bound], "item")
            yield Problem(source.locate(path), path, _MESSAGES[kind].format(**ctx))
        elif kind == "value_error":  # a validator's own ValueError: its text is the message
            message = str(error["ctx"]["error"])
            yield Problem(source.locate(path), path, message)
        else:
            message = error["msg"]
            message = message[0].lower() + message[1:]
            if kind != "assertion_error" and "input" in error:
                message += f", got {_short(error['input'])}"
            yield Problem(source.locate(path), path, message)


_MESSAGES = {
    "too_short": "expected at least {min_length}, got {actual_length}",
    "too_long": "expected at most {max_length}, got {actual_length}",
    "date_from_datetime_parsing": "expected a date such as 2026-05-31, got {input}",
    "date_parsing": "expected a date such as 2026-05-31, got {input}",
    "date_type": "expected a date such as 2026-05-31, got {input}",
    "string_type": "expected text, got {input}",
    "list_type": "expected a list, got {input}",
    "dict_type": "expected a mapping, got {input}",
    "model_type": "expected a mapping, got {input}",
    "model_attributes_type": "expected a mapping, got {input}",
    "bool_type": "expected true or false, got {input}",
    "bool_parsing": "expected true or false, got {input}",
}
"""Plain wording for the validation errors users meet most."""


def _clean_loc(loc: tuple[int | str, ...], raw: Any) -> KeyPath:
    """Drop pydantic's union-branch labels (e.g. 'str', 'dict[str,...]') from an error location.

    A part is kept when the raw data has it; a missing last part is the missing key itself.
    """
    kept: list[str | int] = []
    node = raw
    for i, part in enumerate(loc):
        if _has_part(node, part):
            node = node[part]
        elif i < len(loc) - 1:
            continue
        kept.append(part)
    return tuple(kept)


def _has_part(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and part < len(node)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fields_at(model: type[BaseModel], loc: KeyPath) -> list[str]:
    """Return the field names of the model found at `loc` under `model` (for 'did you mean')."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        target = _model_in(current)
        if target is None:
            return []
        if part in target.model_fields:
            current = target.model_fields[part].annotation
        # a dict key (e.g. a group name): keep looking at the value type
        elif _is_dict(current):
            current = typing.get_args(current)[1]
        else:
            return []
    found = _model_in(current)
    return list(found.model_fields) if found else []


def _is_dict(annotation: Any) -> bool:
    return typing.get_origin(annotation) is dict


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """Find the pydantic model inside `annotation` (through Optional, list and dict)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, dict, typing.Union, types.UnionType):
        for arg in reversed(typing.get_args(annotation)):
            found = _model_in(arg)
            if found:
                return found
    return None


def _resolve_paths(document: OutlineDocument, repos_root: Path | None) -> Outline:
    """Make every path absolute: relative ones against the folder of the file that wrote them.

    `repos_root`, when given, replaces that folder for repository paths (`deckgen demo` points
    the demo outline, and outlines extending it, at the generated project this way).
    """
    outline = document.outline

    def resolve(p: Path, *where: str | int, root: Path | None = None) -> Path:
        if root is not None:
            base = root
        else:
            location = document.locate(*where)
            from_file = location is not None and location.label is None
            # the real file's folder: an outline reached through a symbolic link (talks/demo.yaml)
            # finds its logo beside it, inside the folder tree `build` keeps embedded files in
            real = location.file if from_file and location else document.path
            base = real.resolve().parent
        return (base.resolve() / p.expanduser()).resolve()

    repos = {
        group: [
            repo
            if repo.path is None
            else repo.model_copy(
                update={"path": resolve(repo.path, "repos", group, i, root=repos_root)}
            )
            for i, repo in enumerate(repos)
        ]
        for group, repos in outline.repos.items()
    }
    slides = [
        spec.model_copy(update={"image": resolve(spec.image, "slides", i, "image")})
        if isinstance(spec, ImageSlide)
        else spec
        for i, spec in enumerate(outline.slides)
    ]
    logo = resolve(outline.logo, "logo") if outline.logo else None
    identity = outline.identity
    if identity.mailmap is not None:
        mailmap = resolve(identity.mailmap, "identity", "mailmap")
        identity = identity.model_copy(update={"mailmap": mailmap})
    template = resolve(outline.template, "template") if outline.template else None
    return outline.model_copy(
        update={
            "repos": repos,
            "identity": identity,
            "template": template,
            "slides": slides,
            "logo": logo,
        }
    )


def describe_outline(
    path: Path, *, overrides: Sequence[str] = (), vars_files: Sequence[Path] = ()
) -> str:
    """Return the merged outline as YAML, each value followed by where it was set."""
    layer = layer_outline(read_outline_text(path), path, overrides=overrides, vars_files=vars_files)
    lines: list[str] = []

    def origin(key_path: KeyPath) -> str:
        where = layer.values.get(key_path)
        return f"  # {where}" if where else ""

    def scalar(value: Any) -> str:
        return (
            yaml.safe_dump(value, default_flow_style=True, width=10_000)
            .strip()
            .removesuffix("\n...")
        )

    def emit(value: Any, key_path: KeyPath, indent: str, lead: str) -> None:
        if isinstance(value, dict) and value:
            if lead:
                lines.append(f"{indent}{lead}".rstrip() + origin(key_path))
                indent += "  "
            for key, item in value.items():
                emit(item, (*key_path, key), indent, f"{key}:")
        elif isinstance(value, list) and value:
            lines.append(f"{indent}{lead}".rstrip() + origin(key_path))
            for i, item in enumerate(value):
                if isinstance(item, dict | list) and item:
                    lines.append(f"{indent}  -" + origin((*key_path, i)))
                    emit(item, (*key_path, i), indent + "    ", "")
                else:
                    lines.append(f"{indent}  - {scalar(item)}" + origin((*key_path, i)))
        else:
            lines.append(f"{indent}{lead} {scalar(value)}".rstrip() + origin(key_path))

    emit(layer.data, (), "", "")
    return "\n".join(lines) + "\n"
