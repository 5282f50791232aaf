"""Steps that run over the whole staged output once every language is built,
before it replaces the published output (a failure here publishes nothing).
"""

from __future__ import annotations

from pathlib import Path

from .search import index_for_search
from .sitemap import write_sitemap

# Each step takes (staged output folder, settings of the first language) and
# raises ContentErrors or RuntimeError to stop the build.
STEPS: list = [
    index_for_search,
    write_sitemap,
]


def finish_output(staging: Path, settings: dict) -> None:
    for step in STEPS:
        step(staging, settings)
