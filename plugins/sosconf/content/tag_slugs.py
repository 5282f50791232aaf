"""Each tag, category and author name slugified once per process, not once per post.

Pelican makes a new tag object for every post that names the tag, and each
works out its slug again (`pelican.utils.slugify`: strip tags, normalize,
transliterate, a few expressions).  On a 5,000-post blog with four tags per
post that was a third of the English run's work and a share of every
rebuild's.  The slug depends only on the name and the slug settings, so the
function the tags call keeps its answers.
"""

from __future__ import annotations

import functools

import pelican.urlwrappers
from pelican.utils import slugify


@functools.cache
def _slug_of(value: str, regex_subs: tuple, preserve_case: bool, use_unicode: bool) -> str:
    return slugify(value, regex_subs=regex_subs, preserve_case=preserve_case, use_unicode=use_unicode)


def remembered_slugify(value, regex_subs=(), preserve_case=False, use_unicode=False) -> str:
    """`slugify`, each answer kept: a name seen before is not worked out again."""
    if not isinstance(value, str):
        return slugify(value, regex_subs=regex_subs, preserve_case=preserve_case, use_unicode=use_unicode)
    subs = tuple((source, target) for source, target in regex_subs)
    return _slug_of(value, subs, bool(preserve_case), bool(use_unicode))


def remember_tag_slugs() -> None:
    """A step of `initialized`: the tags, categories and authors slugify through `remembered_slugify`."""
    pelican.urlwrappers.slugify = remembered_slugify
