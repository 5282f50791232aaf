"""Build real sites for the tests, and read what they wrote.

Every test that builds a site goes through `build`: it returns what the build
did instead of raising, keeps the build's caches in a temporary folder (never
the project's own `.cache/`), and turns off the site search unless a test asks
for it, since indexing is the slowest step and few tests look at the index.
"""

from __future__ import annotations

import atexit
import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sosconf.build.check import check_content
from sosconf.build.runs import build_site, preload_run_modules
from sosconf.errors import ContentError, ContentErrors

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SETTINGS = ROOT / "pelicanconf.py"
PUBLISHCONF = ROOT / "publishconf.py"
# Pinned so "upcoming" and "open" are judged the same on every run.
TODAY = "2021-09-20"
EXAMPLE_EDITION = ROOT / "docs" / "example-edition.yml"
# Ten days before the example edition's call for talks closes (2030-06-30).
EXAMPLE_TODAY = "2030-06-20"
# The content with one mistake per case, and the smallest content that builds.
CORPUS = ROOT / "tests" / "bad_content"
MINIMAL = CORPUS / "minimal"
# What every build reads besides its content and its settings.
BUILD_CODE = (ROOT / "plugins" / "sosconf", ROOT / "themes" / "sosconf", SETTINGS, PUBLISHCONF)


def _preload() -> None:
    """This process forks the runs of hundreds of builds: it imports once what each run would."""
    from pelican.settings import read_settings

    preload_run_modules(read_settings(str(SETTINGS)))


_preload()


@dataclass(frozen=True)
class Build:
    """What one build did: where it wrote, the mistakes it found, whether it ran at all."""

    output: Path
    errors: list[ContentError] = field(default_factory=list)
    # False when the build found nothing changed since the one that made `output`.
    written: bool = True

    @property
    def messages(self) -> list[str]:
        return [str(error) for error in self.errors]


_session_cache: Path | None = None


def session_cache() -> Path:
    """One cache folder for every build of this test process, removed at its end.

    Builds of the same content folder share it, as an organizer's builds do;
    each pytest process (one per worker) has its own.
    """
    global _session_cache
    if _session_cache is None:
        _session_cache = Path(tempfile.mkdtemp(prefix="sosconf-test-cache-"))
        atexit.register(shutil.rmtree, _session_cache, ignore_errors=True)
    return _session_cache


CACHE_DIR_VARIABLE = "SOSCONF_CACHE_DIR"
TEMPLATE_CACHE_VARIABLE = "SOSCONF_TEMPLATE_CACHE_DIR"


