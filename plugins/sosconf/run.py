"""What one language run gathers as it goes, for the steps at its end.

The build makes one record per run before Pelican starts and keeps it in the
run's settings (`SOSCONF_RUN`); Pelican copies the settings into every
context, so each receiver finds the same record without module globals, and
nothing is left over from an earlier run in the same process.  A run that
has no record was not started by the project's build (plain `pelican`): the
plugin then stops at once instead of writing half a site.
"""

from __future__ import annotations

from dataclasses import dataclass, field

RUN = "SOSCONF_RUN"


class NotThroughTheBuild(RuntimeError):
    """The plugin was loaded by a run the project's build did not start."""


@dataclass
class Run:
    # Site paths (`news/x/index.html`) of the pages written, for the sitemap and the search.
    written: list[str] = field(default_factory=list)
    # The date of each page written, for the sitemap's <lastmod>.
    content_dates: dict[str, str] = field(default_factory=dict)
    # The search groups being indexed while the pages are written (see publish/search_groups.py).
    indexer: object | None = None
    # The path and text of the page written last, for the steps after each page (content_written);
    # its text is None when the page was linked from the render cache unread.
    last_page: tuple[str, str | bytes | None] | None = None
    # The render cache's key of the page written last (None: rendered every time).
    last_key: str | None = None
    # What the steps after each page found in it (its head, its search group), by render cache key:
    # a page linked from the cache has the bytes it had then, so the steps take what they found.
    page_facts: dict[str, dict] = field(default_factory=dict)
    # The head of each page written, for the sitemap (see publish/sitemap.py).
    heads: dict[str, list] = field(default_factory=dict)
    # The child process reading posts ahead for this run, if any (see content/read_ahead.py).
    reading: object | None = None
    # How many posts were read in each language, for sharing the cores among the runs (see cores.py).
    posts_by_language: dict[str, int] = field(default_factory=dict)

    def __reduce__(self):
        # The record is the live state of one run in one process.  Pelican's reader cache pickles
        # each tag's settings, this record among them: a copy starts empty instead of carrying
        # the record's pages, facts and pipes into the cache file.
        return (Run, ())

    def text_of(self, path) -> bytes:
        """The bytes of the page just written at `path`: from memory, else from the file."""
        if self.last_page is not None and self.last_page[0] == str(path) and self.last_page[1] is not None:
            name, text = self.last_page
            if isinstance(text, str):  # encoded once for all the steps that read it
                text = text.encode("utf-8")
                self.last_page = (name, text)
            return text
        with open(path, "rb") as page:
            return page.read()

    def _is_last(self, path) -> bool:
        return self.last_key is not None and self.last_page is not None and self.last_page[0] == str(path)

    def fact(self, path, name: str):
        """What a step found as `name` in the page just written at `path`, if these bytes were seen before."""
        return self.page_facts.get(self.last_key, {}).get(name) if self._is_last(path) else None

    def remember_fact(self, path, name: str, value) -> None:
        """Keep what a step found in the page just written at `path`, for the builds that link it."""
        if self._is_last(path):
            self.page_facts.setdefault(self.last_key, {})[name] = value

    def take_indexer(self):
        indexer, self.indexer = self.indexer, None
        return indexer


def run_of(settings) -> Run:
    """The record of the run these settings (or a context made from them) belong to."""
    try:
        return settings[RUN]
    except KeyError:
        raise NotThroughTheBuild(
            "the sosconf plugin builds both languages together: run `make html` "
            "(python -m sosconf build), not `pelican` on its own"
        ) from None
