"""The history stage: what git knows about each repository of the outline, read once."""

from deckgen.history.model import Commits, History, Identity, Mark, RangeEnds, RepoHistory, Tag
from deckgen.history.reader import Progress, read_history

__all__ = [
    "Commits",
    "History",
    "Identity",
    "Mark",
    "Progress",
    "RangeEnds",
    "RepoHistory",
    "Tag",
    "read_history",
]
