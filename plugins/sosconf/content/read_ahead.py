"""Read about half of the posts in a second process, for a run that would leave a core idle.

Converting Markdown is most of reading, and Pelican reads the posts one
after the other.  When a run may use two processes (sosconf.cores) and
has many posts that its reader cache does not hold, it forks at its first
post: the child reads a little more than every other post of the list
Pelican is about to go through (`CHILD_SHARE`), in the same order, and
sends each result down a pipe as soon as it has it; the run reads the
others and takes the child's results when Pelican asks for those posts.  What the run gets for each post is what its own
reader would have returned, with the same errors, added to the run's log in
the same order.
"""

from __future__ import annotations

import os
import pickle
import signal
import traceback
from collections import Counter

from sosconf.cores import processes_for
from sosconf.processes import leave
from sosconf.run import run_of

# The share of the unread posts the child reads.  The run also makes a post of
# every result, the child's too, so an even split kept it busy longest: on the
# 5,000-post blog the child ended 1.3 s before the run, of 9.5 s of reading.
CHILD_SHARE = 0.54


def _child_share(paths: list[str]) -> list[str]:
    """`CHILD_SHARE` of `paths`, spread evenly over the list."""
    return [path for i, path in enumerate(paths) if int((i + 1) * CHILD_SHARE) > int(i * CHILD_SHARE)]


def _language_folder(path: str, root: str) -> str | None:
    """`zh` for `news/zh/...`: the language a post's folder gives it."""
    parts = os.path.relpath(path, root).split(os.sep)
    return parts[1] if len(parts) > 2 else None


def plan_reading(generator) -> None:
    """A step of `generator_init` for the posts' generator: give its reader a second process when it pays."""
    settings = generator.settings
    readers = generator.readers
    reader = readers.readers.get("md")
    if reader is None or not hasattr(reader, "read_ahead"):
        return
    files = [
        os.path.abspath(os.path.join(generator.path, name))
        for name in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
        if name.endswith(".md")
    ]
    unread = [path for path in files if readers.get_cached_data(path, None) is None]
    by_language = Counter(_language_folder(path, generator.path) for path in unread)
    if processes_for(settings, settings["DEFAULT_LANG"], by_language) < 2 or len(unread) < 2:
        return
    ahead = ReadAhead(_child_share(unread))
    reader.read_ahead = ahead
    run_of(settings).reading = ahead


class ReadAhead:
    """The posts a child process reads, and their results as they arrive."""

    def __init__(self, paths: list[str]):
        self.paths = paths
        self.assigned = frozenset(paths)
        self.pid: int | None = None
        self._pipe = None
        self._results: dict[str, tuple] = {}

    def start(self, reader) -> None:
        """Fork the child, which reads each assigned post as `reader` would (`reader.read_here`)."""
        reading, writing = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(reading)
            self._child(reader, writing)  # never returns
        os.close(writing)
        self._pipe = os.fdopen(reading, "rb")
        self._shared = _shared_objects(reader.settings)
        self._left = len(self.paths)

    @property
    def started(self) -> bool:
        return self._pipe is not None

    def _child(self, reader, writing: int) -> None:
        from sosconf.content.reader import ContentRejected

        log = reader.settings.get("SOSCONF_ERROR_LOG")
        status = 0
        try:
            with os.fdopen(writing, "wb") as pipe:
                results = _Sending(pipe, reader.settings)
                for path in self.paths:
                    before = len(log.errors) if log is not None else 0
                    try:
                        outcome = ("read", reader.read_here(path))
                    except ContentRejected:
                        outcome = ("rejected", None)
                    added = log.errors[before:] if log is not None else []
                    results.dump((path, outcome, added))
                    results.clear_memo()
        except BaseException:
            status = 1
            try:
                os.write(2, traceback.format_exc().encode())
            except OSError:
                pass
        leave(status)

    def take(self, path: str, log):
        """What the child read at `path`: (content, metadata), or ContentRejected raised as the reader would."""
        from sosconf.content.reader import ContentRejected

        while path not in self._results:
            try:
                # One unpickler per result, as each was pickled on its own.
                found, outcome, added = _Receiving(self._pipe, self._shared).load()
            except EOFError:
                raise RuntimeError(f"the process reading posts ahead stopped before {path}") from None
            self._results[found] = (outcome, added)
        (kind, result), added = self._results.pop(path)
        self._left -= 1
        if self._left == 0:
            self.stop()  # everything is here: the child has ended or is ending
        if log is not None:
            log.extend(added)
        if kind == "rejected":
            raise ContentRejected(path)
        return result

    def stop(self) -> None:
        """End and reap the child (when the run stops early, it may still be reading)."""
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        if self._pipe is not None:
            self._pipe.close()
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)


# What the child's results refer to that must stay the run's own objects: the settings
# (every tag and category keeps them: sent by name, not as a copy per post) and the
# marker Pelican's metadata processors return for a value to drop, which it tells by identity.
def _shared_objects(settings) -> dict[str, object]:
    from pelican import readers

    return {"settings": settings, "discard": getattr(readers, "_DISCARD", object())}


class _Sending(pickle.Pickler):
    def __init__(self, pipe, settings):
        super().__init__(pipe, protocol=pickle.HIGHEST_PROTOCOL)
        self._names = {id(obj): name for name, obj in _shared_objects(settings).items()}

    def persistent_id(self, obj):
        return self._names.get(id(obj))


class _Receiving(pickle.Unpickler):
    def __init__(self, pipe, shared: dict[str, object]):
        super().__init__(pipe)
        self._objects = shared

    def persistent_load(self, pid):
        if pid not in self._objects:
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        return self._objects[pid]


def stop_reading_ahead(settings) -> None:
    """At the end of a run: no child reading posts is left behind."""
    ahead = getattr(run_of(settings), "reading", None)
    if ahead is not None:
        ahead.stop()
