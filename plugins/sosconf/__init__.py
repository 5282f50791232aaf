"""The sosconf plugin: everything this site adds to Pelican.

The packages say where their code runs (docs/architecture.md has the
picture):

- `build/`: outside Pelican. `python -m sosconf build` runs one Pelican run
  per language side by side into a staging folder that replaces the output
  only when everything succeeded; `check` reads without writing; `serve` is
  the preview.
- `rebuild/`: what a rebuild reuses (the build's inputs digest, the render
  cache, a language run whose inputs did not change, Pelican's own caches).
- `content/`: reading posts and pages (both metadata formats, the summary
  cut, links and pictures, raw HTML that is refused).
- `conference/`: the edition model (one schema behind validation, the
  reference and the editor schema), the program, calls, and the exports
  calendars and apps read (`conference/exports/`). Plain Python: no Pelican.
- `site/`: what a language run writes: the site's own pages, feeds,
  templates and their filters, the language of each page.
- `publish/`: steps over the finished output of every language: search,
  sitemap, host headers, offline lists, content-named assets, compression.
- at the top: this registration, the command line (`__main__`), errors, the
  run record, languages and addresses.
"""

from __future__ import annotations

from pelican import signals

from sosconf import collector
from sosconf.build.check import stop_after_reading
from sosconf.content.links import check_linked_files
from sosconf.content.read_ahead import plan_reading
from sosconf.content.reader import use_markdown_reader
from sosconf.content.tag_slugs import remember_tag_slugs
from sosconf.languages import remember_counterpart_taxonomies
from sosconf.publish.search import index_language, index_written_page, start_indexer
from sosconf.publish.sitemap import record_content_date, save_content_dates
from sosconf.publish.written import record_written_page
from sosconf.rebuild.render_cache import caching_writer, prune_render_cache, start_render_cache
from sosconf.run import run_of
from sosconf.site.addresses import freeze_addresses, report_address_clashes
from sosconf.site.feeds import make_feed_absolute
from sosconf.site.generator import SosconfPagesGenerator
from sosconf.site.own_language import keep_articles_in_language, keep_pages_in_language, skip_static_copies
from sosconf.site.site_links import check_site_links
from sosconf.site.split_writing import split_article_writing
from sosconf.site.taxonomy_pages import write_taxonomy_pages_directly
from sosconf.site.templating import prepare_templates
from sosconf.site.web_app import WebAppManifestGenerator

# One receiver per signal, in the order Pelican sends them in a run; each
# does its steps in the order written.


def on_initialized(pelican):
    run_of(pelican.settings)  # stops a run the project's build did not start
    collector.stop()  # until everything is read
    remember_tag_slugs()
    start_render_cache(pelican)


def on_get_generators(pelican):
    return (SosconfPagesGenerator, WebAppManifestGenerator)


def on_readers_init(readers):
    use_markdown_reader(readers)


def on_generator_init(generator):
    prepare_templates(generator)


def on_article_generator_init(generator):
    plan_reading(generator)


def on_article_generator_pretaxonomy(generator):
    keep_articles_in_language(generator)


def on_article_generator_finalized(generator):
    remember_counterpart_taxonomies(generator)
    write_taxonomy_pages_directly(generator)


def on_page_generator_finalized(generator):
    keep_pages_in_language(generator)
    check_linked_files(generator)


def on_all_generators_finalized(generators):
    freeze_addresses(generators)  # everything is read: the checks below read the addresses too
    report_address_clashes(generators)
    check_site_links(generators)
    # Every mistake found while reading stops the run here, before anything is written.
    generators[0].settings["SOSCONF_ERROR_LOG"].raise_if_any()
    stop_after_reading(generators)
    skip_static_copies(generators)
    start_indexer(generators)
    collector.keep_what_is_read()
    split_article_writing(generators)  # after everything a child of the run inherits is in place


def on_get_writer(pelican):
    return caching_writer(pelican)


def on_content_written(path, context):
    record_content_date(path, context)
    record_written_page(path, context)
    index_written_page(path, context)


def on_feed_generated(context, feed):
    make_feed_absolute(context, feed)


def on_finalized(pelican):
    save_content_dates(pelican)
    prune_render_cache(pelican)
    index_language(pelican)


def register():
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(on_get_generators)
    signals.readers_init.connect(on_readers_init)
    signals.generator_init.connect(on_generator_init)
    signals.article_generator_init.connect(on_article_generator_init)
    signals.article_generator_pretaxonomy.connect(on_article_generator_pretaxonomy)
    signals.article_generator_finalized.connect(on_article_generator_finalized)
    signals.page_generator_finalized.connect(on_page_generator_finalized)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.get_writer.connect(on_get_writer)
    signals.content_written.connect(on_content_written)
    signals.feed_generated.connect(on_feed_generated)
    signals.finalized.connect(on_finalized)
