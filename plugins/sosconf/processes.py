"""Whether the process that left a file behind is still running, and ending a process at once.

Builds name their half-made files and folders after their process id; one
whose process is gone was left by a build that was killed, and can go.
"""

from __future__ import annotations

import os
import sys


def process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, under another user
        return False
    return False


def leave(status: int = 0) -> None:
    """End this process at once (a forked child, or the command once done), once what it printed is out."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)
