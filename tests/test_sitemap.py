"""sitemap.xml and robots.txt of the bundled site (the preview build)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import urljoin

import pytest
from sosconf.publish.sitemap import collect_pages, page_url
from support import parse_html

ROOT = "http://127.0.0.1:8000/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def entries(site) -> dict[str, ET.Element]:
    tree = ET.parse(site / "sitemap.xml")
    urls = tree.getroot().findall("s:url", NS)
    locs = [url.findtext("s:loc", namespaces=NS) for url in urls]
    duplicates = [loc for loc, count in Counter(locs).items() if count > 1]
    assert not duplicates
    return dict(zip(locs, urls))


def alternates(entry: ET.Element) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)}


def canonical_of(path) -> str | None:
    link = parse_html(path).find("link", rel="canonical")
    return link["href"] if link else None


def test_sitemap_lists_every_canonical_page_once_except_the_404_pages(site, entries):
    pages = {}
    for path in site.rglob("*.html"):
        pages[ROOT + page_url(path.relative_to(site).as_posix())] = canonical_of(path)
    # A page is listed under its own address; a view of another page (a
    # filtered program) is left to the page it names as canonical.
    expected = {url for url, canonical in pages.items() if canonical == url}
    assert set(entries) == expected
    assert set(pages) - expected - {ROOT + "404.html", ROOT + "en/404.html"} == {
        url for url, canonical in pages.items() if canonical and canonical != url
    }
    assert {ROOT, ROOT + "en/", ROOT + "news/sosconf/", ROOT + "en/2019/", ROOT + "search/"} <= expected


def test_alternates_resolve_and_point_back(entries):
    paired = 0
    for loc, entry in entries.items():
        versions = alternates(entry)
        if not versions:
            continue
        paired += 1
        assert set(versions) == {"zh-Hans", "en", "x-default"}
        assert versions["x-default"] == versions["zh-Hans"]  # the first language's page
        assert loc in versions.values()
        for href in versions.values():
            assert href in entries, f"{loc}: alternate {href} is not a page of the site"
            assert alternates(entries[href]) == versions
    assert paired >= 20
    assert alternates(entries[ROOT + "news/sosconf/"])["en"] == ROOT + "en/news/sosconf/"


def test_a_tag_only_one_language_uses_has_no_alternate(entries):
    # 官方公告 and "Official announcement" are two tags: neither page is the
    # other's translation, so neither names the other.
    tag_pages = [loc for loc in entries if "/tags/" in loc and not loc.endswith("/tags/")]
    assert tag_pages
    # Pages that are each other's translations do name their alternates.
    assert any(alternates(entry) for entry in entries.values())
    for loc in tag_pages:
        assert alternates(entries[loc]) == {}


def test_the_sitemap_says_what_the_pages_say(site, entries):
    for loc, entry in entries.items():
        relative = loc[len(ROOT) :]
        path = site / relative / "index.html" if relative.endswith("/") or not relative else site / relative
        head = parse_html(path).head
        in_html = {
            link["hreflang"]: urljoin(loc, link["href"])
            for link in head.find_all("link", rel="alternate", hreflang=True)
        }
        assert alternates(entry) == in_html, loc


def test_lastmod_comes_from_the_content(entries):
    def lastmod(url):
        return entries[ROOT + url].findtext("s:lastmod", namespaces=NS)

    assert lastmod("news/sosconf/") == "2019-03-20T20:28:45+08:00"
    assert lastmod("en/2021/") == "2021-09-09T17:30:00+08:00"
    assert lastmod("news/") == "2021-09-09T17:30:00+08:00"
    assert lastmod("contact/") is None
    dated = [entry.findtext("s:lastmod", namespaces=NS) for entry in entries.values()]
    assert max(date for date in dated if date) == "2021-09-09T17:30:00+08:00"


def test_robots_txt_points_to_the_sitemap(site):
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {ROOT}sitemap.xml" in lines


def test_pages_that_say_noindex_are_left_out(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text(
        '<html lang="en"><head><title>A</title></head></html>', encoding="utf-8"
    )
    (tmp_path / "b.html").write_text(
        '<html lang="en"><head><meta name="robots" content="noindex"></head></html>', encoding="utf-8"
    )
    assert set(collect_pages(tmp_path, ROOT)) == {"a/"}
