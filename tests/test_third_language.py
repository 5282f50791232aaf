"""A third language from settings, a catalog and content alone: Japanese at /ja/.

The site of tests/data/third_language/ has the bundled settings plus one
entry in SOSCONF_LANGUAGES, the theme with a Japanese catalog beside the
others (copied into a temporary folder, compiled by the build as the others
are), and posts, pages and an edition text in Japanese.  No code knows of
Japanese: whatever these tests find in ja/ came from those files.
"""

from __future__ import annotations

import json
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from browser.links import broken_links
from browser.server import serve
from browser.tools import (
    CONTRAST,
    axe_violations,
    chromium_browser,
    give_axe,
    html_errors,
    need_axe,
)
from support import CONTENT, ROOT, build, read_html

DATA = ROOT / "tests" / "data" / "third_language"
SETTINGS = DATA / "settings.py"
# The day the site is built on: the call for talks is open.
TODAY = "2030-06-20"
# Pages of every kind in Japanese, for the browser checks.
JAPANESE_PAGES = [
    "ja/",
    "ja/news/",
    "ja/news/sosconf-2030-tokyo/",
    "ja/about/",
    "ja/editions/",
    "ja/2030/",
    "ja/2030/program/",
    "ja/2030/program/small-compilers/",
    "ja/2030/speakers/",
    "ja/contact/",
    "ja/tags/",
]


def _theme_with_japanese(folder: Path) -> Path:
    theme = folder / "theme"
    shutil.copytree(ROOT / "themes" / "sosconf", theme)
    catalog = theme / "translations" / "ja" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    shutil.copy(DATA / "messages.po", catalog / "messages.po")
    return theme


def _content(folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(DATA / "content", content)
    # The pictures every page names (icon, social preview) are the bundled ones.
    shutil.copytree(CONTENT / "assets", content / "assets")
    return content


@pytest.fixture(scope="module")
def japanese_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("third-language")
    theme = _theme_with_japanese(folder)
    return build(
        _content(folder),
        folder / "output",
        settings=SETTINGS,
        search=True,
        env={"SOSCONF_TEST_THEME": str(theme)},
        SOSCONF_TODAY=TODAY,
    ).output


def _alternates(page) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in page.select('head link[rel="alternate"][hreflang]')}


def _switch(page) -> dict[str, str]:
    return {link["lang"]: link["href"] for link in page.select(".language-switch a")}


def test_japanese_pages_are_written_under_their_prefix_with_their_tags(japanese_site):
    page = read_html(japanese_site, "ja/news/sosconf-2030-tokyo/")
    assert page.html["lang"] == "ja"
    assert page.find("meta", property="og:locale")["content"] == "ja_JP"
    assert {meta["content"] for meta in page.find_all("meta", property="og:locale:alternate")} == {
        "zh_CN",
        "en_US",
    }
    # The theme's words come from the Japanese catalog, the dates from the locale.
    assert page.select_one('nav[aria-label="メイン"]') is not None
    assert "お知らせ" in page.select_one(".site-header nav").get_text()
    assert "2030年5月1日" in page.get_text()
    # The other languages' pages are as before.
    assert read_html(japanese_site, "news/sosconf-2030-tokyo/").html["lang"] == "zh-Hans"
    assert read_html(japanese_site, "en/news/sosconf-2030-tokyo/").html["lang"] == "en"


