"""Rebuilds through the render cache give exactly the bytes of builds from scratch.

The render cache (sosconf.rebuild.render_cache) reuses a page's HTML when the digest of
what its templates read is unchanged.  Its danger is a stale page: an edit
whose effect reaches a page through a value the digest misses, so that a
rebuild keeps HTML that should have changed.

Each test applies one kind of edit to a generated site, rebuilds it over its
last output (and so through its cache), builds a copy of the content in
another folder (another, empty cache) from scratch, and requires both outputs
to be identical file by file.  Each edit also tells where it shows, and the
test checks that it does show there, so that an edit which changes nothing
cannot pass.

The edits are applied one after the other to one site, in the order of EDITS.
Each touches files that no other edit touches, so each also works alone on
the generated site (`-k`).  The last tests break the content and fix it, and
undo every edit at once.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
from pelican.contents import Content
from sosconf.build.runs import build_site
from sosconf.errors import ContentErrors
from sosconf.rebuild import cache_paths, page_reach
from sosconf.rebuild.page_inputs import Digester
from support import SETTINGS, TODAY, snapshot

from tools.bench.generate import generate

# The generated site: 12 posts in each language.  Three are translated pairs
# (pair-00000 to pair-00002); the other Chinese ones are zh-post-00003 to
# zh-post-00011, the other English ones en-post-NNNNN or, without a slug,
# untitled-NNNNN.  Some link to the one before with {filename}.
POSTS, EDITIONS, SEED = 24, 3, 3


@dataclass(frozen=True)
class Site:
    content: Path  # edited by the tests
    output: Path  # rebuilt by the tests
    generated: Path  # the content as generated, never edited
    caches: Path  # where the builds keep their caches
    first_build: dict[str, bytes]  # the output of `generated`, built with an empty cache


@dataclass(frozen=True)
class Shows:
    """`text` is in a file of the output matching `pattern` that did not hold it before."""

    pattern: str
    text: str


@dataclass(frozen=True)
class Gone:
    """The output file `path` existed before and no longer does."""

    path: str


# Without the search index: a rebuild's index against one from scratch is
# tested in test_bench_rebuilds.py, and which groups are indexed again in
# test_search.py; each build here indexing every group took a fifth of this module's time.
BUILD_SETTINGS = {"SOSCONF_TODAY": TODAY, "SOSCONF_SEARCH": False}


def _build(content: Path, output: Path, force: bool = False) -> bool:
    return build_site(str(SETTINGS), str(content), str(output), extra=BUILD_SETTINGS, force=force)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    root = tmp_path_factory.mktemp("render-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)  # the builds' caches go into this module's folder
        generate(root / "generated", posts=POSTS, editions=EDITIONS, seed=SEED)
        shutil.copytree(root / "generated", root / "content")
        assert _build(root / "content", root / "output")
        yield Site(
            root / "content", root / "output", root / "generated", root / ".cache", snapshot(root / "output")
        )


# Text operations on the content files.


def _post(content: Path, lang: str, slug: str) -> Path:
    [path] = (content / "news" / lang).glob(f"*-{slug}.md")
    return path


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _metadata_line(key: str, value: str | list[str], yaml: bool) -> str:
    if isinstance(value, list):
        value = json.dumps(value, ensure_ascii=False) if yaml else ", ".join(value)
    elif yaml and key == "title":
        value = json.dumps(value, ensure_ascii=False)
    return f"{key}: {value}" if yaml else f"{key.capitalize()}: {value}"


def _set_metadata(post: Path, key: str, value: str | list[str]) -> None:
    """Set `key` in the post's metadata, written as the post writes it (YAML front matter or `Key: value`)."""
    text = post.read_text(encoding="utf-8")
    yaml = text.startswith("---\n")
    header, body = text[4:].split("\n---\n", 1) if yaml else text.split("\n\n", 1)
    lines = [line for line in header.split("\n") if not line.lower().startswith(key + ":")]
    lines.append(_metadata_line(key, value, yaml))
    header = "\n".join(lines)
    post.write_text(f"---\n{header}\n---\n{body}" if yaml else f"{header}\n\n{body}", encoding="utf-8")


