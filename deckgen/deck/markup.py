"""Inline markup in slide text: `**bold**`, `*italic*`, `` `code` `` and `[text](url)` links;
a bare `https://…` address is a link as well.

A deliberately small subset of Markdown: what a bullet needs, nothing that changes the layout.
A marker without its closing partner stays literal text, and a backslash escapes a marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

CODE_FONT = "Courier New"
"""Monospace font of `code` runs; LibreOffice shows it with Liberation Mono, its metric twin."""

_TOKEN = re.compile(
    r"\\(?P<escaped>[\\`*\[\]()])"
    r"|`(?P<code>[^`]+)`"
    r"|\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]+)\)"
    r"|\*\*(?P<bold>\S(?:.*?\S)?)\*\*"
    r"|\*(?P<italic>[^*\s](?:[^*]*?[^*\s])?)\*"
    r"|(?P<bare>https?://[^\s<>()]*[^\s<>().,;:!?'\"])"
)


@dataclass(frozen=True)
class Span:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    url: str | None = None


def parse(text: str) -> list[Span]:
    """Return the styled spans of `text`; adjacent spans of one style are merged."""
    return _merge(list(_parse(text, Span(""))))


def plain(text: str) -> str:
    """Return `text` without its markup, as it reads on the slide."""
    return "".join(span.text for span in parse(text))


def _parse(text: str, style: Span) -> list[Span]:
    spans: list[Span] = []
    at = 0
    for m in _TOKEN.finditer(text):
        if m.start() > at:
            spans.append(replace(style, text=text[at : m.start()]))
        at = m.end()
        if m["escaped"] is not None:
            spans.append(replace(style, text=m["escaped"]))
        elif m["code"] is not None:
            spans.append(replace(style, text=m["code"], code=True))
        elif m["label"] is not None:
            spans += _parse(m["label"], replace(style, url=m["url"]))
        elif m["bare"] is not None:  # a bare web address is a link too
            spans.append(replace(style, text=m["bare"], url=m["bare"]))
        elif m["bold"] is not None:
            spans += _parse(m["bold"], replace(style, bold=True))
        else:
            spans += _parse(m["italic"], replace(style, italic=True))
    if at < len(text):
        spans.append(replace(style, text=text[at:]))
    return spans


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and replace(out[-1], text="") == replace(span, text=""):
            out[-1] = replace(span, text=out[-1].text + span.text)
        else:
            out.append(span)
    return out
