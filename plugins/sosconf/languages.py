"""One Pelican run per language over the same content.

Every run reads all posts; the run of language L writes only L's pages under
L's URL prefix, and links each page to its counterparts in the other languages.

The languages are the settings' SOSCONF_LANGUAGES alone, in their order (the
first is the default one, served at the root).  Each entry gives `prefix`,
`locale` (a Babel locale such as `zh_Hans_CN`) and `name`; the tags written
into pages and feeds follow from the locale unless the entry gives them:
`html_lang` (`<html lang>`, `hreflang`, feeds, the search's language: zh-Hans)
and `og_locale` (Open Graph: zh_CN).
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

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


def other_languages(settings, lang: str) -> list[str]:
    """Every language of the site but `lang`, in the settings' order."""
    return [code for code in languages(settings) if code != lang]


@lru_cache(maxsize=64)
def _locale_tags(locale: str) -> tuple[str, str]:
    parsed = Locale.parse(locale)
    html = parsed.language + (f"-{parsed.script}" if parsed.script else "")
    open_graph = parsed.language + (f"_{parsed.territory}" if parsed.territory else "")
    return html, open_graph


def html_lang(settings, lang: str) -> str:
    """The tag pages in `lang` declare (`<html lang>`, `hreflang`, feeds): zh-Hans, en."""
    entry = settings["SOSCONF_LANGUAGES"][lang]
    return entry.get("html_lang") or _locale_tags(entry["locale"])[0]


def og_locale(settings, lang: str) -> str:
    """The Open Graph locale of pages in `lang`: zh_CN, en_US."""
    entry = settings["SOSCONF_LANGUAGES"][lang]
    return entry.get("og_locale") or _locale_tags(entry["locale"])[1]


def language_table(settings) -> dict[str, dict]:
    """Each language's entry with every tag filled in, for the templates."""
    return {
        code: {**entry, "html_lang": html_lang(settings, code), "og_locale": og_locale(settings, code)}
        for code, entry in settings["SOSCONF_LANGUAGES"].items()
    }


# The URL settings of a post or page in another language than the run's.
LANG_URL_SETTINGS = {
    "ARTICLE_LANG_URL": "ARTICLE_URL",
    "DRAFT_LANG_URL": "DRAFT_URL",
    "PAGE_LANG_URL": "PAGE_URL",
    "DRAFT_PAGE_LANG_URL": "DRAFT_PAGE_URL",
}


def language_overrides(settings, lang: str) -> dict:
    """The settings that make a run build language `lang` only."""
    own = prefix(settings, lang)
    overrides = {key: own + settings[key] for key in PREFIXED_SETTINGS if settings.get(key)}
    overrides.update(
        DEFAULT_LANG=lang,
        # Translations are written by the run of their own language; their
        # addresses get that language's prefix in `keep_own_language`.
        **{key: settings[base] for key, base in LANG_URL_SETTINGS.items()},
        ARTICLE_LANG_SAVE_AS="",
        DRAFT_LANG_SAVE_AS="",
        PAGE_LANG_SAVE_AS="",
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
    for item in translations:
        _address_in_own_language(item)
    return own


def _address_in_own_language(item) -> None:
    """Give a post or page of another language the address its own language's run writes it at.

    The run's *_LANG_URL settings carry no prefix, since each other language
    has its own; a `url` the post's metadata gives is kept as written.
    """
    settings = item.settings
    if hasattr(item, "override_url") or item.lang not in settings["SOSCONF_LANGUAGES"]:
        return
    item.override_url = prefix(settings, item.lang) + item.url


# The context key of the other languages' tag and category pages.
COUNTERPART_TAXONOMY = "counterpart_taxonomy"


def remember_counterpart_taxonomies(generator) -> None:
    """`article_generator_finalized` receiver: the other languages' tag and category pages, by slug.

    A tag page's counterpart in another language is that language's page of
    the same tag, which exists only when a post in that language has the tag;
    without one the page has no `hreflang` alternate there (an alternate must
    point back).  Kind -> slug -> {language: url}, languages in the settings' order.
    """
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]
    own = prefix(settings, lang)
    order = languages(settings)
    found: dict[str, dict[str, dict[str, str]]] = {"tag": {}, "category": {}}
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
            urls = found[kind].setdefault(item.slug, {})
            urls.setdefault(other, prefix(settings, other) + pattern.format(slug=item.slug))
    for pages in found.values():
        for slug, urls in pages.items():
            pages[slug] = dict(sorted(urls.items(), key=lambda pair: order.index(pair[0])))
    generator.context[COUNTERPART_TAXONOMY] = found
