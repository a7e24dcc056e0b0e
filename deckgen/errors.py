"""The errors deckgen reports to its users.

Every error a user can cause is a `DeckgenError`; the CLI prints its message and exits with
status 1. Anything else is a bug and gets a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where in an outline file a value was written (1-based line and column)."""

    file: Path
    line: int
    column: int
    label: str | None = None
    """Shown instead of the position for values that came from elsewhere, e.g. `--set`."""

    def __str__(self) -> str:
        if self.label is not None:
            return self.label
        return f"{_display_path(self.file)}:{self.line}:{self.column}"


def _display_path(path: Path) -> str:
    """Return `path` relative to the working folder when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class DeckgenError(Exception):
    """A problem the user can fix; its message is shown as is, without a traceback."""


KeyPath = tuple[str | int, ...]
"""Where a value sits in an outline: keys and list indices, `('slides', 3, 'chart')`."""


def format_key_path(path: KeyPath) -> str:
    """Return `('slides', 3, 'chart')` as `slides[3].chart`."""
    text = ""
    for part in path:
        if not isinstance(part, int) and not part.isprintable():  # shown on one line
            part = part.encode("unicode_escape").decode()
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an outline: where, which key, what."""

    location: Location | None
    key_path: KeyPath
    """The key the problem is about, () for the file as a whole; formatted only when shown."""
    message: str

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        key = f"{format_key_path(self.key_path)}: " if self.key_path else ""
        return one_line(f"{where}{key}{self.message}")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return `; did you mean 'X'?` for the choice closest to a mistyped `word`, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def one_line(text: str) -> str:
    """Return `text` with line breaks and other control characters escaped (`\\n`): a problem is
    one line of output, even when a value it quotes, such as a path, holds a line break."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


class OutlineError(DeckgenError):
    """The outline is not valid; carries every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class HistoryError(DeckgenError):
    """A repository cannot be read (missing, not git, shallow, unknown revision).

    `problems`, when given, say which outline entry (`repos.core[0]`) each message is about, so
    the build can point at the line that lists the repository.
    """

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        self.problems = tuple(problems)
        super().__init__(message)


class NothingToShowError(DeckgenError):
    """The repositories have commits, but none up to the as-of date: a deck of nothing."""


class TextError(DeckgenError):
    """A Jinja template in the outline failed to render."""


class SlideError(DeckgenError):
    """A problem with one slide of the outline, found after the outline was read.

    `slide` is the slide's 1-based number in the outline when the raiser knows it, so the
    build can point at where that slide was written.
    """

    def __init__(self, message: str, *, slide: int | None = None) -> None:
        super().__init__(message)
        self.slide = slide


class RenderError(SlideError):
    """A chart could not be drawn."""


class DeckError(SlideError):
    """The deck could not be assembled (template, layout, overflow)."""


class TemplateError(DeckError):
    """The theme template cannot be read or lacks a layout or placeholder the deck needs.

    `path` is the template and `detail` what is wrong with it, so that the build can point at
    the outline's `template:` line without taking the message apart.
    """

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"template {path}: {detail}")
        self.path = path
        self.detail = detail


class PluginError(DeckgenError):
    """An installed package's slide kind plug-in cannot be used."""


class NewsError(DeckgenError):
    """Release notes cannot be read or parsed, or a curation option is invalid."""


class OutputError(DeckgenError):
    """The deck could not be written to its destination."""


class MissingToolError(DeckgenError):
    """A program or package that what was asked for needs is not installed; says how to get it."""

    def __init__(self, tool: str, needed_for: str, install: str) -> None:
        super().__init__(f"{tool} is not installed ({needed_for} needs it); {install}")
        self.tool = tool
        self.needed_for = needed_for
        self.install = install
