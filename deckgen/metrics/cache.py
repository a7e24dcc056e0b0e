"""Finished metrics, kept in the user's cache folder so an unchanged project is not counted again.

Counting a million commits takes longer than reading them back from the history cache, so the
metrics themselves are kept too: `<cache>/metrics/<key>.json`, the document of
`Metrics.to_json()`. The key is a digest of everything `compute_metrics` reads, so a hit can only
return the numbers a fresh count would give:

- every repository's history as read (its group and name, its commits column by column with
  their credit trailers, its identities and its releases): a new commit, a new tag or a changed
  mailmap changes it;
- the outline's settings that counting uses (`identity`, with `key` and `credit_trailers`,
  `releases`, the groups' order);
- the period (its range too) and the as-of date; the range's ends and every repository's marks
  (the commits each revision resolved to, and what it does not reach); the releases' tagged
  commits (the marks per-release counts read are taken only when counting);
- the source of the metrics package itself, so a changed definition never serves old numbers.

Entries are plain JSON, checked by reading them back into `Metrics`; one that cannot be read is
counted again (with a warning) and replaced. The least recently used entries beyond `KEEP` go.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from deckgen.cachedir import CorruptEntry, Entries, source_digest
from deckgen.history import History
from deckgen.metrics.model import Metrics, Period
from deckgen.outline.schema import Outline

FORMAT_VERSION = 2
KEEP = 20
"""Entries kept (other periods, as-of dates, outlines); the least recently used go."""


def metrics_key(outline: Outline, history: History, period: Period, as_of: date) -> str:
    """Return the digest of every input of `compute_metrics(outline, history, period, as_of)`."""
    digest = hashlib.sha256()

    def add(value: object) -> None:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
        digest.update(len(text).to_bytes(8, "little") + text.encode())

    add(
        {
            "format": FORMAT_VERSION,
            "code": _code_digest(),
            "as_of": as_of.isoformat(),
            "period": [period.since.isoformat(), period.until.isoformat(), period.range],
            "identity": outline.identity.model_dump(mode="json"),
            "releases": outline.releases.model_dump(mode="json"),
            "by_year": outline.by_year.model_dump(mode="json"),
            "release_group": outline.release_group,
            "groups": list(outline.repos),
        }
    )
    if history.range is not None:
        add(dataclasses.asdict(history.range))
    for repo in history:
        commits = repo.commits
        add([repo.group, repo.name, repo.head, len(commits), commits.hash_size])
        add([[i.name, i.email] for i in repo.identities])
        add([[t.name, t.time, t.commit] for t in repo.releases])
        add(
            sorted(
                [key, mark.commit, hashlib.sha256(mark.outside).hexdigest()]
                for key, mark in repo.marks.items()
            )
        )
        digest.update(commits.hashes)
        columns = (commits.parents, commits.authors, commits.authored, commits.committed)
        credits = (commits.credit_rows, commits.credit_kinds, commits.credit_people)
        for column in (*columns, *credits):
            digest.update(column.itemsize.to_bytes(1, "little"))
            digest.update(memoryview(column).cast("B"))
        if outline.changes is not None:  # components and lines: their settings and columns
            add([outline.changes, sorted((k, list(v)) for k, v in repo.components.items())])
            changes = repo.changes
            if changes is not None:
                add(list(changes.names))
                for part in (changes.starts, changes.paths, changes.added, changes.deleted):
                    if part is not None:
                        digest.update(memoryview(part).cast("B"))
    return digest.hexdigest()


@cache
def _code_digest() -> str:
    """Return a digest of the metrics package's source: the definitions the numbers follow."""
    return source_digest((p.name, p) for p in sorted(Path(__file__).parent.glob("*.py")))


@dataclass(frozen=True)
class MetricsCache:
    """The metrics entries in `<cache folder>/metrics`."""

    folder: Path

    @property
    def entries(self) -> Entries:
        return Entries(self.folder, ".json", KEEP)

    def path(self, key: str) -> Path:
        return self.entries.path(key)

    def load(self, key: str) -> tuple[Metrics, tuple[str, ...]] | None:
        """Return the metrics stored under `key` and the notes stored with them; None when
        there are none; CorruptEntry."""
        raw = self.entries.read(key)
        if raw is None:
            return None
        try:
            document = json.loads(raw)
            if document.get("format") != FORMAT_VERSION or document.get("key") != key:
                raise CorruptEntry("written for another version or key")
            metrics = Metrics.from_json(document["metrics"])
            notes = tuple(str(note) for note in document["notes"])
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise CorruptEntry(f"unreadable ({type(exc).__name__}: {exc})") from exc
        self.entries.used(key)
        return metrics, notes

    def save(self, key: str, metrics: Metrics, notes: tuple[str, ...] = ()) -> None:
        """Write the entry atomically and forget the least recently used ones; OSError."""
        document = {
            "format": FORMAT_VERSION,
            "key": key,
            "metrics": metrics.to_json(),
            "notes": list(notes),
        }
        self.entries.write(key, json.dumps(document, ensure_ascii=False).encode())

    def drop(self, key: str) -> None:
        self.entries.drop(key)


def cached_metrics(
    outline: Outline,
    history: History,
    period: Period,
    as_of: date,
    cache_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    prepare: Callable[[History], History] | None = None,
    notes: Callable[[], tuple[str, ...]] = tuple,
) -> tuple[Metrics, tuple[str, ...]]:
    """Return the metrics from the cache, or computed and stored; and the warnings: those
    `notes` gives (stored with the metrics, so a hit does not find them again: the commits
    with a wrong clock take 0.15 s to find at a million commits), then those on the way.

    A damaged entry is computed again and replaced; a cache folder that cannot be written only
    costs the next run the time to count again. `progress` as for `compute_metrics`; told all
    steps done at once when the metrics come from the cache. `prepare` is given the history
    before counting, only when the metrics are counted (it reads what the key does not need:
    the releases' marks, keyed by their tagged commits). `notes` must depend only on what the
    key digests (the history and the as-of date).
    """
    from deckgen.metrics.steps import metrics_steps

    store = MetricsCache(cache_dir / "metrics")
    key = metrics_key(outline, history, period, as_of)
    warnings: list[str] = []
    try:
        found = store.load(key)
    except CorruptEntry as exc:
        warnings.append(f"metrics cache entry {store.path(key)} is damaged ({exc}); counting again")
        store.drop(key)
        found = None
    except OSError as exc:
        warnings.append(f"cannot read the metrics cache entry {store.path(key)}: {exc.strerror}")
        found = None
    if found is not None:
        if progress is not None:
            total = metrics_steps(outline, history)
            progress(total, total)
        return found[0], (*found[1], *warnings)
    from deckgen.metrics.compute import compute_metrics  # numpy: only when counting

    told = notes()
    if prepare is not None:
        history = prepare(history)
    metrics = compute_metrics(outline, history, period, as_of, progress)
    try:
        store.save(key, metrics, told)
    except OSError as exc:
        warnings.append(f"cannot write the metrics cache in {store.folder}: {exc.strerror}")
    return metrics, (*told, *warnings)
