"""Feeds: one per language (Pelican's FEED_ATOM/FEED_RSS) and one per edition, all absolute and reproducible.

Pelican writes its feeds with SITEURL, which is empty in preview builds, so
every feed passes through `make_feed_absolute` before it is written: links,
ids and the URLs inside the content then start with the site's absolute root
in every build.  A feed's `updated` date is its newest entry's; an empty feed
(an edition without news yet) is dated by the site's newest news in its
language, never by the build time.  Every author of a post is named (Atom
`<author>`, RSS `<dc:creator>`), and RSS `<guid>`s, which are `tag:` URIs,
say isPermaLink="false".
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urljoin

from feedgenerator import Atom1Feed, Rss201rev2Feed, get_tag_uri

from sosconf.conference.localized import Localized
from sosconf.languages import html_lang, prefix
from sosconf.urls import absolute_root, edition_path

# The item key that holds every author's name.
AUTHORS = "sosconf_authors"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"

# The context key write_edition_feeds uses to tell make_feed_absolute which
# page a feed belongs to.
FEED_PAGE = "sosconf_feed_page"

# href="/..." and src="/..." (not protocol-relative "//host") inside content.
_ROOT_RELATIVE = re.compile(r"""(\s(?:href|src)=["'])/(?!/)""")


class _AtomWithAuthors(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item.get(AUTHORS, [])[1:]:  # the first is Pelican's `author_name`
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


class _RssWithAuthors(Rss201rev2Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item.get(AUTHORS, [])[1:]:
            handler.addQuickElement("dc:creator", name, {"xmlns:dc": DUBLIN_CORE})


_WITH_AUTHORS = {Atom1Feed: _AtomWithAuthors, Rss201rev2Feed: _RssWithAuthors}


def empty_feed_date(context) -> datetime.datetime:
    """When a feed without entries was last current: the newest news of its language, else of any."""
    posts = list(context.get("articles") or []) + list(context.get("translations") or [])
    dates = [getattr(post, "modified", None) or post.date for post in posts]
    if dates:
        return max(dates)
    today = context.get("SOSCONF_TODAY")
    day = datetime.date.fromisoformat(str(today)) if today else datetime.date.today()
    return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=datetime.UTC)


def _absolute(root: str, url: str) -> str:
    """`urljoin(root, url)`, without its cost for the usual address (`news/x/`): one per post and feed."""
    if url.startswith(("/", ".")) or ":" in url or "/." in url:
        return urljoin(root, url)
    return root + url


def make_feed_absolute(context, feed) -> None:
    """`feed_generated` receiver: absolute links, ids and content URLs; a stable `updated`."""
    root = absolute_root(context) + "/"
    lang = context["DEFAULT_LANG"]
    # The page a feed is the news of: an edition's page, else the language's home.
    feed.feed["link"] = root + context.get(FEED_PAGE, prefix(context, lang))
    # Both languages' feeds would otherwise share the id "/".
    feed.feed["id"] = feed.feed["feed_url"]
    # The same tag as its pages' `<html lang>`.
    feed.feed["language"] = html_lang(context, lang)
    feed.__class__ = _WITH_AUTHORS.get(type(feed), type(feed))
    authors = {
        _absolute(root, post.url): [str(author) for author in getattr(post, "authors", [])]
        for post in context.get("articles") or []
    }
    for item in feed.items:
        item["link"] = urljoin(root, item["link"])
        item["unique_id"] = get_tag_uri(item["link"], item["pubdate"])
        # A tag: URI is an id, not an address (RSS guids are taken as links unless told).
        item["unique_id_is_permalink"] = False
        item[AUTHORS] = authors.get(item["link"], [])
        for key in ("description", "content"):
            if item.get(key):
                item[key] = _ROOT_RELATIVE.sub(lambda match: match.group(1) + root, item[key])
    if not feed.items:
        updated = empty_feed_date(context)
        feed.latest_post_date = lambda: updated


def write_edition_feeds(writer, context, editions, edition_news) -> None:
    """An Atom feed per edition (SOSCONF_EDITION_FEED) with its posts in the run's language, newest first."""
    if not context.get("SOSCONF_EDITION_FEED"):
        return
    lang = context["DEFAULT_LANG"]
    for edition in editions:
        posts = sorted(
            edition_news.get(edition.year, []), key=lambda post: (post.date, post.slug), reverse=True
        )
        writer.write_feed(
            posts,
            {**context, FEED_PAGE: prefix(context, lang) + edition_path(edition.year)},
            prefix(context, lang) + context["SOSCONF_EDITION_FEED"].format(year=edition.year),
            feed_type="atom",
            feed_title=Localized.of(edition.name).get(lang),
        )
