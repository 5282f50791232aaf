"""What a page's head tells search engines and link previews, in both
languages: its canonical address, its language versions (reciprocal, with an
x-default) and a described, sized preview picture.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from sosconf.site.image_size import image_size
from support import CONTENT, ROOT, build, parse_html

PREVIEW_ROOT = "http://127.0.0.1:8000/"
EXAMPLE = ROOT / "docs" / "example-edition.yml"
# A tag both languages use: its two pages are each other's translation.
SHARED_TAG_POSTS = {
    "news/zh/2022-01-01-shared.md": "Title: 共同的标签\nDate: 2022-01-01 10:00\nSlug: shared\nTags: python\n\n正文。\n",
    "news/en/2022-01-01-shared.md": "Title: A shared tag\nDate: 2022-01-01 10:00\nSlug: shared\nTags: Python\n\nText.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("head")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    shutil.copy(EXAMPLE, content / "editions/2030.yml")
    for name, text in SHARED_TAG_POSTS.items():
        (content / name).write_text(text, encoding="utf-8")
    return build(content, folder / "output", SOSCONF_TODAY="2030-06-20").output


def pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        url = PREVIEW_ROOT + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        yield url, parse_html(path).head


def alternates(url: str, head) -> dict[str, str]:
    return {
        link["hreflang"]: urljoin(url, link["href"])
        for link in head.find_all("link", rel="alternate", hreflang=True)
    }


def test_every_indexable_page_names_its_canonical_address(site):
    seen = 0
    for url, head in pages(site):
        links = head.find_all("link", rel="canonical")
        if head.find("meta", attrs={"name": "robots", "content": "noindex"}):
            assert links == [], url  # the 404 page, drafts: not for search engines at all
            continue
        assert len(links) == 1, url
        canonical = links[0]["href"]
        assert canonical.startswith(PREVIEW_ROOT)  # absolute even in a preview build
        if "/program/track/" in url or "/program/kind/" in url:
            assert canonical == url.split("/program/")[0] + "/program/"
        else:
            assert canonical == url
        seen += 1
    assert seen > 40


def test_filtered_programs_point_at_the_full_program_in_their_language(site):
    heads = dict(pages(site))
    for prefix in ("", "en/"):
        filtered = [url for url in heads if url.startswith(f"{PREVIEW_ROOT}{prefix}2030/program/track/")]
        assert filtered
        for url in filtered:
            assert heads[url].find("link", rel="canonical")["href"] == f"{PREVIEW_ROOT}{prefix}2030/program/"


def test_language_versions_point_back_and_name_an_x_default(site):
    heads = dict(pages(site))
    paired = 0
    for url, head in heads.items():
        versions = alternates(url, head)
        if not versions:
            continue
        paired += 1
        assert set(versions) == {"zh-Hans", "en", "x-default"}, url
        assert versions["x-default"] == versions["zh-Hans"]
        assert url in (versions["zh-Hans"], versions["en"])
        for other in (versions["zh-Hans"], versions["en"]):
            assert alternates(other, heads[other]) == versions, f"{url} -> {other}"
    assert paired > 30


def test_tag_and_category_pages_pair_with_the_same_tag_or_category(site):
    heads = dict(pages(site))
    shared = alternates(PREVIEW_ROOT + "tags/python/", heads[PREVIEW_ROOT + "tags/python/"])
    assert shared["en"] == PREVIEW_ROOT + "en/tags/python/"
    assert alternates(PREVIEW_ROOT + "en/tags/python/", heads[PREVIEW_ROOT + "en/tags/python/"]) == shared
    news = alternates(PREVIEW_ROOT + "en/categories/news/", heads[PREVIEW_ROOT + "en/categories/news/"])
    assert news["zh-Hans"] == PREVIEW_ROOT + "categories/news/"
    # A tag only one language uses has no alternate, and its language switch
    # leads to the other language's list of tags.
    only_english = PREVIEW_ROOT + "en/tags/official-announcement/"
    assert alternates(only_english, heads[only_english]) == {}
    page = BeautifulSoup(
        (site / "en/tags/official-announcement/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    switch = page.select_one(".language-switch a")
    assert urljoin(only_english, switch["href"]) == PREVIEW_ROOT + "tags/"


def meta(head, key: str) -> str | None:
    tag = head.find("meta", attrs={"property": key}) or head.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def test_every_preview_picture_is_described_and_sized(site):
    for url, head in pages(site):
        picture = meta(head, "og:image")
        if picture is None:
            continue
        file = site / urljoin(url, picture)[len(PREVIEW_ROOT) :]
        assert file.is_file(), url
        assert meta(head, "og:image:alt"), url
        assert meta(head, "twitter:image:alt") == meta(head, "og:image:alt")
        size = image_size(str(file))
        assert size is not None, f"{url}: {picture}"
        assert (int(meta(head, "og:image:width")), int(meta(head, "og:image:height"))) == size


def test_the_alt_text_says_what_the_picture_is(site):
    heads = dict(pages(site))
    announcement = heads[PREVIEW_ROOT + "en/news/sosconf-2021-will-be-held-at-sustech-in-mid-october/"]
    assert meta(announcement, "og:image:alt") == "SOSConf 2021 will be held at SUSTech in mid-October"
    english, chinese = (
        meta(heads[PREVIEW_ROOT + "en/"], "og:image:alt"),
        meta(heads[PREVIEW_ROOT], "og:image:alt"),
    )
    assert "sosconf" in english and "sosconf" in chinese
    assert english != chinese  # each in its page's language
