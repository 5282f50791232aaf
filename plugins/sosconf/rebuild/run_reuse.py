"""Skip a language's run when nothing it reads has changed; link what it wrote last time.

A language's run reads the whole content folder, but of the posts and pages
of the site's other language only the metadata at their top: the reader
leaves their text to their own run (see front_matter).  So after the text of
a Chinese post changed, the English run would write exactly what it wrote
the last time.  `run_digest` sums up what a run reads:

- every file of the content folder by path, size and modification time,
  except the posts and pages in another language's folder (`news/zh/`,
  `pages/zh/` for the English run), which count by their path and metadata
  block (the front matter, or the `Key: value` lines up to the first empty
  line); a metadata block that names a `lang` counts as the whole file, as
  the post may be in this run's language after all;
- the environment (theme, plugin, settings, packages, the day: see
  sosconf.inputs.environment_digest).

When a language's digest is the one recorded for the output being replaced,
its run is skipped and its files are linked from that output into the new
one.  Only a language with a folder of its own (`en/`) can be skipped: its
run writes nothing but `en/`, `pagefind/en/` and its sitemap record, a copy
of which is kept in the build cache.  The first language's run also writes
the theme, the static files and the exports at the root, which the post-build
steps then rename and compress, so it always runs.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path
from stat import S_ISREG

from sosconf.content.post_metadata import FRONT_MATTER
from sosconf.files import write_atomically
from sosconf.languages import prefix
from sosconf.publish.search import BUNDLE
from sosconf.publish.sitemap import RUN_FILE

# A post's metadata ends at its first empty line (`Key: value`) or with its front matter.
_BLANK_LINE = re.compile(rb"\r?\n[ \t]*\r?\n")
_LANG_KEY = re.compile(rb"^\s*lang\s*:", re.IGNORECASE | re.MULTILINE)
_POST_SUFFIXES = (".md", ".markdown")
# Files compressed by the post-build step: made again, not linked.
_MADE_AFTER = (".gz", ".br")


def _metadata_block(data: bytes) -> bytes | None:
    """The part of a post its other-language run reads, or None if it may read all of it."""
    text = data.removeprefix(b"\xef\xbb\xbf")
    match = FRONT_MATTER.match(text.decode("utf-8", "replace"))
    if match:
        block = match.group(0).encode("utf-8", "replace")
    else:
        blank = _BLANK_LINE.search(text)
        block = text if blank is None else text[: blank.start()]
    return None if _LANG_KEY.search(block) else block


def _other_language_folders(settings, lang: str) -> tuple[str, ...]:
    others = [code for code in settings["SOSCONF_LANGUAGES"] if code != lang]
    return tuple(f"{kind}/{code}/" for code in others for kind in ("news", "pages"))


def run_digest(settings, environment: str, lang: str) -> str:
    """What the run of `lang` reads, summed up (see the module's description)."""
    content = Path(settings["PATH"]).resolve()
    others = _other_language_folders(settings, lang)
    digest = hashlib.sha256(f"{environment}\0{lang}\0".encode())
    for folder, subfolders, files in os.walk(content):
        subfolders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, content).replace(os.sep, "/")
            block = None
            try:
                stat = os.stat(path)
                # Only a regular file is read: a named pipe would never end (the run reports it).
                if relative.startswith(others) and name.endswith(_POST_SUFFIXES) and S_ISREG(stat.st_mode):
                    with open(path, "rb") as handle:
                        block = _metadata_block(handle.read())
            except OSError:  # a broken link, which the run reports
                continue
            if block is not None:
                digest.update(b"M\0" + relative.encode() + b"\0" + hashlib.sha256(block).digest())
            else:
                digest.update(f"F\0{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def can_skip(settings, lang: str) -> bool:
    return bool(prefix(settings, lang).strip("/"))


def run_folders(settings, lang: str) -> list[str]:
    """The folders a skippable language's run writes into, relative to the output."""
    return [prefix(settings, lang).strip("/"), f"{BUNDLE}/{lang}"]


def _link(source, target) -> None:
    if str(source).endswith(_MADE_AFTER):
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def link_previous_run(settings, lang: str, previous: Path, staging: Path, saved_record: Path) -> None:
    """Put what the last run of `lang` wrote, from the `previous` output, into `staging`."""
    for folder in run_folders(settings, lang):
        if (previous / folder).is_dir():
            shutil.copytree(previous / folder, staging / folder, copy_function=_link)
    shutil.copyfile(saved_record, staging / RUN_FILE.format(lang=lang))


def keep_run_record(staging: Path, lang: str, saved_record: Path) -> None:
    """Keep a copy of the sitemap record the run of `lang` wrote (the post-build step removes it)."""
    saved_record.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(saved_record, (staging / RUN_FILE.format(lang=lang)).read_bytes())
