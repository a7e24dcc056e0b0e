"""Orbit itself: the generator's version, the project's repositories and what they are called.

Everything else in the package describes how Orbit's history unfolds; this module holds the few
facts that stay fixed across it. `DEMO_VERSION` names the cache folder: bump it whenever the
generated history changes, and projects generated before are not reused. `SEED_VERSION` is part
of the seeds of the repositories' and the releases' random streams.
"""

from __future__ import annotations

from pathlib import Path

DEMO_VERSION = 4
"""Bump whenever the generated history changes: cached projects are keyed on it. (2: review
and test trailers; 3 and 4: commits change the files their subject names, for components.)"""
SEED_VERSION = 2
"""Part of the seeds of the random streams: bump when the draws should change, not merely the
files written or the trailers added (so the demo's numbers stay as they were)."""

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
