"""Each language's run keeps the posts and pages of its own language.

Every run reads all posts, so that each page can link its counterpart; the
run of language L writes only L's.
"""

from __future__ import annotations

from collections import Counter

from sosconf.languages import keep_own_language
from sosconf.run import run_of


def keep_articles_in_language(generator) -> None:
    """A step of `article_generator_pretaxonomy`: a post in no language of the site is an error."""
    lang = generator.settings["DEFAULT_LANG"]
    log = generator.settings["SOSCONF_ERROR_LOG"]
    known = generator.settings["SOSCONF_LANGUAGES"]
    for post in generator.articles + generator.hidden_articles + generator.drafts + generator.translations:
        if post.lang not in known:
            folders = " or ".join(f"news/{code}/" for code in known)
            log.add(
                post.relative_source_path,
                None,
                f"`lang: {post.lang}` is not a language of this site",
                f"use one of: {', '.join(known)} (or move the file to {folders})",
            )
    run_of(generator.settings).posts_by_language = dict(
        Counter(post.lang for post in generator.articles + generator.translations)
    )
    generator.articles = keep_own_language(generator.articles, generator.translations, lang)
    generator.hidden_articles = keep_own_language(
        generator.hidden_articles, generator.hidden_translations, lang
    )
    generator.drafts = keep_own_language(generator.drafts, generator.drafts_translations, lang)


def keep_pages_in_language(generator) -> None:
    """A step of `page_generator_finalized`."""
    lang = generator.settings["DEFAULT_LANG"]
    generator.pages = keep_own_language(generator.pages, generator.translations, lang)
    generator.hidden_pages = keep_own_language(generator.hidden_pages, generator.hidden_translations, lang)
    generator.draft_pages = keep_own_language(generator.draft_pages, generator.draft_translations, lang)
    generator._update_context(("pages", "hidden_pages", "draft_pages"))


def skip_static_copies(generators) -> None:
    """A step of `all_generators_finalized`: only the first language's run copies static files."""
    for generator in generators:
        if not generator.settings.get("SOSCONF_COPY_STATIC", True) and "staticfiles" in generator.context:
            generator.context["staticfiles"] = []
            break
