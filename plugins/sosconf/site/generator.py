"""The pages this site adds to Pelican's: home, editions, one page per edition, contact, search, 404."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from sosconf.conference.data import load_contacts, load_editions
from sosconf.conference.exports.history import history_errors
from sosconf.conference.exports.paths import site_calendar_path, subscribe_url
from sosconf.content.local_files import missing_pictures
from sosconf.languages import other_languages, prefix
from sosconf.site.conference_pages import edition_context, edition_pages, first_screen
from sosconf.site.editions import build_today, edition_of, featured_edition
from sosconf.site.exports import write_exports
from sosconf.site.feeds import write_edition_feeds
from sosconf.urls import EDITIONS_PATH, edition_path


class SosconfPagesGenerator(Generator):
    """Loads edition and contact data into the context, then writes the site's own pages."""

    # The pages whose main content goes into the site search (posts and pages
    # are decided by base.html), and those search engines should not list.
    # A page's own `searchable` or `noindex` in `extra` wins (e.g. a program
    # filtered to one track repeats the full program: not searchable).
    SEARCHABLE_TEMPLATES = {"edition", "contact", "speakers"}
    NOINDEX_TEMPLATES = {"404"}

    def generate_context(self):
        settings = self.settings
        log = settings["SOSCONF_ERROR_LOG"]
        root = Path(settings["PATH"])
        allow_http = settings.get("SOSCONF_ALLOW_HTTP", False)
        # Texts in edition and contact files may be given in each of the site's languages.
        codes = {code: entry["name"] for code, entry in settings["SOSCONF_LANGUAGES"].items()}
        editions, errors = load_editions(root, settings["SOSCONF_EDITIONS_DIR"], allow_http, codes)
        log.extend(errors)
        log.extend(
            missing_pictures(editions, root, settings["SOSCONF_EDITIONS_DIR"], settings["STATIC_PATHS"])
        )
        contacts, errors = load_contacts(root, settings["SOSCONF_CONTACTS_FILE"], allow_http, codes)
        log.extend(errors)
        log.extend(history_errors(root))

        by_year = {edition.year: edition for edition in editions}
        lang = settings["DEFAULT_LANG"]
        news = {edition.year: [] for edition in editions}
        posts = self.context.get("articles", [])
        every_post = (
            list(posts) + list(self.context.get("hidden_articles", [])) + list(self.context.get("drafts", []))
        )
        for post in every_post:
            post.conference = edition_of(post, by_year, log, settings["PATH"])
            for translation in getattr(post, "translations", []):
                translation.conference = post.conference
        for post in posts:
            if post.conference is not None and post.lang == lang:
                news[post.conference.year].append(post)

        self.editions = editions
        self.context.update(
            editions=editions,
            edition_news=news,
            contacts=contacts,
            featured_edition=featured_edition(editions, build_today(settings)),
        )

    def _write(self, writer, template, path, has_counterpart=True, relative_urls=None, **extra):
        """Write `template` at `path` of this run's language (`path` has no prefix)."""
        lang = self.settings["DEFAULT_LANG"]
        url = prefix(self.settings, lang) + path
        # The same page in every other language: the conference pages exist in all.
        counterparts = {
            code: prefix(self.settings, code) + path for code in other_languages(self.settings, lang)
        }
        writer.write_file(
            url + "index.html" if url.endswith("/") or not url else url,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"] if relative_urls is None else relative_urls,
            counterparts=counterparts if has_counterpart else {},
            **{
                "searchable": template in self.SEARCHABLE_TEMPLATES,
                "noindex": template in self.NOINDEX_TEMPLATES,
                **extra,
            },
        )

    def generate_output(self, writer):
        self._write(
            writer, "home", "", first_screen=first_screen(self.context["featured_edition"], self.settings)
        )
        # The calendar of every dated edition, linked from the editions page.
        site_calendar = site_calendar_path(self.settings) if any(e.start for e in self.editions) else None
        self._write(
            writer,
            "editions",
            EDITIONS_PATH,
            site_calendar=site_calendar,
            site_calendar_subscribe=subscribe_url(self.settings, site_calendar) if site_calendar else None,
        )
        self._write(writer, "contact", "contact/")
        self._write(writer, "search", "search/")
        write_edition_feeds(writer, self.context, self.editions, self.context["edition_news"])
        for edition in self.editions:
            # Only this edition's news: the page does not change when another edition's news does.
            own_news = {edition.year: self.context["edition_news"].get(edition.year, [])}
            self._write(
                writer,
                "edition",
                edition_path(edition.year),
                edition_news=own_news,
                **edition_context(edition, self.settings),
            )
            for template, path, extra in edition_pages(edition, self.settings):
                self._write(writer, template, path, **extra)
        write_exports(self.editions, self.settings, self.context["contacts"])
        # The host serves the 404 page at any missing address, so its links
        # cannot be relative to where it lies: they start from the site root.
        self._write(
            writer,
            "404",
            "404.html",
            has_counterpart=False,
            relative_urls=False,
            SITEURL=self.settings["SITEURL"],
        )
