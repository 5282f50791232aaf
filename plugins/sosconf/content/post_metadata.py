"""The metadata at the top of a post or page: where each key is written, and
what is wrong with it.

Values go through Pelican's own processing (`reader.process_metadata`), so a
date is accepted here exactly when Pelican accepts it; what this module adds
is the line of the key and a message that says how to write it.
"""

from __future__ import annotations

import difflib
import os
import re

from pelican.readers import parse_path_metadata

from sosconf.errors import ContentError
from sosconf.yamlsource import parse_yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
# Python-Markdown's `meta` extension: a key at the start of a line, a colon;
# indented lines continue the value; the first blank line ends the block.
_META_KEY = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):")
DATE_KEYS = ("date", "modified")
DATE_FIX = "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2022-10-15 10:00"


def key_value_lines(text: str) -> dict[str, int]:
    """The line of every `Key: value` metadata line at the top of `text` (keys lower-cased)."""
    lines = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        match = _META_KEY.match(line)
        if match:
            lines.setdefault(match.group(1).lower(), number)
        elif number == 1 and line.strip() == "---":
            continue
        elif not line.startswith(("    ", "\t")):
            break
    return lines


def front_matter_lines(doc) -> dict[str, int]:
    """The line in the file of every top-level key of parsed front matter (which starts on line 2)."""
    if doc is None or not isinstance(doc.data, dict):
        return {}
    return {str(key).lower(): doc.line_of((key,)) + 1 for key in doc.data}


def metadata_lines(text: str) -> dict[str, int]:
    """The line of every metadata key of a Markdown file, in either format."""
    match = FRONT_MATTER.match(text)
    if match:
        doc, _errors = parse_yaml(match.group(1), "")
        return front_matter_lines(doc)
    return key_value_lines(text)


def nested_value_errors(raw: dict, relpath: str, lines: dict[str, int]) -> list[ContentError]:
    """Front matter values must be texts or lists of texts: a mapping has no meaning as metadata."""
    errors = []
    for key, value in raw.items():
        items = value if isinstance(value, list) else [value]
        if any(isinstance(item, (dict, list)) for item in items):
            name = str(key).lower()
            errors.append(
                ContentError(
                    relpath,
                    lines.get(name),
                    f"`{name}` must be a text or a list of texts",
                    f"write it on one line, e.g. `{name}: ...`, or as `[first, second]`",
                )
            )
    return errors


def process_metadata(
    texts: dict[str, str], relpath: str, lines: dict[str, int], reader
) -> tuple[dict, list[ContentError]]:
    """Pelican's processing of every value, and an error for each one it refuses."""
    metadata, errors = {}, []
    for key, value in texts.items():
        try:
            metadata[key] = reader.process_metadata(key, value)
        except (ValueError, TypeError, OverflowError):
            fix = DATE_FIX if key in DATE_KEYS else f"see docs/content.md for how to write `{key}`"
            what = "a date" if key in DATE_KEYS else f"a valid `{key}`"
            errors.append(ContentError(relpath, lines.get(key), f'{key}: "{value}" is not {what}', fix))
    return metadata, errors


def file_name_errors(relpath: str, settings, process) -> list[ContentError]:
    """What Pelican reads from the file's name and folder (a date, the language) and cannot use.

    Pelican reads these before the file itself and gives up on the file
    without saying why, so the reason is found again here.
    """
    errors = []
    for key, value in parse_path_metadata(relpath, settings=settings).items():
        try:
            process(key, value)
        except (ValueError, TypeError, OverflowError):
            what = "a date" if key in DATE_KEYS else "valid"
            errors.append(
                ContentError(
                    relpath,
                    None,
                    f"the file name gives `{key}: {value}`, which is not {what}",
                    "rename the file (a name may start with a real date, YYYY-MM-DD-)",
                )
            )
    return errors


def required_title(metadata: dict, relpath: str, lines: dict[str, int]) -> list[ContentError]:
    title = metadata.get("title")
    if title is None:
        misspelt = difflib.get_close_matches("title", list(lines), n=1, cutoff=0.6)
        if misspelt:
            return [
                ContentError(
                    relpath,
                    lines[misspelt[0]],
                    f"`title` is missing; `{misspelt[0]}` is not a key",
                    "write it `title`",
                )
            ]
        return [
            ContentError(
                relpath,
                None,
                "`title` is missing",
                "add `Title: ...` as the first line (or `title:` in the front matter)",
            )
        ]
    if not str(title).strip():
        return [
            ContentError(relpath, lines.get("title"), "`title` is empty", "write the title after `title:`")
        ]
    return []


def language_errors(metadata: dict, relpath: str, lines: dict[str, int], settings) -> list[ContentError]:
    """The post's language, its own `lang` or its folder's, must be one of the site's."""
    known = list(settings.get("SOSCONF_LANGUAGES") or [settings["DEFAULT_LANG"]])
    if "lang" in metadata:
        lang = str(metadata["lang"]).strip()
        if lang in known:
            return []
        return [
            ContentError(
                relpath,
                lines.get("lang"),
                f"`lang: {lang}` is not a language of this site",
                f"use one of: {', '.join(known)}",
            )
        ]
    lang = parse_path_metadata(relpath, settings=settings).get("lang")
    if lang is None or lang in known:
        return []
    folders = " or ".join(
        os.path.dirname(relpath.replace(f"/{lang}/", f"/{other}/", 1)) + "/" for other in known
    )
    return [
        ContentError(
            relpath,
            None,
            f"the folder {lang}/ is not a language of this site",
            f"move the file to {folders}, or give it `lang:`",
        )
    ]
