"""A page's digest sees every change to what it shows, whichever object a page summed up first."""

from __future__ import annotations

import copy

import pytest
from jinja2 import DictLoader, Environment
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import SafeDatetime
from sosconf.rebuild.page_inputs import Digester, TemplateFiles, referenced_names


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


def _linked_posts() -> tuple[Article, Article, dict]:
    """Post `a` links to post `b` with `{filename}`, both in the run's link table as Pelican fills it."""
    settings = copy.deepcopy(DEFAULT_CONFIG)
    # Pelican's context starts as a copy of the settings.
    context = {**settings, "generated_content": {}, "static_content": {}, "localsiteurl": ""}
    posts = []
    for slug, html in (("a", '<p><a href="{filename}b.md">b</a></p>'), ("b", "<p>b</p>")):
        post = Article(
            html,
            metadata={"title": slug, "slug": slug, "date": SafeDatetime(2021, 9, 1)},
            settings=settings,
            source_path=f"{slug}.md",
            context=context,
        )
        context["generated_content"][f"{slug}.md"] = post
        posts.append(post)
    return posts[0], posts[1], context


def test_a_post_is_summed_up_without_making_its_html(monkeypatch):
    a, _, _ = _linked_posts()
    made = []
    monkeypatch.setattr(Article, "_update_content", lambda self, *args: made.append(self) or "")
    Digester().digest(a)
    assert made == []
    # Positive control: showing the post makes its HTML.
    a.get_content("")
    assert made == [a]


def test_a_changed_address_of_a_linked_post_changes_the_digest_of_the_post_linking_to_it():
    a, b, _ = _linked_posts()
    before = Digester().digest(a)
    assert 'href="/b.html"' in a.content
    b.slug = "b-moved"
    assert Digester().digest(a) != before
    # Positive control: the address back, the digest back.
    b.slug = "b"
    assert Digester().digest(a) == before


def test_a_post_of_a_run_with_an_attach_link_is_summed_up_by_its_html(monkeypatch):
    a, b, _ = _linked_posts()
    b._content = '<p><img src="{attach}b.png"></p>'
    made = []
    original = Article._update_content
    monkeypatch.setattr(
        Article, "_update_content", lambda self, *args: made.append(self) or original(self, *args)
    )
    Digester().digest(a)
    assert a in made


def test_a_post_that_only_mentions_attachments_is_summed_up_without_making_its_html(monkeypatch):
    a, b, _ = _linked_posts()
    b._content = "<p>The slides are attached; see the attachment.</p>"
    made = []
    monkeypatch.setattr(Article, "_update_content", lambda self, *args: made.append(self) or "")
    Digester().digest(a)
    assert made == []


def test_what_a_template_reads_is_kept_between_builds_and_found_again_once_its_source_changed(tmp_path):
    kept = tmp_path / "template-names.json"
    sources = {"base.html": "{{ SITENAME }}{% block body %}{% endblock %}", "page.html": ""}
    sources["page.html"] = '{% extends "base.html" %}{% block body %}{{ page.title }}{% endblock %}'
    env = Environment(loader=DictLoader(sources))
    first = TemplateFiles(kept)
    assert referenced_names(env, "page.html", first) >= {"SITENAME", "page"}
    first.save()
    assert kept.is_file()

    parsed = []
    real_parse = env.parse
    env.parse = lambda source, *args, **kwargs: parsed.append(source) or real_parse(source, *args, **kwargs)
    assert referenced_names(env, "page.html", TemplateFiles(kept)) >= {"SITENAME", "page"}
    assert parsed == [], "a template whose source is unchanged was parsed again"

    sources["base.html"] = "{{ SITESUBTITLE }}{% block body %}{% endblock %}"
    found = referenced_names(env, "page.html", TemplateFiles(kept))
    assert "SITESUBTITLE" in found and "SITENAME" not in found
    assert parsed == [sources["base.html"]]
