"""Files written whole (a build killed at any moment leaves the old file or the new one),
folders removed without waiting, work left to a process of its own, and the files under a
folder listed quickly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write `path` so that a reader sees the old bytes or the new ones, never a part."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def files_under(folder: Path | str, leave_out: tuple[str, ...] = ()) -> list[str]:
    """Every file under `folder`, as paths relative to it with "/", ordered part by part.

    The order is that of `sorted(path.split("/"))`.  Folders whose path (with a
    trailing "/") starts with one of `leave_out` are not entered.  One scan
    per folder and plain strings: `os.walk` with `relpath`, or `rglob`, took
    a third of a second or more for the 15,000 files of a 5,000-post blog.
    """
    found: list[str] = []

    def scan(path: str, relative: str) -> None:
        with os.scandir(path) as entries:
            listed = sorted(
                (entry.name, entry.path, entry.is_dir(follow_symlinks=False)) for entry in entries
            )
        for name, full, is_folder in listed:
            if not is_folder:
                found.append(relative + name)
            elif not (relative + name + "/").startswith(leave_out):
                scan(full, relative + name + "/")

    if os.path.isdir(folder):
        scan(os.fspath(folder), "")
    return found


# Run by a process of its own: removes everything in the folder it is given.
_EMPTY_FOLDER = """
import os, shutil, sys
for entry in os.scandir(sys.argv[1]):
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path, ignore_errors=True)
"""
# The processes started in the background and not yet seen ending (kept so that each is waited for).
_background: list[subprocess.Popen] = []


def remove_in_background(folder: Path, trash: Path) -> None:
    """Remove `folder` without waiting for it: moved into `trash`, which another process empties.

    Removing thousands of files takes a second or more on a slow disk; the
    build need not wait for it.  The move is one rename, so `folder` is gone
    from its place at once; where it cannot be moved (`trash` on another
    disk), it is removed here and now.
    """
    try:
        trash.mkdir(parents=True, exist_ok=True)
        os.replace(folder, trash / f"{folder.name}.{os.getpid()}.{time.monotonic_ns()}")
    except FileNotFoundError:
        return
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    run_in_background(_EMPTY_FOLDER, str(trash))


def run_in_background(script: str, *args: str) -> None:
    """Run the Python `script` with `args` in a process of its own, which outlives the build."""
    _background[:] = [process for process in _background if process.poll() is None]
    _background.append(
        subprocess.Popen(
            [sys.executable, "-c", script, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    )
