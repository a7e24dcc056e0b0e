"""The outline's schema: what a talk outline may say, as pydantic models.

Slides are validated one by one against the model of their `kind` (see `SLIDE_KINDS`), so an
unknown kind is one clear error and a slide's own errors point into that slide.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from typing_extensions import TypeAliasType

from deckgen.errors import KeyPath, OutlineError, Problem, did_you_mean, format_key_path
from deckgen.outline.globs import glob_problem
from deckgen.outline.modeltalk import model_talk_slides
from deckgen.outline.patterns import pattern_problem
from deckgen.outline.plugins import SlideKinds

DEFAULT_RELEASE_TAGS = r"^(?:v|release-|version-)?(\d+(?:\.\d+){1,3})$"
"""Version tags such as v6.8.0, 6.8 or release-6.8.0; anything with a suffix (-rc1) is not."""
TRAILER_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
"""A trailer key deckgen asks git for (it goes into a `--format` placeholder as is)."""


class Strict(BaseModel):
    """Base of every outline model: unknown keys are errors, values are frozen once read."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, coerce_numbers_to_str=True, defer_build=True
    )


class Speaker(Strict):
    """Who gives the talk; each text is a Jinja template (see `Outline`)."""

    name: str = Field(description="The speaker's name, as on the title slide (Jinja).")
    role: str = Field("", description="Role in the project, e.g. 'maintainer' (Jinja).")
    affiliation: str = Field("", description="Employer or organisation (Jinja).")


class Event(Strict):
    """Where the talk is given; each text is a Jinja template (see `Outline`)."""

    name: str = Field(
        description="Event name, e.g. 'KVM Forum {{ as_of.year }}' (Jinja). Default footer text."
    )
    date: dt.date | None = Field(None, description="Day of the talk (shown on the title slide).")
    location: str = Field("", description="City or venue (Jinja).")
    url: str = Field("", description="Event or project URL for the closing slide (Jinja).")
    hashtag: str = Field(
        "", description="Event hashtag for the closing slide, e.g. '#FOSDEM' (Jinja)."
    )


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

    range: str | None = Field(
        None,
        description="A release range 'A..B' (two revisions, usually tags): the non-merge commits "
        "reachable from B and not from A, as git's A..B, in every repository that holds both; "
        "the others count the days from the day after A to B's day. Not with since/until.",
    )

    @field_validator("range")
    @classmethod
    def _range_ends(cls, value: str | None) -> str | None:
        if value is not None:
            split_range(value)
        return value

    @model_validator(mode="after")
    def _range_or_days(self) -> PeriodSpec:
        if self.range is not None and (self.since is not None or self.until is not None):
            raise ValueError("give either `range` or `since`/`until`, not both")
        return self

    @property
    def ends(self) -> tuple[str, str] | None:
        """`range` as its two revisions (A, B); None without a range."""
        return None if self.range is None else split_range(self.range)

    @field_validator("since")
    @classmethod
    def _since_expression(cls, value: dt.date | str | None) -> dt.date | str | None:
        return _check_expression(value, SINCE_WORDS)

    @field_validator("until")
    @classmethod
    def _until_expression(cls, value: dt.date | str | None) -> dt.date | str | None:
        return _check_expression(value, UNTIL_WORDS)


RANGE_END = re.compile(r"[^\s.~^:?*\[\\]+(?:[.~^][^\s.~^:?*\[\\]*)*")
"""One end of a range: a revision name git could resolve (no `..`, no spaces, no leading `-`)."""