def _set_date(post: Path, day: str) -> None:
    """Give the post another day, keeping its time of day."""
    text = post.read_text(encoding="utf-8")
    moved, count = re.subn(
        r"^(date: |Date: )\d{4}-\d{2}-\d{2}", rf"\g<1>{day}", text, count=1, flags=re.MULTILINE
    )
    assert count == 1, f"no date in {post.name}"
    post.write_text(moved, encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _sentence_added(source: Path, sentence: str, page: str) -> list:
    """Append `sentence` to the text of `source`; it must show on the output file `page`."""
    _append(source, sentence)
    return [Shows(page, sentence)]


# The edits: each changes the content and returns where that shows.


def add_a_sentence_to_a_post(content: Path) -> list:
    """A post's body gains a sentence: it shows on the post's page."""
    return _sentence_added(
        _post(content, "en", "en-post-00006"),
        "The render cache must not hide this sentence.",
        "en/news/en-post-00006/index.html",
    )


def retitle_a_translated_post(content: Path) -> list:
    """A post's title changes: it shows on its page, its tag pages, its year's edition page and the feed."""
    title = "渲染缓存改过的标题"
    _set_metadata(_post(content, "zh", "pair-00000"), "title", title)
    return [
        Shows("news/pair-00000/index.html", title),
        Shows("tags/*/index.html", title),
        Shows("2019/index.html", title),
        Shows("feeds/all.atom.xml", title),
    ]


def retitle_a_post_without_a_slug(content: Path) -> list:
    """A post without a slug is retitled: its address, made from the title, moves on every list that links it."""
    _set_metadata(_post(content, "en", "untitled-00003"), "title", "Render cache moved this post")
    return [
        Shows("en/news/render-cache-moved-this-post/index.html", "Render cache moved this post"),
        Shows("en/tags/*/index.html", "news/render-cache-moved-this-post/"),
    ]


def change_the_tags_of_a_post(content: Path) -> list:
    """A post's tags are replaced, a new tag among them: the tag index, the tag pages and the post's page change."""
    _set_metadata(_post(content, "en", "en-post-00009"), "tags", ["Recap", "Render cache"])
    return [
        Shows("en/tags/index.html", "Render cache"),
        Shows("en/tags/render-cache/index.html", "news/en-post-00009/"),
        Shows("en/news/en-post-00009/index.html", "tags/render-cache/"),
    ]


def add_a_post(content: Path) -> list:
    """A new, most recent post: it has its page and leads the home page, the news list and its tag page."""
    _write(
        content / "news" / "zh" / "2021-09-01-render-cache-new-post.md",
        "Title: 渲染缓存新文章\nDate: 2021-09-01 10:00\nSlug: render-cache-new-post\nTags: 场地\n"
        "Category: News\nAuthors: Li Ming\n\n渲染缓存测试新加的文章。\n",
    )
    return [
        Shows("news/render-cache-new-post/index.html", "渲染缓存测试新加的文章。"),
        Shows("index.html", "渲染缓存新文章"),
        Shows("news/index.html", "渲染缓存新文章"),
        Shows("tags/*/index.html", "渲染缓存新文章"),
    ]


def delete_a_post(content: Path) -> list:
    """A post is deleted: its page goes, and it leaves the lists it was on."""
    _post(content, "zh", "zh-post-00011").unlink()
    return [Gone("news/zh-post-00011/index.html")]


def translate_a_post(content: Path) -> list:
    """A Chinese post gains an English translation (same slug): the Chinese page now links to it."""
    _write(
        content / "news" / "en" / "2020-02-14-zh-post-00008.md",
        "Title: Render cache translation\nDate: 2020-02-14 10:00\nSlug: zh-post-00008\nTags: Recap\n\n"
        "The English version of a Chinese post.\n",
    )
    return [
        Shows("en/news/zh-post-00008/index.html", "Render cache translation"),
        Shows("news/zh-post-00008/index.html", "en/news/zh-post-00008/"),
    ]


def retitle_a_page(content: Path) -> list:
    """A page's title changes: it is in the menu of every page of its language."""
    _replace(content / "pages" / "en" / "about.md", "Title: About\n", "Title: About sosconf, renamed\n")
    return [
        Shows("en/about/index.html", "About sosconf, renamed"),
        Shows("en/index.html", "About sosconf, renamed"),
        Shows("en/news/*/index.html", "About sosconf, renamed"),
    ]


def rename_an_edition(content: Path) -> list:
    """An edition's name and channel change: they show on its page and on the posts linked to it by `edition:`."""
    edition = content / "editions" / "2019.yml"
    _replace(edition, "en: Students Open Source Conference 2019\n", "en: Render cache conference 2019\n")
    _replace(edition, "url: https://t.me/sosconf2019\n", "url: https://t.me/sosconf2019_renamed\n")
    return [
        Shows("en/2019/index.html", "Render cache conference 2019"),
        Shows("en/news/*/index.html", "Render cache conference 2019"),
        Shows("en/news/*/index.html", "https://t.me/sosconf2019_renamed"),
    ]


def change_a_site_channel(content: Path) -> list:
    """A channel of contacts.yml changes: it is in the footer of every page."""
    _replace(content / "contacts.yml", "url: https://t.me/sosconf\n", "url: https://t.me/sosconf_renamed\n")
    return [
        Shows("index.html", "https://t.me/sosconf_renamed"),
        Shows("en/about/index.html", "https://t.me/sosconf_renamed"),
        Shows("news/*/index.html", "https://t.me/sosconf_renamed"),
    ]


def move_a_linked_post(content: Path) -> list:
    """A post that another links to with {filename} gets another slug.

    The linking post's page links to the new address although its source did not change.
    """
    target = _post(content, "zh", "zh-post-00009")
    linking = _post(content, "zh", "zh-post-00010")
    assert f"{{filename}}/news/zh/{target.name}" in linking.read_text(encoding="utf-8")
    _set_metadata(target, "slug", "render-cache-moved-target")
    return [
        Shows("news/zh-post-00010/index.html", "news/render-cache-moved-target/"),
        Gone("news/zh-post-00009/index.html"),
    ]


# Edits of a post's or page's text alone, its metadata as it was: a rebuild then
# sums up only the pages that reached it (sosconf.rebuild.page_reach).


def _insert_after_metadata(path: Path, paragraph: str) -> None:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    path.write_text(f"{head}\n\n{paragraph}\n\n{body}", encoding="utf-8")


def open_a_listed_post_with_a_new_paragraph(content: Path) -> list:
    """A post's text gains a first paragraph, before its summary marker: its summary shows it on the lists."""
    paragraph = "渲染缓存必须在列表里显示这一段。"
    _insert_after_metadata(_post(content, "zh", "zh-post-00004"), paragraph)
    return [Shows("news/zh-post-00004/index.html", paragraph), Shows("news/*index.html", paragraph)]


def link_a_post_from_the_text_of_another(content: Path) -> list:
    """A post's text gains a {filename} link: its page links to the other post's address."""
    target = _post(content, "zh", "zh-post-00003")
    _append(_post(content, "zh", "zh-post-00005"), f"[渲染缓存链接]({{filename}}/news/zh/{target.name})")
    return [Shows("news/zh-post-00005/index.html", 'news/zh-post-00003/">渲染缓存链接')]


def link_a_site_page_from_the_text_of_a_post(content: Path) -> list:
    """A post's text gains a `{site}` link: a new stand-in among the link targets, so every page is summed up."""
    _append(_post(content, "zh", "zh-post-00010"), "[渲染缓存的年会链接]({site}2019/)")
    return [Shows("news/zh-post-00010/index.html", '2019/">渲染缓存的年会链接')]


def rewrite_the_text_of_a_translated_post(content: Path) -> list:
    """A translated post's text changes: its page shows it; its translation's page is compared like any other."""
    return _sentence_added(
        _post(content, "en", "pair-00001"),
        "The render cache must show this rewritten pair.",
        "en/news/pair-00001/index.html",
    )


def rewrite_the_text_of_a_page(content: Path) -> list:
    """A page's text changes: its own page shows it."""
    return _sentence_added(
        content / "pages" / "en" / "code-of-conduct.md",
        "The render cache must show this page's new sentence.",
        "en/code-of-conduct/index.html",
    )


def redate_a_post(content: Path) -> list:
    """An old post becomes the most recent: it moves to the home page and the first page of the news list."""
    _set_date(_post(content, "zh", "zh-post-00007"), "2021-09-15")
    return [Shows("index.html", "news/zh-post-00007/"), Shows("news/index.html", "news/zh-post-00007/")]


EDITS = [
    add_a_sentence_to_a_post,
    retitle_a_translated_post,
    retitle_a_post_without_a_slug,
    change_the_tags_of_a_post,
    add_a_post,
    delete_a_post,
    translate_a_post,
    retitle_a_page,
    rename_an_edition,
    change_a_site_channel,
    move_a_linked_post,
    open_a_listed_post_with_a_new_paragraph,
    link_a_post_from_the_text_of_another,
    link_a_site_page_from_the_text_of_a_post,
    rewrite_the_text_of_a_translated_post,
    rewrite_the_text_of_a_page,
    redate_a_post,
]


# Comparing outputs.


def _shown(evidence: Shows | Gone, before: dict[str, bytes], after: dict[str, bytes]) -> bool:
    if isinstance(evidence, Gone):
        return evidence.path in before and evidence.path not in after
    text = evidence.text.encode("utf-8")
    return any(
        fnmatchcase(name, evidence.pattern) and text in data and text not in before.get(name, b"")
        for name, data in after.items()
    )


def _excerpt(name: str, rebuilt: bytes, fresh: bytes, lines: int = 12) -> str:
    diff = difflib.unified_diff(
        fresh.decode("utf-8", "replace").splitlines(),
        rebuilt.decode("utf-8", "replace").splitlines(),
        f"from scratch/{name}",
        f"rebuilt/{name}",
        lineterm="",
        n=0,
    )
    return "\n".join(line[:200] for line in list(diff)[:lines])


def _differences(rebuilt: dict[str, bytes], fresh: dict[str, bytes]) -> str:
    """The files in which the outputs differ, and a short diff of the first one; empty when they are the same."""
    only_rebuilt = sorted(rebuilt.keys() - fresh.keys())
    only_fresh = sorted(fresh.keys() - rebuilt.keys())
    changed = sorted(name for name in rebuilt.keys() & fresh.keys() if rebuilt[name] != fresh[name])
    if not (only_rebuilt or only_fresh or changed):
        return ""
    report = [
        f"only in the rebuild: {only_rebuilt}",
        f"only in the build from scratch: {only_fresh}",
        f"different: {changed}",
    ]
    if changed:
        report.append(_excerpt(changed[0], rebuilt[changed[0]], fresh[changed[0]]))
    return "\n".join(report)


def _forget_the_caches(site: Site) -> None:
    """Build the site again with empty caches, so that a stale page fails only the test that made it."""
    shutil.rmtree(site.caches, ignore_errors=True)
    _build(site.content, site.output, force=True)


def _rebuild_and_compare(site: Site, scratch: Path) -> dict[str, bytes]:
    """Rebuild the site, and build a copy of its content from scratch under `scratch`; both must be the same."""
    assert _build(site.content, site.output) is True
    shutil.copytree(site.content, scratch / "content")  # another folder: another, empty, cache
    assert _build(scratch / "content", scratch / "output") is True
    rebuilt = snapshot(site.output)
    differences = _differences(rebuilt, snapshot(scratch / "output"))
    if differences:
        _forget_the_caches(site)
    assert not differences, (
        "the rebuild through the render cache differs from a build from scratch:\n" + differences
    )
    return rebuilt


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__ for edit in EDITS])
def test_a_rebuild_after_an_edit_matches_a_build_from_scratch(site, tmp_path, edit):
    before = snapshot(site.output)
    evidence = edit(site.content)
    after = _rebuild_and_compare(site, tmp_path)
    unseen = [item for item in evidence if not _shown(item, before, after)]
    assert not unseen, f"{edit.__name__} does not show where expected: {unseen}"


