"""The history stage: what git knows about each repository of the outline, read once."""

from deckgen.history.model import Commits, History, Identity, RepoHistory, Tag
from deckgen.history.reader import Progress, default_cache_dir, read_history

__all__ = [
    "Commits",
    "History",
    "Identity",
    "Progress",
    "RepoHistory",
    "Tag",
    "default_cache_dir",
    "read_history",
]
