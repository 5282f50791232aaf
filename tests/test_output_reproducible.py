"""Building the same content twice gives the same bytes, file for file.

The two builds run as separate processes with different hash seeds (so an
order that depends on set or dict iteration shows), the first with an empty
cache and the second with the cache the first left, into two folders.
Both judge "upcoming" by the same day, today, as two builds of one day do.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import CONTENT, ROOT, SETTINGS, snapshot


def _build(workdir: Path, output: Path, hash_seed: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"), PYTHONHASHSEED=hash_seed)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sosconf",
            "build",
            "--settings",
            str(SETTINGS),
            "--content",
            str(CONTENT),
            "--output",
            str(output),
        ],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("reproducible")  # its own .cache, empty at first
    first, second = workdir / "first", workdir / "second"
    _build(workdir, first, "1")
    _build(workdir, second, "2")
    return snapshot(first), snapshot(second)


def test_two_builds_write_the_same_files(two_builds):
    first, second = two_builds
    assert sorted(first) == sorted(second)
    assert len(first) > 20


def test_two_builds_are_byte_identical(two_builds):
    first, second = two_builds
    different = [path for path in first if first[path] != second.get(path)]
    assert different == []