def split_range(value: str) -> tuple[str, str]:
    """Return the two revisions of the range 'A..B'; ValueError when it is not one."""
    old, sep, new = value.partition("..")
    ends = (old.strip(), new.strip())
    if not sep or any(
        not end or end.startswith("-") or ".." in end or not RANGE_END.fullmatch(end)
        for end in ends
    ):
        raise ValueError(f"expected two revisions as 'A..B' (e.g. 'v6.7.0..v6.8.0'), got {value!r}")
    return ends


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
    """One repository: a work tree or bare repository on disk, or a remote one by URL."""

    path: Path | None = Field(
        None, description="Path to the repository, relative to the outline's folder."
    )
    url: str | None = Field(
        None,
        description="Remote repository (https, ssh, git or file URL), cloned once into the cache "
        "as a bare treeless clone and fetched when its tip moves.",
    )
    name: str | None = Field(None, description="Display name; default: folder name without .git.")
    rev: str = Field("HEAD", description="Revision analysed (branch, tag or commit).")
    components: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Component name → globs of the paths that are part of it "
        "(`deckgen help outline`); added to its group's `components`.",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"path": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _path_or_url(self) -> RepoSpec:
        if (self.path is None) == (self.url is None):
            raise ValueError("give either `path` or `url`")
        return self

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.path is not None:
            # `repo/.git` is named after `repo`
            path = self.path.parent if self.path.name == ".git" else self.path
            return path.name.removesuffix(".git")
        assert self.url is not None
        return self.url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].removesuffix(".git")


class Alias(Strict):
    """Several e-mails or names that are one person, shown as `name`."""

    name: str = Field(description="Display name of the person.")
    emails: list[str] = Field(default_factory=list, description="E-mail addresses of the person.")
    names: list[str] = Field(default_factory=list, description="Author names of the person.")


class Affiliation(Strict):
    """Commits from `match` (an e-mail domain such as 'redhat.com', or a whole address) belong to
    `organisation` until `until` (inclusive), if given."""

    match: str = Field(description="E-mail domain ('example.com') or address ('a@example.com').")
    organisation: str = Field(description="Organisation name shown in charts and tables.")
    until: dt.date | None = Field(None, description="Last day of the affiliation.")


class IdentitySpec(Strict):
    """Who is who: people with several identities, bots, organisations."""

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
    affiliations: list[Affiliation] = Field(
        default_factory=list,
        description="E-mail domains or addresses → organisation (as gitdm's EmailMap); enables "
        "per-organisation counts and the elephant factor.",
    )
    key: Literal["email", "name"] = Field(
        "email",
        description="What makes a person: the author e-mail after the mailmap (default), or the "
        "mailmapped author name exactly as `git shortlog` groups it.",
    )
    credit_trailers: list[str] = Field(
        default_factory=list,
        description="Commit-message trailers whose people are credited as contributors next to "
        "the authors, e.g. [Reviewed-by, Tested-by, Co-authored-by].",
    )

    @field_validator("credit_trailers")
    @classmethod
    def _trailer_keys(cls, keys: list[str]) -> list[str]:
        """A trailer key is a word of letters, digits and hyphens, named once (any case)."""
        seen: set[str] = set()
        for key in keys:
            if not TRAILER_KEY.fullmatch(key):
                raise ValueError(
                    f"{key!r} is not a trailer key (letters, digits and hyphens, e.g. Reviewed-by)"
                )
            if key.lower() in seen:
                raise ValueError(f"trailer {key!r} is named twice")
            seen.add(key.lower())
        return keys


class ReleasesSpec(Strict):
    """What counts as a release: tags matching `tags` in the release group, or commit subjects."""

    group: str | None = Field(
        None, description="Group whose tags are the project's releases; default: the first group."
    )
    tags: str = Field(DEFAULT_RELEASE_TAGS, description="Regular expression a release tag matches.")
    subject: str | None = Field(
        None,
        description="Regular expression on commit subjects, for projects that do not tag releases.",
    )
    last: int | None = Field(
        None,
        ge=1,
        le=100,
        description="The `commits_by_release` chart shows the last N releases up to the period's "
        "end, with their statistics in `releases.last` of the metrics; default: the period's.",
    )


