"""The sosconf plugin: everything this site adds to Pelican.

- front matter: YAML front matter beside `Key: value` metadata, the summary cut
  and lazy pictures from other hosts (front_matter, summary);
- languages: one run per language, each page linked to its counterpart
  (languages, templating, i18n);
- editions and contacts: one YAML file per edition, validated against one
  schema (schema, data, editions), and the pages made from them (site_pages);
- conference details: program, speakers, partners, calls and venue of an
  edition (schema_event, program, calls, local_files, event_pages), a day of
  the program as a table of rooms and times (program_grid), a page per
  session, and the files calendars, apps and search engines read (exports:
  ical, frab, jsonld; a calendar per session: session_calendars);
- conference days: the sessions in an edition's pages for the scripts that
  mark what is on and keep a visitor's agenda (browser_data), each language's
  web app manifest (web_app), and the files an edition needs offline with the
  service worker that keeps them (offline, a post-build step);
- errors: every content mistake named with its file and line (errors,
  post_metadata, content_links, pelican_warnings), also found without
  building (check);
- safe output: templates escape everything but the Markdown's HTML, posts
  need no inline script, links to other sites get rel="noopener" (html_safety);
- speed: a page whose inputs did not change since the last build is taken
  from the render cache instead of rendered again (render_cache, page_inputs),
  and a language run whose inputs did not change is skipped (run_reuse);
- publishing: feeds per language and per edition (feeds), then, over the
  finished output of both languages (postbuild), the search index (search),
  the sitemap (sitemap: each run hands over the heads of the pages it wrote,
  written), host headers (headers), content-named theme assets
  (fingerprint) and compressed copies (compress).
"""

from __future__ import annotations

import functools

from pelican import signals

from sosconf.build.check import stop_after_reading
from sosconf.content.html_safety import secure_environment
from sosconf.content.links import missing_files
from sosconf.content.reader import SosconfMarkdownReader
from sosconf.errors import ErrorLog
from sosconf.languages import keep_own_language, remember_counterpart_taxonomies
from sosconf.publish.search import forget_indexer, index_language, start_indexer
from sosconf.publish.sitemap import forget_content_dates, record_content_date, save_content_dates
from sosconf.publish.written import forget_written_pages, record_written_page
from sosconf.rebuild.render_cache import caching_writer, prune_render_cache, start_render_cache
from sosconf.site.addresses import report_address_clashes
from sosconf.site.feeds import make_feed_absolute
from sosconf.site.generator import SosconfPagesGenerator
from sosconf.site.site_links import check_site_links
from sosconf.site.templating import setup_environment
from sosconf.site.web_app import WebAppManifestGenerator


def start_error_log(pelican):
    pelican.settings.setdefault("SOSCONF_ERROR_LOG", ErrorLog())


def use_markdown_reader(readers):
    for extension in SosconfMarkdownReader.file_extensions:
        readers.reader_classes[extension] = SosconfMarkdownReader


def prepare_templates(generator):
    secure_environment(generator.env)
    setup_environment(generator.env, generator.settings)
    # The data block of the conference-day scripts (partials/conference_day.html).
    # Imported here: the program imports the schema modules, which must be
    # loaded through sosconf.conference.schema first.
    from sosconf.site.browser_data import program_data

    generator.env.globals["program_data"] = functools.partial(program_data, settings=generator.settings)


def check_linked_files(generator):
    """Once posts and pages are read: the files they link to must exist."""
    every_content = generator.context["generated_content"].values()
    generator.settings["SOSCONF_ERROR_LOG"].extend(missing_files(every_content, generator.settings["PATH"]))


def keep_articles_in_language(generator):
    lang = generator.settings["DEFAULT_LANG"]
    log = generator.settings["SOSCONF_ERROR_LOG"]
    known = generator.settings["SOSCONF_LANGUAGES"]
    for post in generator.articles + generator.hidden_articles + generator.drafts + generator.translations:
        if post.lang not in known:
            log.add(
                post.relative_source_path,
                None,
                f"`lang: {post.lang}` is not a language of this site",
                f"use one of: {', '.join(known)} (or move the file to news/zh/ or news/en/)",
            )
    generator.articles = keep_own_language(generator.articles, generator.translations, lang)
    generator.hidden_articles = keep_own_language(
        generator.hidden_articles, generator.hidden_translations, lang
    )
    generator.drafts = keep_own_language(generator.drafts, generator.drafts_translations, lang)


def keep_pages_in_language(generator):
    lang = generator.settings["DEFAULT_LANG"]
    generator.pages = keep_own_language(generator.pages, generator.translations, lang)
    generator.hidden_pages = keep_own_language(generator.hidden_pages, generator.hidden_translations, lang)
    generator.draft_pages = keep_own_language(generator.draft_pages, generator.draft_translations, lang)
    generator._update_context(("pages", "hidden_pages", "draft_pages"))


def add_generators(pelican):
    return SosconfPagesGenerator


def add_manifest_generator(pelican):
    return WebAppManifestGenerator


def stop_on_content_errors(generators):
    generators[0].settings["SOSCONF_ERROR_LOG"].raise_if_any()


def skip_static_copies(generators):
    """Only the first language's run copies static files; the others link to them."""
    for generator in generators:
        if not generator.settings.get("SOSCONF_COPY_STATIC", True) and "staticfiles" in generator.context:
            generator.context["staticfiles"] = []
            break


def register():
    signals.initialized.connect(start_error_log)
    signals.readers_init.connect(use_markdown_reader)
    signals.generator_init.connect(prepare_templates)
    signals.article_generator_pretaxonomy.connect(keep_articles_in_language)
    signals.article_generator_finalized.connect(remember_counterpart_taxonomies)
    signals.page_generator_finalized.connect(keep_pages_in_language)
    signals.get_generators.connect(add_generators)
    signals.get_generators.connect(add_manifest_generator)
    signals.page_generator_finalized.connect(check_linked_files)
    signals.all_generators_finalized.connect(report_address_clashes)
    signals.all_generators_finalized.connect(check_site_links)
    signals.all_generators_finalized.connect(stop_on_content_errors)
    signals.all_generators_finalized.connect(stop_after_reading)
    signals.all_generators_finalized.connect(skip_static_copies)
    signals.feed_generated.connect(make_feed_absolute)
    signals.initialized.connect(forget_content_dates)
    signals.content_written.connect(record_content_date)
    signals.finalized.connect(save_content_dates)
    signals.initialized.connect(start_render_cache)
    signals.get_writer.connect(caching_writer)
    signals.finalized.connect(prune_render_cache)
    signals.initialized.connect(forget_written_pages)
    signals.content_written.connect(record_written_page)
    signals.initialized.connect(forget_indexer)
    signals.finalized.connect(index_language)
    signals.all_generators_finalized.connect(start_indexer)
