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
rest.  Each language's run indexes the pages it wrote as soon as it ends
(`index_language`), so one language is indexed while the other is still
being built.  Each group is its own Pagefind bundle in
`pagefind/<language>/<group>/`; a group whose pages did not change since an
earlier build is copied from the build cache instead of indexed again, so old
years cost nothing.  The search page
reads `pagefind/groups.json`, loads Pagefind from the first group of its
language and merges the others into the same search (Pagefind's
`mergeIndex`: a merged group adds its index files, not another copy of the
search code).

The groups are indexed by one Pagefind process in its service mode (the
protocol its Python and Node APIs speak: base64 JSON messages ended by a
comma), so that its Chinese dictionary, which takes a third of a second to
load, is loaded once per build rather than once per group.

Only Pagefind's extended binary splits Chinese text into words (the plain one
finds nothing for 会议), so the build uses that binary and refuses to go on
when another one answers.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from sosconf.files import write_atomically
from sosconf.processes import process_gone
from sosconf.publish.written import written_pages
from sosconf.rebuild.cache_paths import search_folder
from sosconf.run import run_of

BUNDLE = "pagefind"
GROUPS_FILE = "groups.json"
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
EXTENDED_BANNER = "(Extended)"
# Pagefind's search code, needed only in a group the search page loads first.
RUNTIME_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")

# The element Pagefind indexes (base.html: `<main>`), which also names the group.
_SEARCHABLE_ELEMENT = re.compile(rb"<[a-z][a-z0-9]*\s[^>]*\bdata-pagefind-body\b[^>]*>", re.IGNORECASE)
_GROUP = re.compile(rb'\sdata-search-group="([A-Za-z0-9_-]+)"')
_HTML_LANG = re.compile(rb'<html\b[^>]*\slang="([^"]+)"')


