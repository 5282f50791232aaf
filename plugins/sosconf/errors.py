"""Content errors: what an organizer reads when a file of theirs is wrong.

Every error names the file (relative to the content folder), the line when it
is known, what is wrong and how to fix it.  Errors are collected, not raised
one by one, so a single run reports every mistake it finds.  Both language
runs read the same content, so the same mistake must give the same error in
both: messages never contain anything that differs between runs (absolute
paths, the output folder), and `ContentErrors` keeps one of each.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# A line break or a terminal's escape sequence, from a file name or a value
# quoted in a message, would break the one-line-per-error output or act on
# the organizer's terminal: each is shown as its escape instead.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _escaped(match: re.Match) -> str:
    return match.group(0).encode("unicode_escape").decode("ascii")


@dataclass(frozen=True)
class ContentError:
    path: str
    line: int | None
    message: str
    fix: str = ""

    def sort_key(self) -> tuple:
        """File by file, top to bottom; errors without a line first."""
        return (self.path, self.line or 0, self.message, self.fix)

    def located(self, content_dir: str = "") -> str:
        """The error as one line, its path shown inside `content_dir` (as the organizer typed it)."""
        path = self.path
        if content_dir and not path.startswith("("):
            path = f"{content_dir.rstrip('/')}/{path}"
        where = f"{path}:{self.line}" if self.line else path
        text = f"{where}: {self.message}"
        if self.fix:
            text += f"; {self.fix}"
        return _CONTROL.sub(_escaped, text)

    def __str__(self) -> str:
        return self.located()


class ContentErrors(Exception):
    """Raised when content cannot be built; carries every error found, once each."""

    def __init__(self, errors):
        self.errors = sorted(set(errors), key=ContentError.sort_key)
        super().__init__("\n".join(str(e) for e in self.errors))


class ContentRead(Exception):
    """Stops a run once the content is read and checked, when nothing is to be written."""


@dataclass
class ErrorLog:
    """Collects errors during a build; `raise_if_any` ends it when needed."""

    errors: list[ContentError] = field(default_factory=list)

    def add(self, path, line, message, fix=""):
        self.errors.append(ContentError(str(path), line, message, fix))

    def extend(self, errors):
        self.errors.extend(errors)

    def has_error_for(self, path: str) -> bool:
        return any(error.path == path for error in self.errors)

    def raise_if_any(self):
        if self.errors:
            raise ContentErrors(self.errors)


# How many errors of one kind are printed before the rest are only counted.
SHOWN_PER_KIND = 20
# What differs between two errors of one kind: quoted values, names in
# backticks, numbers.
_PARTICULARS = re.compile(r'"[^"]*"|`[^`]*`|\d+')


def kind_of(error: ContentError) -> str:
    """The error with its particulars taken out: errors that read alike are one kind."""
    return _PARTICULARS.sub("…", f"{error.message}; {error.fix}" if error.fix else error.message)


@dataclass(frozen=True)
class Summary:
    """The errors to print, and each kind cut short: its first error and how many it has in all."""

    shown: list[ContentError]
    cut: list[tuple[ContentError, int]]


def summarize(errors: list[ContentError], every_line: bool = False) -> Summary:
    """The first SHOWN_PER_KIND errors of each kind, in order, and the kinds cut short, largest first."""
    if every_line:
        return Summary(list(errors), [])
    seen: Counter = Counter()
    first: dict[str, ContentError] = {}
    shown = []
    for error in errors:
        kind = kind_of(error)
        seen[kind] += 1
        first.setdefault(kind, error)
        if seen[kind] <= SHOWN_PER_KIND:
            shown.append(error)
    return Summary(
        shown, [(first[kind], count) for kind, count in seen.most_common() if count > SHOWN_PER_KIND]
    )
