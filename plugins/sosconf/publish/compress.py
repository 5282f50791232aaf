"""Gzip and Brotli copies of the text files, for servers that send them as they are.

nginx (`gzip_static`, `brotli_static`) and similar servers answer with
`page.html.br` or `page.html.gz` when the browser accepts it, instead of
compressing at every request.  Both copies are deterministic: gzip with a
zero timestamp and no file name, Brotli at a fixed quality.  Production
builds only (SOSCONF_PRECOMPRESS), to keep the preview fast.
"""

from __future__ import annotations

import gzip
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

from sosconf.publish.staged_files import staged_files

COMPRESSIBLE_SUFFIXES = {".html", ".css", ".js", ".xml", ".json", ".txt", ".svg", ".ics"}
# Below this a response fits in one packet anyway; the copies would only
# clutter the output.
MIN_SIZE = 1024
# Quality 11 is 2-3 % smaller than 10 but takes twice as long, which a site
# of thousands of pages feels at every deploy.
BROTLI_QUALITY = 10


def compressible(path: Path) -> bool:
    return path.is_file() and path.suffix in COMPRESSIBLE_SUFFIXES and path.stat().st_size >= MIN_SIZE


def compressed_copies(data: bytes) -> dict[str, bytes]:
    """{".gz": ..., ".br": ...}, leaving out a copy that would not be smaller."""
    copies = {
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        ".br": brotli.compress(data, quality=BROTLI_QUALITY),
    }
    return {suffix: copy for suffix, copy in copies.items() if len(copy) < len(data)}


def write_compressed_copies(path: Path) -> None:
    for suffix, copy in compressed_copies(path.read_bytes()).items():
        path.with_name(path.name + suffix).write_bytes(copy)


def precompress(output: Path, settings) -> None:
    """Post-build step: `x.html.gz` and `x.html.br` beside every text file worth it."""
    if not settings.get("SOSCONF_PRECOMPRESS"):
        return
    # The last step: what it writes, no step after it lists.
    paths = [output / relative for relative in staged_files(output, settings).files()]
    paths = [path for path in paths if compressible(path)]
    # Brotli takes most of the time and one file at a time: use every core.
    with ProcessPoolExecutor(
        max_workers=os.cpu_count(), mp_context=multiprocessing.get_context("fork")
    ) as pool:
        list(pool.map(write_compressed_copies, paths, chunksize=8))
