"""Shared fixtures: build real sites from real content folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sosconf.build.runs import build_site

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SETTINGS = ROOT / "pelicanconf.py"
# Pinned so "upcoming" and "open" are judged the same on every run.
TODAY = "2021-09-20"


def build(content: Path, output: Path, **settings) -> Path:
    """Build `content` into `output` with the preview settings; return `output`."""
    build_site(str(SETTINGS), str(content), str(output), extra={"SOSCONF_TODAY": TODAY, **settings})
    return output


def read_html(output: Path, url: str) -> BeautifulSoup:
    path = output / url
    if url.endswith("/") or url == "":
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The bundled content, built once for the whole test session."""
    return build(CONTENT, tmp_path_factory.mktemp("site") / "output")


EXAMPLE_EDITION = ROOT / "docs" / "example-edition.yml"
# Ten days before the example edition's call for talks closes (2030-06-30).
EXAMPLE_TODAY = "2030-06-20"


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The bundled content plus docs/example-edition.yml as 2030, built once."""
    folder = tmp_path_factory.mktemp("example")
    shutil.copytree(CONTENT, folder / "content")
    shutil.copy(EXAMPLE_EDITION, folder / "content/editions/2030.yml")
    return build(folder / "content", folder / "output", SOSCONF_TODAY=EXAMPLE_TODAY)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of the bundled content that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target
