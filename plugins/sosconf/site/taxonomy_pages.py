"""Write the tag, category and author pages without asking every post about every tag.

Pelican gives each such page the posts of its tag in date order by walking
through all of the site's posts for every tag: posts × tags steps, about a
second and a half of every build, cold or not, on a blog of 5,000 posts and
2,900 tags.  The run writes the same pages with the same values, ordering
each tag's own posts by their place in the date order instead.
"""

from __future__ import annotations

import functools
import logging

from pelican.writers import FileOverwriteFailedError

logger = logging.getLogger(__name__)

# Pelican's template, the generator's attribute holding (item, posts) and the page's name for the item.
KINDS = {"tag": "tags", "category": "categories", "author": "authors"}


def _in_date_order(posts, place: dict[int, int]) -> list:
    """`posts` that are in the date order, each once, in that order."""
    unique = {id(post): post for post in posts if id(post) in place}
    return [unique[key] for key in sorted(unique, key=place.__getitem__)]


def write_taxonomy_pages(generator, kind: str, write) -> None:
    """Pelican's `generate_tags` (or `_categories`, `_authors`): one page per item, same context."""
    template = generator.get_template(kind)
    items = getattr(generator, KINDS[kind])
    place = {id(post): index for index, post in enumerate(generator.dates)}
    for item, posts in items.items() if hasattr(items, "items") else items:
        try:
            write(
                item.save_as,
                template,
                generator.context,
                url=item.url,
                articles=posts,
                dates=_in_date_order(posts, place),
                template_name=kind,
                blog=True,
                page_name=item.page_name,
                all_articles=generator.articles,
                **{kind: item},
            )
        except FileOverwriteFailedError:
            if item.slug:
                logger.error('Failed to write %s page for "%s".', kind.capitalize(), item)
                raise
            logger.info('%s "%s" has an invalid slug; skipping writing its page', kind.capitalize(), item)


def write_taxonomy_pages_directly(generator) -> None:
    """A step of `article_generator_finalized`: the generator's taxonomy pages are written as above."""
    for kind, attribute in KINDS.items():
        setattr(generator, f"generate_{attribute}", functools.partial(write_taxonomy_pages, generator, kind))