def _share_compiled_templates() -> None:
    """One folder of compiled templates for every build of this test process, and the builds it starts.

    Many tests build with caches of their own; compiling the theme again for
    each took half a second of each of their first builds.  What is compiled
    depends on the theme alone, and Jinja checks each file against its template.
    """
    if not os.environ.get(TEMPLATE_CACHE_VARIABLE):
        folder = tempfile.mkdtemp(prefix="sosconf-test-templates-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        os.environ[TEMPLATE_CACHE_VARIABLE] = folder


_share_compiled_templates()


def cache_root(folder: Path) -> Path:
    """Where a build run with `cache=folder` keeps its caches."""
    return folder / ".cache"


@contextmanager
def caches_in(folder: Path | None = None) -> Iterator[None]:
    """Run what is inside with the build's caches in `folder` (this process's one by default).

    Building, checking and importing all read and write Pelican's caches.
    """
    # The build keeps its caches in SOSCONF_CACHE_DIR, and without it (in
    # earlier versions of the build) under `.cache/` of the working directory:
    # both point into `folder`.
    folder = folder or session_cache()
    previous = Path.cwd()
    folder.mkdir(parents=True, exist_ok=True)
    os.chdir(folder)
    try:
        with _environment({CACHE_DIR_VARIABLE: str(cache_root(folder))}):
            yield
    finally:
        os.chdir(previous)


@contextmanager
def _environment(variables: dict[str, str]) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in variables.items():
            patch.setenv(name, value)
        yield


def build(
    content: Path,
    output: Path,
    *,
    settings: Path = SETTINGS,
    search: bool = False,
    errors_expected: bool = False,
    force: bool = False,
    cache: Path | None = None,
    env: dict[str, str] | None = None,
    **overrides,
) -> Build:
    """Build `content` into `output` as `python -m sosconf build` does; return what happened.

    `search` builds the search index; `overrides` are settings (SOSCONF_TODAY
    defaults to TODAY). A build that finds mistakes fails the test unless
    `errors_expected`, and one that finds none fails it when they are.
    `cache` is the folder the build keeps its caches in (one per process by
    default); `env` sets environment variables the settings file reads.
    """
    extra = {"SOSCONF_TODAY": TODAY, **({} if search else {"SOSCONF_SEARCH": False}), **overrides}
    output = Path(output).resolve()
    errors: list[ContentError] = []
    written = False
    with caches_in(cache), _environment(env or {}):
        try:
            written = build_site(str(settings), str(Path(content).resolve()), str(output), extra, force=force)
        except ContentErrors as failed:
            errors = failed.errors
    if errors and not errors_expected:
        pytest.fail("the build found mistakes:\n" + "\n".join(str(error) for error in errors), pytrace=False)
    if errors_expected and not errors:
        pytest.fail(f"the build of {content} found no mistake, and one was expected", pytrace=False)
    return Build(output, errors, written)


def _digest(paths: tuple[Path, ...], settings: dict) -> str:
    """A digest of every file under `paths` (names and bytes) and of `settings`."""
    digest = hashlib.sha256(repr(sorted(settings.items())).encode())
    for top in paths:
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(f"{file.relative_to(ROOT)}\0".encode() + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _shared_root(tmp_path_factory) -> Path:
    """The temporary folder all the workers of this test run share (pytest-xdist's workers
    each have a folder of their own inside it); without workers, this process's own."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def build_once(tmp_path_factory, name: str, make: Callable[[Path], None], *inputs: Path, **settings) -> Path:
    """The folder that `make(folder)` filled, made once for all the workers of a test run.

    `inputs` are the files and folders `make` reads besides the build's own code,
    `settings` what else it depends on: the folder is named after their digest,
    so a worker reuses only what was made from the same files.  The first
    worker to get here makes it while the others wait on a lock; they all read
    it afterwards and must not change it.
    """
    root = _shared_root(tmp_path_factory)
    key = f"{name}-{_digest((*inputs, *BUILD_CODE), settings)}"
    folder = root / key
    with open(root / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / ".made"
        if not done.is_file():
            # Left half-made by a worker whose `make` failed: that one made the test fail.
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def build_published(
    output: Path, siteurl: str, content: Path = CONTENT, *, search: bool = True, **overrides
) -> Build:
    """Build `content` with the production settings (publishconf.py), published at `siteurl`.

    With its search index unless `search` is False, for checks that never open the search page.
    """
    return build(
        content,
        output,
        settings=PUBLISHCONF,
        search=search,
        env={"SOSCONF_SITEURL": siteurl},
        SITEURL=siteurl,
        FEED_DOMAIN=siteurl,
        **overrides,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path relative to it, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def read_html(output: Path, url: str) -> BeautifulSoup:
    """The page at `url` (relative to the site's root) of a built site."""
    path = output / url
    if url.endswith("/") or url == "":
        path = path / "index.html"
    return parse_html(path)


def parse_html(path: Path) -> BeautifulSoup:
    """A page of a built site as a tree.

    lxml's parser, several times faster than Python's own on whole pages; the
    pages' HTML is checked as such by the validator tests.
    """
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def with_mistakes(target: Path, *cases: str) -> Path:
    """A copy of the minimal content at `target` with the files of each mistake case over it."""
    shutil.copytree(MINIMAL, target)
    for case in cases:
        shutil.copytree(CORPUS / "cases" / case / "content", target, dirs_exist_ok=True)
    return target


def expected(case: str) -> list[str]:
    """The errors a mistake case must give, one a line."""
    return (CORPUS / "cases" / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def check(content: Path, **settings) -> list[ContentError]:
    """The mistakes `python -m sosconf check` finds in `content`."""
    with caches_in():
        return check_content(str(SETTINGS), str(Path(content).resolve()), settings)


def checked(content: Path, **settings) -> list[str]:
    """The mistakes `python -m sosconf check` finds in `content`, as the organizer reads them."""
    return [str(error) for error in check(content, **settings)]
