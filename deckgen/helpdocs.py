"""`deckgen help TOPIC`: the documentation, travelling with the package.

`docs/` at the top of the repository is the one source (README and the repository's web pages
link to it). A wheel carries it as `deckgen/docs/`, copied when the wheel is built
(`[tool.hatch.build.targets.wheel.force-include]` in pyproject.toml); a source checkout or an
editable install reads `docs/` itself. Messages point to `deckgen help TOPIC`, never to a path a
user who installed the package does not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DOCS_URL = "https://github.com/deckgen/deckgen/blob/main/docs/"
"""Where the same pages are on the web."""


@dataclass(frozen=True)
class Topic:
    """One page of the documentation."""

    name: str
    file: str
    """Its path below the docs folder."""
    summary: str

    @property
    def url(self) -> str:
        return DOCS_URL + self.file


TOPICS = {
    topic.name: topic
    for topic in (
        Topic(
            "outline",
            "outline.md",
            "every key of the outline, the slide kinds, the Jinja context and filters",
        ),
        Topic(
            "metrics",
            "metrics.md",
            "how every number is defined, `deckgen metrics --json`, the caches, the costs",
        ),
        Topic("news", "news.md", "feature bullets from NEWS files, changelogs, tags or commits"),
        Topic(
            "announcement",
            "announcement.md",
            "reproduce a release announcement: commits, people, new faces, reviewers",
        ),
        Topic("overlays", "overlays.md", "one base outline, many events; precedence of values"),
        Topic("errors", "errors.md", "every error deckgen reports, with its exact message"),
        Topic(
            "install",
            "install.md",
            "installing, what --pdf/--odp/--png need, shell completion, the cache folder",
        ),
        Topic("ci", "ci/README.md", "monthly rebuilds on GitHub Actions and GitLab CI"),
    )
}
"""The topics of `deckgen help`, in the order it lists them."""


def docs_folder() -> Path:
    """Return the folder the pages are in: the package's copy in a wheel, else the checkout's."""
    packaged = Path(__file__).parent / "docs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1] / "docs"


def topic_text(name: str) -> str:
    """Return the Markdown of topic `name` (a key of `TOPICS`); OSError when it is missing."""
    return (docs_folder() / TOPICS[name].file).read_text(encoding="utf-8")
