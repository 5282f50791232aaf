"""Feeds: one per language (Pelican's FEED_ATOM/FEED_RSS) and one per edition, all absolute and reproducible.

Pelican writes its feeds with SITEURL, which is empty in preview builds, so
every feed passes through `make_feed_absolute` before it is written: links,
ids and the URLs inside the content then start with the site's absolute root
in every build.  A feed's `updated` date is its newest entry's; an empty feed
gets a fixed date instead of the build time.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urljoin

from feedgenerator import get_tag_uri

from .languages import prefix
from .localized import Localized
from .urls import absolute_root

# The `updated` date of a feed without entries: any fixed date keeps two
# builds of the same content identical; the build time would not.
EMPTY_FEED_UPDATED = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

# The context key write_edition_feeds uses to tell make_feed_absolute which
# page a feed belongs to.
FEED_PAGE = "sosconf_feed_page"

# href="/..." and src="/..." (not protocol-relative "//host") inside content.
_ROOT_RELATIVE = re.compile(r"""(\s(?:href|src)=["'])/(?!/)""")


def feed_language(lang: str) -> str:
    """The language tag a feed declares, the same as its pages' `<html lang>`."""
    return "zh-Hans" if lang == "zh" else lang


def make_feed_absolute(context, feed) -> None:
    """`feed_generated` receiver: absolute links, ids and content URLs; a stable `updated`."""
    root = absolute_root(context) + "/"
    lang = context["DEFAULT_LANG"]
    # The page a feed is the news of: an edition's page, else the language's home.
    feed.feed["link"] = root + context.get(FEED_PAGE, prefix(context, lang))
    # Both languages' feeds would otherwise share the id "/".
    feed.feed["id"] = feed.feed["feed_url"]
    feed.feed["language"] = feed_language(lang)
    for item in feed.items:
        item["link"] = urljoin(root, item["link"])
        item["unique_id"] = get_tag_uri(item["link"], item["pubdate"])
        for key in ("description", "content"):
            if item.get(key):
                item[key] = _ROOT_RELATIVE.sub(lambda match: match.group(1) + root, item[key])
    if not feed.items:
        feed.latest_post_date = lambda: EMPTY_FEED_UPDATED


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
            {**context, FEED_PAGE: prefix(context, lang) + f"{edition.year}/"},
            prefix(context, lang) + context["SOSCONF_EDITION_FEED"].format(year=edition.year),
            feed_type="atom",
            feed_title=Localized.of(edition.name).get(lang),
        )
