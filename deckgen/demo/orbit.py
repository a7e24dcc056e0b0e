"""Orbit itself: the generator's version, the project's repositories and what they are called.

Everything else in the package describes how Orbit's history unfolds; this module holds the few
facts that stay fixed across it. `DEMO_VERSION` names the cache folder and is part of the seeds of
the repositories' and the releases' random streams: bump it whenever the generated history
changes, and projects generated before are not reused.
"""

from __future__ import annotations

from pathlib import Path

DEMO_VERSION = 2
"""Bump whenever the generated history changes: cached projects are keyed on it."""

CORE, PYTHON, GO, PERL = "core.git", "bindings/python.git", "bindings/go.git", "bindings/perl.git"
REPOS = (CORE, PYTHON, GO, PERL)

README = """\
Orbit
=====

Orbit manages virtual machines and containers across hypervisors: a C library with a stable
API, a daemon, and the ``orbitctl`` command line tool.

This project is synthetic: deckgen generates its history as a demo.
"""
BINDING_README = """\
Orbit bindings for {language}
=============================

The {language} API of Orbit, generated from the C library's API description.
"""


def project_name(repo: str) -> str:
    """Return the name releases of `repo` go by: `orbit`, `orbit-python`, …"""
    return "orbit" if repo == CORE else f"orbit-{Path(repo).stem}"
