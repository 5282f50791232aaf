"""Site search: Pagefind's index of the built site, queried the way the search page does.

Queries run Pagefind's own search code (`pagefind/pagefind.js` from the
build, with its WebAssembly) in Node, reading the index files from disk: the
same code a visitor's browser runs, minus the page around it.  Node is part
of the project's CI set-up; without it those tests are skipped.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from sosconf.publish import search, search_groups
from sosconf.rebuild.cache_paths import language_folder
from support import CACHE_DIR_VARIABLE, CONTENT, build, cache_root, read_html

ANNOUNCEMENT_2021 = "news/sosconf-2021-will-be-held-at-sustech-in-mid-october/"
DRAFT_WORD = "draftonlyword"
HIDDEN_WORD = "hiddenonlyword"

# Loads pagefind.js as a browser would, with `document` reduced to the page
# language Pagefind reads and `fetch` reading the bundle's files from disk.
QUERY_SCRIPT = r"""
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
const [bundle, lang, ...terms] = process.argv.slice(1);
const bundleUrl = pathToFileURL(bundle + "/");
globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => lang }) };
globalThis.fetch = async (input) => {
  const url = new URL(typeof input === "string" ? input : input.url, bundleUrl);
  return new Response(await readFile(fileURLToPath(url)));
};
// As search.js does: Pagefind from the language's first group, the other groups merged in.
const manifest = JSON.parse(await readFile(new URL("groups.json", bundleUrl), "utf-8"));
const groups = (manifest.languages[lang.toLowerCase()] || []).map((group) => new URL(group + "/", bundleUrl).href);
const pagefind = await import(new URL("pagefind.js", groups[0]));
await pagefind.options({ basePath: groups[0], baseUrl: "/" });
for (const group of groups.slice(1)) {
  await pagefind.mergeIndex(group, { baseUrl: "/" });
}
const found = {};
for (const term of terms) {
  const search = await pagefind.search(term);
  found[term] = await Promise.all(search.results.map(async (result) => (await result.data()).url));
}
console.log(JSON.stringify(found));
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, content_dir) -> Path:
    return build(content_dir, tmp_path_factory.mktemp("search") / "output", search=True).output


@pytest.fixture(scope="module")
def content_dir(tmp_path_factory) -> Path:
    """The bundled content plus a draft post and a hidden page, which search must not find."""
    content = tmp_path_factory.mktemp("search-content") / "content"
    shutil.copytree(CONTENT, content)
    (content / "news/en/2021-10-01-draft.md").write_text(
        f"Title: Unfinished\nDate: 2021-10-01 10:00\nSlug: unfinished\nStatus: draft\n\nA {DRAFT_WORD} paragraph.\n",
        encoding="utf-8",
    )
    (content / "pages/zh/hidden.md").write_text(
        f"Title: 隐藏页\nSlug: hidden-page\nStatus: hidden\n\n这一页有 {HIDDEN_WORD}。\n",
        encoding="utf-8",
    )
    return content


