"""The output a build replaces becomes, emptied of its files, the next build's staging folder.

A build from such a spare must write the very files a build from nothing
writes, with no folder left over from pages that are gone, and emptying it
must never reach through a link into another folder.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sosconf.build.spare_output import remove_empty_folders
from sosconf.rebuild import cache_paths
from support import build, caches_in, snapshot, with_mistakes

POST = Path("news") / "en" / "2021-09-01-hello.md"


def spare_of(output: Path, cache: Path) -> Path:
    with caches_in(cache):
        return cache_paths.spare_output(output).resolve()


def wait_for_spare(output: Path, cache: Path) -> Path:
    """The spare of `output`, once its emptying process is done with it."""
    spare = spare_of(output, cache)
    for _ in range(600):
        if spare.is_dir():
            return spare
        time.sleep(0.05)
    pytest.fail(f"no spare of {output} appeared within 30 s")


def files_in(folder: Path) -> list[str]:
    return sorted(
        os.path.relpath(os.path.join(top, name), folder)
        for top, folders, names in os.walk(folder)
        for name in names + [entry for entry in folders if os.path.islink(os.path.join(top, entry))]
    )


def edited(content: Path, line: str) -> None:
    post = content / POST
    post.write_text(post.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


@pytest.fixture
def rebuilt(tmp_path):
    """A site built twice: the second build's replaced output is being made a spare."""
    content = with_mistakes(tmp_path / "content")
    output = tmp_path / "output"
    build(content, output, search=True, cache=tmp_path)
    assert (output / "en" / "news" / "hello" / "index.html").is_file()
    edited(content, "A first change.")
    build(content, output, search=True, cache=tmp_path)
    return content, output


def test_replaced_output_becomes_a_spare_of_folders_only(rebuilt, tmp_path):
    _, output = rebuilt
    spare = wait_for_spare(output, tmp_path)
    assert files_in(output), "the live output has files, which the spare must not"
    assert files_in(spare) == []
    assert (spare / "en" / "news" / "hello").is_dir()
    assert (output / "pagefind").is_dir() and not (spare / "pagefind").exists()
    assert not list(output.parent.glob(f".{output.name}.*")), "nothing is left beside the output"


def test_build_from_a_spare_writes_what_a_build_from_nothing_writes(rebuilt, tmp_path):
    content, output = rebuilt
    spare = wait_for_spare(output, tmp_path)
    (spare / "news" / "a-post-since-removed" / "deeper").mkdir(parents=True)
    taken = spare.stat().st_ino
    edited(content, "A second change.")
    build(content, output, search=True, cache=tmp_path)
    assert output.stat().st_ino == taken, "the build did not take the spare"
    fresh = build(content, tmp_path / "fresh", search=True, cache=tmp_path / "other-cache").output
    assert snapshot(output) == snapshot(fresh)
    assert "A second change." in (output / "en" / "news" / "hello" / "index.html").read_text("utf-8")
    assert (output / "news").is_dir() and not (output / "news" / "a-post-since-removed").exists()
    empty = [top for top, folders, names in os.walk(output) if not folders and not names]
    assert empty == []


def test_emptying_a_spare_never_follows_a_link(rebuilt, tmp_path):
    content, output = rebuilt
    wait_for_spare(output, tmp_path)  # the spare of the first build, which the next one takes
    outside = tmp_path / "outside"
    (outside / "inner").mkdir(parents=True)
    (outside / "inner" / "keep.txt").write_text("not the build's", encoding="utf-8")
    (output / "linked-folder").symlink_to(outside, target_is_directory=True)
    (output / "news" / "linked-file.txt").symlink_to(outside / "inner" / "keep.txt")
    edited(content, "A second change.")
    build(content, output, search=True, cache=tmp_path)
    spare = wait_for_spare(output, tmp_path)
    assert not os.path.lexists(spare / "linked-folder")
    assert not os.path.lexists(spare / "news" / "linked-file.txt")
    assert (outside / "inner" / "keep.txt").read_text(encoding="utf-8") == "not the build's"


def test_empty_folders_go_however_deep_and_folders_with_a_file_stay(tmp_path):
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "kept" / "deep").mkdir(parents=True)
    (tmp_path / "a" / "kept" / "deep" / "index.html").write_text("page", encoding="utf-8")
    (tmp_path / "d").mkdir()
    assert remove_empty_folders(tmp_path) is False
    assert sorted(os.path.relpath(top, tmp_path) for top, _, _ in os.walk(tmp_path)) == [
        ".",
        "a",
        "a/kept",
        "a/kept/deep",
    ]


def test_spares_of_gone_outputs_and_abandoned_emptyings_are_pruned(rebuilt, tmp_path):
    content, output = rebuilt
    spare = wait_for_spare(output, tmp_path)
    orphan = spare.with_name("0123456789abcdef" + cache_paths.SPARE_SUFFIX)
    abandoned = spare.with_name(f"{spare.name}.emptying-4194305-1")  # a process id Linux never gives
    running = spare.with_name(f"{spare.name}.emptying-{os.getpid()}-1")
    for folder in (orphan, abandoned, running):
        (folder / "news").mkdir(parents=True)
    with caches_in(tmp_path):
        removed = cache_paths.prune(content)
    assert f"builds/{orphan.name}" in removed and f"builds/{abandoned.name}" in removed
    assert not orphan.exists() and not abandoned.exists()
    assert spare.is_dir() and running.is_dir()
