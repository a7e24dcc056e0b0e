"""Turn reStructuredText and Markdown markup into the plain text a slide shows.

Only inline markup and simple blocks (paragraphs, bullet lists, literal blocks) are handled: enough
for release notes, without pulling in docutils or a Markdown library for a few bullets.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import Final, Literal

Dialect = Literal["rst", "markdown"]

_RST_INLINE: Final = re.compile(
    r"""
      \\(?P<esc>.)
    | ``(?P<literal>\S(?:.*?\S)??)``(?!`)
    | :(?P<role>[\w.+-]+(?::[\w.+-]+)*):`(?P<roletext>(?:\\.|[^`\\])+)`
    | `(?P<ref>(?:\\.|[^`\\])+)`(?::[\w.+-]+:|__?)?
    | \*\*(?P<strong>\S(?:.*?\S)??)\*\*
    | (?<![\w*])\*(?P<em>[^\s*](?:[^*]*?[^\s*\\])?)\*(?![\w*])
    | \|(?P<subst>\w[^|]*?)\|(?:__?)?
    """,
    re.VERBOSE,
)

_TARGET: Final = re.compile(r"^(?P<text>.*?)\s*<(?P<url>[^<>]+)>$", re.DOTALL)


def _rst_text(raw: str) -> str:
    """Return the text of a reference or role body: `text <url>` → text, escapes removed."""
    raw = re.sub(r"\\(.)", r"\1", raw)
    target = _TARGET.match(raw)
    if target:
        return target.group("text") or target.group("url")
    return raw


def _rst_token(m: re.Match[str]) -> str:
    if m.group("esc") is not None:
        return "" if m.group("esc").isspace() else m.group("esc")
    if m.group("literal") is not None:
        return m.group("literal")
    if m.group("roletext") is not None:
        return _rst_text(m.group("roletext"))
    if m.group("ref") is not None:
        return _rst_text(m.group("ref"))
    for name in ("strong", "em", "subst"):
        if m.group(name) is not None:
            return m.group(name)
    return m.group(0)  # pragma: no cover - every alternative is named


def rst_inline(text: str) -> str:
    """Return `text` with RST inline markup (literals, roles, links, emphasis) as plain text."""
    return _RST_INLINE.sub(_rst_token, text)


_MD_INLINE: Final = re.compile(
    r"""
      \\(?P<esc>[!-/:-@\[-`{-~])
    | (?P<ticks>`+)(?P<code>.+?)(?P=ticks)(?!`)
    | !\[(?P<alt>[^\]]*)\]\([^)]*\)
    | \[(?P<link>[^\]]+)\](?:\([^)]*\)|\[[^\]]*\])
    | <(?P<auto>(?:https?|mailto):[^>\s]+)>
    | \*\*(?P<b1>\S(?:.*?\S)??)\*\*
    | (?<!\w)__(?P<b2>\S(?:.*?\S)??)__(?!\w)
    | (?<![\w*\\])\*(?P<i1>[^\s*](?:[^*]*?[^\s*])?)\*(?![\w*])
    | (?<![\w\\])_(?P<i2>[^\s_](?:[^_]*?[^\s_])?)_(?!\w)
    | ~~(?P<strike>.+?)~~
    """,
    re.VERBOSE,
)


def _md_token(m: re.Match[str]) -> str:
    if m.group("esc") is not None:
        return m.group("esc")
    if m.group("code") is not None:
        code = m.group("code")
        return code.strip() if code.strip() else code
    if m.group("alt") is not None:
        return markdown_inline(m.group("alt"))
    if m.group("auto") is not None:
        return m.group("auto").removeprefix("mailto:")
    for name in ("link", "b1", "b2", "i1", "i2", "strike"):
        if m.group(name) is not None:
            return markdown_inline(m.group(name))
    return m.group(0)  # pragma: no cover - every alternative is named


def markdown_inline(text: str) -> str:
    """Return `text` with Markdown inline markup (code, links, emphasis) as plain text."""
    return _MD_INLINE.sub(_md_token, text)


def inline(text: str, dialect: Dialect) -> str:
    """Return one paragraph as a single plain line: markup converted, whitespace collapsed."""
    joined = " ".join(text.split())
    if dialect == "rst":
        joined = _rst_paragraph_end(joined)
        return " ".join(rst_inline(joined).split())
    return " ".join(markdown_inline(joined).split())


def _rst_paragraph_end(text: str) -> str:
    """Apply RST's `::` rule: "see::" → "see:", "see ::" → "see", a lone "::" → ""."""
    if text == "::":
        return ""
    if text.endswith(" ::"):
        return text[:-3]
    if text.endswith("::"):
        return text[:-1]
    return text


