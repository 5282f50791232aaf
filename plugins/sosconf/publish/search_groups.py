"""The search groups of one language run, indexed while the run writes its pages.

Pagefind cannot update an index, so the site is indexed in groups (one per
edition year, `site` for the rest: see sosconf.publish.search) and a group
whose pages are byte for byte those of a bundle in the cache is linked from
there.  Indexing the other groups after the last page was written kept the
run waiting for Pagefind; instead, each page goes to Pagefind as soon as it is
written, so Pagefind indexes on the other core while the run renders.

A page is sent only once its group is known to need a new bundle: on a cold
build every group does from its first page; on a rebuild a group starts
being sent at its first page that differs from the last build's (the cache
keeps a digest of each page indexed beside the bundles, in
`search-pages.json`), with the pages of that
group written before it.  A group that changed otherwise (a page left it, a
page was written twice) is sent whole at the end, as before.

A Pagefind process works on one core.  A run that writes with two
processes (sosconf.cores) may also index with two: its groups are shared
out between them as they start, and at the end both make their groups'
files side by side.  On the 5,000-post blog one Pagefind kept the run
waiting five seconds after its last page, on one core.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from pathlib import Path, PurePosixPath

from sosconf.files import write_atomically
from sosconf.processes import process_gone
from sosconf.publish.pagefind import PagefindService, check_extended
from sosconf.rebuild.cache_paths import search_record

DEFAULT_GROUP = "site"
# Pagefind's ready-made interfaces: the search page uses its own small script
# with Pagefind's JS API instead, so these would only add weight to a deploy.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)

# The element Pagefind indexes (base.html: `<main>`), which also names the group.
_SEARCHABLE_ELEMENT = re.compile(rb"<[a-z][a-z0-9]*\s[^>]*\bdata-pagefind-body\b[^>]*>", re.IGNORECASE)
_BODY_ATTRIBUTE = b"data-pagefind-body"
_GROUP = re.compile(rb'\sdata-search-group="([A-Za-z0-9_-]+)"')
_HTML_LANG = re.compile(rb'<html\b[^>]*\slang="([^"]+)"')
_HTML_TAG = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(rb"<title>[^<]*</title>", re.IGNORECASE)


def searchable(html: bytes) -> tuple[str, str] | None:
    """(group, language) of a page Pagefind would index; None for a page it would skip."""
    main = _searchable_element(html)
    if main is None:
        return None
    named = _GROUP.search(main.group(0))
    lang = _HTML_LANG.search(html)
    return (
        named.group(1).decode() if named else DEFAULT_GROUP,
        lang.group(1).decode().lower() if lang else "unknown",
    )


def _searchable_element(html: bytes) -> re.Match | None:
    """The start tag carrying `data-pagefind-body`, if any, as found in `html`.

    The attribute's name is found as text first (trying the expression at every
    tag of every page took longer), then checked to be inside a tag: a post may
    quote it in its text.
    """
    at = html.find(_BODY_ATTRIBUTE)
    while at >= 0:
        start = html.rfind(b"<", 0, at)
        if start >= 0 and html.rfind(b">", start, at) < 0:
            found = _SEARCHABLE_ELEMENT.match(html, start, html.find(b">", at) + 1)
            if found is not None:
                return found
        at = html.find(_BODY_ATTRIBUTE, at + 1)
    return None


def indexed_part(html: bytes) -> bytes:
    """What Pagefind is given of a page: its `<html>` tag (the language), its title and the searchable element.

    Pagefind indexes only that element when a site marks one, so the rest of
    the page (head, menu, footer: four fifths of a short post's bytes) only
    cost it parsing; the bundles come out byte for byte the same.  A page
    whose parts are not found as expected is given whole.
    """
    opening = _searchable_element(html)
    root = _HTML_TAG.search(html)
    title = _TITLE.search(html)
    if opening is None or root is None:
        return html
    start = opening.start()
    name = opening.group(0)[1:].split(None, 1)[0].rstrip(b">").lower()
    end = html.rfind(b"</" + name + b">")
    if end < start:
        return html
    head = b"<head>" + title.group(0) + b"</head>" if title else b""
    return root.group(0) + head + b"<body>" + html[start : end + len(name) + 3] + b"</body></html>"


def page_facts(html: bytes) -> list:
    """[group, language, digest of the bytes] of a page Pagefind would index; [] for one it would skip."""
    found = searchable(html)
    return [] if found is None else [*found, hashlib.sha256(html).hexdigest()]


class Group:
    """The searchable pages of one group: each page's digest, and its Pagefind index once sent."""

    def __init__(self, name: str):
        self.name = name
        self.pages: dict[str, str] = {}  # site path -> digest of its bytes, in the order written
        self.languages: set[str] = set()
        self.index_id: str | None = None
        self.service: PagefindService | None = None  # the Pagefind process holding its index
        self.written_twice = False

    def cache_name(self, salt: str) -> str:
        digest = hashlib.sha256(f"{self.name}\0{salt}".encode())
        for relative in sorted(self.pages):
            digest.update(f"\0{relative}\0{self.pages[relative]}".encode())
        return f"{self.name}-{digest.hexdigest()[:20]}"


def _inside_bundle(named: str) -> PurePosixPath:
    """A path Pagefind names in its answer, refused unless it stays inside the bundle.

    Told from the name alone (relative, no `..`): every folder of the bundle is
    made here, so none is a link leading out.  Resolving each of a 5,000-post
    blog's 5,129 files against the disk took as long as writing them.
    """
    path = PurePosixPath(named)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise RuntimeError(f"Pagefind named a file outside its bundle: {named}")
    return path


class GroupIndexer:
    """Index the groups of one run's pages into `output/pagefind/<bundles>/<group>/`.

    `start_service` makes the Pagefind process when the first group needs one
    (`binary` is checked for the extended features then).
    """

    def __init__(
        self,
        output: Path,
        bundles: str,
        cache: Path,
        binary: Path,
        salt: str,
        service=None,
        processes: int = 1,
    ):
        self.output, self.bundles, self.cache = output, bundles, cache
        self.binary, self.salt = binary, salt
        self.services: list[PagefindService] = [] if service is None else [service]
        self.processes = processes  # how many Pagefind processes the run may use
        self._started = 0  # groups given an index so far
        self._checked = False
        self.groups: dict[str, Group] = {}
        self._group_of: dict[str, str] = {}
        cache.mkdir(parents=True, exist_ok=True)
        self.record = search_record(cache)
        try:
            self.previous: dict[str, str] = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.previous = {}
        if not isinstance(self.previous, dict):
            self.previous = {}

    def _pagefind(self) -> PagefindService:
        """The Pagefind process for the next group to start: the run's processes in turn."""
        if not self._checked:
            check_extended(self.binary)
            self._checked = True
        turn = self._started % self.processes
        if turn >= len(self.services):
            self.services.append(PagefindService(self.binary))
        return self.services[turn]

    def _send(self, group: Group, relative: str, html: bytes) -> None:
        group.service.send(
            type="AddFile",
            index_id=group.index_id,
            file_path=relative,
            file_contents=indexed_part(html).decode("utf-8"),
        )

    def _start(self, group: Group, current: str | None = None, html: bytes | None = None) -> None:
        """Give `group` an index and send it the group's pages so far (`current` as `html`)."""
        group.service = self._pagefind()
        self._started += 1
        group.index_id = group.service.ask(type="NewIndex", config=None)["index_id"]
        for relative in group.pages:
            page = html if relative == current and html is not None else (self.output / relative).read_bytes()
            self._send(group, relative, page)

    def add(self, relative: str, html: bytes) -> None:
        """A page the run wrote (every page, searchable or not)."""
        self.add_known(relative, page_facts(html), html)

    def add_known(self, relative: str, facts: list, html: bytes | None = None) -> None:
        """A page the run wrote, with its `page_facts`; `html` is read from the output if it must be sent."""
        earlier = self._group_of.pop(relative, None)
        if earlier is not None:  # written again: its group is sent whole at the end
            self.groups[earlier].pages.pop(relative, None)
            self.groups[earlier].written_twice = True
        if not facts:
            return
        name, lang, digest = facts
        group = self.groups.setdefault(name, Group(name))
        group.pages[relative] = digest
        group.languages.add(lang)
        self._group_of[relative] = name
        if group.written_twice:
            return
        if group.index_id is not None:
            self._send(group, relative, html if html is not None else (self.output / relative).read_bytes())
        elif self.previous.get(relative) != f"{name}:{digest}":
            self._start(group, relative, html)

    def add_file(self, relative: str) -> None:
        self.add(relative, (self.output / relative).read_bytes())

    def _ask_for_files(self, group: Group) -> int:
        """Ask for the files of `group`'s index, sending it whole first if it must be; the request's number."""
        if group.index_id is None or group.written_twice:
            if group.index_id is not None:
                group.service.send(type="DeleteIndex", index_id=group.index_id)
            group.written_twice = False
            self._start(group)
        # The files come back in the answer and are written here: Pagefind's
        # own WriteFiles can answer before its files are complete.
        return group.service.send(awaited=True, type="GetFiles", index_id=group.index_id)

    def _write_bundle(self, group: Group, asked: int, bundle: Path) -> None:
        """Write the files answered to request `asked` into `bundle` (which must not exist yet)."""
        work = bundle.with_name(f"search-group-{os.getpid()}-{bundle.name}")
        shutil.rmtree(work, ignore_errors=True)
        folders: set[Path] = set()
        try:
            for file in group.service.answer(asked)["files"]:
                target = work / _inside_bundle(file["path"])
                if target.parent not in folders:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                target.write_bytes(base64.b64decode(file["content"]))
            group.service.send(type="DeleteIndex", index_id=group.index_id)
            _sort_languages(work / "pagefind-entry.json")
            for name in UNUSED_BUNDLE_FILES:
                (work / name).unlink(missing_ok=True)
            os.replace(work, bundle)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def finish(self) -> None:
        """Write every group's bundle (made, or linked from the cache) and forget the cache's others.

        Every group's files are asked for before the first answer is waited
        for, so that each Pagefind process makes its groups' files side by side with the others.
        """
        try:
            wanted, asked = {}, {}
            for name, group in sorted(self.groups.items()):
                if not group.pages:
                    continue
                bundle = wanted[name] = self.cache / group.cache_name(self.salt)
                if not bundle.is_dir():
                    asked[name] = self._ask_for_files(group)
                elif group.index_id is not None:
                    group.service.send(type="DeleteIndex", index_id=group.index_id)
            for name, number in asked.items():
                self._write_bundle(self.groups[name], number, wanted[name])
        finally:
            self.close()
        for name, bundle in sorted(wanted.items()):
            # Linked, not copied: nothing changes a bundle's files once they are made.
            shutil.copytree(
                bundle, self.output / "pagefind" / self.bundles / name, copy_function=_link_or_copy
            )
        pages = {
            relative: f"{name}:{digest}"
            for name, group in self.groups.items()
            for relative, digest in group.pages.items()
        }
        write_atomically(self.record, json.dumps(pages, sort_keys=True).encode("utf-8"))
        _forget_other_bundles(self.cache, set(wanted.values()))

    def close(self) -> None:
        for service in self.services:
            service.close()
        self.services = []


def _sort_languages(entry_file: Path) -> None:
    """Pagefind lists the languages in a different order at each run; fix it for reproducible output."""
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    write_atomically(entry_file, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _link_or_copy(source, target) -> None:
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _forget_other_bundles(cache: Path, kept: set[Path]) -> None:
    """The cache keeps the bundles of the latest build only.

    A `search-group-<pid>-…` folder is a bundle being made; it is removed only
    when its process is gone (a build killed while indexing).
    """
    for entry in cache.iterdir():
        if entry in kept or not entry.is_dir():
            continue
        if entry.name.startswith("search-group-"):
            pid = entry.name.split("-")[2]
            if not (pid.isdigit() and process_gone(int(pid))):
                continue
        shutil.rmtree(entry, ignore_errors=True)
