"""Rebuilds: one with nothing changed leaves the output alone; one after a change
gives the same bytes as a build from scratch; a failed one publishes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sosconf.rebuild import cache_paths
from support import build, caches_in, snapshot

from tools.bench.generate import generate


def _build(content: Path, output: Path) -> bool:
    """Whether a build (with its search index, as published) wrote the output."""
    return build(content, output, search=True).written


def _snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    return {
        path.relative_to(folder).as_posix(): (
            path.stat().st_ino,
            path.stat().st_mtime_ns,
            path.read_bytes(),
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("rebuilds")
    generate(root / "content", posts=30, editions=3, seed=11)
    assert _build(root / "content", root / "output")
    return root / "content", root / "output"


def test_rebuild_with_nothing_changed_leaves_the_output_untouched(site):
    content, output = site
    before = _snapshot(output)
    assert _build(content, output) is False
    assert _snapshot(output) == before


def test_rebuild_after_a_change_matches_a_build_from_scratch(site, tmp_path):
    content, output = site
    post = sorted((content / "news" / "en").glob("*.md"))[3]
    post.write_text(post.read_text(encoding="utf-8") + "\nAn added sentence.\n", encoding="utf-8")
    assert _build(content, output) is True
    assert any(
        "An added sentence." in page.read_text("utf-8") for page in output.glob("en/news/*/index.html")
    )
    fresh = tmp_path / "content"
    shutil.copytree(content, fresh)  # another folder: another, empty, reader cache
    assert _build(fresh, tmp_path / "output") is True
    assert snapshot(output) == snapshot(tmp_path / "output")


def test_a_deleted_output_is_built_again(site):
    content, output = site
    shutil.rmtree(output)
    assert _build(content, output) is True
    assert (output / "index.html").is_file()


def test_a_failed_rebuild_keeps_the_output_and_the_next_good_one_builds(site):
    content, output = site
    before = _snapshot(output)
    bad = content / "news" / "zh" / "2020-01-01-bad.md"
    bad.write_text("Title: 坏\nDate: 2020-13-45\n\n正文。\n", encoding="utf-8")
    build(content, output, search=True, errors_expected=True)
    assert _snapshot(output) == before
    bad.unlink()
    # The content is again what `output` was built from: nothing to do.
    assert _build(content, output) is False
    assert _snapshot(output) == before


def _inode(path: Path) -> int:
    return path.stat().st_ino


def _run_copies(content: Path, lang: str) -> set[str]:
    """The cache's copies of what `lang`'s run wrote: a run that starts leaves a new one."""
    with caches_in():
        folder = cache_paths.language_folder(content, lang)
    return {entry.name for entry in folder.glob(f"{cache_paths.RUN_COPY_PREFIX}*")}


def _chinese_post_with_key_value_metadata(content: Path) -> Path:
    return next(
        post
        for post in sorted((content / "news" / "zh").glob("*.md"))
        if not post.read_text(encoding="utf-8").startswith("---")
    )


def test_a_change_to_chinese_text_links_the_english_pages_instead_of_building_them(site, tmp_path):
    content, output = site
    english_home = output / "en" / "index.html"
    before, runs_before = _inode(english_home), _run_copies(content, "en")
    post = _chinese_post_with_key_value_metadata(content)
    post.write_text(post.read_text(encoding="utf-8") + "\n一句新的话。\n", encoding="utf-8")
    assert _build(content, output) is True
    assert _inode(english_home) == before  # the same file, linked from the last output
    assert _run_copies(content, "en") == runs_before  # and the English run was not started
    assert any("一句新的话。" in page.read_text("utf-8") for page in output.glob("news/*/index.html"))
    fresh = tmp_path / "content"
    shutil.copytree(content, fresh)
    assert _build(fresh, tmp_path / "output") is True
    assert snapshot(output) == snapshot(tmp_path / "output")


def test_a_change_to_chinese_metadata_builds_the_english_pages_again(site, tmp_path):
    content, output = site
    before = _run_copies(content, "en")
    assert before, "no run copy to compare with, so this test would show nothing"
    post = _chinese_post_with_key_value_metadata(content)
    text = post.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("Title:"))
    post.write_text(text.replace(title, title + "（修订）", 1), encoding="utf-8")
    assert _build(content, output) is True
    assert _run_copies(content, "en") != before  # the English run was started again
    fresh = tmp_path / "content"
    shutil.copytree(content, fresh)
    assert _build(fresh, tmp_path / "output") is True
    assert snapshot(output) == snapshot(tmp_path / "output")


def test_a_change_to_english_text_links_the_chinese_pages_instead_of_building_them(site, tmp_path):
    content, output = site
    chinese_home = output / "index.html"
    english_home = output / "en" / "index.html"
    before, runs_before = _inode(chinese_home), _run_copies(content, "zh")
    post = next(
        post
        for post in sorted((content / "news" / "en").glob("*.md"))
        if not post.read_text(encoding="utf-8").startswith("---")
    )
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more English sentence.\n", encoding="utf-8")
    assert _build(content, output) is True
    assert _inode(chinese_home) == before  # the first language's run was not started: its files are linked
    assert _run_copies(content, "zh") == runs_before
    assert _inode(english_home) != before
    assert any(
        "One more English sentence." in page.read_text("utf-8")
        for page in output.glob("en/news/*/index.html")
    )
    fresh = tmp_path / "content"
    shutil.copytree(content, fresh)
    assert _build(fresh, tmp_path / "output") is True
    assert snapshot(output) == snapshot(tmp_path / "output")
