"""One Pelican run per language over the same content.

Every run reads all posts; the run of language L writes only L's pages under
L's URL prefix, and links each page to its counterpart in the other language.
"""

from __future__ import annotations

# Settings that hold a URL or an output path; each language gets its prefix.
PREFIXED_SETTINGS = (
    "ARTICLE_URL",
    "ARTICLE_SAVE_AS",
    "DRAFT_URL",
    "DRAFT_SAVE_AS",
    "PAGE_URL",
    "PAGE_SAVE_AS",
    "DRAFT_PAGE_URL",
    "DRAFT_PAGE_SAVE_AS",
    "CATEGORY_URL",
    "CATEGORY_SAVE_AS",
    "CATEGORIES_URL",
    "CATEGORIES_SAVE_AS",
    "TAG_URL",
    "TAG_SAVE_AS",
    "TAGS_URL",
    "TAGS_SAVE_AS",
    "INDEX_URL",
    "INDEX_SAVE_AS",
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "FEED_ATOM",
    "FEED_RSS",
)


def languages(settings) -> list[str]:
    return list(settings["SOSCONF_LANGUAGES"])


def prefix(settings, lang: str) -> str:
    return settings["SOSCONF_LANGUAGES"][lang]["prefix"]


def other_language(settings, lang: str) -> str:
    return next(code for code in languages(settings) if code != lang)


def language_overrides(settings, lang: str) -> dict:
    """The settings that make a run build language `lang` only."""
    own, other = prefix(settings, lang), prefix(settings, other_language(settings, lang))
    overrides = {key: own + settings[key] for key in PREFIXED_SETTINGS if settings.get(key)}
    overrides.update(
        DEFAULT_LANG=lang,
        # Translations are written by the run of their own language.
        ARTICLE_LANG_URL=other + settings["ARTICLE_URL"],
        ARTICLE_LANG_SAVE_AS="",
        DRAFT_LANG_URL=other + settings["DRAFT_URL"],
        DRAFT_LANG_SAVE_AS="",
        PAGE_LANG_URL=other + settings["PAGE_URL"],
        PAGE_LANG_SAVE_AS="",
        DRAFT_PAGE_LANG_URL=other + settings["DRAFT_PAGE_URL"],
        DRAFT_PAGE_LANG_SAVE_AS="",
    )
    if lang != languages(settings)[0]:
        # The first language's run copies the theme's and content's files.
        overrides["THEME_STATIC_PATHS"] = []
        overrides["SOSCONF_COPY_STATIC"] = False
    return overrides


def keep_own_language(items, translations, lang):
    """Split originals into those in `lang` and the rest (moved to translations).

    Pelican keeps a post that has no version in the run's language as an
    original; this site shows it only in its own language instead.
    """
    own = [item for item in items if item.lang == lang]
    translations.extend(item for item in items if item.lang != lang)
    return own


# The context key of the other language's tag and category pages.
COUNTERPART_TAXONOMY = "counterpart_taxonomy"


def remember_counterpart_taxonomies(generator) -> None:
    """`article_generator_finalized` receiver: the other language's tag and category pages, by slug.

    A tag page's counterpart is the other language's page of the same tag,
    which exists only when a post in that language has the tag; without one
    the page has no `hreflang` alternate (an alternate must point back).
    """
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]
    own = prefix(settings, lang)
    found: dict[str, dict[str, str]] = {"tag": {}, "category": {}}
    for post in generator.translations:
        other = post.lang
        if other == lang or other not in settings["SOSCONF_LANGUAGES"]:
            continue
        named = [("tag", tag) for tag in getattr(post, "tags", [])]
        if getattr(post, "category", None):
            named.append(("category", post.category))
        for kind, item in named:
            # The run's URL settings carry this language's prefix; the other page has the other's.
            pattern = settings[f"{kind.upper()}_URL"].removeprefix(own)
            found[kind].setdefault(item.slug, prefix(settings, other) + pattern.format(slug=item.slug))
    generator.context[COUNTERPART_TAXONOMY] = found