def test_after_a_change_to_a_posts_text_only_what_reaches_that_post_is_summed_up(site, tmp_path, monkeypatch):
    """sosconf.rebuild.page_reach: posts that cannot reach the changed one keep their digest.

    Its control: the same change rebuilt without the runs' records sums up every post.
    """
    walked = tmp_path / "walked.txt"
    own_digest = Digester._own_digest

    def recording(self, obj):
        if isinstance(obj, Content):  # the runs are forked from this process: they append to one file
            with open(walked, "a", encoding="utf-8") as record:
                record.write(obj.source_path + "\n")
        return own_digest(self, obj)

    def rebuild_after_an_edit(sentence: str) -> set[str]:
        _append(post, sentence)
        walked.unlink(missing_ok=True)
        assert _build(site.content, site.output) is True
        assert sentence in (site.output / "news/zh-post-00006/index.html").read_text(encoding="utf-8")
        return set(walked.read_text(encoding="utf-8").splitlines())

    monkeypatch.setattr(Digester, "_own_digest", recording)
    post = _post(site.content, "zh", "zh-post-00006")
    summed_up = rebuild_after_an_edit("Only what reaches this post is summed up again.")
    for record in site.caches.glob(f"*/*/{cache_paths.RENDERS}/{page_reach.RECORD_PREFIX}*"):
        record.unlink()
    every_post = rebuild_after_an_edit("Without the records, every post is summed up.")
    monkeypatch.undo()
    assert str(post) in summed_up, "the changed post was not summed up"
    assert summed_up < every_post, f"the records spared nothing: {sorted(summed_up)}"
    assert {str(path) for path in (site.content / "news" / "zh").glob("*.md")} <= every_post

    scratch = tmp_path / "scratch"
    shutil.copytree(site.content, scratch / "content")
    assert _build(scratch / "content", scratch / "output") is True
    differences = _differences(snapshot(site.output), snapshot(scratch / "output"))
    if differences:
        _forget_the_caches(site)
    assert not differences, "the rebuild differs from a build from scratch:\n" + differences


