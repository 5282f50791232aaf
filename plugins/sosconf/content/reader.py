"""A Markdown reader for both metadata formats organizers use.

Pelican's `Key: value` lines and Jekyll-style YAML front matter (`---` ...
`---`) are read into the same metadata, processed the same way; the summary
cut, lazy loading of pictures from other hosts and rel="noopener" on links to
other sites happen here too, so every kind of content (articles, pages,
translations, drafts, hidden ones) gets them.

The reader is also where a post's own mistakes are found (bad metadata, a
doubled summary marker, HTML the site's policy blocks): every one of them is
recorded with its line, then the file is refused, so Pelican neither caches
nor builds it and the build fails.
"""

from __future__ import annotations

import os
import re

import yaml
from markdown import Markdown
from pelican.readers import MarkdownReader, parse_path_metadata
from pelican.utils import SafeDatetime

from sosconf.content import post_metadata
from sosconf.content.html_safety import add_noopener, blocked_html
from sosconf.content.links import LINKED_FILES, image_metadata, linked_files
from sosconf.content.summary import count_markers, cut_summary
from sosconf.errors import ContentError
from sosconf.site.site_links import SITE_LINKS, hand_to_pelican
from sosconf.yamlsource import YamlDocument, parse_yaml

# `2021-03-04`, `2021-03-04 10:00`, `2021-03-04 10:00:00`: what dateutil reads as
# exactly these fields, so they need not go through it.
_PLAIN_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?")
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


class _FastTextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser, leaving timestamps as text like yamlsource's loader."""


_FastTextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _flat_front_matter(source: str) -> YamlDocument | None:
    """Front matter of unique keys with texts or lists of texts, parsed by libyaml.

    Anything else (a mistake, a repeated key, a nested value) gives None, and
    `parse_yaml` reads it again: the pure-Python parser words the errors, at
    ten times the cost of this one.
    """
    loader = _FastTextLoader(source)
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode):
            return None
        lines = {(): node.start_mark.line + 1}
        for key_node, value_node in node.value:
            key = key_node.value
            if not isinstance(key_node, yaml.ScalarNode) or (key,) in lines:
                return None
            lines[(key,)] = key_node.start_mark.line + 1
            if isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value):
                    if not isinstance(item, yaml.ScalarNode):
                        return None
                    lines[(key, index)] = item.start_mark.line + 1
            elif not isinstance(value_node, yaml.ScalarNode):
                return None
        return YamlDocument(loader.construct_document(node), lines)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def parse_front_matter(source: str, relpath: str):
    """`parse_yaml(source, relpath)`, faster for the front matter posts usually have."""
    doc = _flat_front_matter(source)
    return (doc, []) if doc is not None else parse_yaml(source, relpath)


def _key_value_metadata(md: Markdown, text: str) -> dict[str, str]:
    """The `Key: value` metadata of `text`, as `md.convert(text)` reads it, without converting the text."""
    md.reset()
    lines = text.split("\n")
    for preprocessor in md.preprocessors:
        lines = preprocessor.run(lines)
        if preprocessor is md.preprocessors["meta"]:
            break
    return {key: ", ".join(values) for key, values in getattr(md, "Meta", {}).items()}


def lazy_external_images(html: str) -> str:
    """Pictures from other hosts load lazily: a blocked host never holds up the page."""
    return _EXTERNAL_IMG.sub('<img loading="lazy" decoding="async"', html)


class ContentRejected(Exception):
    """A file was refused; its error is already in the build's error log.

    Raised rather than returned so Pelican neither caches nor builds the file.
    """


