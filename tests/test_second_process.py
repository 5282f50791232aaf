"""A run that reads and writes with a second process builds the same site, with the same errors, as one process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import sosconf.cores
from sosconf.content import read_ahead
from sosconf.site import split_writing
from support import CONTENT, build, snapshot

from tools.bench.blog import generate_blog


def _count_children(monkeypatch, folder: Path) -> Path:
    """Each process that reads or writes for a run leaves a file in `folder` (the processes are forked)."""
    folder.mkdir()
    for kind, owner in (("writer", split_writing._SplitOutput), ("reader", read_ahead.ReadAhead)):
        child = owner._child

        def marked(self, *args, child=child, kind=kind):
            (folder / f"{kind}-{os.getpid()}").touch()
            return child(self, *args)

        monkeypatch.setattr(owner, "_child", marked)
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
    # A reader and a writer per language run.
    assert sorted(name.name.split("-")[0] for name in children.iterdir()) == ["reader"] * 2 + ["writer"] * 2

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


def test_a_mistake_in_a_post_read_by_the_second_process_is_reported_as_by_one(tmp_path):
    content = tmp_path / "content"
    generate_blog(content, posts=30, seed=5)
    posts = sorted((content / "news" / "zh").glob("*.md"))
    for post in posts[::3]:  # some read by the run, some by the child
        text = post.read_text(encoding="utf-8")
        post.write_text(text.replace("\n\n", "\n\n<form action=x></form>\n\n", 1), encoding="utf-8")
    one = build(content, tmp_path / "one", SOSCONF_WRITERS=1, cache=tmp_path / "c1", errors_expected=True)
    two = build(content, tmp_path / "two", SOSCONF_WRITERS=2, cache=tmp_path / "c2", errors_expected=True)

    assert len(one.messages) == len(posts[::3])
    assert two.messages == one.messages
    assert not (tmp_path / "two").exists()


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
    monkeypatch.setattr(sosconf.cores, "available_cores", lambda: cores)
    settings = {"SOSCONF_LANGUAGES": {"zh": {}, "en": {}}, sosconf.cores.RUNNING_SETTING: running}
    if chosen is not None:
        settings[sosconf.cores.SETTING] = chosen
    assert sosconf.cores.processes_for(settings, "zh", posts) == expected
