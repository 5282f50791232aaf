"""Content errors: what an organizer reads when a file of theirs is wrong.

Every error names the file (relative to the content folder), the line when it
is known, what is wrong and how to fix it.  Errors are collected, not raised
one by one, so a single run reports every mistake it finds.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.fix:
            text += f"; {self.fix}"
        return text


class ContentErrors(Exception):
    """Raised when content cannot be built; carries every error found."""

    def __init__(self, errors):
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass
class ErrorLog:
    """Collects errors during a build; `raise_if_any` ends it when needed."""

    errors: list[ContentError] = field(default_factory=list)

    def add(self, path, line, message, fix=""):
        self.errors.append(ContentError(str(path), line, message, fix))

    def extend(self, errors):
        self.errors.extend(errors)

    def raise_if_any(self):
        if self.errors:
            raise ContentErrors(self.errors)
