"""Pelican's own warnings and errors, turned into content errors.

Pelican logs a mistake and carries on (it skips a post without a title, it
writes one of two posts that share a slug); this site fails instead.  While a
run is under way every record Pelican logs at WARNING or above goes into the
run's ErrorLog, so the plugin's check after reading stops the build before
anything is written.  The messages organizers meet most are reworded with a
fix; the rest keep Pelican's text, with paths made relative to the content
folder so both language runs report the same line.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re

from sosconf.content.post_metadata import file_name_errors, metadata_lines
from sosconf.errors import ContentError, ErrorLog

_SOURCE_SUFFIXES = (".md", ".markdown", ".yml", ".yaml")
_MISSING_FIXES = {
    "title": "add `Title: ...` as the first line (or `title:` in the front matter)",
    "date": "add `Date: YYYY-MM-DD HH:MM` (or `date:` in the front matter), or start the file name with YYYY-MM-DD",
}


class _IntoErrorLog(logging.Handler):
    def __init__(self, log: ErrorLog, settings):
        super().__init__(level=logging.WARNING)
        self.log = log
        self.settings = settings

    def emit(self, record):
        for error in explain(record, self.settings):
            if not self._already_reported(record, error):
                self.log.errors.append(error)

    def _already_reported(self, record, error) -> bool:
        # The reader said why it refused the file; the linked-file check named the missing file.
        if record.msg.startswith("Could not process"):
            return self.log.has_error_for(error.path)
        if record.msg.startswith("Cannot get modification stamp"):
            target = _relative(record.args[0], str(self.settings["PATH"]))
            return any(f"points to {target}," in known.message for known in self.log.errors)
        return False


@contextlib.contextmanager
def warnings_as_errors(log: ErrorLog, settings):
    """While inside, every warning Pelican logs is an error in `log`, and nothing is printed."""
    from pelican.log import LimitFilter, console

    console.quiet = True  # the build reports for itself
    # A fresh count per run: Pelican drops a warning it has seen before.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    logger = logging.getLogger("pelican")
    handler = _IntoErrorLog(log, settings)
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _relative(path, content_root: str) -> str:
    text = str(path)
    if os.path.isabs(text):
        text = os.path.relpath(text, content_root)
    return text.replace(os.sep, "/")


def _line_of_key(relpath: str, key: str, content_root: str) -> int | None:
    try:
        with open(os.path.join(content_root, relpath), encoding="utf-8-sig") as handle:
            return metadata_lines(handle.read()).get(key)
    except (OSError, UnicodeDecodeError):
        return None


def _source_paths(args, content_root: str) -> list[str]:
    return [_relative(arg, content_root) for arg in args if str(arg).endswith(_SOURCE_SUFFIXES)]


def _shared_slug(with_str: str, paths: list[str], content_root: str) -> list[ContentError]:
    """Several posts of one language share a slug: one error per file, naming the others."""
    slug = re.search(r'"(.*)"', with_str)
    slug = slug.group(1) if slug else with_str
    errors = []
    for path in paths:
        others = ", ".join(other for other in sorted(paths) if other != path)
        errors.append(
            ContentError(
                path,
                _line_of_key(path, "slug", content_root),
                f'the slug "{slug}" is also used by {others} in the same language',
                "give each post its own `slug` (a translation has the same slug, in the other language's folder)",
            )
        )
    return errors


def explain(record: logging.LogRecord, settings) -> list[ContentError]:
    """The content errors a Pelican log record stands for."""
    content_root = str(settings["PATH"])
    args = record.args if isinstance(record.args, tuple) else ()
    template = str(record.msg)

    if template.startswith("Could not process") and args:
        from pelican.readers import BaseReader

        path = _relative(args[0], content_root)
        errors = file_name_errors(path, settings, BaseReader(settings).process_metadata)
        return errors or [
            ContentError(path, None, "could not be read", "check the metadata at the top of the file")
        ]

    if template.startswith("Skipping %s: could not find information about") and len(args) == 2:
        path, key = _relative(args[0], content_root), str(args[1])
        return [ContentError(path, None, f"`{key}` is missing", _MISSING_FIXES.get(key, f"add `{key}:`"))]

    if template.startswith("Unknown status") and len(args) == 3:
        path = _relative(args[1], content_root)
        allowed = ", ".join(status for status in args[2] if status != "skip")
        return [
            ContentError(
                path,
                _line_of_key(path, "status", content_root),
                f'status: "{args[0]}" is not allowed',
                f"use one of: {allowed}",
            )
        ]

    if template.startswith("There are %s items") and len(args) >= 3:
        return _shared_slug(str(args[1]), _source_paths(args[3:], content_root), content_root)

    if template.startswith("There are %s original") and len(args) >= 2:
        return _shared_slug(str(args[1]), _source_paths(args[2:], content_root), content_root)

    if template.startswith("{filename} used for linking to static") and len(args) == 2:
        return [
            ContentError(
                _relative(args[1], content_root),
                None,
                f'"{{filename}}{args[0]}" links to a picture or file, not a post',
                f"write {{static}}{args[0]} instead",
            )
        ]

    if template.startswith("Cannot get modification stamp") and args:
        target = _relative(args[0], content_root)
        if target.startswith("../"):
            return []  # the post's link with ".." is reported, with its line, by sosconf.content.links
        return [
            ContentError(
                "(content)",
                None,
                f"{target} is linked from the content but does not exist",
                "add the file, or correct the link",
            )
        ]

    if template.startswith("Unable to find") and args:
        return [
            ContentError(
                "(content)",
                None,
                f'a link points to "{args[0]}", which is not a post, page or file of the site',
                "correct the path after {filename} or {static}",
            )
        ]

    paths = _source_paths(args, content_root)
    message = record.getMessage()
    if os.path.isabs(content_root):
        message = message.replace(content_root.rstrip(os.sep) + os.sep, "")
    message = " ".join(message.split())
    return [ContentError(paths[0] if paths else "(build)", None, message, "")]


def written_twice(exc: Exception, settings) -> list[ContentError]:
    """Two things of the site were to be written at one address (Pelican stops there)."""
    match = re.search(r'"(.*?)"', str(exc))
    target = _relative(match.group(1), str(settings["OUTPUT_PATH"])) if match else "one address"
    return [
        ContentError(
            "(content)",
            None,
            f"two pages would both be written to {target}",
            "a post's or page's `slug` is probably the same as another one's, or as one of the site's own "
            "pages (news, editions, contact, tags, categories, a year); change that slug",
        )
    ]
