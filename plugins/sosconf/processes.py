"""Whether the process that left a file behind is still running.

Builds name their half-made files and folders after their process id; one
whose process is gone was left by a build that was killed, and can go.
"""

from __future__ import annotations

import os


def process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, under another user
        return False
    return False
