"""Shared fixtures: the sites several test modules read, each built once.

The helpers that build and read sites are in support.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import CONTENT, EXAMPLE_EDITION, EXAMPLE_TODAY, build


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The bundled content, built once for the whole test session (no test reads its search index)."""
    return build(CONTENT, tmp_path_factory.mktemp("site") / "output").output


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The bundled content plus docs/example-edition.yml as 2030, built once, with its search index."""
    folder = tmp_path_factory.mktemp("example")
    shutil.copytree(CONTENT, folder / "content")
    shutil.copy(EXAMPLE_EDITION, folder / "content/editions/2030.yml")
    return build(folder / "content", folder / "output", search=True, SOSCONF_TODAY=EXAMPLE_TODAY).output


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of the bundled content that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target