def pagefind_binary() -> Path:
    """The extended Pagefind binary shipped in the `pagefind-bin-extended` wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:
        raise RuntimeError(
            "Pagefind's extended binary is missing: install the pinned packages (`make install`), "
            "which include pagefind[extended]"
        ) from exc
    return get_executable()


def _sort_languages(entry_file: Path) -> None:
    """Pagefind lists the languages in a different order at each run; fix it for reproducible output."""
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    write_atomically(entry_file, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


class Group:
    """The searchable pages of one group, and a digest of their bytes."""

    def __init__(self, name: str):
        self.name = name
        self.pages: list[str] = []
        self.languages: set[str] = set()
        self._digest = hashlib.sha256(name.encode())

    def add(self, relative: str, html: bytes, lang: str) -> None:
        self.pages.append(relative)
        self.languages.add(lang)
        self._digest.update(b"%s\0%d\0" % (relative.encode(), len(html)))
        self._digest.update(html)

    def cache_name(self, salt: str) -> str:
        digest = self._digest.copy()
        digest.update(salt.encode())
        return f"{self.name}-{digest.hexdigest()[:20]}"


def searchable_groups(output: Path, pages: list[str]) -> dict[str, Group]:
    """Group name -> those of `pages` Pagefind would index, read from the built HTML."""
    groups: dict[str, Group] = {}
    for path in [output / page for page in sorted(set(pages))]:
        html = path.read_bytes()
        main = _SEARCHABLE_ELEMENT.search(html)
        if main is None:
            continue
        named = _GROUP.search(main.group(0))
        name = named.group(1).decode() if named else DEFAULT_GROUP
        lang = _HTML_LANG.search(html)
        group = groups.setdefault(name, Group(name))
        group.add(
            path.relative_to(output).as_posix(), html, lang.group(1).decode().lower() if lang else "unknown"
        )
    return groups


def _link_or_copy(source, target) -> None:
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


class PagefindService:
    """One `pagefind --service` process, asked one thing at a time."""

    def __init__(self, binary: Path):
        self._errors = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors
        )
        self._last_id = 0
        self._pending = b""

    def _fail(self, why: str):
        self._errors.seek(0)
        report = self._errors.read().decode("utf-8", "replace").strip()
        return RuntimeError(f"Pagefind could not index the site: {why}\n{report}".rstrip())

    def _answer(self) -> bytes:
        while b"," not in self._pending:
            data = self._process.stdout.read1(1 << 16)
            if not data:
                raise self._fail("the indexing process ended early")
            self._pending += data
        answer, self._pending = self._pending.split(b",", 1)
        return answer

    def send(self, **request) -> int:
        """Send `request` without waiting for its answer; return its number."""
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": request}).encode()
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except BrokenPipeError:
            raise self._fail("the indexing process ended early") from None
        return self._last_id

    def ask(self, **request) -> dict:
        """Send `request` and wait for its answer (answers to earlier requests are dropped)."""
        number = self.send(**request)
        while True:
            response = json.loads(base64.b64decode(self._answer()))
            if response.get("message_id") in (number, None):
                break
        payload = response["payload"]
        if payload.get("type") == "Error":
            raise self._fail(payload.get("message", "unknown error"))
        return payload

    def close(self) -> None:
        try:
            self._process.stdin.close()
            self._process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            self._errors.close()


def check_extended(binary: Path) -> None:
    """Refuse a Pagefind without its extended features: Chinese would not be searchable."""
    with tempfile.TemporaryDirectory(prefix="search-check-") as work:
        site = Path(work)
        (site / "index.html").write_text(
            '<html lang="en"><main data-pagefind-body>check</main></html>', encoding="utf-8"
        )
        result = subprocess.run(
            [str(binary), "--site", str(site), "--output-path", str(site / "bundle")],
            capture_output=True,
            text=True,
            check=False,
        )
    if EXTENDED_BANNER not in result.stdout:
        raise RuntimeError(
            "Pagefind ran without its extended features, so Chinese would not be searchable; "
            f"install pagefind[extended].\n{result.stdout}{result.stderr}"
        )


def index_group(service: PagefindService, output: Path, group: Group, bundle: Path) -> None:
    """Write the Pagefind bundle of `group` into `bundle` (which must not exist yet)."""
    with tempfile.TemporaryDirectory(prefix=f"search-group-{os.getpid()}-", dir=bundle.parent) as work:
        site = Path(work) / "site"
        for relative in group.pages:
            _link_or_copy(output / relative, site / relative)
        made = Path(work) / "bundle"
        index_id = service.ask(type="NewIndex", config=None)["index_id"]
        service.ask(type="AddDir", index_id=index_id, path=str(site))
        # The files come back in the answer and are written here: Pagefind's
        # own WriteFiles can answer before its files are complete.
        for file in service.ask(type="GetFiles", index_id=index_id)["files"]:
            target = made / file["path"]
            if not target.resolve().is_relative_to(made.resolve()):
                raise RuntimeError(f"Pagefind named a file outside its bundle: {file['path']}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file["content"]))
        service.ask(type="DeleteIndex", index_id=index_id)
        _sort_languages(made / "pagefind-entry.json")
        for name in UNUSED_BUNDLE_FILES:
            (made / name).unlink(missing_ok=True)
        os.replace(made, bundle)


def _salt() -> str:
    """What else shapes a bundle: the Pagefind binary (its version ships in the wheel's path)."""
    binary = pagefind_binary()
    stat = binary.stat()
    return f"{binary}\0{stat.st_size}\0{stat.st_mtime_ns}"


def index_pages(
    output: Path, pages: list[str], bundles: str, cache: Path, service: PagefindService | None = None
) -> None:
    """Index the searchable ones among `pages` into `output/pagefind/<bundles>/<group>/`.

    A group whose pages are byte for byte those of a bundle in `cache` is
    copied from there; the others are indexed and kept in `cache`, which then
    holds the bundles of this build only.
    """
    groups = searchable_groups(output, pages)
    cache.mkdir(parents=True, exist_ok=True)
    salt = _salt()
    wanted = {name: cache / group.cache_name(salt) for name, group in groups.items()}
    missing = [name for name, bundle in wanted.items() if not bundle.is_dir()]
    if missing:
        binary = pagefind_binary()
        check_extended(binary)
        service = service or PagefindService(binary)
        try:
            for name in missing:
                index_group(service, output, groups[name], wanted[name])
        finally:
            service.close()
    elif service is not None:
        service.close()
    for name, bundle in sorted(wanted.items()):
        # Linked, not copied: nothing changes a bundle's files once they are made.
        shutil.copytree(bundle, output / BUNDLE / bundles / name, copy_function=_link_or_copy)
    _forget_other_bundles(cache, set(wanted.values()))


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


WARM_UP_TEXT = "学生开源年会 Students Open Source Conference"


def stop_indexer(settings) -> None:
    """End a Pagefind a run started but did not use (the run stopped on an error)."""
    leftover = run_of(settings).take_indexer()
    if leftover is not None:
        leftover.close()


def _indexing(settings) -> bool:
    return bool(settings.get("SOSCONF_SEARCH", True) and settings.get("SOSCONF_RENDER_SALT"))


def start_indexer(generators) -> None:
    """A step of `all_generators_finalized`: start Pagefind while the pages are written.

    It is given a page in the run's language at once, so that it loads what
    the language needs (for Chinese, a dictionary: a third of a second) on
    another core while the run renders, not after.
    """
    settings = generators[0].settings
    if not _indexing(settings) or settings.get("SOSCONF_CHECK_ONLY"):
        return
    service = PagefindService(pagefind_binary())
    index_id = service.ask(type="NewIndex", config=None)["index_id"]
    page = f'<html lang="{settings["DEFAULT_LANG"]}"><body><main data-pagefind-body>{WARM_UP_TEXT}</main></body></html>'
    service.send(type="AddFile", index_id=index_id, file_path="index.html", file_contents=page)
    run_of(settings).indexer = service


def index_language(pelican) -> None:
    """A step of `finalized`: index the pages this language's run wrote.

    Each language is indexed in its own run, so indexing one language goes
    side by side with the other language's run instead of after both.
    """
    settings = pelican.settings
    pages = written_pages(settings)
    service = run_of(settings).take_indexer()
    if not _indexing(settings):
        if service is not None:
            service.close()
        return
    cache = search_folder(settings)
    index_pages(Path(pelican.output_path), pages, settings["DEFAULT_LANG"], cache, service)


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
