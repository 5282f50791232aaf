"""Site search: Pagefind indexes of the finished output, one per group of pages.

Pagefind reads HTML pages and keeps those whose `<main>` carries
`data-pagefind-body` (base.html puts it on published posts and pages, the
edition pages and the contact page).  It makes one index per `<html lang>`,
so a visitor searching from a Chinese page gets Chinese results and one on an
English page English ones.

Pagefind has no way to update an index, and indexing the whole site again
after one post changed took longer than the rest of the rebuild.  So the site
is indexed in groups that base.html names on `<main>` (`data-search-group`):
one per edition year (the edition's pages and its news: the posts that name
it with `edition:`, and the others dated in its year) and `site` for the
rest.  Each language's run hands its pages to Pagefind as it writes them
(sosconf.publish.search_groups), so Pagefind indexes on the other core while
the run renders, and one language is indexed while the other is still being
built.  Each group is its own Pagefind bundle in
`pagefind/<language>/<group>/`; a group whose pages did not change since an
earlier build is copied from the build cache instead of indexed again, so old
years cost nothing.  The search page
reads `pagefind/groups.json`, loads Pagefind from the first group of its
language and merges the others into the same search (Pagefind's
`mergeIndex`: a merged group adds its index files, not another copy of the
search code).

The groups are indexed by a Pagefind process in its service mode (the
protocol its Python and Node APIs speak: base64 JSON messages ended by a
comma), so that its Chinese dictionary, which takes a third of a second to
load, is loaded once per process rather than once per group
(sosconf.publish.pagefind); a run that writes with two processes indexes
with two.
"""

from __future__ import annotations

import json
from pathlib import Path

from sosconf.cores import processes_for
from sosconf.files import write_atomically
from sosconf.publish.pagefind import PagefindService, pagefind_binary
from sosconf.publish.search_groups import DEFAULT_GROUP, UNUSED_BUNDLE_FILES, GroupIndexer, page_facts
from sosconf.rebuild.cache_paths import search_folder
from sosconf.run import run_of
from sosconf.urls import relative_to_output

__all__ = ["DEFAULT_GROUP", "UNUSED_BUNDLE_FILES", "index_pages", "pagefind_binary"]

BUNDLE = "pagefind"
GROUPS_FILE = "groups.json"
# Pagefind's search code, needed only in a group the search page loads first.
RUNTIME_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")


def _salt() -> str:
    """What else shapes a bundle: the Pagefind binary (its version ships in the wheel's path)."""
    binary = pagefind_binary()
    stat = binary.stat()
    return f"{binary}\0{stat.st_size}\0{stat.st_mtime_ns}"


def index_pages(output: Path, pages: list[str], bundles: str, cache: Path) -> None:
    """Index the searchable ones among `pages`, already written, into `output/pagefind/<bundles>/<group>/`.

    A group whose pages are byte for byte those of a bundle in `cache` is
    linked from there; the others are indexed and kept in `cache`, which then
    holds the bundles of this build only.
    """
    indexer = GroupIndexer(output, bundles, cache, pagefind_binary(), _salt())
    try:
        for relative in sorted(set(pages)):
            indexer.add_file(relative)
        indexer.finish()
    finally:
        indexer.close()


WARM_UP_TEXT = "学生开源年会 Students Open Source Conference"


def stop_indexer(settings) -> None:
    """End a Pagefind a run started but did not use (the run stopped on an error)."""
    leftover = run_of(settings).take_indexer()
    if leftover is not None:
        leftover.close()


def _indexing(settings) -> bool:
    return bool(settings.get("SOSCONF_SEARCH", True) and settings.get("SOSCONF_RENDER_SALT"))


def start_indexer(generators) -> None:
    """A step of `all_generators_finalized`: start Pagefind before the pages are written.

    It is given a page in the run's language at once, so that it loads what
    the language needs (for Chinese, a dictionary: a third of a second) on
    another core while the run renders, not after; then each page goes to it
    as it is written (`index_written_page`).
    """
    settings = generators[0].settings
    if not _indexing(settings) or settings.get("SOSCONF_CHECK_ONLY"):
        return
    binary = pagefind_binary()
    service = PagefindService(binary)
    index_id = service.ask(type="NewIndex", config=None)["index_id"]
    page = f'<html lang="{settings["DEFAULT_LANG"]}"><body><main data-pagefind-body>{WARM_UP_TEXT}</main></body></html>'
    service.send(type="AddFile", index_id=index_id, file_path="index.html", file_contents=page)
    service.send(type="DeleteIndex", index_id=index_id)
    output = Path(settings["OUTPUT_PATH"])
    lang = settings["DEFAULT_LANG"]
    # A run that writes with two processes indexes with two Pagefinds (see sosconf.publish.search_groups).
    processes = processes_for(settings, lang, run_of(settings).posts_by_language)
    indexer = GroupIndexer(output, lang, search_folder(settings), binary, _salt(), service, processes)
    run_of(settings).indexer = indexer


def index_written_page(path, context) -> None:
    """A step of `content_written`: hand an HTML page to the search groups as soon as it is written."""
    run = run_of(context)
    if run.indexer is None or not str(path).endswith(".html"):
        return
    relative = relative_to_output(path, context["OUTPUT_PATH"])
    known = run.fact(path, "search")  # a page linked from the render cache: as found when it was rendered
    if known is not None:
        run.indexer.add_known(relative, known)
        return
    html = run.text_of(path)
    known = page_facts(html)
    run.remember_fact(path, "search", known)
    run.indexer.add_known(relative, known, html)


def index_language(pelican) -> None:
    """A step of `finalized`: the bundles of the groups this language's run wrote.

    Each language is indexed in its own run, so indexing one language goes
    side by side with the other language's run instead of after both.
    """
    indexer = run_of(pelican.settings).take_indexer()
    if indexer is not None:
        indexer.finish()


def _group_order(folder: str) -> tuple:
    name = folder.rsplit("/", 1)[-1]
    return (name == DEFAULT_GROUP, [-ord(c) for c in name], folder)


def groups_manifest(bundle: Path) -> dict:
    """For each language, its groups: newest year first, `site` last; the search page loads the first."""
    languages: dict[str, list[str]] = {}
    for entry in sorted(bundle.glob("*/*/pagefind-entry.json")):
        folder = entry.parent.relative_to(bundle).as_posix()
        for lang in json.loads(entry.read_text(encoding="utf-8"))["languages"]:
            languages.setdefault(lang, []).append(folder)
    return {
        "languages": {lang: sorted(folders, key=_group_order) for lang, folders in sorted(languages.items())}
    }


def index_for_search(output: Path, settings) -> None:
    """Post-build step: `pagefind/groups.json`, listing the groups the language runs indexed.

    Pagefind's own code is left only in each language's first group, the one
    the search page loads.  Off when SOSCONF_SEARCH is False.
    """
    if not settings.get("SOSCONF_SEARCH", True):
        return
    target = output / BUNDLE
    target.mkdir(exist_ok=True)
    manifest = groups_manifest(target)
    first_groups = {folders[0] for folders in manifest["languages"].values()}
    for entry in target.glob("*/*/pagefind-entry.json"):
        if entry.parent.relative_to(target).as_posix() not in first_groups:
            for pattern in RUNTIME_FILES:
                for path in entry.parent.glob(pattern):
                    path.unlink()
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    write_atomically(target / GROUPS_FILE, (text + "\n").encode("utf-8"))
