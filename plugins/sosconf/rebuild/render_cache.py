"""Reuse a page's HTML from an earlier build when nothing it is made from changed.

Rendering templates is most of a rebuild's work, yet after one post changed
nearly every page comes out as before.  Before rendering a page, the writer
sums up what the page is made from (sosconf.rebuild.page_inputs: the context values
its templates read) and salts that with everything outside the content folder
(theme, plugin, settings, packages, the day: sosconf.rebuild.inputs).  A page whose
digest was rendered before is taken from the cache instead of rendered.

The cache is one folder per content folder and language, beside Pelican's
reader cache.  A page rendered is kept as a hard link to the file the
writer wrote (no second copy to write: the post-build steps replace files,
never change them in place).  Each run keeps what it used and removes the
rest.  A page rendered while the run logged an
error is not kept: a build that failed must fail again, not reuse its page.
Removing `.cache/` (or `make clean`) empties it; nothing is lost but time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
from pathlib import Path

from pelican.utils import sanitised_join
from pelican.writers import Writer

from sosconf.files import write_atomically
from sosconf.rebuild.cache_paths import render_folder
from sosconf.rebuild.page_inputs import Digester, TemplateFiles, Unknown, link_targets, referenced_names
from sosconf.rebuild.page_reach import PageReach
from sosconf.run import RUN

logger = logging.getLogger(__name__)

SALT_SETTING = "SOSCONF_RENDER_SALT"
CACHE_SETTING = "SOSCONF_RENDER_CACHE"
# The folder of the compiled templates (set by the build), where what each template reads is kept too.
TEMPLATE_FOLDER = "SOSCONF_TEMPLATE_FOLDER"
TEMPLATE_NAMES_FILE = "template-names.json"


class RenderCache:
    def __init__(
        self,
        folder: Path,
        salt: str,
        error_log=None,
        run=None,
        templates: Path | None = None,
        content: Path | None = None,
    ):
        self.folder = folder
        self.salt = salt.encode()
        self.error_log = error_log
        self.run = run
        self.digester = Digester()
        self.used: set[str] = set()
        self.hits = self.misses = 0
        # ("cached" or "rendered", the cache file, the key) of the page being written.
        self._pending: tuple[str, Path, str] | None = None
        self._template_files = TemplateFiles(None if templates is None else templates / TEMPLATE_NAMES_FILE)
        folder.mkdir(parents=True, exist_ok=True)
        # The pages the cache held when the run started, and those kept since: a page
        # not among them is rendered without asking the disk for it (a cold build asked
        # for every page; a page another process keeps meanwhile is rendered again).
        self._listed = set(os.listdir(folder))
        # The names each template reads, with everything it pulls in: None for one rendered every time.
        self._names: dict[str, frozenset[str] | None] = {}
        # What the steps after each page found in it, by key (see sosconf.run.Run.page_facts).
        self._facts_file = folder / f"page-facts-{hashlib.sha256(self.salt).hexdigest()[:16]}.json"
        self.facts: dict[str, dict] = self._load_facts()
        self._facts_known = set(self.facts)
        if run is not None:
            run.page_facts = self.facts
        # What each page reached last time, to know it unchanged unread (see sosconf.rebuild.page_reach).
        self.reach = None if content is None else PageReach(folder, self.salt, content)

    def __reduce__(self):
        # Pickled only with the settings a tag keeps (Pelican's reader cache): nothing of it is needed there.
        return (_no_render_cache, ())

    def _load_facts(self) -> dict:
        try:
            saved = json.loads(self._facts_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return saved if isinstance(saved, dict) else {}

    def _save_facts(self) -> None:
        kept = {key: found for key, found in self.facts.items() if f"{key}.html" in self.used}
        if set(kept) != self._facts_known or any(self.facts[key] != found for key, found in kept.items()):
            write_atomically(self._facts_file, json.dumps(kept, sort_keys=True).encode())
        self.used.add(self._facts_file.name)

    def _known_without_reading(self, key: str) -> bool:
        """Whether the steps after a page know all they need of this page without its text."""
        known = self.facts.get(key)
        if not known or "head" not in known:
            return False
        return "search" in known or self.run is None or self.run.indexer is None

    def _referenced(self, template) -> frozenset[str] | None:
        if template.name not in self._names:
            try:
                self._names[template.name] = referenced_names(
                    template.environment, template.name, self._template_files
                )
            except Unknown as why:
                logger.debug("%s is rendered every time: %s", template.name, why)
                self._names[template.name] = None
        return self._names[template.name]

    def key(self, template, context) -> str | None:
        """The digest of what `template` rendered with `context` shows; None if it cannot be told."""
        names = self._referenced(template)
        if names is None:
            return None
        reach, output_file = self.reach, context.get("output_file")
        if reach is not None and output_file:
            if not reach.targets_checked:
                reach.check_targets(link_targets(context))
                self.digester.trust(reach.trusted_contents())
            known = reach.known_key(output_file, template.name)
            if known is not None:
                reach.carry_over(output_file, template.name, known)
                return known
        hasher = hashlib.sha256(self.salt + b"\0" + template.name.encode())
        self.digester.start_page()
        try:
            for name in sorted(names & context.keys()):
                hasher.update(b"\0" + name.encode() + b"\0" + self.digester.digest(context[name]))
        except Unknown as why:
            logger.debug("a page of %s is rendered every time: %s", template.name, why)
            return None
        key = hasher.hexdigest()
        if reach is not None and output_file:
            reach.remember(output_file, template.name, key, frozenset(self.digester.reached))
        return key

    def _errors_logged(self) -> bool:
        return bool(self.error_log is not None and self.error_log.errors)

    def render(self, template, context) -> str:
        key = self.key(template, context)
        path = None if key is None else self.folder / f"{key}.html"
        if path is not None and path.name in self._listed:
            try:
                if self._known_without_reading(key):
                    if not path.is_file():
                        raise OSError(path)
                    html = ""  # linked into place unread: the steps after it take what they found before
                else:
                    html = path.read_text(encoding="utf-8")
            except (OSError, ValueError):  # missing, or not what this cache writes: render it again
                pass
            else:
                self.used.add(path.name)
                self.hits += 1
                # Linked into the output instead of written again (see RenderCachingWriter._open_w).
                self._pending = ("cached", path, key)
                return html
        self.misses += 1
        html = template.render(context)
        if path is not None:
            # Kept once the writer has written the page: linked to it (see RenderCachingWriter._open_w).
            self._pending = ("rendered", path, key)
        return html

    def take_pending(self) -> tuple[str, Path, str] | None:
        """For the page just rendered: ("cached", its cache file, key) or ("rendered", where to keep it, key)."""
        found, self._pending = self._pending, None
        return found

    def keep(self, path: Path, html: str, written: str) -> None:
        """Keep the page `written` (a file of the output) as `path`: linked, or copied on another disk."""
        if self._errors_logged():
            return
        try:
            try:
                os.link(written, path)
            except FileExistsError:  # one `render` could not read: replaced, never changed in place
                temporary = path.with_name(f".{path.name}.{os.getpid()}")
                os.link(written, temporary)
                os.replace(temporary, path)
        except OSError:
            write_atomically(path, html.encode("utf-8"))
        self.used.add(path.name)
        self._listed.add(path.name)

    def reuse(self, kind: str, inputs, make):
        """`make()`, or what it returned in an earlier build from the same `inputs` (a file, a feed)."""
        try:
            digest = hashlib.sha256(self.salt + b"\0" + kind.encode() + b"\0" + self.digester.digest(inputs))
        except Unknown:
            return make()
        path = self.folder / f"{kind}-{digest.hexdigest()}.pickle"
        try:
            made = pickle.loads(path.read_bytes())
        except Exception:  # missing or unreadable, whatever the damage: make it again
            made = make()
            if not self._errors_logged():
                write_atomically(path, pickle.dumps(made))
        self.used.add(path.name)
        return made

    def handed_over(self) -> tuple:
        """What this process used, for the process whose run it wrote part of (see `take_from_other_process`)."""
        facts = {key: self.facts[key] for key in self.facts if f"{key}.html" in self.used}
        self._template_files.save()
        pages = None if self.reach is None else (self.reach.pages, self.digester.content_digests())
        return self.used, self.hits, self.misses, facts, pages

    def take_from_other_process(
        self, used: set, hits: int, misses: int, facts: dict, pages: tuple | None
    ) -> None:
        """Add what a process writing part of this run's pages used (see sosconf.site.split_writing)."""
        self.facts.update(facts)
        if self.reach is not None and pages is not None:
            self.reach.add(*pages)
        self.used |= used
        self.hits += hits
        self.misses += misses

    def prune(self) -> None:
        """Remove what this run did not use: the cache holds one site's pages, not every past one."""
        self._template_files.save()
        self._save_facts()
        if self.reach is not None:
            if not self._errors_logged():
                self.reach.contents.update(self.digester.content_digests())
                self.reach.save()
            self.used.add(self.reach.path.name)
        for entry in os.scandir(self.folder):
            if entry.name not in self.used:
                try:
                    os.unlink(entry.path)
                except FileNotFoundError:
                    pass
        logger.debug("pages rendered: %d, reused: %d", self.misses, self.hits)


