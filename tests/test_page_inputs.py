"""A page's digest sees every change to what it shows, whichever object a page summed up first."""

from __future__ import annotations

import copy

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import SafeDatetime
from sosconf.rebuild.page_inputs import Digester


def _translated_pair() -> tuple[Article, Article]:
    """Two real posts that are each other's translations, as Pelican links them."""
    settings = copy.deepcopy(DEFAULT_CONFIG)
    made = []
    for lang, title in (("zh", "你好"), ("en", "Hello")):
        made.append(
            Article(
                f"<p>{title}</p>",
                metadata={"title": title, "lang": lang, "slug": "hello", "date": SafeDatetime(2021, 9, 1)},
                settings=settings,
                source_path=f"news/{lang}/hello.md",
                context={},
            )
        )
    zh, en = made
    zh.translations, en.translations = [en], [zh]
    return zh, en


def _digests(order: list[Article]) -> list[bytes]:
    """The digests of `order`'s posts in a fresh run that sums them up in that order, in zh, en order."""
    digester = Digester()
    found = {id(post): digester.digest(post) for post in order}
    zh, en = sorted(order, key=lambda post: post.lang != "zh")
    return [found[id(zh)], found[id(en)]]


def test_the_digests_of_two_translations_do_not_depend_on_which_is_summed_up_first():
    zh, en = _translated_pair()
    assert _digests([zh, en]) == _digests([en, zh])


@pytest.mark.parametrize("first", ["zh", "en"])
@pytest.mark.parametrize("changed", ["zh", "en"])
def test_a_change_to_either_translation_changes_both_digests(first, changed):
    posts = dict(zip(("zh", "en"), _translated_pair()))
    order = [posts[first], posts["en" if first == "zh" else "zh"]]
    before = _digests(order)
    posts[changed].title += " (changed)"
    after = _digests(order)
    assert before[0] != after[0] and before[1] != after[1]
    # Positive control: undoing the change gives the first digests back.
    posts[changed].title = posts[changed].title.removesuffix(" (changed)")
    assert _digests(order) == before
