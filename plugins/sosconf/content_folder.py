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

from .errors import ContentError

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
    """An error for every symbolic link under `content` that leads outside it or round in a loop."""
    root = content.resolve()
    errors = []
    for folder, subfolders, files in os.walk(root):  # links to folders are listed, not followed
        subfolders.sort()
        for name in sorted(subfolders + files):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            problem = _problem(path, root)
            if problem:
                errors.append(ContentError(path.relative_to(root).as_posix(), None, problem, FIX))
    return errors
