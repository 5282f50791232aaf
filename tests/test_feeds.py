"""Feeds of the bundled site (the preview build), read back with feedparser."""

from __future__ import annotations

import datetime
from urllib.parse import urljoin

import feedparser
from feedgenerator import Atom1Feed
from lxml import etree
from pelican.settings import read_settings
from sosconf.site.feeds import make_feed_absolute
from support import SETTINGS, read_html

ROOT = "http://127.0.0.1:8000/"
ANNOUNCEMENT_2021 = "news/sosconf-2021-will-be-held-at-sustech-in-mid-october/"


def parse(site, path):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_each_language_has_a_feed_of_its_own_posts_with_full_content(site):
    zh = parse(site, "feeds/all.atom.xml")
    en = parse(site, "en/feeds/all.atom.xml")
    assert [entry.link for entry in zh.entries] == [ROOT + ANNOUNCEMENT_2021, ROOT + "news/sosconf/"]
    assert [entry.link for entry in en.entries] == [
        ROOT + "en/" + ANNOUNCEMENT_2021,
        ROOT + "en/news/sosconf/",
    ]
    assert zh.feed.link == ROOT and en.feed.link == ROOT + "en/"
    assert en.feed.language == "en" and zh.feed.language == "zh-Hans"
    # The whole post, past the summary marker, not only the summary.
    assert en.entries[0].content[0].value.rstrip().endswith("Here are the official contacts.</p>")
    assert en.entries[0].summary != en.entries[0].content[0].value


def test_rss_feeds_carry_the_same_posts(site):
    for prefix in ("", "en/"):
        atom = parse(site, prefix + "feeds/all.atom.xml")
        rss = parse(site, prefix + "feeds/all.rss.xml")
        assert [entry.link for entry in rss.entries] == [entry.link for entry in atom.entries]
    assert "Here are the official contacts." in parse(site, "en/feeds/all.rss.xml").entries[0].description


def test_every_link_and_id_is_absolute(site):
    for path in ("feeds/all.atom.xml", "en/feeds/all.rss.xml", "2021/feed.atom.xml", "en/2019/feed.atom.xml"):
        feed = parse(site, path)
        assert feed.feed.link.startswith(ROOT)
        for entry in feed.entries:
            assert entry.link.startswith(ROOT)
            assert entry.id.startswith("tag:127.0.0.1,")


def test_each_edition_has_a_feed_of_its_posts_in_each_language(site):
    assert [entry.link for entry in parse(site, "2021/feed.atom.xml").entries] == [ROOT + ANNOUNCEMENT_2021]
    assert [entry.link for entry in parse(site, "en/2019/feed.atom.xml").entries] == [
        ROOT + "en/news/sosconf/"
    ]
    en_2021 = parse(site, "en/2021/feed.atom.xml")
    assert en_2021.feed.link == ROOT + "en/2021/"
    assert "Students Open Source Conference 2021" in en_2021.feed.title


def test_an_edition_without_posts_has_an_empty_feed_dated_by_the_sites_news(site):
    for prefix in ("", "en/"):
        feed = parse(site, prefix + "2018/feed.atom.xml")
        assert feed.entries == []
        # The newest news of the language, never 1970 nor the build time.
        assert feed.feed.updated == parse(site, prefix + "feeds/all.atom.xml").feed.updated
        assert not feed.feed.updated.startswith("1970")


# The 2021 announcement names two authors, in both languages.
AUTHORS_2021 = ["Yuntian WANG", "Dahzi FENG"]


def test_every_author_of_a_post_is_in_atom_and_rss(site):
    for prefix in ("", "en/"):
        atom = parse(site, prefix + "feeds/all.atom.xml")
        (entry,) = [e for e in atom.entries if e.link.endswith(ANNOUNCEMENT_2021)]
        assert [author.name for author in entry.authors] == AUTHORS_2021
        edition = parse(site, prefix + "2021/feed.atom.xml").entries[0]
        assert [author.name for author in edition.authors] == AUTHORS_2021
        rss = etree.parse(str(site / prefix / "feeds/all.rss.xml"))
        (item,) = [i for i in rss.iter("item") if i.findtext("link").endswith(ANNOUNCEMENT_2021)]
        creators = item.findall("{http://purl.org/dc/elements/1.1/}creator")
        assert [creator.text for creator in creators] == AUTHORS_2021


def test_rss_guids_are_ids_not_links(site):
    for prefix in ("", "en/"):
        items = list(etree.parse(str(site / prefix / "feeds/all.rss.xml")).iter("item"))
        assert items
        for item in items:
            guid = item.find("guid")
            assert guid.text.startswith("tag:") and guid.get("isPermaLink") == "false"


def test_feed_dates_are_the_newest_posts_date_not_the_build_time(site):
    for path in ("feeds/all.atom.xml", "en/2021/feed.atom.xml"):
        feed = parse(site, path)
        assert feed.feed.updated == max(entry.updated for entry in feed.entries)
    assert parse(site, "en/feeds/all.atom.xml").feed.updated == "2021-09-09T17:30:00+08:00"


def test_edition_pages_link_to_their_feed(site):
    for url, feed_path in (("2021/", "2021/feed.atom.xml"), ("en/2019/", "en/2019/feed.atom.xml")):
        head = read_html(site, url).head
        links = [link["href"] for link in head.find_all("link", type="application/atom+xml")]
        assert any(urljoin("https://x.org/" + url, href) == "https://x.org/" + feed_path for href in links)
        assert (site / feed_path).is_file()


def test_links_inside_posts_become_absolute():
    feed = Atom1Feed(title="t", link="/", description="", feed_url=ROOT + "feeds/all.atom.xml")
    feed.add_item(
        title="Post",
        link="en/news/post/",
        description="",
        content='<p><a href="/en/2021/">2021</a> <img src="/assets/a.png" alt=""> <a href="//cdn.example/x">x</a></p>',
        pubdate=datetime.datetime(2021, 9, 9, tzinfo=datetime.UTC),
    )
    context = {
        "SITEURL": "",
        "FEED_DOMAIN": ROOT.rstrip("/"),
        "DEFAULT_LANG": "en",
        "SOSCONF_LANGUAGES": read_settings(str(SETTINGS))["SOSCONF_LANGUAGES"],
    }
    make_feed_absolute(context, feed)
    item = feed.items[0]
    assert item["link"] == ROOT + "en/news/post/"
    assert f'href="{ROOT}en/2021/"' in item["content"] and f'src="{ROOT}assets/a.png"' in item["content"]
    assert 'href="//cdn.example/x"' in item["content"]
    assert feed.feed["id"] == ROOT + "feeds/all.atom.xml"
