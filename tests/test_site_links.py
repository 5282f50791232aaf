"""`{site}<address>` links a post or page to any page of the site, in its own
language, in both metadata formats, in the preview and under a sub-path; links
and pictures written from the site's root (`/2021/`) work there too."""

from __future__ import annotations

import pytest
from support import build, checked, read_html, with_mistakes

EN_POST = """---
title: Join us
date: 2021-09-05 10:00
slug: join-us
---

See [the edition]({site}2021/#about), [the editions]({site}editions/), [write to us]({site}contact/)
or go [home]({site}).

Written from the root: [the Chinese page](/2021/), [this page](/en/2021/) and
![the logo](/assets/images/favicon.svg)
"""
ZH_POST = """Title: 欢迎参加
Date: 2021-09-05 10:00
Slug: join-us

请看[本届年会]({site}2021/)和[联系方式]({site}contact/)。
"""


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    folder = with_mistakes(tmp_path_factory.mktemp("site-links") / "content")
    (folder / "news/en/2021-09-05-join-us.md").write_text(EN_POST, encoding="utf-8")
    (folder / "news/zh/2021-09-05-join-us.md").write_text(ZH_POST, encoding="utf-8")
    return folder


def _links(output, url) -> dict[str, str]:
    return {
        a.get_text(): a["href"] for a in read_html(output, url).select("article a, main a") if a.get("href")
    }


def test_links_lead_to_the_pages_of_the_posts_language_in_the_preview(content, tmp_path):
    output = build(content, tmp_path / "output").output
    en = _links(output, "en/news/join-us/")
    assert en["the edition"] == "../../../en/2021/#about"
    assert en["the editions"] == "../../../en/editions/"
    assert en["write to us"] == "../../../en/contact/"
    assert en["home"] == "../../../en/"
    zh = _links(output, "news/join-us/")
    assert zh["本届年会"] == "../../2021/"
    assert zh["联系方式"] == "../../contact/"
    assert en["the Chinese page"] == "../../../2021/"
    assert en["this page"] == "../../../en/2021/"
    assert read_html(output, "en/news/join-us/").select_one("img[alt='the logo']")["src"] == (
        "../../../assets/images/favicon.svg"
    )
    for href in (en["the edition"], zh["本届年会"]):
        base = "en/news/join-us/" if href.startswith("../../../") else "news/join-us/"
        target = (output / base / href.split("#")[0]).resolve() / "index.html"
        assert target.is_file()


def test_links_keep_the_sub_path_the_site_is_published_under(content, tmp_path):
    output = build(
        content, tmp_path / "output", RELATIVE_URLS=False, SITEURL="https://example.org/sosconf"
    ).output
    en = _links(output, "en/news/join-us/")
    assert en["the edition"] == "https://example.org/sosconf/en/2021/#about"
    assert en["write to us"] == "https://example.org/sosconf/en/contact/"
    assert en["the Chinese page"] == "https://example.org/sosconf/2021/"
    assert read_html(output, "en/news/join-us/").select_one("img[alt='the logo']")["src"] == (
        "https://example.org/sosconf/assets/images/favicon.svg"
    )
    zh = _links(output, "news/join-us/")
    assert zh["本届年会"] == "https://example.org/sosconf/2021/"


def test_page_written_from_the_root_must_exist(tmp_path):
    content = with_mistakes(tmp_path / "content")
    (content / "news/en/2021-09-05-join-us.md").write_text(
        "Title: Join\nDate: 2021-09-05 10:00\nSlug: join\n\nSee [the program](/en/2021/programme/).\n",
        encoding="utf-8",
    )
    assert checked(content) == [
        'news/en/2021-09-05-join-us.md:5: "/en/2021/programme/" is not a page of the site; '
        "write the page's address after {site}, e.g. {site}2027/ or {site}contact/ (see docs/content.md)"
    ]