def test_feed_manifest_and_search_index_are_in_japanese(japanese_site):
    feed = (japanese_site / "ja" / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert 'xml:lang="ja"' in feed and "2030 年のカンファレンスは東京で" in feed
    manifest = json.loads((japanese_site / "ja" / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "ja"
    # The search keeps one index per `<html lang>`; the Japanese pages are in their own.
    groups = json.loads((japanese_site / "pagefind" / "groups.json").read_text(encoding="utf-8"))
    assert set(groups["languages"]) == {"ja", "zh-hans", "en"}
    entries = sorted((japanese_site / "pagefind" / "ja").glob("*/pagefind-entry.json"))
    assert entries and all(list(json.loads(e.read_text("utf-8"))["languages"]) == ["ja"] for e in entries)


def test_a_page_links_its_versions_in_every_language(japanese_site):
    for prefix in ("", "en/", "ja/"):
        page = read_html(japanese_site, f"{prefix}news/sosconf-2030-tokyo/")
        assert set(_alternates(page)) == {"zh-Hans", "en", "ja", "x-default"}, prefix
    japanese = read_html(japanese_site, "ja/2030/program/")
    assert _switch(japanese) == {"zh": "../../../2030/program/", "en": "../../../en/2030/program/"}
    chinese = read_html(japanese_site, "2030/program/")
    assert _alternates(chinese)["ja"] == "../../ja/2030/program/"
    sitemap = (japanese_site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="ja"' in sitemap


def test_a_page_in_one_language_only_switches_to_the_other_homes(japanese_site):
    page = read_html(japanese_site, "ja/news/volunteers-wanted-ja/")
    assert _alternates(page) == {}
    assert _switch(page) == {"zh": "../../../", "en": "../../../en/"}
    # Nor do the other languages list it.
    assert not (japanese_site / "news" / "volunteers-wanted-ja").exists()
    assert "ボランティア募集" in read_html(japanese_site, "ja/news/").get_text()
    assert "ボランティア募集" not in read_html(japanese_site, "en/news/").get_text()


def test_edition_texts_are_shown_in_japanese_and_fall_back_with_their_language(japanese_site):
    page = read_html(japanese_site, "ja/2030/")
    assert page.h1.get_text(strip=True) == "学生オープンソースカンファレンス 2030"
    assert "日本で初めて開かれるカンファレンスです。" in page.get_text()
    # The venue has no Japanese text: the first language's is shown, marked as such.
    assert {span.get_text() for span in page.select('main [lang="zh"]')} == {"示例大学"}
    # The call labels come from the catalog.
    assert "講演募集" in page.get_text()
    assert "講演募集" not in read_html(japanese_site, "en/2030/").get_text()


def test_a_session_language_is_named_in_the_page_language(japanese_site):
    names = {
        prefix: read_html(japanese_site, f"{prefix}2030/program/small-compilers/").get_text()
        for prefix in ("", "en/", "ja/")
    }
    assert "德语" in names[""] and "German" in names["en/"] and "ドイツ語" in names["ja/"]


@pytest.mark.links
def test_the_third_language_site_has_no_broken_links(japanese_site):
    problems = [str(problem) for problem in broken_links(japanese_site)]
    assert problems == []
    assert any((japanese_site / "ja").rglob("*.html")), "the checker read no Japanese page"


@pytest.mark.validator
def test_the_third_language_site_is_valid_html(japanese_site, tmp_path):
    errors, canary = html_errors([japanese_site], tmp_path, lang="ja")
    assert errors.pop(canary, None), "the checker did not report the canary's error"
    assert errors == {}


@pytest.fixture(scope="module")
def browser():
    """One Chromium for this module's browser checks, closed with it."""
    with chromium_browser() as chromium:
        yield chromium


@pytest.mark.browser
def test_the_third_language_pages_have_no_accessibility_violations(japanese_site, browser):
    need_axe()
    found = {}
    # The pages forbid inline scripts; this context lets the injected axe run.
    with serve(japanese_site) as origin, _context(browser, bypass_csp=True) as context:
        give_axe(context)
        page = context.new_page()
        for path in JAPANESE_PAGES:
            page.goto(f"{origin}/{path}", wait_until="load")
            assert page.evaluate("document.documentElement.lang") == "ja", path
            page.emulate_media(color_scheme="light")
            light = axe_violations(page)
            page.emulate_media(color_scheme="dark")
            dark = axe_violations(page, CONTRAST)
            if light or dark:
                found[path] = {"light": light, "dark": dark}
    assert found == {}


@pytest.mark.browser
def test_the_site_search_finds_a_japanese_post_in_japanese(japanese_site, browser):
    post = "/ja/news/sosconf-2030-tokyo/"
    found_post = f"() => [...document.querySelectorAll('main a[href]')].some(a => a.pathname === '{post}')"
    with serve(japanese_site) as origin, _context(browser) as context:
        page = context.new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(f"{origin}/ja/search/", wait_until="load")
        assert not page.evaluate(found_post)
        field = page.locator('input[type="search"]').first
        field.fill("カンファレンス")
        field.press("Enter")
        page.wait_for_function(found_post)
    assert errors == []


@contextmanager
def _context(browser, **options):
    """A fresh browser context (its own cache and storage), closed after use."""
    context = browser.new_context(**options)
    try:
        yield context
    finally:
        context.close()
