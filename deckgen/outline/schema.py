"""The outline's schema: what a talk outline may say, as pydantic models.

Slides are validated one by one against the model of their `kind` (see `SLIDE_KINDS`), so an
unknown kind is one clear error and a slide's own errors point into that slide.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from typing_extensions import TypeAliasType

DEFAULT_RELEASE_TAGS = r"^(?:v|release-|version-)?(\d+(?:\.\d+){1,3})$"
"""Version tags such as v6.8.0, 6.8 or release-6.8.0; anything with a suffix (-rc1) is not."""


class Strict(BaseModel):
    """Base of every outline model: unknown keys are errors, values are frozen once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Speaker(Strict):
    name: str = Field(description="The speaker's name, as on the title slide.")
    role: str = Field("", description="Role in the project, e.g. 'maintainer'.")
    affiliation: str = Field("", description="Employer or organisation.")


class Event(Strict):
    name: str = Field(description="Event name, e.g. 'KVM Forum 2026'. Default footer text.")
    date: dt.date | None = Field(None, description="Day of the talk (shown on the title slide).")
    location: str = Field("", description="City or venue.")
    url: str = Field("", description="Event or project URL for the closing slide.")


SINCE_WORDS = ("year_start", "last_release")
UNTIL_WORDS = ("today", "as_of")


class PeriodSpec(Strict):
    """The reported days; each end is a date or an expression resolved against the history."""

    since: dt.date | str | None = Field(
        None,
        description="First day reported: a date, 'year_start' (default), 'last_release' (the day "
        "after the latest release) or 'tag:NAME' (the day after that release).",
    )
    until: dt.date | str | None = Field(
        None,
        description="Last day reported (inclusive): a date, 'as_of' (default), 'today', or "
        "'tag:NAME' (that release's day).",
    )

    @field_validator("since")
    @classmethod
    def _since_expression(cls, value: dt.date | str | None) -> dt.date | str | None:
        return _check_expression(value, SINCE_WORDS)

    @field_validator("until")
    @classmethod
    def _until_expression(cls, value: dt.date | str | None) -> dt.date | str | None:
        return _check_expression(value, UNTIL_WORDS)


def _check_expression(value: dt.date | str | None, words: tuple[str, ...]) -> dt.date | str | None:
    if not isinstance(value, str) or value in words:
        return value
    if value.startswith("tag:") and value[4:].strip():
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    choices = ", ".join(f"'{w}'" for w in (*words, "tag:NAME"))
    raise ValueError(f"expected a date such as 2026-05-31 or one of {choices}, got {value!r}")


class RepoSpec(Strict):
    """One repository: a work tree or a bare repository on disk."""

    path: Path = Field(description="Path to the repository, relative to the outline's folder.")
    name: str | None = Field(None, description="Display name; default: folder name without .git.")
    rev: str = Field("HEAD", description="Revision analysed (branch, tag or commit).")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"path": value} if isinstance(value, str) else value

    @property
    def display_name(self) -> str:
        return self.name or self.path.name.removesuffix(".git")


class Alias(Strict):
    """Several e-mails or names that are one person, shown as `name`."""

    name: str = Field(description="Display name of the person.")
    emails: list[str] = Field(default_factory=list, description="E-mail addresses of the person.")
    names: list[str] = Field(default_factory=list, description="Author names of the person.")


class IdentitySpec(Strict):
    aliases: list[Alias] = Field(
        default_factory=list, description="People with several identities."
    )
    bots: list[str] = Field(
        default_factory=list,
        description="Regular expressions matched against author name or e-mail; matches are bots.",
    )
    mailmap: Path | None = Field(
        None, description="Extra mailmap file applied after the repositories' own."
    )
    merge_by_name: bool = Field(False, description="Join identities that share a normalised name.")


class ReleasesSpec(Strict):
    group: str | None = Field(
        None, description="Group whose tags are the project's releases; default: the first group."
    )
    tags: str = Field(DEFAULT_RELEASE_TAGS, description="Regular expression a release tag matches.")
    subject: str | None = Field(
        None,
        description="Regular expression on commit subjects, for projects that do not tag releases.",
    )


# --- slides -------------------------------------------------------------------------------------

if TYPE_CHECKING:  # mypy cannot follow a recursive TypeAliasType
    BulletItem = Union[str, dict[str, list[Any]]]  # noqa: UP007
else:
    BulletItem = TypeAliasType("BulletItem", Union[str, dict[str, list["BulletItem"]]])  # noqa: UP007
"""A bullet is a line of text, or a one-key mapping from a line to its sub-bullets."""


class SlideSpec(Strict):
    """Keys every slide takes. `text_fields` names the fields that are Jinja templates."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "notes")

    kind: str
    id: str | None = Field(None, description="Stable name of the slide, for overlays and errors.")
    tags: list[str] = Field(
        default_factory=list, description="Labels for selecting slides with `only`/`skip`."
    )
    title: str = Field("", description="Slide title (Jinja).")
    notes: str | None = Field(None, description="Speaker notes (Jinja).")


class TitleSlide(SlideSpec):
    """The opening slide; its texts default to the outline's title, speaker and event."""

    text_fields = ("title", "subtitle", "byline", "notes")
    kind: Literal["title"] = "title"
    title: str = Field("{{ outline.title }}", description="Talk title (Jinja).")
    subtitle: str = Field("{{ outline.subtitle }}", description="Line under the title (Jinja).")
    byline: str = Field(
        "{{ outline.speaker.name }}"
        "{% if outline.speaker.role %}, {{ outline.speaker.role }}{% endif %}"
        "{% if outline.speaker.affiliation %} · {{ outline.speaker.affiliation }}{% endif %}\n"
        "{{ outline.event.name }}"
        "{% if outline.event.date %} · {{ outline.event.date | longdate }}{% endif %}",
        description="Speaker and event lines under the subtitle (Jinja).",
    )