def _write_post(content: Path, lang: str, slug: str, date: str = "2020-01-01", link: str = "") -> Path:
    post = content / "news" / lang / f"2020-01-01-{slug}.md"
    _write(post, f"Title: Render cache {slug}\nDate: {date} 10:00\nSlug: {slug}\n\nA post. {link}\n")
    return post


def test_a_rebuild_after_a_failed_one_matches_a_build_from_scratch(site, tmp_path):
    """A failed build may have rendered pages before failing; the rebuild after the fix must not reuse a wrong one.

    The Chinese build fails while reading (an impossible date), the English one
    while rendering (a link to a missing post).
    """
    missing = "{filename}/news/en/missing.md"
    mistakes = [
        (
            _write_post(site.content, "zh", "render-cache-bad-date", date="2020-13-45"),
            "2020-13-45",
            "2020-01-01",
        ),
        (
            _write_post(site.content, "en", "render-cache-bad-link", link=f"[x]({missing})"),
            missing,
            "https://example.org/",
        ),
    ]
    with pytest.raises(ContentErrors) as failure:
        _build(site.content, site.output)
    assert "2020-13-45" in str(failure.value) and "missing.md" in str(failure.value)
    for post, mistake, fix in mistakes:
        _replace(post, mistake, fix)
    after = _rebuild_and_compare(site, tmp_path)
    assert b"Render cache render-cache-bad-date" in after["news/render-cache-bad-date/index.html"]
    assert b"https://example.org/" in after["en/news/render-cache-bad-link/index.html"]


def test_undoing_every_edit_gives_back_the_first_build(site):
    """The content as generated again: a rebuild through the cache gives the first build's bytes."""
    shutil.rmtree(site.content)
    shutil.copytree(site.generated, site.content)
    assert _build(site.content, site.output, force=True) is True
    differences = _differences(snapshot(site.output), site.first_build)
    assert not differences, (
        "the rebuild after undoing the edits differs from the first build:\n" + differences
    )
