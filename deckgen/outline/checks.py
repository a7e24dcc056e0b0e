"""Checks of a loaded outline against the world, before git runs: repositories that exist, chart
kinds and scopes that exist, embedded files that stay inside the outline's folder tree and are
pictures.

Values that must agree with each other (repository names, the release group, patterns) are the
`Outline`'s own check (`schema.py`), made when it is built; these need the files around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from deckgen.errors import KeyPath, OutlineError, Problem
from deckgen.outline.loader import OutlineDocument
from deckgen.outline.schema import ChartSlide, ImageSlide, Outline, TableSlide

NOT_A_REPOSITORY = "not a git repository: {}"


def repository_problem(path: Path) -> str | None:
    """Return why the folder `path` is no git repository to read (missing, not git), or None."""
    if not path.exists():
        return f"repository not found: {path}"
    if not ((path / ".git").exists() or (path / "HEAD").is_file()):
        return NOT_A_REPOSITORY.format(path)
    return None


def check_document(
    document: OutlineDocument,
    *,
    charts: Iterable[str],
    vars_files: Sequence[Path] = (),
    allow_outside: Sequence[Path] = (),
) -> None:
    """Raise OutlineError with every problem found before git runs, each at its position.

    `charts` are the chart kinds there are; `allow_outside` folders outside the outline's tree
    that embedded files may come from; `vars_files` do not widen that tree.
    """
    problems = [*_repositories(document), *_slides(document, set(charts))]
    outside = _outside(document, vars_files, allow_outside)
    problems += outside
    problems += _not_pictures(document, {p.key_path for p in outside})
    if problems:
        raise OutlineError(problems)


def _repositories(document: OutlineDocument) -> Iterator[Problem]:
    for group, repos in document.outline.repos.items():
        for i, repo in enumerate(repos):
            if repo.path is None:  # a URL: checked when it is cloned
                continue
            why = repository_problem(repo.path)
            if why is not None:
                yield Problem(document.locate("repos", group, i), ("repos", group, i), why)


def _slides(document: OutlineDocument, charts: set[str]) -> Iterator[Problem]:
    scopes = document.outline.scopes
    for index, spec in enumerate(document.outline.slides):
        if isinstance(spec, TableSlide) and (spec.data is None) == (not spec.rows):
            yield Problem(
                document.locate("slides", index),
                ("slides", index),
                "a table needs either `data` (releases, new_contributors, scopes) or `rows`",
            )
        if isinstance(spec, ChartSlide) and spec.chart not in charts:
            yield _not_one_of(document, ("slides", index, "chart"), sorted(charts), spec.chart)
        if isinstance(spec, TableSlide | ChartSlide) and spec.scope not in scopes:
            yield _not_one_of(document, ("slides", index, "scope"), scopes, spec.scope)


def _not_one_of(
    document: OutlineDocument, key_path: KeyPath, choices: Sequence[str], value: str
) -> Problem:
    quoted = ", ".join(repr(c) for c in choices)
    return Problem(
        document.locate(*key_path),
        key_path,
        f"expected one of {quoted}, got {value!r}",
    )


def _embedded(outline: Outline) -> list[tuple[KeyPath, Path, bool]]:
    """Return every file the outline embeds or reads: (key path, path, whether a picture)."""
    files: list[tuple[KeyPath, Path, bool]] = []
    if outline.template is not None:
        files.append((("template",), outline.template, False))
    if outline.logo is not None:
        files.append((("logo",), outline.logo, True))
    if outline.identity.mailmap is not None:
        files.append((("identity", "mailmap"), outline.identity.mailmap, False))
    files += [
        (("slides", i, "image"), spec.image, True)
        for i, spec in enumerate(outline.slides)
        if isinstance(spec, ImageSlide)
    ]
    return files


def _outside(
    document: OutlineDocument, vars_files: Sequence[Path], allow_outside: Sequence[Path]
) -> list[Problem]:
    """Keep the files an outline makes deckgen read inside the outline's folder tree.

    Outlines are edited by many people and built by CI: one must not embed `/etc/passwd` as a
    logo. Paths are resolved first, so a symbolic link that escapes counts as outside.
    """
    skipped = {p.resolve() for p in vars_files}
    roots = {f.resolve().parent for f in document.files if f.resolve() not in skipped}
    root = document.path.resolve().parent
    roots.add(root)
    allowed = [*roots, *(p.resolve() for p in allow_outside)]
    problems = []
    for key_path, path, _ in _embedded(document.outline):
        real = path.resolve()
        if any(real.is_relative_to(folder) for folder in allowed):
            continue
        problems.append(
            Problem(
                document.locate(*key_path),
                key_path,
                f"{real} is outside the outline's folder {root}; move it there, or allow its "
                f"folder with --allow-outside {real.parent}",
            )
        )
    return problems


_PICTURE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


def _not_pictures(document: OutlineDocument, skip: set[KeyPath]) -> list[Problem]:
    """Check that the logo and every image slide's picture is a PNG, JPEG or GIF file.

    `skip` holds the key paths already refused for lying outside the outline's tree: those files
    are not opened at all.
    """
    problems = []
    for key_path, path, picture in _embedded(document.outline):
        if not picture or key_path in skip:
            continue
        why = None
        try:
            with path.open("rb") as stream:
                head = stream.read(8)
        except FileNotFoundError:
            why = f"picture not found: {path}"
        except IsADirectoryError:
            why = f"{path} is a folder; expected a PNG, JPEG or GIF file"
        except OSError as exc:
            why = f"cannot read {path}: {exc.strerror or exc}"
        else:
            if not head.startswith(_PICTURE_MAGIC):
                why = f"not a PNG, JPEG or GIF picture: {path}"
        if why is not None:
            problems.append(Problem(document.locate(*key_path), key_path, why))
    return problems
