"""The history stage: what git knows about each repository of the outline, read once."""

from deckgen.history.model import Commits, History, Identity, RepoHistory, Tag
from deckgen.history.reader import Progress, read_history

__all__ = [
    "Commits",
    "History",
    "Identity",
    "Progress",
    "RepoHistory",
    "Tag",
    "read_history",
]
