"""A build killed at any moment never breaks the next one: every cache file is
written whole, and a cache that cannot be read is discarded, said so in one
line, and rebuilt."""

from __future__ import annotations

import fnmatch
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic
from sosconf.build.runs import build_site
from sosconf.errors import ContentErrors
from sosconf.rebuild.cache_paths import language_folder
from support import ROOT, SETTINGS, TEMPLATE_CACHE_VARIABLE, TODAY, with_mistakes

FAST = {"SOSCONF_SEARCH": False, "SOSCONF_TODAY": TODAY}


def reader_caches(project: Path) -> list[Path]:
    """The reader caches the next build of `project` reads (their folder names the plugin's version)."""
    folders = [language_folder(project / "content", lang) for lang in ("zh", "en")]
    return sorted(cache for folder in folders for cache in folder.glob("*Generator-Readers"))


def build_here(project: Path) -> bool:
    return build_site(str(SETTINGS), "content", "output", extra=FAST, force=True)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project folder with content/, built once; its caches are in its own .cache/."""
    with_mistakes(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    build_here(tmp_path)
    assert reader_caches(tmp_path), "the build wrote no reader cache"
    return tmp_path


DAMAGES = {
    "empty": lambda whole: b"",
    "cut in half": lambda whole: whole[: len(whole) // 2],
    "not a pickle": lambda whole: b"\x00garbage\n",
    "another object": lambda whole: pickle.dumps(["not", "a", "mapping"]),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_unreadable_reader_cache_is_discarded_with_one_line_and_rebuilt(project, damage, capfd):
    before = (project / "output" / "en" / "news" / "hello" / "index.html").read_bytes()
    # The caches' folder is named after the plugin's source; should it change
    # while the test runs, the build reads a fresh folder, and the test starts again.
    for _attempt in range(3):
        damaged = reader_caches(project)
        for cache in damaged:
            cache.write_bytes(DAMAGES[damage](cache.read_bytes()))
        capfd.readouterr()
        assert build_here(project)
        said = [line for line in capfd.readouterr().err.splitlines() if "the cache could not be read" in line]
        if reader_caches(project) == damaged:
            break
    # One line per damaged file, naming it, in each language's run.
    assert damaged
    assert sorted(line.split(":")[0] for line in said) == sorted(
        os.path.relpath(cache, project) for cache in damaged
    )
    assert (project / "output" / "en" / "news" / "hello" / "index.html").read_bytes() == before
    for cache in damaged:
        assert isinstance(pickle.loads(cache.read_bytes()), dict)


def test_cache_files_are_written_beside_their_place_and_renamed(project):
    cache = reader_caches(project)[0]
    abandoned = cache.with_name(f"{cache.name}.4194305.writing")  # above any process id Linux gives
    abandoned.write_bytes(b"half a pickle")
    inode = cache.stat().st_ino
    build_here(project)
    assert cache.stat().st_ino != inode, "the cache was written in place, not replaced"
    assert not abandoned.exists()
    assert not _files_matching(project / ".cache", "*.writing")


def _files_matching(folder: Path, pattern: str) -> list[Path]:
    """The files under `folder` whose name matches `pattern`.

    A folder removed during the walk is passed over: the build empties its
    trash of old outputs in a process of its own, which may still be at it.
    """
    return [Path(top, name) for top, _, names in os.walk(folder) for name in fnmatch.filter(names, pattern)]


def _start_build(project: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    return subprocess.Popen(
        [sys.executable, "-m", "sosconf", "build", "--settings", str(SETTINGS), "--content", "content"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def test_build_killed_at_any_moment_leaves_the_next_build_working(tmp_path):
    with_mistakes(tmp_path / "content")
    for delay in (0.4, 1.0, 1.8, 2.6):
        started = _start_build(tmp_path)
        time.sleep(delay)
        os.killpg(started.pid, signal.SIGKILL)
        started.wait()
        # Each kill lands somewhere else; a changed post makes the next build read again.
        post = tmp_path / "content" / "news" / "en" / "2021-09-01-hello.md"
        post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    finished = _start_build(tmp_path)
    _, errors = finished.communicate(timeout=300)
    assert finished.returncode == 0, errors.decode()
    assert b"Traceback" not in errors
    assert "One more line." in (tmp_path / "output/en/news/hello/index.html").read_text(encoding="utf-8")


def test_damaged_compiled_template_is_discarded_and_compiled_again(project, capfd, monkeypatch):
    # The compiled templates in the project's own .cache/, as outside the tests.
    monkeypatch.delenv(TEMPLATE_CACHE_VARIABLE, raising=False)
    assert build_here(project)
    compiled = sorted(project.glob(".cache/templates-*/*.cache"))
    assert compiled, "the build kept no compiled template"
    for path in compiled:
        path.write_bytes(bc_magic + b"\x80")  # Jinja's header, then a pickle cut short
    capfd.readouterr()
    assert build_here(project)
    said = [line for line in capfd.readouterr().err.splitlines() if "the cache could not be read" in line]
    assert said and all(".cache/" in line and "templates-" in line for line in said)
    assert (project / "output" / "index.html").is_file()


def test_output_moved_aside_by_a_killed_build_comes_back(project):
    """Killed between moving the last good output aside and putting the new one in place."""
    output = project / "output"
    home = (output / "index.html").read_bytes()
    output.rename(project / ".output.old-4194305")  # a process id Linux never gives
    (project / "content" / "editions" / "2021.yml").write_text("year: 2021\n", encoding="utf-8")
    with pytest.raises(ContentErrors):
        build_here(project)
    assert (output / "index.html").read_bytes() == home
    assert not (project / ".output.old-4194305").exists()


def test_abandoned_search_bundle_is_removed(tmp_path, monkeypatch):
    content = with_mistakes(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    build_site(str(SETTINGS), str(content), "output", extra={"SOSCONF_TODAY": TODAY}, force=True)
    caches = list(tmp_path.glob(".cache/*/*/search"))
    assert caches
    abandoned = caches[0] / "search-group-4194305-x1y2"
    (abandoned / "bundle").mkdir(parents=True)
    (content / "news" / "en" / "2021-09-01-hello.md").write_text(
        "Title: Hello again\nDate: 2021-09-01 10:00\nSlug: hello\n\nChanged.\n", encoding="utf-8"
    )
    build_site(str(SETTINGS), str(content), "output", extra={"SOSCONF_TODAY": TODAY})
    assert not abandoned.exists()
