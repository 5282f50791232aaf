"""The published output changes only when a whole build succeeded.

A content mistake, a mistake found while writing, a post-build step that
fails and an interrupted build all leave the previous output byte for byte,
and no staging folder behind.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pelican import signals
from sosconf.publish import steps as postbuild
from support import MINIMAL, build, snapshot, with_mistakes


def leftovers(output: Path) -> list[str]:
    """Staging or swapped-out folders the build left beside the output."""
    return sorted(path.name for path in output.parent.iterdir() if path.name.startswith(f".{output.name}."))


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    return build(MINIMAL, tmp_path_factory.mktemp("site") / "output").output


@pytest.fixture
def before(published) -> dict[str, bytes]:
    files = snapshot(published)
    assert "index.html" in files and "en/news/hello/index.html" in files
    return files


def with_new_post(target: Path) -> Path:
    content = with_mistakes(target)
    (content / "news" / "en" / "2021-09-30-new.md").write_text(
        "Title: New\nDate: 2021-09-30 10:00\nSlug: new\n\nA new post.\n", encoding="utf-8"
    )
    return content


def test_content_mistake_leaves_previous_output_byte_for_byte(published, before, tmp_path):
    content = with_mistakes(tmp_path / "content", "edition-impossible-date", "post-missing-picture")
    failed = build(content, published, errors_expected=True)
    assert len(failed.errors) == 2
    assert snapshot(published) == before
    assert leftovers(published) == []


def test_page_at_the_address_of_a_site_page_leaves_previous_output(published, before, tmp_path):
    content = with_mistakes(tmp_path / "content")
    (content / "pages" / "en" / "contact.md").write_text(
        "Title: Contact\nSlug: contact\n\nWrite to us.\n", "utf-8"
    )
    failed = build(content, published, errors_expected=True)
    assert [str(error) for error in failed.errors] == [
        "pages/en/contact.md:2: its address /en/contact/ is also that of the contact page; give it another `slug`"
    ]
    assert snapshot(published) == before
    assert leftovers(published) == []


@pytest.mark.parametrize("stop", [RuntimeError("disk full"), KeyboardInterrupt()], ids=["crash", "interrupt"])
def test_build_stopped_after_writing_leaves_previous_output(published, before, tmp_path, monkeypatch, stop):
    def stop_here(staging, settings):
        assert (staging / "en" / "news" / "new" / "index.html").is_file()  # everything was written
        raise stop

    monkeypatch.setattr(postbuild, "STEPS", [*postbuild.STEPS, stop_here])
    with pytest.raises(type(stop)):
        build(with_new_post(tmp_path / "content"), published)
    assert snapshot(published) == before
    assert leftovers(published) == []


def test_successful_build_replaces_the_whole_output(published, tmp_path):
    output = tmp_path / "output"
    shutil.copytree(published, output)
    (output / "stale.html").write_text("left from an old build", encoding="utf-8")
    content = with_new_post(tmp_path / "content")
    (content / "news" / "zh" / "2021-09-01-hello.md").unlink()
    build(content, output)
    files = snapshot(output)
    assert "en/news/new/index.html" in files
    assert "news/hello/index.html" not in files and "stale.html" not in files
    assert leftovers(output) == []


def test_collections_stop_while_reading_and_for_the_steps_and_come_back_after(tmp_path, monkeypatch):
    """What a run read is frozen for its writing; the preview server's next build finds the collector as it was."""
    seen = {}

    def when_read(generators):
        seen["reading"] = gc.isenabled()

    def when_written(path, context):
        seen["writing"] = (gc.isenabled(), gc.get_freeze_count() > 0)

    content = with_new_post(tmp_path / "content")
    build(content, tmp_path / "output")
    # Only the English text changes: the English run goes alone, in this process.
    post = content / "news" / "en" / "2021-09-30-new.md"
    post.write_text(post.read_text(encoding="utf-8") + "One more line.\n", encoding="utf-8")
    monkeypatch.setattr(postbuild, "STEPS", [lambda staging, settings: seen.update(steps=gc.isenabled())])
    signals.article_generator_finalized.connect(when_read)
    signals.content_written.connect(when_written)
    try:
        build(content, tmp_path / "output")
    finally:
        signals.article_generator_finalized.disconnect(when_read)
        signals.content_written.disconnect(when_written)
    assert seen == {"reading": False, "writing": (True, True), "steps": False}
    assert gc.isenabled() and gc.get_freeze_count() == 0
    failing = with_mistakes(tmp_path / "failing", "edition-impossible-date")  # stops the run once read
    build(failing, tmp_path / "output", errors_expected=True)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def _finished_process_id() -> int:
    """The id of a process that has ended (and, having been waited for, is gone)."""
    probe = subprocess.Popen(["true"])
    probe.wait()
    return probe.pid


def test_folders_of_a_killed_build_are_removed_by_the_next_one(published, tmp_path):
    output = tmp_path / "output"
    shutil.copytree(published, output)
    dead = _finished_process_id()
    killed_staging = tmp_path / f".output.building-{dead}-x1y2"
    killed_swap = tmp_path / f".output.old-{dead}"
    running = tmp_path / f".output.building-{os.getppid()}-a3b4"  # a build under way in a live process
    for folder in (killed_staging, killed_swap, running):
        (folder / "news").mkdir(parents=True)
    build(with_new_post(tmp_path / "content"), output)
    assert leftovers(output) == [running.name]
