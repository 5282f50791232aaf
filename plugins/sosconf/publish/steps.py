"""Steps that run over the whole staged output once every language is built,
before it replaces the published output (a failure here publishes nothing).
"""

from __future__ import annotations

from pathlib import Path

from sosconf.publish.compress import precompress
from sosconf.publish.fingerprint import fingerprint_assets
from sosconf.publish.headers import write_headers
from sosconf.publish.offline import write_offline_files
from sosconf.publish.search import index_for_search
from sosconf.publish.sitemap import write_sitemap
from sosconf.publish.staged_files import STAGED_FILES, StagedFiles

# Each step takes (staged output folder, settings of the first language) and
# raises ContentErrors or RuntimeError to stop the build.  Assets are renamed
# before anything lists files (the offline lists name the renamed ones);
# precompress stays last so that it compresses every text file the other
# steps wrote.  (The search index itself is made by
# each language's run; index_for_search lists its groups.)  While the steps
# run, a process of its own links the runs' HTML pages into their run copies
# (sosconf.rebuild.run_reuse.RunCopy): a step must not replace or remove a
# page a run wrote, but for the fingerprint, which the build waits for.
STEPS: list = [
    fingerprint_assets,
    write_offline_files,
    index_for_search,
    write_sitemap,
    write_headers,
    precompress,
]


def finish_output(staging: Path, settings: dict) -> None:
    # The steps that read every file share one listing (sosconf.publish.staged_files).
    settings = {**settings, STAGED_FILES: StagedFiles(staging)}
    for step in STEPS:
        step(staging, settings)