class ByYearSpec(Strict):
    """The per-year series (`by_year`) and the per-year charts drawn from it."""

    since: int | None = Field(
        None,
        ge=1970,
        le=9999,
        description="First year shown by the per-year charts and `by_year` (e.g. 2005, the year "
        "the project began); default: the year of the scope's first commit.",
    )


# --- slides -------------------------------------------------------------------------------------

if TYPE_CHECKING:  # mypy cannot follow a recursive TypeAliasType
    BulletItem = Union[str, dict[str, list[Any]]]  # noqa: UP007
else:
    BulletItem = TypeAliasType("BulletItem", Union[str, dict[str, list["BulletItem"]]])  # noqa: UP007
"""A bullet is a line of text, or a one-key mapping from a line to its sub-bullets."""


def _describe_kind(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Describe a slide's `kind` by the kind's own docstring (for editors)."""
    kind = schema.get("properties", {}).get("kind")
    if kind is not None and model.__doc__:
        kind["description"] = "Slide kind. " + model.__doc__.split("\n\n")[0]


class SlideSpec(Strict):
    """Keys every slide takes. `text_fields` names the fields that are Jinja templates."""

    model_config = ConfigDict(json_schema_extra=_describe_kind)

    text_fields: ClassVar[tuple[str, ...]] = ("title", "notes")
    renderer: ClassVar[str] = ""
    """'module:Class' of the kind's renderer in the deck stage, imported when a deck is made:
    a kind is registered once, here, and the outline stage never imports python-pptx."""

    kind: str
    id: str | None = Field(None, description="Stable name of the slide, for overlays and errors.")
    tags: list[str] = Field(
        default_factory=list, description="Labels for selecting slides with `only`/`skip`."
    )
    title: str = Field("", description="Slide title (Jinja).")
    notes: str | None = Field(None, description="Speaker notes (Jinja).")


class TitleSlide(SlideSpec):
    """The opening slide; its texts default to the outline's title, speaker and event."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "subtitle", "byline", "notes")
    kind: Literal["title"] = "title"
    renderer: ClassVar[str] = "deckgen.deck.kinds.title:TitleKind"
    title: str = Field("{{ outline.title }}", description="Talk title (Jinja).")
    subtitle: str = Field("{{ outline.subtitle }}", description="Line under the title (Jinja).")
    byline: str = Field(
        # Each line leaves out what the outline does not say, and with it its separator.
        "{{ [[outline.speaker.name, outline.speaker.role] | select | join(', '),"
        " outline.speaker.affiliation] | select | join(' · ') }}\n"
        "{{ [outline.event.name, outline.event.date | longdate if outline.event.date else '']"
        " | select | join(' · ') }}",
        description="Speaker and event lines under the subtitle (Jinja).",
    )


class SectionSlide(SlideSpec):
    """A divider between parts of the talk."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "subtitle", "notes")
    kind: Literal["section"] = "section"
    renderer: ClassVar[str] = "deckgen.deck.kinds.section:SectionKind"
    subtitle: str = Field("", description="Line under the section title (Jinja).")


class BulletsSlide(SlideSpec):
    """A title and a nested bullet list."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "items", "notes")
    kind: Literal["bullets"] = "bullets"
    renderer: ClassVar[str] = "deckgen.deck.kinds.bullets:BulletsKind"
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
    """One big number on a `stats` slide, with what it counts."""

    value: str = Field(description="The big number (Jinja), e.g. '{{ all.commits | thousands }}'.")
    caption: str = Field(description="What the number counts (Jinja).")
    previous: str | None = Field(
        None,
        description="The same number a year earlier (Jinja), e.g. '{{ all.previous.commits }}': "
        "the tile then shows the change with ▲ or ▼.",
    )
    rank: str | None = Field(
        None,
        description="The number's place in its history (Jinja), e.g. "
        "'{{ all.context.commits | ranked }}' → '2nd highest since 2005': a line under the "
        "change.",
    )


class StatsSlide(SlideSpec):
    """Two to four big-number tiles, each with a caption, and an optional sentence below."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "tiles", "text", "notes")
    kind: Literal["stats"] = "stats"
    renderer: ClassVar[str] = "deckgen.deck.kinds.stats:StatsKind"
    tiles: list[Tile] = Field(
        min_length=2, max_length=4, description="Two to four big numbers, each with a caption."
    )
    text: str = Field("", description="A sentence under the tiles (Jinja).")


class ChartSlide(SlideSpec):
    """One chart from the chart registry, for the whole set, a group or a repository."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "caption", "notes")
    kind: Literal["chart"] = "chart"
    renderer: ClassVar[str] = "deckgen.deck.kinds.chart:ChartKind"
    chart: str = Field(description="Chart kind, e.g. 'commits_by_year'.")
    scope: str = Field("all", description="'all', a group name, or 'repo:NAME'.")
    caption: str = Field("", description="A line under the chart (Jinja).")
    native: bool = Field(
        False, description="Write an editable PowerPoint chart instead of a picture."
    )


class ChartBulletsSlide(ChartSlide):
    """A chart and a bullet list side by side."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "caption", "items", "notes")
    kind: Literal["chart_bullets"] = "chart_bullets"  # type: ignore[assignment]
    renderer: ClassVar[str] = "deckgen.deck.kinds.chart_bullets:ChartBulletsKind"
    items: list[BulletItem] = Field(min_length=1, description="Bullets beside the chart.")


ReleaseField = Literal["name", "date", "commits", "contributors", "new_contributors"]


def _name_and_date() -> list[ReleaseField]:
    return ["name", "date"]


class TableSlide(SlideSpec):
    """A table: rows written in the outline, or generated from the metrics by `data`."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "columns", "rows", "caption", "notes")
    kind: Literal["table"] = "table"
    renderer: ClassVar[str] = "deckgen.deck.kinds.table:TableKind"
    data: (
        Literal["releases", "new_contributors", "scopes", "reviewers", "components", "lines"] | None
    ) = Field(
        None,
        description="Generate the rows: 'releases' (name, date) of the period, "
        "'new_contributors' (names), 'scopes' (commits, contributors, new per group), "
        "'reviewers' (the people credited most by each of `identity.credit_trailers`), "
        "'components' (commits and authors per component), or 'lines' (people by changed "
        "lines, with `lines: true`).",
    )
    limit: int | None = Field(
        None, ge=1, description="Generated rows kept, from the top (default: all of them)."
    )
    scope: str = Field("all", description="Scope of `data`: 'all', a group, or 'repo:NAME'.")
    fields: list[ReleaseField] = Field(
        default_factory=_name_and_date,
        min_length=1,
        description="With `data: releases`, the columns shown, in order: 'name', 'date', "
        "'commits', 'contributors', 'new_contributors' (each since the previous release).",
    )
    columns: list[str] = Field(default_factory=list, description="Header cells (Jinja).")
    rows: list[list[str]] = Field(default_factory=list, description="Body cells (Jinja).")
    max_rows: int | None = Field(
        None,
        ge=1,
        description="At most this many rows per slide (default: as many as fit); "
        "more continue on further slides.",
    )
    caption: str = Field("", description="A line under the table (Jinja).")


class ImageSlide(SlideSpec):
    """A picture with a caption, e.g. a screenshot of the new forge."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "caption", "alt", "notes")
    kind: Literal["image"] = "image"
    renderer: ClassVar[str] = "deckgen.deck.kinds.image:ImageKind"
    image: Path = Field(description="PNG, JPEG or GIF file, relative to the outline's folder.")
    caption: str = Field("", description="A line under the picture (Jinja).")
    alt: str = Field("", description="Alt text (Jinja); default: the caption.")


class QuoteSlide(SlideSpec):
    """A quotation and who said it."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "quote", "attribution", "notes")
    kind: Literal["quote"] = "quote"
    renderer: ClassVar[str] = "deckgen.deck.kinds.quote:QuoteKind"
    quote: str = Field(description="The quotation (Jinja).")
    attribution: str = Field("", description="Who said it (Jinja).")


NewsCategory = Literal["new", "improved", "fixed", "removed", "security", "other"]


def _default_news_categories() -> list[NewsCategory]:
    return ["new", "improved", "removed"]


class NewsSlide(SlideSpec):
    """Feature bullets harvested from the project's release notes (see `news:`)."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "items", "notes")
    kind: Literal["news"] = "news"
    renderer: ClassVar[str] = "deckgen.deck.kinds.news:NewsKind"
    categories: list[NewsCategory] = Field(
        default_factory=_default_news_categories,
        description="Which categories of entries to show.",
    )
    pick: list[str] = Field(
        default_factory=list, description="Keep only entries whose title matches one of these."
    )
    exclude: list[str] = Field(
        default_factory=list, description="Drop entries whose title matches one of these."
    )
    limit: int | None = Field(None, ge=1, description="At most this many entries per group.")
    group_by: Literal["category", "release", "component", "none"] = Field(
        "category", description="How entries are grouped into top-level bullets."
    )
    rename: dict[str, str] = Field(
        default_factory=dict, description="Title or group heading → text shown instead."
    )
    items: list[BulletItem] = Field(
        default_factory=list, description="Hand-written bullets added after the harvested ones."
    )
    show_release: bool = Field(False, description="Append the release version to each entry.")


class ClosingSlide(SlideSpec):
    """The last slide: a message and an invitation."""

    text_fields: ClassVar[tuple[str, ...]] = ("title", "subtitle", "items", "notes")
    kind: Literal["closing"] = "closing"
    renderer: ClassVar[str] = "deckgen.deck.kinds.closing:ClosingKind"
    title: str = Field("Thank you", description="The closing message (Jinja).")
    subtitle: str = Field(
        "{{ outline.event.url }}", description="A line under it, e.g. a URL (Jinja)."
    )
    items: list[str] = Field(
        default_factory=list, description="Short lines, e.g. where to contribute."
    )


SLIDE_KINDS: SlideKinds[type[SlideSpec]] = SlideKinds(
    {
        "title": TitleSlide,
        "section": SectionSlide,
        "bullets": BulletsSlide,
        "stats": StatsSlide,
        "chart": ChartSlide,
        "chart_bullets": ChartBulletsSlide,
        "table": TableSlide,
        "image": ImageSlide,
        "quote": QuoteSlide,
        "news": NewsSlide,
        "closing": ClosingSlide,
    },
    SlideSpec,
)
"""Slide kind name → its schema, which names the kind's renderer: the built-in kinds, then those
installed packages add (`deckgen.outline.plugins`)."""


class NewsSource(Strict):
    """The release notes to harvest: a file in a repository, read at the analysed revision."""

    repo: str | None = Field(
        None, description="Repository name; default: the first of the release group."
    )
    file: str | None = Field(
        None,
        description="Path in the repository; default: the first of NEWS.rst, NEWS.md, "
        "CHANGELOG.md, CHANGES.md, NEWS that exists.",
    )
    format: Literal["auto", "rst", "markdown", "tags", "commits"] = Field(
        "auto",
        description="File format, or 'tags' (annotated tag messages) / 'commits' "
        "(conventional-commit subjects).",
    )
    include_unreleased: bool = Field(False, description="Include the unreleased section.")


DEFER_CHECKS = "defer_checks"
"""Validation context key: build the `Outline` without `check_together` (the loader runs it once
the paths are resolved, since a repository's name may come from its resolved path)."""


class Outline(Strict):
    """A talk outline, validated. Paths are absolute (resolved against the outline's folder)."""

    title: str | None = Field(
        None,
        description="Talk title (Jinja); default: 'State of' and the first repository's name.",
    )
    subtitle: str = Field("", description="Line under the title (Jinja).")
    speaker: Speaker | None = Field(None, description="Who gives the talk; default: nobody named.")
    event: Event | None = Field(None, description="Where it is given; default: no event named.")
    period: PeriodSpec = Field(
        default_factory=PeriodSpec,
        description="The days reported; default: 1 January of the as-of year to the as-of date.",
    )
    repos: dict[str, list[RepoSpec]] = Field(min_length=1, description="Group name → repositories.")
    identity: IdentitySpec = Field(
        default_factory=IdentitySpec,
        description="Who is who: aliases, bots, a mailmap, organisations.",
    )
    components: dict[str, dict[str, list[str]]] = Field(
        default_factory=dict,
        description="Group name → component name → globs: the components of every repository "
        "of the group (a repository's own `components` add to them, and win on a shared name).",
    )
    lines: bool = Field(
        False,
        description="Count the lines each commit inserts and deletes (reads `git log --numstat`).",
    )
    releases: ReleasesSpec = Field(
        default_factory=ReleasesSpec,
        description="What counts as a release; default: version tags of the first group.",
    )
    by_year: ByYearSpec = Field(
        default_factory=ByYearSpec, description="The per-year series and charts."
    )
    vars: dict[str, Any] = Field(default_factory=dict, description="Free values for slide text.")
    template: Path | None = Field(None, description="A .pptx/.potx theme; default: deckgen's own.")
    footer: str | None = Field(
        None, description="Footer text (Jinja); default: the event name, else none."
    )
    layouts: dict[str, str] = Field(
        default_factory=dict,
        description="Slide kind → layout name in the template, where it differs from the defaults.",
    )
    keep_template_slides: bool = Field(
        False, description="Keep the slides already in the template, before the deck's own."
    )
    logo: Path | None = Field(None, description="Logo picture for the title slide.")
    news: NewsSource | None = Field(
        None, description="Where the release notes are, for `news` slides and `{{ news }}`."
    )
    slides: list[Annotated[SlideSpec, Field()]] = Field(
        default_factory=lambda: model_talk(),
        min_length=1,
        description="The slides, in order; default: the model talk (`deckgen help outline`).",
    )
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

    _patterns: dict[KeyPath, re.Pattern[str]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _checked(self, info: ValidationInfo) -> Outline:
        """Check the values together as the outline is built, unless the loader defers it."""
        if not (info.context or {}).get(DEFER_CHECKS):
            self.check_together()
        return self

    def check_together(self) -> None:
        """Check the values that must agree with each other, once: an `Outline` is checked when
        it is built, and the stages after the outline's trust it.

        The fields check each value on its own; these need more than one: repository names that
        must differ (every repository is a named scope), a release group that must be one of the
        groups, and regular expressions that must compile (kept compiled). OutlineError, with
        every problem and no positions (the loader adds them).
        """
        problems = [
            *_duplicate_names(self),
            *_unknown_release_group(self),
            *_component_problems(self),
        ]
        compiled = {}
        for key, pattern in _pattern_texts(self):
            try:
                compiled[key] = re.compile(pattern)
            except re.error as exc:
                problems.append(pattern_problem(key, pattern, exc))
        if problems:
            raise OutlineError(problems)
        self._patterns = compiled

    @property
    def release_tags(self) -> re.Pattern[str]:
        """`releases.tags`, compiled."""
        return self._compiled(("releases", "tags"), self.releases.tags)

    @property
    def release_subject(self) -> re.Pattern[str] | None:
        """`releases.subject`, compiled (None: releases are tags only)."""
        subject = self.releases.subject
        return None if subject is None else self._compiled(("releases", "subject"), subject)

    @property
    def bot_patterns(self) -> list[re.Pattern[str]]:
        """`identity.bots`, compiled."""
        return [
            self._compiled(("identity", "bots", i), b) for i, b in enumerate(self.identity.bots)
        ]

    def _compiled(self, key: KeyPath, text: str) -> re.Pattern[str]:
        """Return the pattern compiled when the outline was checked; a copy made with
        `model_copy(update=...)` is not checked again, so a changed text is compiled here."""
        found = self._patterns.get(key)
        if found is None or found.pattern != text:
            found = self._patterns[key] = re.compile(text)
        return found

    @property
    def scopes(self) -> list[str]:
        """The scope names slides may show: 'all', each group, 'repo:NAME' for each repository."""
        names = [repo.display_name for repos in self.repos.values() for repo in repos]
        return ["all", *self.repos, *(f"repo:{name}" for name in names)]

    def repo_components(self, group: str, spec: RepoSpec) -> dict[str, list[str]]:
        """Return the components of repository `spec` of `group`: the group's, then its own."""
        return {**self.components.get(group, {}), **spec.components}

    @property
    def changes(self) -> str | None:
        """What of each commit's changed files the history reads: 'lines' (paths and line
        counts), 'paths' (components only), or None (neither is used)."""
        if self.lines:
            return "lines"
        if self.components or any(s.components for specs in self.repos.values() for s in specs):
            return "paths"
        return None

    @property
    def release_group(self) -> str:
        return self.releases.group or next(iter(self.repos))

    @property
    def first_repo(self) -> RepoSpec | None:
        """Return the first repository of the first group that lists one."""
        return next((repo for repos in self.repos.values() for repo in repos), None)


def _pattern_texts(outline: Outline) -> Iterator[tuple[KeyPath, str]]:
    yield ("releases", "tags"), outline.releases.tags
    if outline.releases.subject is not None:
        yield ("releases", "subject"), outline.releases.subject
    for i, pattern in enumerate(outline.identity.bots):
        yield ("identity", "bots", i), pattern


def _duplicate_names(outline: Outline) -> Iterator[Problem]:
    seen: dict[str, KeyPath] = {}
    for group, specs in outline.repos.items():
        for i, spec in enumerate(specs):
            key: KeyPath = ("repos", group, i)
            first = seen.setdefault(spec.display_name, key)
            if first != key:
                yield Problem(
                    None,
                    key,
                    f"repository name {spec.display_name!r} is already used by "
                    f"{format_key_path(first)}; "
                    "give one of them a `name:`",
                )


def _component_problems(outline: Outline) -> Iterator[Problem]:
    for group in outline.components:
        if group not in outline.repos:
            groups = ", ".join(repr(g) for g in outline.repos)
            yield Problem(
                None,
                ("components", group),
                f"expected one of the groups {groups}, got {group!r}"
                f"{did_you_mean(group, outline.repos)}",
            )
    places: list[tuple[KeyPath, dict[str, list[str]]]] = [
        (("components", g), c) for g, c in outline.components.items()
    ]
    places += [
        (("repos", group, i, "components"), spec.components)
        for group, specs in outline.repos.items()
        for i, spec in enumerate(specs)
    ]
    for key, components in places:
        for name, globs in components.items():
            if not globs:
                yield Problem(None, (*key, name), "a component needs at least one glob")
            for n, glob in enumerate(globs):
                why = glob_problem(glob)
                if why is not None:
                    yield Problem(None, (*key, name, n), why)


def _unknown_release_group(outline: Outline) -> Iterator[Problem]:
    if outline.release_group not in outline.repos:
        groups = ", ".join(repr(g) for g in outline.repos)
        yield Problem(
            None,
            ("releases", "group"),
            f"expected one of the groups {groups}, got {outline.release_group!r}",
        )


def model_talk() -> list[SlideSpec]:
    """Return the slides of an outline that lists none (deckgen/outline/modeltalk.py)."""
    return [SLIDE_KINDS[raw["kind"]].model_validate(raw) for raw in model_talk_slides()]
