"""Files written whole (a build killed at any moment leaves the old file or the new one), and
folders removed without waiting."""

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


# Run by a process of its own: removes everything in the folder it is given.
_EMPTY_FOLDER = """
import os, shutil, sys
for entry in os.scandir(sys.argv[1]):
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path, ignore_errors=True)
"""
# The removers started and not yet seen ending (kept so that each is waited for).
_removers: list[subprocess.Popen] = []


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
    _removers[:] = [remover for remover in _removers if remover.poll() is None]
    _removers.append(
        subprocess.Popen(
            [sys.executable, "-c", _EMPTY_FOLDER, str(trash)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    )
