"""Shared fixtures: the sites several test modules read, each built once.

The helpers that build and read sites are in support.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import CONTENT, EXAMPLE_EDITION, EXAMPLE_TODAY, build, build_once

# Each built once for the whole test run, whatever the number of workers, and
# read by the tests of both: no test may change them.  Each build keeps its
# caches in its own folder, which no other build writes into.


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The bundled content, built once (no test reads its search index)."""

    def make(folder: Path) -> None:
        build(CONTENT, folder / "output", cache=folder / "caches")

    return build_once(tmp_path_factory, "site", make, CONTENT) / "output"


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The bundled content plus docs/example-edition.yml as 2030, built once, with its search index."""

    def make(folder: Path) -> None:
        shutil.copytree(CONTENT, folder / "content")
        shutil.copy(EXAMPLE_EDITION, folder / "content/editions/2030.yml")
        build(
            folder / "content",
            folder / "output",
            search=True,
            cache=folder / "caches",
            SOSCONF_TODAY=EXAMPLE_TODAY,
        )

    return build_once(tmp_path_factory, "example", make, CONTENT, EXAMPLE_EDITION) / "output"


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of the bundled content that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target
