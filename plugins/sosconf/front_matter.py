"""A Markdown reader for both metadata formats organizers use.

Pelican's `Key: value` lines and Jekyll-style YAML front matter (`---` ...
`---`) are read into the same metadata, processed the same way; the summary
cut and lazy loading of pictures from other hosts happen here too, so every
kind of content (articles, pages, translations, drafts, hidden ones) gets them.
"""

from __future__ import annotations

import os
import re

from markdown import Markdown
from pelican.readers import MarkdownReader

from .errors import ContentError
from .summary import count_markers, cut_summary
from .yamlsource import parse_yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_EXTERNAL_IMG = re.compile(r"<img\b(?=[^>]*\bsrc=[\"'](?:https?:)?//)(?![^>]*\bloading=)", re.IGNORECASE)
# Jekyll keys that mean nothing to this site but are accepted as they are.
IGNORED_KEYS = {"layout"}


def _as_text(value) -> str:
    """YAML values as the text a `Key: value` line would give."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(_as_text(item) for item in value)
    return str(value)


def normalize_metadata(raw: dict[str, object]) -> dict[str, str]:
    """Lower-case keys, texts as values; `author: A, B` names two authors."""
    metadata = {}
    for key, value in raw.items():
        key = str(key).lower()
        if key in IGNORED_KEYS:
            continue
        text = _as_text(value).strip()
        if key == "author" and ("," in text or ";" in text):
            key = "authors"
        metadata[key] = text
    return metadata


def lazy_external_images(html: str) -> str:
    """Pictures from other hosts load lazily: a blocked host never holds up the page."""
    return _EXTERNAL_IMG.sub('<img loading="lazy" decoding="async"', html)


class ContentRejected(Exception):
    """A file was refused; its error is already in the build's error log.

    Raised rather than returned so Pelican neither caches nor builds the file.
    """


class SosconfMarkdownReader(MarkdownReader):
    def read(self, source_path):
        relpath = os.path.relpath(source_path, self.settings["PATH"])
        log = self.settings.get("SOSCONF_ERROR_LOG")
        try:
            return self._read(source_path, relpath, log)
        except ContentRejected:
            raise
        except Exception as exc:  # a reader bug must still name the file
            self._reject(log, relpath, None, f"could not be read: {exc}", "check the metadata at the top of the file")

    def _read(self, source_path, relpath, log):
        try:
            with open(source_path, encoding="utf-8-sig") as handle:
                text = handle.read()
        except UnicodeDecodeError as exc:
            self._reject(log, relpath, None, f"the file is not UTF-8 (byte {exc.start})", "save it as UTF-8")

        md = Markdown(**self.settings["MARKDOWN"])
        self._md = md
        match = _FRONT_MATTER.match(text)
        if match:
            doc, errors = parse_yaml(match.group(1), relpath)
            if errors:
                for error in errors:
                    line = error.line + 1 if error.line else None
                    self._record(log, relpath, line, error.message, error.fix)
                raise ContentRejected(relpath)
            if not isinstance(doc.data, dict):
                self._reject(log, relpath, 2, "the front matter must be `key: value` lines", "e.g. `title: ...`")
            md.preprocessors.deregister("meta")
            content = md.convert(text[match.end():])
            raw = doc.data
        else:
            content = md.convert(text)
            raw = {key: ", ".join(values) for key, values in getattr(md, "Meta", {}).items()}

        metadata = {}
        for key, value in normalize_metadata(raw).items():
            if key in self.settings["FORMATTED_FIELDS"]:
                md.reset()
                value = md.convert(value)
            metadata[key] = self.process_metadata(key, value)

        marker = self.settings.get("SUMMARY_END_MARKER")
        if count_markers(content, marker) > 1:
            self._reject(
                log, relpath, None, f"the summary marker {marker} appears more than once", "keep only the first"
            )
        summary, content = cut_summary(content, marker)
        if "summary" not in metadata:
            metadata["summary"] = summary
        return lazy_external_images(content), metadata

    @staticmethod
    def _record(log, relpath, line, message, fix):
        if log is None:
            raise ValueError(str(ContentError(relpath, line, message, fix)))
        log.add(relpath, line, message, fix)

    def _reject(self, log, relpath, line, message, fix):
        self._record(log, relpath, line, message, fix)
        raise ContentRejected(relpath)
