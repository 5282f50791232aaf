"""What the service worker keeps for a visitor without a network.

For every edition with a program, in every language, a list of the files its
pages need offline (`2030/offline.json`, `en/2030/offline.json`): the
language's home page (the web app's start address), the edition page, the
program, every session page, the speakers page, and the theme files and
pictures those pages load.  Then the service worker at the site's root
(`sw.js`, written from the theme's `service-worker/sw.js`) with the name of
its cache: a digest of every listed file, so that a build that changes one
of them is a new worker with a new cache, and a build that changes none is
the same worker.

Nothing else is listed: not the program's filtered views (the program page
filters in place), not the search index, not other pages.  Runs after the
theme files are renamed after their content, so the lists name the files
the pages really load.
"""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from sosconf.files import write_atomically
from sosconf.languages import languages, prefix
from sosconf.rebuild.cache_paths import offline_record
from sosconf.urls import MANIFEST, absolute_root, edition_path, program_path, site_path, speakers_path

# Beside an edition's pages (`2030/offline.json`, `en/2030/offline.json`), as
# partials/conference_day.html links them; the worker at the site's root.
OFFLINE_LIST = "offline.json"
SERVICE_WORKER = "sw.js"
WORKER_SOURCE = Path("service-worker") / "sw.js"
CACHE_PREFIX = "sosconf-offline-"
BUILD_LINE = re.compile(r"^var BUILD = .*;$", re.MULTILINE)
# What a page loads: stylesheets, icons and the manifest, scripts, pictures.
LOADED = {("link", "href"), ("script", "src"), ("img", "src"), ("source", "srcset"), ("img", "srcset")}
LINK_RELS = {"stylesheet", "icon", "manifest", "apple-touch-icon"}
# The start tags of `LOADED`, quoted attribute values read whole (they may hold a ">").
_LOADING_TAG = re.compile(r"""<(?:link|script|img|source)\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)


class _Loaded(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and not LINK_RELS & set((attributes.get("rel") or "").split()):
            return
        for name, value in attrs:
            if (tag, name) in LOADED and value:
                if name == "srcset":
                    self.found += [part.split()[0] for part in value.split(",") if part.strip()]
                else:
                    self.found.append(value)


def _loaded_path(root: str, page: str, reference: str) -> str | None:
    """The site path of a file `reference` loads from the page at `page`, its query left out."""
    path = site_path(root, page, reference)
    return None if path is None else path.split("?")[0]


def _page_file(output: Path, path: str) -> Path:
    return output / (path + "index.html" if path.endswith("/") or not path else path)


class PageReferences:
    """What each page loads, as written in it, by the digest of the page's bytes.

    Parsing the tags is most of this step's time, and after an edit to one post
    the edition pages are the same bytes as before: their references are kept
    in `record` (a file of the run's cache, or none) for the next build.
    """

    def __init__(self, record: Path | None = None):
        self.record = record
        self._known: dict[str, list[str]] = {}
        self._used: dict[str, list[str]] = {}
        if record is not None:
            try:
                self._known = json.loads(record.read_text(encoding="utf-8"))
            except (OSError, ValueError):  # none yet, or damaged: every page is read
                self._known = {}

    def of(self, text: str) -> list[str]:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        found = self._used.get(digest)
        if found is None:
            found = self._known.get(digest)
            if not isinstance(found, list):
                found = _references_in(text)
            self._used[digest] = found
        return found

    def save(self) -> None:
        """Keep the references of this build's pages only."""
        if self.record is not None and self._used != self._known:
            write_atomically(self.record, json.dumps(self._used, sort_keys=True).encode())


def _references_in(text: str) -> list[str]:
    parser = _Loaded()
    # The parser reads the tags that load files, not the whole page: a session
    # page is mostly text, and parsing all of it was most of this step's time.
    # (A script's start tag is closed at once, or the parser would take what follows for its code.)
    tags = _LOADING_TAG.findall(text)
    parser.feed("".join(tag + "</script>" if tag[1:7].lower() == "script" else tag for tag in tags))
    return parser.found


def loaded_files(output: Path, root: str, page: str, references: PageReferences | None = None) -> list[str]:
    """The site's own files the page at `page` loads."""
    text = _page_file(output, page).read_text(encoding="utf-8")
    found = references.of(text) if references is not None else _references_in(text)
    paths = (_loaded_path(root, page, reference) for reference in found)
    return [path for path in paths if path is not None and (output / path).is_file()]


def _manifest_files(output: Path, manifest: str) -> list[str]:
    """The manifest and the icons it names."""
    data = json.loads((output / manifest).read_text(encoding="utf-8"))
    base = manifest.rsplit("/", 1)[0] + "/" if "/" in manifest else ""
    icons = [_loaded_path("/", base, icon["src"]) for icon in data.get("icons", [])]
    return [manifest, *(icon.lstrip("/") for icon in icons if icon and (output / icon.lstrip("/")).is_file())]


def edition_pages(output: Path, lang_prefix: str, year: str) -> list[str]:
    """The pages of an edition a visitor needs at the venue, home page first."""
    program = lang_prefix + program_path(year)
    pages = [lang_prefix, lang_prefix + edition_path(year), program]
    # Session pages are one folder below the program; its filtered views two.
    pages += [f"{program}{page.parent.name}/" for page in sorted((output / program).glob("*/index.html"))]
    pages.append(lang_prefix + speakers_path(year))
    return [page for page in pages if _page_file(output, page).is_file()]


def offline_lists(output: Path, settings, references: PageReferences | None = None) -> dict[str, list[str]]:
    """{list's site path: the site paths it names}, for every edition with a program, in every language."""
    root = absolute_root(settings) + "/"
    lists = {}
    for lang in languages(settings):
        lang_prefix = prefix(settings, lang)
        folder = output / lang_prefix
        years = sorted(
            p.name
            for p in folder.glob("[0-9][0-9][0-9][0-9]")
            if (output / lang_prefix / program_path(p.name)).is_dir()
        )
        for year in years:
            pages = edition_pages(output, lang_prefix, year)
            files = [path for page in pages for path in loaded_files(output, root, page, references)]
            manifest = lang_prefix + MANIFEST
            if (output / manifest).is_file():
                files += _manifest_files(output, manifest)
            lists[lang_prefix + edition_path(year) + OFFLINE_LIST] = pages + sorted(set(files) - set(pages))
    return lists


def cache_name(output: Path, lists: dict[str, list[str]], worker: bytes) -> str:
    """Named after every file a list names, the lists and the worker's code."""
    digest = hashlib.sha256(worker)
    for list_path in sorted(lists):
        digest.update(list_path.encode() + b"\0" + json.dumps(lists[list_path]).encode() + b"\0")
    for path in sorted({path for paths in lists.values() for path in paths}):
        digest.update(path.encode() + b"\0" + _page_file(output, path).read_bytes() + b"\0")
    return CACHE_PREFIX + digest.hexdigest()[:16]


def worker_script(source: str, build: dict) -> str:
    line = "var BUILD = " + json.dumps(build, ensure_ascii=False, sort_keys=True) + ";"
    if not BUILD_LINE.search(source):
        raise RuntimeError(f"{WORKER_SOURCE} has no `var BUILD = …;` line for the build to fill in")
    return BUILD_LINE.sub(lambda _: line, source, count=1)


def write_offline_files(output: Path, settings) -> None:
    """Post-build step: the editions' offline lists and the service worker."""
    references = PageReferences(offline_record(settings) if settings.get("CACHE_PATH") else None)
    lists = offline_lists(output, settings, references)
    references.save()
    for list_path, paths in lists.items():
        # Atomically: the folder may hold a file linked from the previous output.
        write_atomically(output / list_path, json.dumps(paths, ensure_ascii=False, indent=0).encode())
    source = (Path(settings["THEME"]) / WORKER_SOURCE).read_text(encoding="utf-8")
    listed = {path for paths in lists.values() for path in paths}
    build = {
        "cache": cache_name(output, lists, source.encode()),
        # The edition folders whose pages the worker answers for, and the
        # other files it keeps (home pages, pictures) outside theme/.
        "folders": sorted({list_path.rsplit("/", 1)[0] + "/" for list_path in lists}),
        "files": sorted(
            path
            for path in listed
            if not path.startswith("theme/")
            and not any(path.startswith(list_path.rsplit("/", 1)[0] + "/") for list_path in lists)
        ),
    }
    write_atomically(output / SERVICE_WORKER, worker_script(source, build).encode())
