"""The output before last, emptied of its files, as the next build's staging folder.

Every page of the site is a folder of its own (`news/<slug>/index.html`),
so a fresh staging folder means making every one of those folders again:
10,400 for a 5,000-post blog, about half a millisecond each on an ext4
disk while the build's processes write beside each other.  A rebuild
writes nearly the same folders as the build before it, so the output it
replaces is kept instead of removed: a process of its own removes every
file and link in it (never a folder, never following a link), leaves out
the search bundles (which are put in place as whole folders), and only
then names it the spare of that output folder (`cache_paths.spare_output`).

The next build takes the spare, if one is ready, as its staging folder: it
holds folders and nothing else, so no file of the live output, of a run
copy or of the render cache can be written through it.  Before the
post-build steps, the folders no page was written into are removed
(`remove_empty_folders`).
A build that finds no spare (the first one, or one started while the
spare is still being emptied) starts from an empty folder, as before.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sosconf.files import remove_in_background, run_in_background
from sosconf.rebuild import cache_paths

# Run by a process of its own: argv is the folder to empty, the spare it becomes and a folder to leave out.
_EMPTY_KEEPING_FOLDERS = """
import os, shutil, sys
working, spare, leave_out = sys.argv[1:4]

def empty(path, top):
    with os.scandir(path) as scanned:
        entries = list(scanned)
    for entry in entries:
        if not entry.is_dir(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except FileNotFoundError:
                pass
        elif top and entry.name == leave_out:
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            empty(entry.path, False)

try:
    empty(working, True)
    os.rename(working, spare)  # refused when a spare with folders is there already
except OSError:
    shutil.rmtree(working, ignore_errors=True)
"""


def keep_as_spare(old: Path, output: Path, leave_out: str) -> None:
    """Make `old` (the output `output` replaced) the spare of `output`, emptied in the background.

    It leaves its place at once (one rename into the cache); where it cannot
    go there (the cache on another disk), it is removed instead.
    """
    spare = cache_paths.spare_output(output)
    working = spare.with_name(f"{spare.name}.emptying-{os.getpid()}-{time.monotonic_ns()}")
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        os.replace(old, working)
    except OSError:
        remove_in_background(old, cache_paths.trash_folder())
        return
    run_in_background(_EMPTY_KEEPING_FOLDERS, str(working), str(spare), leave_out)


def take_spare(output: Path, staging: Path) -> bool:
    """Move the spare of `output`, if one is ready, to `staging` (which must not exist); whether it was."""
    try:
        os.rename(cache_paths.spare_output(output), staging)
    except OSError:  # none ready, taken by another build, or on another disk
        return False
    return True


def remove_empty_folders(folder: Path | str) -> bool:
    """Remove every folder under `folder` that holds no file, however deep; whether `folder` is empty now."""
    with os.scandir(folder) as scanned:
        entries = [(entry.path, entry.is_dir(follow_symlinks=False)) for entry in scanned]
    empty = True
    for path, is_folder in entries:
        if is_folder and remove_empty_folders(path):
            os.rmdir(path)
        else:
            empty = False
    return empty
