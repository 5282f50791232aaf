"""The files of the staged output, listed once for the steps that go through all of them.

The sitemap and `_headers` each listed every file of the output: on the
5,000-post blog, 15,000 files in 10,000 folders, 0.2 s a listing.  The
steps run one after the other, so the first that asks lists the output and
the others take that list; a step that then writes a file which a later
step lists says so (`wrote`).  The list is handed to the steps in their
settings (`STAGED_FILES`), as the error log is to a run; a step given
settings without it (a test calling it alone) lists the output itself.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from sosconf.files import files_under

STAGED_FILES = "SOSCONF_STAGED_FILES"


def _order(relative: str) -> list[str]:
    return relative.split("/")


class StagedFiles:
    def __init__(self, output: Path):
        self.output = Path(output)
        self._files: list[str] | None = None

    def files(self) -> list[str]:
        """Every file under the output, relative, in the order of `sosconf.files.files_under`."""
        if self._files is None:
            self._files = files_under(self.output)
        return list(self._files)

    def wrote(self, *relatives: str) -> None:
        """Files a step has just written into the output (new, or written again)."""
        if self._files is None:
            return
        for relative in relatives:
            at = bisect.bisect_left(self._files, _order(relative), key=_order)
            if at == len(self._files) or self._files[at] != relative:
                self._files.insert(at, relative)


def staged_files(output: Path, settings) -> StagedFiles:
    """The listing the build hands its steps for `output`, or a new one."""
    found = settings.get(STAGED_FILES)
    if isinstance(found, StagedFiles) and found.output == Path(output):
        return found
    return StagedFiles(output)