def query(site: Path, lang: str, *terms: str) -> dict[str, list[str]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node is needed to run Pagefind's search code")
    result = subprocess.run(
        [node, "--input-type=module", "-e", QUERY_SCRIPT, "--", str(site / "pagefind"), lang, *terms],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def indexed_pages(site: Path) -> dict[str, set[str]]:
    """The pages marked for the index, by the language Pagefind files them under."""
    pages: dict[str, set[str]] = {}
    for html_file in site.rglob("*.html"):
        page = read_html(site, html_file.relative_to(site).as_posix())
        if page.select_one("[data-pagefind-body]") is not None:
            pages.setdefault(page.html["lang"].lower(), set()).add(html_file.relative_to(site).as_posix())
    return pages


def group_entries(site: Path) -> dict[str, dict]:
    """`zh/2021` -> that group's pagefind-entry.json."""
    return {
        entry.parent.relative_to(site / "pagefind").as_posix(): json.loads(entry.read_text(encoding="utf-8"))
        for entry in (site / "pagefind").glob("*/*/pagefind-entry.json")
    }


def test_index_holds_the_pages_of_both_languages(site):
    entries = group_entries(site)
    marked = indexed_pages(site)
    manifest = json.loads((site / "pagefind/groups.json").read_text(encoding="utf-8"))
    assert set(manifest["languages"]) == {"en", "zh-hans"}
    for lang in ("en", "zh-hans"):
        counted = sum(entry["languages"].get(lang, {}).get("page_count", 0) for entry in entries.values())
        assert counted == len(marked[lang])
        code = "zh" if lang == "zh-hans" else lang
        expected = [
            f"{code}/{name}"
            for name in ("2021", "2020", "2019", "2018", "site")
            if f"{code}/{name}" in entries
        ]
        assert manifest["languages"][lang] == expected
        assert all(set(entries[folder]["languages"]) == {lang} for folder in expected)
    assert "en/news/sosconf/index.html" in marked["en"]
    assert ANNOUNCEMENT_2021 + "index.html" in marked["zh-hans"]
    assert "2019/index.html" in marked["zh-hans"] and "contact/index.html" in marked["zh-hans"]


def test_pages_are_grouped_by_year_and_the_rest_is_site(site):
    assert 'data-search-group="2021"' in (site / ANNOUNCEMENT_2021 / "index.html").read_text(encoding="utf-8")
    assert 'data-search-group="2019"' in (site / "en/2019/index.html").read_text(encoding="utf-8")
    assert 'data-search-group="site"' in (site / "contact/index.html").read_text(encoding="utf-8")
    assert {"zh/2019", "zh/2021", "zh/site", "en/2019", "en/2021", "en/site"} <= set(group_entries(site))


def test_a_rebuild_indexes_again_only_the_group_that_changed(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    output, caches = tmp_path / "output", tmp_path / "caches"
    build(content, output, search=True, cache=caches)
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(cache_root(caches)))
    cache = language_folder(content, "en") / "search"
    before = {path.name for path in cache.iterdir()}
    post = content / "news/en/2021-09-09-sosconf-2021-sustech.md"
    post.write_text(
        post.read_text(encoding="utf-8") + "\nA sentence about rebuildonlyword.\n", encoding="utf-8"
    )
    build(content, output, search=True, cache=caches)
    after = {path.name for path in cache.iterdir()}
    assert {name.split("-")[0] for name in before - after} == {"2021"}
    assert {name.split("-")[0] for name in after - before} == {"2021"}
    assert query(output, "en", "rebuildonlyword")["rebuildonlyword"] == [
        "/en/news/sosconf-2021-will-be-held-at-sustech-in-mid-october/"
    ]


def test_chinese_query_finds_the_2021_pages_in_chinese(site):
    urls = query(site, "zh-hans", "南方科技大学")["南方科技大学"]
    assert "/" + ANNOUNCEMENT_2021 in urls
    assert "/2021/" in urls
    assert not any(url.startswith("/en/") for url in urls)


def test_english_query_finds_the_2019_pages_in_english(site):
    urls = query(site, "en", "Southern California")["Southern California"]
    assert "/en/news/sosconf/" in urls
    assert "/en/2019/" in urls
    assert all(url.startswith("/en/") for url in urls)


def test_a_channel_is_found_where_a_text_names_it_not_on_every_post_that_lists_it(site):
    # Every post lists the official channels under its text; only a text that names one should be found.
    post = read_html(site, ANNOUNCEMENT_2021)
    assert "Telegram" in post.select_one(".post-channels").get_text()
    assert "Telegram" not in post.select_one(".post-body").get_text()
    urls = query(site, "zh-hans", "Telegram")["Telegram"]
    assert "/contact/" in urls
    assert "/" + ANNOUNCEMENT_2021 not in urls
    # Positive control: a post whose own text names the channel is found.
    assert "Telegram" in read_html(site, "news/sosconf/").select_one(".post-body").get_text()
    assert "/news/sosconf/" in urls


def test_lists_drafts_hidden_pages_and_404_stay_out_of_the_index(site):
    assert DRAFT_WORD in (site / "en/drafts/unfinished/index.html").read_text(encoding="utf-8")
    assert HIDDEN_WORD in (site / "hidden-page/index.html").read_text(encoding="utf-8")
    for lang in ("en", "zh-hans"):
        for urls in query(site, lang, DRAFT_WORD, HIDDEN_WORD).values():
            assert not any("drafts/" in url or "hidden-page" in url for url in urls)
    marked = set().union(*indexed_pages(site).values())
    assert not any("drafts/" in path or "hidden-page" in path for path in marked)
    assert not {"404.html", "en/404.html", "index.html", "en/news/index.html", "search/index.html"} & marked
    assert read_html(site, "404.html").find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert read_html(site, "hidden-page/").find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_every_page_has_a_search_box_that_opens_the_search_page_in_its_language(site):
    for url, target in (
        ("", "search/"),
        ("2019/", "search/"),
        ("en/news/sosconf/", "en/search/"),
        ("en/", "en/search/"),
    ):
        form = read_html(site, url).select_one("header form.site-search")
        assert form["method"] == "get"
        assert form.select_one("input[type=search]")["name"] == "q"
        page = "https://example.org/site/" + url
        assert urljoin(page, form["action"]) == "https://example.org/site/" + target


def test_search_page_loads_pagefind_relative_to_itself_and_offers_links_without_javascript(site):
    for url, lang in (("search/", "zh-Hans"), ("en/search/", "en")):
        page = read_html(site, url)
        assert page.html["lang"] == lang
        script = page.find("script", src=True)
        assert script.has_attr("defer")
        assert (site / url / script["src"]).resolve() == (site / "theme/js/search.js").resolve()
        groups = page.select_one("#search-form")["data-groups"]
        assert not groups.startswith(("/", "http")), "a relative path keeps search working from a sub-path"
        assert (site / url / groups).resolve() == (site / "pagefind/groups.json").resolve()
        assert page.select("#search-fallback a")
    assert read_html(site, "search/").select_one("#search-form button").get_text() == "搜索"
    assert "{count}" in read_html(site, "en/search/").select_one("#search-form")["data-results"]


def test_index_is_built_by_the_extended_binary_without_pagefinds_own_interfaces(site):
    assert search.pagefind_binary().name == "pagefind_extended"
    manifest = json.loads((site / "pagefind/groups.json").read_text(encoding="utf-8"))
    first = {groups[0] for groups in manifest["languages"].values()}
    for folder in group_entries(site):
        files = {path.name for path in (site / "pagefind" / folder).iterdir()}
        assert not files & set(search.UNUSED_BUNDLE_FILES)
        # Only a group the search page loads first carries Pagefind's code.
        assert ("pagefind.js" in files and "pagefind-worker.js" in files) == (folder in first), folder


def test_build_stops_when_pagefind_is_not_the_extended_one(tmp_path, monkeypatch):
    impostor = tmp_path / "pagefind"
    impostor.write_text("#!/bin/sh\necho 'Running Pagefind v1.5.2'\n", encoding="utf-8")
    impostor.chmod(0o755)
    monkeypatch.setattr(search, "pagefind_binary", lambda: impostor)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html lang="en"><main data-pagefind-body>Text</main></html>', encoding="utf-8"
    )
    with pytest.raises(RuntimeError, match="extended"):
        search.index_pages(site, ["index.html"], "en", tmp_path / "cache")


def test_each_session_page_is_found_in_its_own_language(site):
    en = query(site, "en", "WebP Server Go")["WebP Server Go"]
    assert "/en/2020/program/webp-server-go/" in en
    assert all(url.startswith("/en/") for url in en)
    # The program repeats every session: only the session's own page is listed.
    assert "/en/2020/program/" not in en
    zh = query(site, "zh-hans", "爬虫")["爬虫"]
    assert "/2020/program/web-crawlers/" in zh
    assert not any(url.startswith("/en/") for url in zh)


@pytest.mark.parametrize("named", ["../outside.js", "/etc/passwd", "fragment/../../outside", ""])
def test_a_bundle_file_named_outside_the_bundle_is_refused(named):
    with pytest.raises(RuntimeError, match="outside its bundle"):
        search_groups._inside_bundle(named)


def test_a_bundle_file_named_inside_the_bundle_is_kept_as_named():
    assert search_groups._inside_bundle("fragment/zh_1a2b.pf_fragment").as_posix() == (
        "fragment/zh_1a2b.pf_fragment"
    )
