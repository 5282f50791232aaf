"""A run that writes its list pages in a second process writes the same site as one process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sosconf.site import split_writing
from support import CONTENT, build, snapshot

from tools.bench.blog import generate_blog


def _count_children(monkeypatch, folder: Path) -> Path:
    """Each process that writes a run's list pages leaves a file in `folder` (the processes are forked)."""
    folder.mkdir()
    child = split_writing._SplitOutput._child

    def marked(self, writer, writing):
        (folder / str(os.getpid())).touch()
        return child(self, writer, writing)

    monkeypatch.setattr(split_writing._SplitOutput, "_child", marked)
    return folder


@pytest.mark.parametrize("site", ["bundled", "blog"])
def test_two_writers_write_the_same_files_as_one(tmp_path, monkeypatch, site):
    content = tmp_path / "content"
    if site == "bundled":
        shutil.copytree(CONTENT, content)
    else:
        generate_blog(content, posts=60, seed=3)  # tags on many posts: paginated tag pages
    children = _count_children(monkeypatch, tmp_path / "children")

    search = (
        site == "bundled"
    )  # the list pages the child writes are not searched; the bundled site has both kinds
    build(content, tmp_path / "one", search=search, SOSCONF_WRITERS=1, cache=tmp_path / "cache-one")
    assert not list(children.iterdir())
    build(content, tmp_path / "two", search=search, SOSCONF_WRITERS=2, cache=tmp_path / "cache-two")
    # One child per language run.
    assert len(list(children.iterdir())) == 2

    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


def test_a_rebuild_with_two_writers_matches_a_build_from_scratch(tmp_path):
    content = tmp_path / "content"
    generate_blog(content, posts=60, seed=4)
    build(content, tmp_path / "output", SOSCONF_WRITERS=2, cache=tmp_path / "cache")
    post = sorted((content / "news" / "zh").glob("*.md"))[30]
    post.write_text(post.read_text(encoding="utf-8") + "\n多写了一句。\n", encoding="utf-8")
    build(content, tmp_path / "output", SOSCONF_WRITERS=2, cache=tmp_path / "cache")
    build(content, tmp_path / "scratch", SOSCONF_WRITERS=1, cache=tmp_path / "cache-scratch")

    assert snapshot(tmp_path / "output") == snapshot(tmp_path / "scratch")
    assert any(
        "多写了一句" in page.decode()
        for name, page in snapshot(tmp_path / "output").items()
        if name.endswith(".html")
    )


@pytest.mark.parametrize(
    ("chosen", "running", "posts", "cores", "expected"),
    [
        (None, ("zh", "en"), {"zh": 5000}, 2, 2),  # a monolingual blog: the English run ends at once
        (None, ("zh", "en"), {"zh": 500, "en": 500}, 2, 1),  # two languages of one size: a core each
        (None, ("zh",), {"zh": 500, "en": 500}, 2, 2),  # the English run reused: the Chinese one goes alone
        (None, ("zh", "en"), {"zh": 1500, "en": 500}, 4, 2),
        (None, ("zh", "en"), {"zh": 150}, 2, 1),  # too few posts to pay for a process
        (None, ("zh", "en"), {"zh": 5000}, 1, 1),  # one core
        (1, ("zh",), {"zh": 5000}, 2, 1),
        (2, ("zh", "en"), {"zh": 10, "en": 10}, 1, 2),
    ],
)
def test_a_run_takes_a_second_writer_when_its_posts_would_leave_a_core_idle(
    monkeypatch, chosen, running, posts, cores, expected
):
    monkeypatch.setattr(split_writing, "_cores", lambda: cores)
    settings = {"SOSCONF_LANGUAGES": {"zh": {}, "en": {}}, split_writing.RUNNING_SETTING: running}
    if chosen is not None:
        settings[split_writing.SETTING] = chosen
    assert split_writing.writers_for(settings, "zh", posts) == expected
