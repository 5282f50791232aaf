"""Know a page unchanged without summing it up, when only the text of some posts changed.

Summing up every page's inputs (sosconf.rebuild.page_inputs) is most of what a
rebuild's writing costs: about a second in each writing process of a
5,000-post blog, to find that all but a few pages are as before.  Each digest
also tells which posts and pages it reached (by source path).  A run keeps,
for every page it wrote, its template, its key in the render cache and what it
reached, together with the state of every file of the content folder.

The next run with the same salt (theme, plugin, settings, packages, day)
compares the content folder with that record.  When the same files are there
and every file that changed is a post or page whose metadata block (the front
matter, or the `Key: value` lines up to the first empty line) is the same,
only the text of those posts changed: the site has the same posts, pages,
tags, dates and addresses, and a post's text shows in its own object alone
(its HTML, its summary, its pictures).  Then a page that reached none of
them, written with the same template, has the key it had: it is taken from
the cache without being summed up; and a post or page that reached none of
them keeps the digest it had, so that a page that did reach them (the home
page reaches every post) sums up only what changed.  Anything else (a file added, removed or
renamed, a metadata block changed, any other file changed, the addresses that
links point to changed) and every page is summed up as before.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from sosconf.conference.exports.history import HISTORY_FILE
from sosconf.files import files_under, write_atomically
from sosconf.rebuild.run_reuse import POST_SUFFIXES, metadata_block_of

RECORD_PREFIX = "page-reach-"
# Written by the build itself, and read only by the calendars, which are summed up apart from pages.
_NOT_READ_BY_PAGES = frozenset({HISTORY_FILE})


def _block_digest(path: str) -> bytes | None:
    block = metadata_block_of(path)
    return None if block is None else hashlib.sha256(block).digest()


def content_state(content: Path, before: dict | None = None) -> dict[str, tuple]:
    """Every file of `content`: (size, modification time, digest of its metadata block if a post).

    A post whose size and time are as in `before` keeps the digest found then, unread.
    """
    before = before or {}
    state = {}
    for relative in files_under(content):
        if relative in _NOT_READ_BY_PAGES:
            continue
        path = os.path.join(content, relative)
        try:
            stat = os.stat(path)
        except OSError:  # a broken link, which the run reports
            continue
        kept = before.get(relative)
        if kept is not None and kept[:2] == (stat.st_size, stat.st_mtime_ns):
            state[relative] = kept
        elif relative.endswith(POST_SUFFIXES):
            state[relative] = (stat.st_size, stat.st_mtime_ns, _block_digest(path))
        else:
            state[relative] = (stat.st_size, stat.st_mtime_ns, None)
    return state


def texts_changed(before: dict, now: dict, content: Path) -> frozenset[str] | None:
    """The source paths of the posts whose text alone changed; None if anything else changed."""
    if before.keys() != now.keys():
        return None
    changed = set()
    for relative, state in now.items():
        old = before[relative]
        if old == state:
            continue
        if state[2] is None or old[2] != state[2]:
            return None  # not a post, or its metadata changed
        changed.add(os.path.join(content, relative))
    return frozenset(changed)


class PageReach:
    """The record of one run's pages, read at its start and written at its end (see the module's description)."""

    def __init__(self, folder: Path, salt: bytes, content: Path):
        # Not `.pickle`: the render cache's `.pickle` files are named after what they were made from.
        self.path = folder / f"{RECORD_PREFIX}{hashlib.sha256(salt).hexdigest()[:16]}.record"
        record = self._load()
        self._pages: dict[str, tuple[str, str, frozenset[str]]] = record.get("pages", {})
        self._contents: dict[tuple[str, str], tuple[bytes, frozenset[str]]] = record.get("contents", {})
        self._targets = record.get("targets")
        self.state = content_state(content, record.get("files"))
        self._changed = texts_changed(record.get("files", {}), self.state, content) if record else None
        self.targets_checked = False
        # This run's pages: output file -> (template, key, what it reached); None for one written twice.
        self.pages: dict[str, tuple[str, str, frozenset[str]] | None] = {}
        self.targets: bytes | None = None
        # The digests of posts and pages this run found or trusted, by (type, source path).
        self.contents: dict[tuple[str, str], tuple[bytes, frozenset[str]]] = {}

    def _load(self) -> dict:
        try:
            record = pickle.loads(self.path.read_bytes())
        except Exception:  # missing or unreadable, whatever the damage: every page is summed up
            return {}
        return record if isinstance(record, dict) else {}

    def check_targets(self, targets: bytes | None) -> None:
        """The addresses the run's links point to: if they changed, every page is summed up."""
        self.targets_checked = True
        self.targets = targets
        if targets is None or targets != self._targets:
            self._changed = None

    def trusted_contents(self) -> dict[tuple[str, str], tuple[bytes, frozenset[str]]]:
        """The last run's digests of the posts and pages that reach nothing changed since."""
        if self._changed is None:
            return {}
        return {name: found for name, found in self._contents.items() if found[1].isdisjoint(self._changed)}

    def known_key(self, output_file: str, template_name: str) -> str | None:
        """The page's key from the last run, if nothing it reached changed since."""
        if self._changed is None:
            return None
        known = self._pages.get(output_file)
        if known is None or known[0] != template_name or not known[2].isdisjoint(self._changed):
            return None
        return known[1]

    def remember(self, output_file: str, template_name: str, key: str, reached: frozenset[str]) -> None:
        if output_file in self.pages:
            self.pages[output_file] = None  # written twice in a run: never taken on trust
        else:
            self.pages[output_file] = (template_name, key, reached)

    def carry_over(self, output_file: str, template_name: str, key: str) -> None:
        """A page taken from the last run's record keeps what it reached then."""
        self.remember(output_file, template_name, key, self._pages[output_file][2])

    def add(self, pages: dict, contents: dict) -> None:
        """The pages another process of this run wrote, and the posts it summed up (see sosconf.site.split_writing)."""
        self.contents.update(contents)
        for output_file, page in pages.items():
            if output_file in self.pages or page is None:
                self.pages[output_file] = None
            else:
                self.pages[output_file] = page

    def save(self) -> None:
        pages = {name: page for name, page in self.pages.items() if page is not None}
        # Equal sets are kept once: most pages reach the same few posts as another page.
        shared: dict[frozenset[str], frozenset[str]] = {}
        pages = {name: (t, k, shared.setdefault(reached, reached)) for name, (t, k, reached) in pages.items()}
        contents = {
            name: (digest, shared.setdefault(reached, reached))
            for name, (digest, reached) in self.contents.items()
        }
        record = {"files": self.state, "targets": self.targets, "pages": pages, "contents": contents}
        write_atomically(self.path, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
