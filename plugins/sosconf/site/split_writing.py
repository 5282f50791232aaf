"""Write the list pages of a run that holds most of the posts in a second process.

Each language has its own run, and the runs go side by side, one per core.
A site whose posts are nearly all in one language (a monolingual blog)
leaves a core idle: the other language's run ends in seconds.  Such a run
forks once its posts are read and addressed, just before writing: the child
writes the list pages (the news index, the tag and archive pages), the run
itself writes the posts, the feeds and the category and author pages (see
sosconf.rebuild.render_cache.LISTS_WRITTEN_WITH_POSTS).  Both walk through
Pelican's same `generate_output`, each skipping the other's share, so what
each page is rendered from is the same as in one process.

The child hands back what the run's later steps need (the pages it wrote
and their heads and dates, the render cache entries it used, the errors it
found, any searchable page, which the run gives to its search groups); a
page both would have written is an error, as Pelican's own writer makes it.

Whether a run takes a second process is decided in sosconf.cores.
"""

from __future__ import annotations

import os
import pickle
import signal
import traceback

from pelican.generators import ArticlesGenerator
from pelican.writers import FileOverwriteFailedError

from sosconf.cores import processes_for
from sosconf.processes import leave
from sosconf.rebuild.render_cache import CACHE_SETTING
from sosconf.run import run_of


class _SearchablePages:
    """The child's stand-in for the run's search groups: notes each page's facts, in order.

    The run hands them to its groups, which read a page from the output if they must send it.
    """

    def __init__(self):
        self.pages: list[tuple[str, list]] = []

    def add_known(self, relative: str, facts: list, html: bytes | None = None) -> None:
        self.pages.append((relative, facts))


def split_article_writing(generators) -> None:
    """A step of `all_generators_finalized`: write the list pages in a second process when it pays."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        settings = generator.settings
        if processes_for(settings, settings["DEFAULT_LANG"], run_of(settings).posts_by_language) > 1:
            generator.generate_output = _SplitOutput(generator, generator.generate_output)


class _SplitOutput:
    """`generator.generate_output`, run by the process and its child side by side."""

    def __init__(self, generator, generate_output):
        self.generator = generator
        self.generate_output = generate_output

    def __call__(self, writer):
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reading)
            self._child(writer, writing)  # never returns
        os.close(writing)
        try:
            writer.share = "posts"
            self.generate_output(writer)
        except BaseException:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(reading)
            raise
        finally:
            writer.share = None
        with os.fdopen(reading, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not data:
            raise RuntimeError(f"the process writing the list pages ended without a word (status {status})")
        outcome, handed = pickle.loads(data)
        if outcome == "raised":
            raise handed
        if outcome == "failed":
            raise RuntimeError(f"the process writing the list pages failed:\n{handed}")
        self._take(writer, handed)

    def _child(self, writer, writing: int) -> None:
        settings = self.generator.settings
        run = run_of(settings)
        searchable = _SearchablePages()
        # The run's Pagefind belongs to the run: the child only keeps what is to be indexed.
        run.indexer = searchable if run.indexer is not None else None
        run.written, run.content_dates, run.heads = [], {}, {}
        cache = writer.settings.get(CACHE_SETTING)
        if cache is not None:
            cache.used, cache.hits, cache.misses = set(), 0, 0
        log = settings["SOSCONF_ERROR_LOG"]
        errors_before = len(log.errors)
        written_before = set(writer._written_files)
        overridden_before = set(writer._overridden_files)
        try:
            writer.share = "lists"
            self.generate_output(writer)
            handed = {
                "written_files": writer._written_files - written_before,
                "overridden_files": writer._overridden_files - overridden_before,
                "written": run.written,
                "content_dates": run.content_dates,
                "heads": run.heads,
                "searchable": searchable.pages,
                "errors": log.errors[errors_before:],
                "cache": None if cache is None else cache.handed_over(),
            }
            message = pickle.dumps(("done", handed))
        except BaseException as exc:
            try:  # the run raises what the child raised (a page written twice is a content error)
                message = pickle.dumps(("raised", exc))
            except Exception:
                message = pickle.dumps(("failed", traceback.format_exc()))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(message)
        leave()

    def _take(self, writer, handed) -> None:
        both = writer._written_files & handed["written_files"]
        if both:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{sorted(both)[0]}" as Pelican has already written to it previously'
            )
        writer._written_files |= handed["written_files"]
        writer._overridden_files |= handed["overridden_files"]
        settings = self.generator.settings
        run = run_of(settings)
        run.written.extend(handed["written"])
        run.content_dates.update(handed["content_dates"])
        run.heads.update(handed["heads"])
        if run.indexer is not None:
            for relative, facts in handed["searchable"]:
                run.indexer.add_known(relative, facts)
        settings["SOSCONF_ERROR_LOG"].extend(handed["errors"])
        cache = writer.settings.get(CACHE_SETTING)
        if cache is not None and handed["cache"] is not None:
            cache.take_from_other_process(*handed["cache"])
