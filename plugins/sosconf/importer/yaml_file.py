"""Reading and writing the edition file so that what the import does not
change stays as it was: keys, their order, quotes, comments and line breaks
(ruamel.yaml's round trip, set to the indentation of the site's files)."""

from __future__ import annotations

import io

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from sosconf.importer.errors import ScheduleError


def _yaml() -> YAML:
    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096  # never fold a long title onto two lines
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.allow_unicode = True
    return handler


def load(text: str, shown: str):
    try:
        document = _yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ScheduleError(
            shown,
            f"the edition file is not valid YAML: {error.problem or error.context}",
            "fix it (`make check` says how), then import again",
            mark.line + 1 if mark else None,
        ) from None
    if document is not None and not isinstance(document, dict):
        raise ScheduleError(shown, "the edition file is not a mapping of keys and values", "fix it first", 1)
    return document


def dump(document) -> str:
    buffer = io.StringIO()
    _yaml().dump(document, buffer)
    return buffer.getvalue()


def scalar(text: str):
    """`text` as a YAML value the site reads back as the same text.

    The site reads YAML 1.1 (PyYAML), where `yes`, `on` or `12:30` are no
    texts; those are quoted.  Texts of several paragraphs become a block.
    """
    if "\n" in text:
        return LiteralScalarString(text)
    try:
        same = pyyaml.safe_load(text) == text
    except pyyaml.YAMLError:
        same = False
    return text if same else DoubleQuotedScalarString(text)


def clock(minutes: int):
    """A program time as the site's files write it: "09:30", "25:15"."""
    return DoubleQuotedScalarString("%02d:%02d" % divmod(minutes, 60))
