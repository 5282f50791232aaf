"""The content folder holds everything the site is built from, and nothing else.

Pelican follows symbolic links when it lists files, so a link under content/
to a file or folder elsewhere (a home folder, /etc) would be read and
published as if it were content.  Every link is checked before a run reads
anything; one that leads outside, or back into a folder that holds it (which
would make the listing endless), stops the run with its name.
"""

from __future__ import annotations

import os
from pathlib import Path

from sosconf.errors import ContentError

FIX = "put the file itself in the content folder instead of a link to it"


def _problem(link: Path, root: Path) -> str | None:
    try:
        target = link.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return "is a link that leads to itself"
    if not os.path.lexists(target) or not target.exists():
        if not target.is_relative_to(root):
            return "is a link to a file outside the content folder"
        return "is a link that leads nowhere (its file is missing)"
    if not target.is_relative_to(root):
        return f"is a link to a {'folder' if target.is_dir() else 'file'} outside the content folder"
    if target.is_dir() and link.parent.resolve().is_relative_to(target):
        return "is a link to a folder that holds it, so the folder would never end"
    return None


def links_leaving(content: Path) -> list[ContentError]:
    """An error for every symbolic link under `content` that leads outside it, round in a loop or
    nowhere, and for every entry that is not a file or a folder (a named pipe would block the run)."""
    root = content.resolve()
    errors = []
    folders = [root]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:  # the kind of each entry comes with it: no extra stat
            for entry in sorted(entries, key=lambda entry: entry.name):
                path = Path(entry.path)
                if entry.is_symlink():
                    problem = _problem(path, root)
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(path)
                    continue
                elif entry.is_file(follow_symlinks=False):
                    continue
                else:
                    problem = (
                        "is neither a file nor a folder (a pipe or a device), which the build cannot read"
                    )
                if problem:
                    errors.append(
                        ContentError(path.relative_to(root).as_posix(), None, problem, _fix(problem))
                    )
    return sorted(errors, key=ContentError.sort_key)


def _fix(problem: str) -> str:
    return "remove it" if problem.startswith("is neither") else FIX