def _no_render_cache() -> None:
    return None


class _CachedTemplate:
    """A template whose render goes through the cache; everything else is the template's."""

    def __init__(self, template, cache: RenderCache):
        self._template = template
        self._cache = cache

    def render(self, context):
        return self._cache.render(self._template, context)

    def __getattr__(self, name):
        return getattr(self._template, name)


# What a feed shows besides its entries (settings are in the salt).
FEED_CONTEXT = ("SITEURL", "FEED_DOMAIN", "SITENAME", "SITESUBTITLE")


class _PageFile:
    """An output file being written, as a file handle.

    Its text is handed to the run's record once it is closed (the steps after
    each page read it there instead of reading the file again).  A page the
    render cache had is linked into place from the cache instead of written;
    a page just rendered is kept in the cache once written.
    """

    def __init__(self, filename: str, run, cache: RenderCache, pending, handle):
        self.name = filename
        self._run, self._cache, self._pending = run, cache, pending
        self._handle = handle  # None for a page linked from the cache
        self._parts: list[str] = []

    def __enter__(self):
        return self

    def write(self, text: str) -> int:
        self._parts.append(text)
        return self._handle.write(text) if self._handle is not None else len(text)

    def __exit__(self, *failure):
        if self._handle is not None:
            self._handle.__exit__(*failure)
        if failure[0] is not None:
            return
        text = "".join(self._parts)
        if self._handle is None:
            unread = not text
            _link_into_place(self._pending[1], self.name, None if unread else text)
            text = None if unread else text
        elif self._pending is not None:
            self._cache.keep(self._pending[1], text, self.name)
        if self._run is not None:
            self._run.last_page = (self.name, text)
            self._run.last_key = self._pending[2] if self._pending is not None else None