_LIST_ITEM: Final = re.compile(r"^(?P<indent> *)(?P<marker>[-*+•]|\d+[.)]|#\.)(?: +(?P<text>.*))?$")
FENCE: Final = re.compile(r"^ *(```|~~~)")
"""The start of a Markdown code fence (``` or ~~~), possibly indented."""
_BREAK: Final = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def plain_blocks(text: str, dialect: Dialect) -> str:
    """Return a multi-paragraph body as plain text.

    Paragraphs are joined into one line each and separated by a blank line; list items become
    "- item" lines; literal blocks (RST `::` blocks, Markdown fences) are kept verbatim.
    """
    lines = textwrap.dedent(text.expandtabs(8)).splitlines()
    blocks: list[tuple[str, str]] = []  # (kind, text)
    i = 0
    literal_after: int | None = None  # indent of the paragraph that announced a literal block
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        ind = _indent(line)
        if dialect == "markdown" and FENCE.match(line):
            fence = FENCE.match(line)
            assert fence is not None
            end = i + 1
            while end < len(lines) and not lines[end].lstrip().startswith(fence.group(1)):
                end += 1
            blocks.append(("literal", textwrap.dedent("\n".join(lines[i + 1 : end])).strip("\n")))
            i = end + 1
            continue
        announced, literal_after = literal_after, None
        if announced is not None and ind > announced:
            end = i
            while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) >= ind):
                end += 1
            blocks.append(("literal", textwrap.dedent("\n".join(lines[i:end])).strip("\n")))
            i = end
            continue
        if _BREAK.match(line):
            i += 1  # a thematic break or transition: nothing to say on a slide
            continue
        if dialect == "rst" and line.lstrip().startswith(".. "):
            i += 1  # a comment, a link target, or a directive line (its content stays)
            continue
        item = _LIST_ITEM.match(line)
        end = i + 1
        if item and item.group("text"):
            while end < len(lines) and _continues(lines[end], ind):
                end += 1
            marker = item.group("marker")
            bullet = "-" if marker in "-*+•" else marker
            body = "\n".join([item.group("text"), *lines[i + 1 : end]])
            blocks.append(("item", " " * ind + f"{bullet} {inline(body, dialect)}"))
            literal_after = ind if dialect == "rst" and body.rstrip().endswith("::") else None
            i = end
            continue
        while end < len(lines) and _continues(lines[end], -1):
            end += 1
        paragraph = "\n".join(lines[i:end])
        literal_after = ind if dialect == "rst" and paragraph.rstrip().endswith("::") else None
        plain = inline(paragraph, dialect)
        if plain:
            blocks.append(("paragraph", plain))
        i = end
    return _join_blocks(blocks)


def _continues(line: str, item_indent: int) -> bool:
    """Tell whether `line` continues the paragraph (or list item) above it."""
    if not line.strip() or FENCE.match(line) or _LIST_ITEM.match(line):
        return False
    return _indent(line) > item_indent


def _join_blocks(blocks: Sequence[tuple[str, str]]) -> str:
    """Join blocks: a run of list items one per line (indented relative to the run's first
    level), other blocks separated by a blank line."""
    runs: list[list[tuple[str, str]]] = []
    for kind, text in blocks:
        if runs and kind == "item" and runs[-1][0][0] == "item":
            runs[-1].append((kind, text))
        else:
            runs.append([(kind, text)])
    return "\n\n".join(textwrap.dedent("\n".join(text for _, text in run)) for run in runs)
