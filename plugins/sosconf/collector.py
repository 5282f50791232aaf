"""When Python's garbage collector runs during a build.

Python walks every object it tracks each time they have grown by a quarter
since its last full collection.  A run reads every post into objects that
live as long as it does, so while it reads, each full collection walks a
larger heap and finds nothing to free: five of them took 0.41 s of a
5,000-post blog's rebuild.  So collections stop while a run reads
(`stop`); once everything is read, what the run holds is frozen, never
walked again (nor copied, page by page, into the processes the run forks
when a collection would touch it), and collections go on for what comes
after (`keep_what_is_read`).  The post-build steps run with collections
stopped too: after a run going alone, its objects are still in the build's
process.  `restore` puts the collector back as it was when a run or a build
ends, however it ended: the preview server builds again and again in one
process.
"""

from __future__ import annotations

import gc


def running() -> bool:
    return gc.isenabled()


def stop() -> None:
    gc.disable()


def keep_what_is_read() -> None:
    """Everything is read: leave it out of every later collection, and collect again."""
    gc.freeze()
    gc.enable()


def restore(was_running: bool) -> None:
    """Collect everything again, and run as before `stop`."""
    gc.unfreeze()
    if was_running:
        gc.enable()
    else:
        gc.disable()