def _link_into_place(cached: Path, filename: str, text: str | None) -> None:
    try:
        os.link(cached, filename)
    except FileExistsError:  # left by an earlier run in the same folder: replaced, never changed in place
        os.unlink(filename)
        os.link(cached, filename)
    except OSError:  # the cache on another disk
        if text is None:
            shutil.copyfile(cached, filename)
        else:
            with open(filename, "w", encoding="utf-8") as handle:
                handle.write(text)


# List pages the run writes itself when its writing is split: few, they even out
# the two shares (on a 5,000-post blog the list pages were 5,080 to the 5,000 posts,
# and each took a third longer than a post; the 506 category pages moved over).
LISTS_WRITTEN_WITH_POSTS = frozenset({"category", "author"})


def in_list_share(kwargs) -> bool:
    """Whether a write is the second process's when a run's writing is split.

    Pelican names the template of every list page it writes, never of a post.
    """
    return kwargs.get("template_name") not in (None, *LISTS_WRITTEN_WITH_POSTS)


class RenderCachingWriter(Writer):
    # Which pages this process writes when a run's writing is split (see sosconf.site.split_writing):
    # None (all), "posts" (the posts, the feeds, the category and author pages) or "lists"
    # (the other list pages).
    share: str | None = None

    def _skips(self, kwargs) -> bool:
        return self.share is not None and in_list_share(kwargs) != (self.share == "lists")

    def _open_w(self, filename, encoding, override=False):
        """Open `filename` as Pelican does, a new file each time, through the render cache.

        A file written again (an `override_output` page) is removed first: it
        may be linked into the cache, whose copy must keep its bytes.
        """
        cache = self.settings.get(CACHE_SETTING)
        pending = cache.take_pending() if cache is not None else None
        if override and filename in self._written_files and filename not in self._overridden_files:
            try:
                os.unlink(filename)
            except FileNotFoundError:
                pass
        if pending is not None and pending[0] == "cached":
            # Pelican's own bookkeeping of what was written, before the file is linked.
            if filename in self._written_files or filename in self._overridden_files:
                pending = None
            else:
                if override:
                    self._overridden_files.add(filename)
                self._written_files.add(filename)
        handle = None
        if pending is None or pending[0] != "cached":
            handle = super()._open_w(filename, encoding, override)
            if handle.name == os.devnull or (pending is None and not filename.endswith(".html")):
                return handle  # a feed's writer may write bytes through its own wrapper
        return _PageFile(filename, self.settings.get(RUN), cache, pending, handle)

    def write_file(self, name, template, context, *args, **kwargs):
        if self._skips(kwargs):
            return None
        cache = self.settings.get(CACHE_SETTING)
        if cache is not None:
            # Each page is rendered, then opened: what a render that failed left is not kept.
            cache.take_pending()
            template = _CachedTemplate(template, cache)
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(
        self, elements, context, path=None, url=None, feed_type="atom", override_output=False, feed_title=None
    ):
        """A feed whose entries and settings are as in an earlier build is written from the cache.

        (Pelican's `feed_written` signal is not sent for it: nothing in this site listens.)
        """
        if self.share == "lists":
            return None
        cache = self.settings.get(CACHE_SETTING)
        if cache is not None:
            cache.take_pending()
        if cache is None or not path:
            return super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)

        complete_path = sanitised_join(self.output_path, path)
        entries = list(elements[: self.settings["FEED_MAX_ITEMS"]])
        inputs = [entries, path, url, feed_type, feed_title, [context.get(key) for key in FEED_CONTEXT]]
        made = []

        def make() -> str:
            made.append(
                super(RenderCachingWriter, self).write_feed(
                    elements, context, path, url, feed_type, override_output, feed_title
                )
            )
            with open(complete_path, encoding="utf-8") as written:
                return written.read()

        text = cache.reuse("feed", inputs, make)
        if made:
            return made[0]
        os.makedirs(os.path.dirname(complete_path), exist_ok=True)
        with self._open_w(complete_path, "utf-8", override_output) as handle:
            handle.write(text)
        return None


def start_render_cache(pelican) -> None:
    """On `initialized`: a cache for this run, when the build gave a salt (python -m sosconf build does)."""
    salt = pelican.settings.get(SALT_SETTING)
    if salt:
        folder = render_folder(pelican.settings)
        templates = pelican.settings.get(TEMPLATE_FOLDER)
        pelican.settings[CACHE_SETTING] = RenderCache(
            folder,
            salt,
            pelican.settings.get("SOSCONF_ERROR_LOG"),
            pelican.settings.get(RUN),
            None if templates is None else Path(templates),
            Path(pelican.settings["PATH"]),
        )


def caching_writer(pelican):
    """On `get_writer`: the writer that renders through the cache."""
    return RenderCachingWriter


def prune_render_cache(pelican) -> None:
    """On `finalized`: every page is written; forget the pages no longer made."""
    cache = pelican.settings.get(CACHE_SETTING)
    if cache is not None:
        cache.prune()