class SosconfMarkdownReader(MarkdownReader):
    def process_metadata(self, name, value):
        """Pelican's processing; dates without a time zone skip dateutil, which costs more than the rest of a post's metadata."""
        if name in ("date", "modified") and isinstance(value, str):
            match = _PLAIN_DATE.fullmatch(value.replace("_", " ") if name == "date" else value)
            if match:
                try:
                    return SafeDatetime(*(int(part) for part in match.groups(default="0")))
                except ValueError:
                    pass  # dateutil says what is wrong with it
        return super().process_metadata(name, value)

    # The posts a second process reads for this reader (see sosconf.content.read_ahead).
    read_ahead = None

    def read(self, source_path):
        ahead = self.read_ahead
        if ahead is not None:
            if not ahead.started:
                ahead.start(self)  # at the first post, so that the child inherits a reader ready to read
            if source_path in ahead.assigned:
                return ahead.take(source_path, self.settings.get("SOSCONF_ERROR_LOG"))
        return self.read_here(source_path)

    def read_here(self, source_path):
        """Read one post in this process."""
        relpath = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        log = self.settings.get("SOSCONF_ERROR_LOG")
        try:
            return self._read(source_path, relpath, log)
        except ContentRejected:
            raise
        except Exception as exc:  # a reader bug must still name the file
            self._reject(
                log,
                [
                    ContentError(
                        relpath,
                        None,
                        f"could not be read: {exc}",
                        "check the metadata at the top of the file",
                    )
                ],
            )

    def _read(self, source_path, relpath, log):
        text = self._text(source_path, relpath, log)
        match = post_metadata.FRONT_MATTER.match(text)
        md = self._markdown(front_matter=bool(match))
        if match:
            doc, errors = parse_front_matter(match.group(1), relpath)
            if errors:
                # The front matter starts on the file's second line.
                self._reject(
                    log,
                    [ContentError(e.path, e.line + 1 if e.line else None, e.message, e.fix) for e in errors],
                )
            if not isinstance(doc.data, dict):
                self._reject(
                    log,
                    [
                        ContentError(
                            relpath, 2, "the front matter must be `key: value` lines", "e.g. `title: ...`"
                        )
                    ],
                )
            lines = post_metadata.front_matter_lines(doc)
            errors = post_metadata.nested_value_errors(doc.data, relpath, lines)
            body = text[match.end() :]
            raw = doc.data
        else:
            lines, errors = post_metadata.key_value_lines(text), []
            body = text
            raw = _key_value_metadata(md, text)

        texts, site = {}, []
        for key, value in normalize_metadata(raw).items():
            if key in self.settings["FORMATTED_FIELDS"]:
                md.reset()
                value, found = hand_to_pelican(md.convert(value), text, self.settings["PATH"])
                site += found
                errors += blocked_html(value, text, relpath)  # shown as HTML, like the text itself
            texts[key] = value
        metadata, found = post_metadata.process_metadata(texts, relpath, lines, self)
        errors += found
        errors += post_metadata.required_title(metadata, relpath, lines)
        errors += post_metadata.language_errors(metadata, relpath, lines, self.settings)

        # A post in the site's other language is only a translation in this
        # run: its metadata gives the link; its own run renders and checks it.
        md.reset()
        content = "" if self._in_other_language(metadata, relpath) else md.convert(body)
        marker = self.settings.get("SUMMARY_END_MARKER")
        if count_markers(content, marker) > 1:
            second = text.find(marker, text.find(marker) + len(marker))
            errors.append(
                ContentError(
                    relpath,
                    text.count("\n", 0, second) + 1 if second >= 0 else None,
                    f"the summary marker {marker} appears more than once",
                    "keep only the first",
                )
            )
        errors += blocked_html(content, text, relpath)
        files, found = linked_files(content, text, relpath, self.settings)
        errors += found
        if errors:
            self._reject(log, errors)
        content, found = hand_to_pelican(content, text, self.settings["PATH"])
        site += found

        content = add_noopener(lazy_external_images(content))
        summary, content = cut_summary(content, marker)
        if "summary" in metadata:
            metadata["summary"] = add_noopener(metadata["summary"])
        else:
            metadata["summary"] = summary
        metadata[LINKED_FILES] = tuple(files + image_metadata(metadata, relpath, lines))
        metadata[SITE_LINKS] = tuple(site)
        return content, metadata

    def _markdown(self, front_matter: bool) -> Markdown:
        """This reader's Markdown for one metadata format, made once: making one costs more than converting a post."""
        name = "_md_front_matter" if front_matter else "_md_key_value"
        md = self.__dict__.get(name)
        if md is None:
            md = Markdown(**self.settings["MARKDOWN"])
            if front_matter:
                md.preprocessors.deregister("meta")
            setattr(self, name, md)
        self._md = md
        return md

    def _in_other_language(self, metadata, relpath) -> bool:
        languages = self.settings.get("SOSCONF_LANGUAGES") or {}
        if "lang" in metadata:
            lang = str(metadata["lang"]).strip()
        else:
            lang = parse_path_metadata(relpath, settings=self.settings).get("lang")
        return lang in languages and lang != self.settings["DEFAULT_LANG"]

    def _text(self, source_path, relpath, log) -> str:
        with open(source_path, "rb") as handle:
            data = handle.read()
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            self._reject(
                log,
                [
                    ContentError(
                        relpath,
                        line,
                        "the file is not UTF-8",
                        "save it as UTF-8 (in VS Code: Save with Encoding)",
                    )
                ],
            )

    @staticmethod
    def _reject(log, errors):
        """Record every error of the file, then refuse it."""
        if log is None:
            raise ValueError("\n".join(str(error) for error in errors))
        log.extend(errors)
        raise ContentRejected(errors[0].path)


def use_markdown_reader(readers) -> None:
    """The `readers_init` receiver's step: this reader for every Markdown extension."""
    for extension in SosconfMarkdownReader.file_extensions:
        readers.reader_classes[extension] = SosconfMarkdownReader
