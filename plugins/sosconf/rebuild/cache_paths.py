"""Where every cache of the build lives, and which old ones are removed.

    <root>/                              SOSCONF_CACHE_DIR, `.cache` by default
      templates-<options>/               compiled templates and the names each template reads,
                                         shared by every content folder and language
                                         (in SOSCONF_TEMPLATE_CACHE_DIR instead, when it is set)
      <content>-<plugin>/                one per content folder and plugin version
        content.txt                      the content folder's path; its time is the last use
        <lang>/                          Pelican's CACHE_PATH: its reader caches
          renders/                       pages and files (sosconf.rebuild.render_cache)
          search/                        Pagefind bundles (sosconf.publish.search)
          search-pages.json              each page those bundles were made from, by digest
          offline-pages.json             what each page kept offline loads, by digest (sosconf.publish.offline)
          run-<digest>/                  what the run wrote (sosconf.rebuild.run_reuse)
      builds/<output>.json               what made an output folder (sosconf.rebuild.inputs)
      builds/<output>.spare/             that folder's output before last, emptied (sosconf.build.spare_output)
      trash/                             folders being removed by a process of their own (sosconf.files)

The folder of a content folder is named after its path and the plugin's
source, so an edit to the plugin starts from empty caches instead of reading
what older code wrote.  `prune` then removes the folders nobody will read
again: older plugin versions of the same content folder (but the last one
before, so that going back one version costs nothing) and the folders of
content folders that no longer exist, and the records and spares of output folders
that no longer exist.  The compiled templates are checked against their
source as they are read, so one folder serves every content folder and
plugin version; pruning keeps the folder of the current Jinja options and
the one used last before it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from pathlib import Path

from sosconf.files import remove_in_background
from sosconf.processes import process_gone

CACHE_DIR_VARIABLE = "SOSCONF_CACHE_DIR"
TEMPLATE_CACHE_VARIABLE = "SOSCONF_TEMPLATE_CACHE_DIR"
DEFAULT_CACHE_DIR = ".cache"
BUILDS = "builds"
TRASH = "trash"
CONTENT_FILE = "content.txt"
RENDERS = "renders"
SEARCH = "search"
RUN_COPY_PREFIX = "run-"
TEMPLATES_PREFIX = "templates-"
SPARE_SUFFIX = ".spare"
PLUGIN_DIR = Path(__file__).resolve().parent.parent
KEY_LENGTH = 12
# Folders this module names: `<content>-<plugin>`, and the bare `<digest>` of earlier layouts.
_SITE_FOLDER = re.compile(r"^([0-9a-f]{%d})-([0-9a-f]{%d})$" % (KEY_LENGTH, KEY_LENGTH))
_OLD_LAYOUT = re.compile(r"^[0-9a-f]{%d}$" % KEY_LENGTH)
# Kept besides the current folder of a content folder: the one used last before it.
PREVIOUS_VERSIONS_KEPT = 1


def cache_root() -> Path:
    """The folder of every cache: SOSCONF_CACHE_DIR (a test's temporary folder), `.cache` otherwise.

    Left relative to the working directory when given so, as messages about a damaged cache name it.
    """
    return Path(os.environ.get(CACHE_DIR_VARIABLE) or DEFAULT_CACHE_DIR)


def trash_folder() -> Path:
    """Where removed folders go to be emptied without the build waiting (sosconf.files.remove_in_background)."""
    return cache_root() / TRASH


def _key(text: str | bytes) -> str:
    data = text.encode() if isinstance(text, str) else text
    return hashlib.sha1(data).hexdigest()[:KEY_LENGTH]


def plugin_version() -> str:
    """A digest of the plugin's source: caches written by other code are not read."""
    sources = sorted(PLUGIN_DIR.rglob("*.py"))
    return _source_digest(
        tuple((source, source.stat().st_size, source.stat().st_mtime_ns) for source in sources)
    )


@functools.lru_cache(maxsize=1)
def _source_digest(stamps: tuple) -> str:
    """Read again only when a file changed (a build asks several times; the preview lives on)."""
    digest = hashlib.sha1()
    for source, _size, _time in stamps:
        digest.update(source.relative_to(PLUGIN_DIR).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:KEY_LENGTH]


def site_folder(content: Path) -> Path:
    """The caches of one content folder, for this version of the plugin."""
    return cache_root() / f"{_key(str(Path(content).resolve()))}-{plugin_version()}"


def language_folder(content: Path, lang: str) -> Path:
    """Pelican's CACHE_PATH for the run of `lang`; the render and search caches sit inside."""
    return site_folder(content) / lang


def render_folder(settings) -> Path:
    return Path(settings["CACHE_PATH"]) / RENDERS


def search_folder(settings) -> Path:
    return Path(settings["CACHE_PATH"]) / SEARCH


def search_record(search: Path) -> Path:
    """Beside a search folder, not in it: that folder holds only bundles named after what made them."""
    return search.with_name(f"{search.name}-pages.json")


def offline_record(settings) -> Path:
    """What the pages kept offline load, by page digest (sosconf.publish.offline)."""
    return Path(settings["CACHE_PATH"]) / "offline-pages.json"


def template_root() -> Path:
    """Where the compiled templates' folders are: SOSCONF_TEMPLATE_CACHE_DIR, else the cache's root.

    The compiled templates depend on the theme alone, never on a content folder,
    so a process that builds many sites, each with caches of its own (the tests),
    may keep them in one place.
    """
    return Path(os.environ.get(TEMPLATE_CACHE_VARIABLE) or cache_root())


def template_folder(options: str) -> Path:
    """Compiled templates, named after the Jinja options they were compiled with; its time is the last use."""
    folder = template_root() / f"{TEMPLATES_PREFIX}{_key(options)}"
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)
    return folder