class SectionSlide(SlideSpec):
    """A divider between parts of the talk."""

    text_fields = ("title", "subtitle", "notes")
    kind: Literal["section"] = "section"
    subtitle: str = Field("", description="Line under the section title (Jinja).")


class BulletsSlide(SlideSpec):
    """A title and a nested bullet list."""

    text_fields = ("title", "items", "notes")
    kind: Literal["bullets"] = "bullets"
    items: list[BulletItem] = Field(
        min_length=1, description="Bullets; a mapping nests sub-bullets."
    )

    @field_validator("items")
    @classmethod
    def _one_key_mappings(cls, items: list[BulletItem]) -> list[BulletItem]:
        _check_bullets(items)
        return items


def _check_bullets(items: list[BulletItem]) -> None:
    for item in items:
        if isinstance(item, dict):
            if len(item) != 1:
                raise ValueError(
                    "a nested bullet is a mapping with one key: the line, then its sub-bullets"
                )
            for sub in item.values():
                _check_bullets(sub)


class Tile(Strict):
    value: str = Field(description="The big number (Jinja), e.g. '{{ all.commits | thousands }}'.")
    caption: str = Field(description="What the number counts (Jinja).")


class StatsSlide(SlideSpec):
    """Two to four big-number tiles, each with a caption, and an optional sentence below."""

    text_fields = ("title", "tiles", "text", "notes")
    kind: Literal["stats"] = "stats"
    tiles: list[Tile] = Field(min_length=2, max_length=4)
    text: str = Field("", description="A sentence under the tiles (Jinja).")


class ChartSlide(SlideSpec):
    """One chart from the chart registry, for the whole set, a group or a repository."""

    text_fields = ("title", "caption", "notes")
    kind: Literal["chart"] = "chart"
    chart: str = Field(description="Chart kind, e.g. 'commits_by_year'.")
    scope: str = Field("all", description="'all', a group name, or 'repo:NAME'.")
    caption: str = Field("", description="A line under the chart (Jinja).")


class ClosingSlide(SlideSpec):
    """The last slide: a message and an invitation."""

    text_fields = ("title", "subtitle", "items", "notes")
    kind: Literal["closing"] = "closing"
    title: str = Field("Thank you", description="The closing message (Jinja).")
    subtitle: str = Field(
        "{{ outline.event.url }}", description="A line under it, e.g. a URL (Jinja)."
    )
    items: list[str] = Field(
        default_factory=list, description="Short lines, e.g. where to contribute."
    )


SLIDE_KINDS: dict[str, type[SlideSpec]] = {
    "title": TitleSlide,
    "section": SectionSlide,
    "bullets": BulletsSlide,
    "stats": StatsSlide,
    "chart": ChartSlide,
    "closing": ClosingSlide,
}
"""Slide kind name → its schema. The deck stage has a renderer for each name."""


class Outline(Strict):
    """A talk outline, validated. Paths are absolute (resolved against the outline's folder)."""

    title: str = Field(description="Talk title.")
    subtitle: str = Field("", description="Line under the title.")
    speaker: Speaker
    event: Event
    period: PeriodSpec = Field(default_factory=PeriodSpec)
    repos: dict[str, list[RepoSpec]] = Field(min_length=1, description="Group name → repositories.")
    identity: IdentitySpec = Field(default_factory=IdentitySpec)
    releases: ReleasesSpec = Field(default_factory=ReleasesSpec)
    vars: dict[str, Any] = Field(default_factory=dict, description="Free values for slide text.")
    template: Path | None = Field(None, description="A .pptx/.potx theme; default: deckgen's own.")
    footer: str | None = Field(None, description="Footer text (Jinja); default: the event name.")
    slides: list[Annotated[SlideSpec, Field()]] = Field(min_length=1)
    extends: str | None = Field(
        None, description="Base outline this one overlays (merged before validation)."
    )
    slides_patch: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Slide id → keys to change in that slide."
    )
    only: list[str] = Field(default_factory=list, description="Keep only these slide ids or tags.")
    skip: list[str] = Field(default_factory=list, description="Drop these slide ids or tags.")
    order: list[str] = Field(
        default_factory=list, description="Slide ids to put first, in this order."
    )

    @property
    def release_group(self) -> str:
        return self.releases.group or next(iter(self.repos))


def outline_json_schema() -> dict[str, Any]:
    """Return the outline's JSON Schema, with each slide described by the model of its kind."""
    kinds = tuple(SLIDE_KINDS.values())
    slide = Annotated[Union[kinds], Field(discriminator="kind")]  # type: ignore[valid-type]  # noqa: UP007

    class OutlineDocument(Outline):
        slides: list[slide] = Field(min_length=1)

    schema = OutlineDocument.model_json_schema()
    schema["title"] = "deckgen talk outline"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
