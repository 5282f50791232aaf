"""Pelican's content caches (`ArticlesGenerator-Readers`, ... in each run's CACHE_PATH),
safe against a build killed at any moment.

Pelican writes each cache file in place, so a build killed while writing one
leaves it cut short, and reads it back catching only some errors: an empty
file gives `EOFError` and every later build dies with a traceback.  Here
each file is written beside its place and then renamed over it, so it is
always whole, and a file that cannot be read for any reason is discarded,
said so in one line, and rebuilt by the run.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys

from jinja2 import FileSystemBytecodeCache
from pelican.cache import FileDataCacher
from pelican.utils import mkdir_p

from sosconf.processes import process_gone

logger = logging.getLogger(__name__)

_pelican_init = FileDataCacher.__init__


def _load_or_discard(self, settings, cache_name, caching_policy, load_policy):
    # Pelican's own loading is skipped: it logs some damage as a warning,
    # which this site's build treats as an error.
    _pelican_init(self, settings, cache_name, caching_policy, False)
    if not load_policy:
        return
    try:
        with self._cache_open(self._cache_path, "rb") as handle:
            cache = pickle.load(handle)
    except FileNotFoundError:  # the first build
        return
    except Exception as exc:  # whatever a damaged file raises, the cure is the same
        cache = exc
    if isinstance(cache, dict):
        self._cache = cache
        return
    what = type(cache).__name__
    # One write per line: the languages' runs print side by side, and `print` writes the end apart.
    sys.stderr.write(
        f"{self._cache_path}: the cache could not be read ({what}); discarded, it is rebuilt now\n"
    )
    sys.stderr.flush()
    try:
        os.unlink(self._cache_path)
    except OSError:
        pass


def _save_whole(self):
    if not self._cache_data_policy:
        return
    temporary = f"{self._cache_path}.{os.getpid()}.writing"
    try:
        mkdir_p(self.settings["CACHE_PATH"])
        with self._cache_open(temporary, "wb") as handle:
            pickle.dump(self._cache, handle)
        os.replace(temporary, self._cache_path)
        _remove_abandoned(self._cache_path)
    except (OSError, pickle.PicklingError, TypeError) as err:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        logger.warning("Could not save cache %s\n ... %s", self._cache_path, err)


def _remove_abandoned(cache_path: str) -> None:
    """Remove the half-written copies that killed builds left beside `cache_path`."""
    folder, name = os.path.split(cache_path)
    for entry in os.listdir(folder):
        pid = entry[len(name) + 1 : -len(".writing")]
        if entry.startswith(name + ".") and entry.endswith(".writing") and pid.isdigit():
            if process_gone(int(pid)):
                try:
                    os.unlink(os.path.join(folder, entry))
                except OSError:
                    pass


class DiscardingBytecodeCache(FileSystemBytecodeCache):
    """Jinja's compiled-template cache, reading a damaged file the same way as above.

    Jinja replaces a file only once it is written, but reads a damaged one
    (a disk that filled up, say) only as far as the first error.
    """

    def load_bytecode(self, bucket):
        try:
            super().load_bytecode(bucket)
        except Exception as exc:
            path = self._get_cache_filename(bucket)
            sys.stderr.write(
                f"{path}: the cache could not be read ({type(exc).__name__}); discarded, it is rebuilt now\n"
            )
            sys.stderr.flush()
            bucket.reset()
            try:
                os.unlink(path)
            except OSError:
                pass


def make_caches_safe() -> None:
    """Read and write Pelican's caches as described above (idempotent)."""
    FileDataCacher.__init__ = _load_or_discard
    FileDataCacher.save_cache = _save_whole