def _output_key(output: Path) -> str:
    return hashlib.sha1(str(output).encode()).hexdigest()[:16]


def build_record(output: Path) -> Path:
    """Where the inputs of the build that made `output` are recorded."""
    return cache_root() / BUILDS / f"{_output_key(output)}.json"


def spare_output(output: Path) -> Path:
    """Where the output `output` replaced waits, emptied of its files, for the next build to take it."""
    return cache_root() / BUILDS / f"{_output_key(output)}{SPARE_SUFFIX}"


def run_copy(content: Path, lang: str, run: str) -> Path:
    """Where the files a run of `lang` with digest `run` wrote are kept."""
    return language_folder(content, lang) / run_copy_name(run)


def run_copy_name(run: str) -> str:
    return f"{RUN_COPY_PREFIX}{run[:20]}"


def mark_used(content: Path) -> None:
    """Note which content folder the current caches belong to, and when they were last used."""
    folder = site_folder(content)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CONTENT_FILE).write_text(str(Path(content).resolve()), encoding="utf-8")


def _last_use(folder: Path) -> tuple[int, str]:
    try:
        return ((folder / CONTENT_FILE).stat().st_mtime_ns, folder.name)
    except OSError:
        return (0, folder.name)


def _content_gone(folder: Path) -> bool:
    try:
        named = (folder / CONTENT_FILE).read_text(encoding="utf-8")
    except OSError:
        return False  # being made by a build under way, or not ours: left alone
    return not Path(named).is_dir()


def prune(content: Path) -> list[str]:
    """Remove the cache folders no build will read again (see the module's description)."""
    root = cache_root()
    current = site_folder(content)
    content_key = current.name.split("-")[0]
    try:
        entries = [entry for entry in root.iterdir() if entry.is_dir() and entry != current]
    except FileNotFoundError:
        return []
    removed = []
    same_content = []
    for entry in entries:
        found = _SITE_FOLDER.match(entry.name)
        if _OLD_LAYOUT.match(entry.name) or (
            found and found.group(1) != content_key and _content_gone(entry)
        ):
            removed.append(entry)
        elif found and found.group(1) == content_key:
            same_content.append(entry)
    same_content.sort(key=_last_use, reverse=True)
    removed.extend(same_content[PREVIOUS_VERSIONS_KEPT:])
    removed.extend(_older_template_folders(template_root()))
    for entry in removed:
        remove_in_background(entry, trash_folder())
    return sorted(entry.name for entry in removed) + _prune_build_records(root / BUILDS)


def _older_template_folders(folder: Path) -> list[Path]:
    """The template folders in `folder` but the two used last (the current one and the one before it)."""
    folders = [entry for entry in folder.glob(f"{TEMPLATES_PREFIX}*") if entry.is_dir()]

    def last_use(folder: Path) -> int:
        try:
            return folder.stat().st_mtime_ns
        except OSError:
            return 0

    folders.sort(key=last_use, reverse=True)
    return folders[1 + PREVIOUS_VERSIONS_KEPT :]


def _prune_build_records(folder: Path) -> list[str]:
    """Remove the records of output folders that no longer exist, and the spares no record names.

    A spare still being emptied (`<key>.spare.emptying-<pid>-<n>`) is left while its build runs.
    """
    removed = []
    for stale in folder.glob("*.sitemap.json"):  # skipped runs' records, before runs were kept whole
        stale.unlink(missing_ok=True)
    for record in folder.glob("*.json"):
        try:
            output = json.loads(record.read_text(encoding="utf-8")).get("path")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(output, str) and not Path(output).exists():
            record.unlink(missing_ok=True)
            removed.append(f"{BUILDS}/{record.name}")
    for spare in folder.glob(f"*{SPARE_SUFFIX}*"):
        key, _, emptier = spare.name.partition(SPARE_SUFFIX)
        pid = emptier.removeprefix(".emptying-").partition("-")[0]
        abandoned = pid.isdigit() and process_gone(int(pid))
        if abandoned or (not emptier and not (folder / f"{key}.json").exists()):
            remove_in_background(spare, trash_folder())
            removed.append(f"{BUILDS}/{spare.name}")
    return removed
