"""What every template can use: gettext, the language, URL helpers, filters."""

from __future__ import annotations

import functools

from markupsafe import Markup

from sosconf.conference.labels import ATTENDANCE_LABELS, SESSION_KIND_LABELS, STATUS_LABELS
from sosconf.conference.localized import Localized
from sosconf.content.html_safety import secure_environment
from sosconf.languages import language_table, languages, other_languages, prefix
from sosconf.site.browser_data import program_data
from sosconf.site.i18n import date_range, language_name, load_translations, localized_date
from sosconf.site.image_size import picture_size
from sosconf.urls import EDITIONS_PATH, absolute_root, edition_path, program_path, speaker_path, speakers_path


def own_url(output_file: str) -> str:
    """The site-relative URL of the page being written (`news/x/`, not `.../index.html`)."""
    path = output_file.replace("\\", "/")
    return path[: -len("index.html")] if path.endswith("index.html") else path


def translation_urls(entry, settings) -> dict[str, str]:
    """{language: url} of a post's or page's versions in the site's other languages, in the settings' order."""
    lang = settings["DEFAULT_LANG"]
    found = {t.lang: t.url for t in getattr(entry, "translations", []) if t.lang != lang}
    return {code: found[code] for code in languages(settings) if code in found}


def direct_gettext(translations):
    """Jinja's new-style `gettext` for autoescaped templates, each message looked up once per run.

    As Jinja's own: the translation is a format string whose `%(name)s` values
    are escaped, and a message without values is formatted too (`%%` is `%`).
    """
    looked_up: dict[str, Markup] = {}
    without_values: dict[str, Markup] = {}

    def gettext(message: str, **values) -> Markup:
        if not values:  # most messages: formatted once
            done = without_values.get(message)
            if done is None:
                done = without_values[message] = Markup(translations.gettext(message)) % {}
            return done
        found = looked_up.get(message)
        if found is None:
            found = looked_up[message] = Markup(translations.gettext(message))
        return found % values

    return gettext


def setup_environment(env, settings) -> None:
    lang = settings["DEFAULT_LANG"]
    locale = settings["SOSCONF_LANGUAGES"][lang]["locale"]
    translations = load_translations(settings["THEME"], lang)
    env.install_gettext_translations(translations, newstyle=True)
    # `_()` is called some twenty times per page: straight to the catalog, not
    # through the extension's two wrappers (the same new-style result).
    env.globals["_"] = env.globals["gettext"] = direct_gettext(translations)

    def local(value):
        if value is None:
            return ""
        return Localized.of(value).get(lang) if isinstance(value, (Localized, dict)) else value

    def local_lang(value):
        """The language `value` is really shown in (for a `lang` attribute on a fallback)."""
        return Localized.of(value).with_lang(lang)[1] if isinstance(value, (Localized, dict)) else lang

    env.globals.update(
        LANG=lang,
        # Every other language, in the settings' order: the language switch lists them all.
        OTHER_LANGS=other_languages(settings, lang),
        # code -> prefix, locale, name, html_lang, og_locale
        LANGUAGES=language_table(settings),
        lang_url=lambda path="", language=lang: prefix(settings, language) + path,
        # The same path in every other language: {code: url}, for pages every language has.
        same_page=lambda path="": {
            code: prefix(settings, code) + path for code in other_languages(settings, lang)
        },
        translation_urls=lambda entry: translation_urls(entry, settings),
        own_url=own_url,
        # For what is read away from the page (canonical addresses): absolute even in previews.
        SITE_ROOT=absolute_root(settings),
        FIRST_LANG=languages(settings)[0],
        picture_size=lambda path: picture_size(settings, path),
        # The English words for the values edition files choose from; templates translate them.
        STATUS_LABELS=STATUS_LABELS,
        SESSION_KIND_LABELS=SESSION_KIND_LABELS,
        ATTENDANCE_LABELS=ATTENDANCE_LABELS,
        # Where the conference's pages are (sosconf.urls), without the language prefix.
        EDITIONS_PATH=EDITIONS_PATH,
        edition_path=edition_path,
        program_path=program_path,
        speakers_path=speakers_path,
        speaker_path=speaker_path,
    )
    env.filters.update(
        local=local,
        local_lang=local_lang,
        localdate=lambda value, style="long": localized_date(value, locale, style),
        date_range=lambda start, end=None: date_range(start, end, locale),
        language_name=lambda code: language_name(code, locale),
    )


def prepare_templates(generator) -> None:
    """The `generator_init` receiver's step: every generator's templates escape, translate and know the site."""
    secure_environment(generator.env)
    setup_environment(generator.env, generator.settings)
    # The data block of the conference-day scripts (partials/conference_day.html).
    generator.env.globals["program_data"] = functools.partial(program_data, settings=generator.settings)
