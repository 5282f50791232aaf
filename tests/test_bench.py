"""`make bench` runs end to end on a tiny site and prints every ratio (no timing is asserted)."""

from __future__ import annotations

import re
import subprocess

import pytest
from support import ROOT


@pytest.mark.slow
def test_make_bench_prints_the_ratios():
    result = subprocess.run(
        ["make", "--no-print-directory", "bench", "BENCH_N=20", "BENCH_BLOG_N=20", "BENCH_REPEAT=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    generated, blog = result.stdout.split("\nblog profile")
    assert "generated profile, N = 20 posts" in generated
    for ratio in ("a/b", "a/b0", "c/a", "e/a", "f/a", "d/a"):
        assert re.search(rf"^  {re.escape(ratio)} = \d+\.\d\d ", generated, re.MULTILINE), result.stdout
    for ratio in ("a/b", "a/b0", "c/a", "f/a", "d/a"):
        assert re.search(rf"^  {re.escape(ratio)} = \d+\.\d\d ", blog, re.MULTILINE), result.stdout
    assert re.search(r"peak memory of our build: \d+ MB", result.stdout)
