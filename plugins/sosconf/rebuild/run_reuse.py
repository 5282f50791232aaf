"""Skip a language's run when nothing it reads has changed; link what it wrote last time.

A language's run reads the whole content folder, but of the posts and pages
of the site's other languages only the metadata at their top: the reader
leaves their text to their own run (see sosconf.content.reader).  So after the text of
a Chinese post changed, the English run would write exactly what it wrote
the last time, and the other way round.  `run_digests` sums up what a run reads:

- every file of the content folder by path, size and modification time,
  except the posts and pages in another language's folder (`news/zh/`,
  `pages/zh/` for the English run), which count by their path and metadata
  block (the front matter, or the `Key: value` lines up to the first empty
  line); a metadata block that names a `lang` counts as the whole file, as
  the post may be in this run's language after all;
- the environment (theme, plugin, settings, packages, the day: see
  sosconf.rebuild.inputs.environment_digest).

After a successful build, the files each run wrote are linked into the
build cache, as they were before the post-build steps (a run copy, named
after the run's digest: sosconf.rebuild.cache_paths.run_copy).  When a
language's digest has a run copy, its run is not started: the copy is
linked into the new output while the other languages run.  The runs write
disjoint files: a language with a folder of its own (`en/`) writes that
folder, its search bundles (`pagefind/en/`) and its sitemap record; the
first language writes everything else (its pages at the root, the theme,
the static files, the exports).  The post-build steps then change these
files only by replacing them, so the copies keep their bytes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import shutil
from pathlib import Path
from stat import S_ISREG
from urllib.parse import quote, unquote

from sosconf.content.post_metadata import FRONT_MATTER
from sosconf.files import files_under, remove_in_background
from sosconf.languages import prefix
from sosconf.processes import process_gone
from sosconf.publish.search import BUNDLE
from sosconf.publish.sitemap import RUN_FILE
from sosconf.rebuild.cache_paths import RUN_COPY_PREFIX, trash_folder

# A post's metadata ends at its first empty line (`Key: value`) or with its front matter.
_BLANK_LINE = re.compile(rb"\r?\n[ \t]*\r?\n")
_LANG_KEY = re.compile(rb"^\s*lang\s*:", re.IGNORECASE | re.MULTILINE)
POST_SUFFIXES = (".md", ".markdown")


def metadata_block(data: bytes) -> bytes:
    """The metadata at the top of a post: its front matter, or its `Key: value` lines up to the first empty line."""
    text = data.removeprefix(b"\xef\xbb\xbf")
    match = FRONT_MATTER.match(text.decode("utf-8", "replace"))
    if match:
        return match.group(0).encode("utf-8", "replace")
    blank = _BLANK_LINE.search(text)
    return text if blank is None else text[: blank.start()]


def _other_language_folders(settings, lang: str) -> tuple[str, ...]:
    others = [code for code in settings["SOSCONF_LANGUAGES"] if code != lang]
    return tuple(f"{kind}/{code}/" for code in others for kind in ("news", "pages"))


def run_digests(settings, environment: str, langs) -> dict[str, str]:
    """What the run of each of `langs` reads, summed up (see the module's description).

    The content folder is listed and each file's state taken once for every
    language; a post is read once, for the languages whose runs read only its metadata.
    """
    content = Path(settings["PATH"]).resolve()
    files = []
    for relative in files_under(content):
        path = os.path.join(content, relative)
        try:
            files.append((relative, path, os.stat(path)))
        except OSError:  # a broken link, which the run reports
            continue
    blocks: dict[str, bytes | None] = {}
    digests = {}
    for lang in langs:
        others = _other_language_folders(settings, lang)
        digest = hashlib.sha256(f"{environment}\0{lang}\0".encode())
        for relative, path, stat in files:
            # Only a regular file is read: a named pipe would never end (the run reports it).
            if relative.startswith(others) and relative.endswith(POST_SUFFIXES) and S_ISREG(stat.st_mode):
                if relative not in blocks:
                    blocks[relative] = _block_digest(path)
                block = blocks[relative]
            else:
                block = None
            if block is not None:
                digest.update(b"M\0" + relative.encode() + b"\0" + block)
            else:
                digest.update(f"F\0{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        digests[lang] = digest.hexdigest()
    return digests


def metadata_block_of(path: str) -> bytes | None:
    """The metadata block of the post at `path` (see `metadata_block`); None if it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return metadata_block(handle.read())
    except OSError:  # gone meanwhile
        return None


def _block_digest(path: str) -> bytes | None:
    """The digest of the metadata a post's other-language run reads; None if it may read all of it.

    A post gone meanwhile is summed up by its state, like a file read whole.
    """
    block = metadata_block_of(path)
    return None if block is None or _LANG_KEY.search(block) else hashlib.sha256(block).digest()


def _other_run_folders(settings, lang: str) -> tuple[str, ...]:
    """The folders the other languages' runs write into, relative to the output, each ending in "/"."""
    folders = []
    for code in settings["SOSCONF_LANGUAGES"]:
        own = prefix(settings, code).strip("/")
        if code != lang and own:
            folders += [own + "/", f"{BUNDLE}/{code}/"]
    return tuple(folders)


def run_files(settings, lang: str, staging: Path) -> list[str]:
    """The files the run of `lang` wrote into `staging`, relative to it (see the module's description)."""
    own = prefix(settings, lang).strip("/")
    record = RUN_FILE.format(lang=lang)
    if own:
        roots = [own, f"{BUNDLE}/{lang}"]
        found = [record] if (staging / record).is_file() else []
    else:
        roots, found = [""], []
    others = _other_run_folders(settings, lang)
    other_records = {RUN_FILE.format(lang=code) for code in settings["SOSCONF_LANGUAGES"] if code != lang}
    for root in roots:
        inside = root + "/" if root else ""
        found += [
            inside + relative
            for relative in files_under(
                staging / root, tuple(other[len(inside) :] for other in others if other.startswith(inside))
            )
            if inside + relative not in other_records
        ]
    return sorted(set(found))


def _link(source, target) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def partial_copy(copy: Path) -> Path:
    """Where a build makes the run copy `copy` before it succeeded (named after the build's process)."""
    return copy.with_name(f"{copy.name}.partial-{os.getpid()}")


def _untouched_by_steps(relative: str) -> bool:
    """A page of a run, which the post-build steps leave as it is (see `RunCopy`)."""
    return relative.endswith(".html") and not relative.startswith(BUNDLE + "/")


class RunCopy:
    """The run copy of one language, linked by a process of its own while the build goes on.

    Making it is one link per file (15,000 on a 5,000-post blog, a third of a
    second), which the post-build steps need not wait for: the files are
    listed before any step adds one, and the steps leave the runs' HTML pages
    as they are, but for the fingerprint (the build waits for the copy before
    that one).  Every other file is linked at once: the steps may take some
    away (the runs' records of their pages, the search code of all search
    groups but the first).  The copy is named `partial` until
    `publish_run_copy` puts it in place; one that could not be made is left
    out, and its run goes again next time.
    """

    def __init__(self, settings, lang: str, staging: Path, partial: Path):
        self.partial = partial
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        files = run_files(settings, lang, staging)
        later = [relative for relative in files if _untouched_by_steps(relative)]
        _link_all(staging, partial, set(files).difference(later))
        self._process = multiprocessing.get_context("fork").Process(
            target=_link_all, args=(staging, partial, later)
        )
        self._process.start()

    def wait(self) -> bool:
        """Whether every file is linked; a copy that is not is removed."""
        self._process.join()
        made = self._process.exitcode == 0
        if not made:
            shutil.rmtree(self.partial, ignore_errors=True)
        return made


def _link_all(staging: Path, partial: Path, files) -> None:
    """Link each of `files` (paths in `staging`) into the flat copy `partial`, named after its path."""
    for relative in files:
        _link(staging / relative, partial / quote(relative, safe=""))


def publish_run_copy(partial: Path, copy: Path) -> None:
    """Once the build succeeded: the run copy replaces the older copies of its language."""
    for older in copy.parent.glob(f"{RUN_COPY_PREFIX}*"):
        if older != partial and not _being_made(older):
            remove_in_background(older, trash_folder())
    os.replace(partial, copy)


def _being_made(folder: Path) -> bool:
    """A `.partial-<pid>` copy of a build still under way."""
    name, _, pid = folder.name.rpartition(".partial-")
    return bool(name) and pid.isdigit() and int(pid) != os.getpid() and not process_gone(int(pid))


def link_run_copy(copy: Path, staging: Path) -> None:
    """Put the files of a run copy into `staging`, where its run would have written them."""
    made = set()
    for entry in os.scandir(copy):
        target = staging / unquote(entry.name)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        _link(entry.path, target)
