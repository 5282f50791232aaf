"""The one error an import stops at: which file, where in it, what and how to fix it."""

from __future__ import annotations


class ScheduleError(Exception):
    """A schedule (or the edition file it goes into) that cannot be imported."""

    def __init__(self, path: str, message: str, fix: str = "", line: int | None = None, element: str = ""):
        self.path = str(path)
        self.message = message
        self.fix = fix
        self.line = line
        self.element = element
        super().__init__(self.located())

    def located(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: "
        if self.element:
            text += f"{self.element}: "
        text += self.message
        if self.fix:
            text += f"; {self.fix}"
        return text
