"""`{site}<address>` links a post or page to any page of the site, in its own
language, in both metadata formats, in the preview and under a sub-path."""

from __future__ import annotations

import pytest
from conftest import build, read_html
from test_errors_corpus import with_mistakes

FAST = {"SOSCONF_SEARCH": False}

EN_POST = """---
title: Join us
date: 2021-09-05 10:00
slug: join-us
---

See [the edition]({site}2021/#about), [the editions]({site}editions/), [write to us]({site}contact/)
or go [home]({site}).
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
    output = build(content, tmp_path / "output", **FAST)
    en = _links(output, "en/news/join-us/")
    assert en["the edition"] == "../../../en/2021/#about"
    assert en["the editions"] == "../../../en/editions/"
    assert en["write to us"] == "../../../en/contact/"
    assert en["home"] == "../../../en/"
    zh = _links(output, "news/join-us/")
    assert zh["本届年会"] == "../../2021/"
    assert zh["联系方式"] == "../../contact/"
    for href in (en["the edition"], zh["本届年会"]):
        base = "en/news/join-us/" if href.startswith("../../../") else "news/join-us/"
        target = (output / base / href.split("#")[0]).resolve() / "index.html"
        assert target.is_file()


def test_links_keep_the_sub_path_the_site_is_published_under(content, tmp_path):
    output = build(
        content, tmp_path / "output", RELATIVE_URLS=False, SITEURL="https://example.org/sosconf", **FAST
    )
    en = _links(output, "en/news/join-us/")
    assert en["the edition"] == "https://example.org/sosconf/en/2021/#about"
    assert en["write to us"] == "https://example.org/sosconf/en/contact/"
    zh = _links(output, "news/join-us/")
    assert zh["本届年会"] == "https://example.org/sosconf/2021/"
