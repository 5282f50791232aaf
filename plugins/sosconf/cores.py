"""How many processes a language run may use.

The runs go side by side, one per core.  A run holding nearly all the posts
of the runs going at the same time (a monolingual blog, or a run going
alone while the other language's is reused) would leave a core idle; such
a run reads and writes with a second process (see sosconf.content.read_ahead
and sosconf.site.split_writing).  `SOSCONF_WRITERS` (1 or 2) decides for
both when set.
"""

from __future__ import annotations

import os

SETTING = "SOSCONF_WRITERS"
# The languages whose runs go at the same time: set by the build; every language by default.
RUNNING_SETTING = "SOSCONF_RUNNING"
# Below this many posts to share out, a second process saves less than forking costs.
SMALLEST_SHARE = 200


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def processes_for(settings, lang: str, work_by_language: dict[str, int]) -> int:
    """1 or 2: the processes the run of `lang` may use, given each language's share of the work."""
    chosen = settings.get(SETTING)
    if chosen:
        return 2 if int(chosen) >= 2 else 1
    running = settings.get(RUNNING_SETTING) or settings["SOSCONF_LANGUAGES"]
    own = work_by_language.get(lang, 0)
    side_by_side = sum(work_by_language.get(code, 0) for code in running)
    if own < SMALLEST_SHARE or not side_by_side:
        return 1
    return 2 if available_cores() * own / side_by_side >= 1.5 else 1
