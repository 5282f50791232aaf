"""`make bench`: time the site's build against plain Pelican on generated content.

For each size N, one work folder gets a generated site (tools/bench/generate.py)
and the same posts in plain Pelican's metadata format.  Then, in rounds, so
that a busy machine slows every variant alike:

  (a) our build from cold: no reader cache, no previous output;
  (b) plain Pelican 4.12, default theme, no plugins, the settings
      `pelican-quickstart` writes, over the same posts (one run);
  (c) our rebuild after one post changed;
  (d) our rebuild with nothing changed;
  (j) Jekyll over the same posts, when a `jekyll` command exists.

Every measurement is one fresh process: its wall time, the largest resident
size of any process in it (getrusage via wait4) and the sum of the resident
sizes of its process tree, sampled every 20 ms.  The medians and the ratios
a/b, c/a and d/a are printed at the end.

    python -m tools.bench.run --posts 1000 [5000] --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .generate import generate, write_jekyll_copy, write_plain_copy

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

# What `pelican-quickstart` writes when every question keeps its default,
# pointed at the generated posts: the baseline a new Pelican user starts from.
PLAIN_SETTINGS = """\
AUTHOR = "sosconf"
SITENAME = "sosconf"
SITEURL = ""
PATH = "plain"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 10
"""

JEKYLL_CONFIG = """\
title: sosconf
timezone: Asia/Shanghai
permalink: /:categories/news/:slug/
"""

TARGETS = {"a/b": 1.25, "c/a": 0.35, "d/a": 0.25}


@dataclass
class Sample:
    seconds: float
    cpu_seconds: float  # user + system time of the process and its children
    max_rss_kb: int  # the largest single process
    tree_rss_kb: int  # the largest sampled sum over the process tree


@dataclass
class Series:
    label: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def cpu_median(self) -> float:
        return statistics.median(s.cpu_seconds for s in self.samples)

    @property
    def max_rss_mb(self) -> float:
        return max(s.max_rss_kb for s in self.samples) / 1024

    @property
    def tree_rss_mb(self) -> float:
        return max(s.tree_rss_kb for s in self.samples) / 1024


def _tree_rss_kb(root: int) -> int:
    """Resident size of `root` and all its descendants, in KiB (0 once gone)."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    pending.extend(int(child) for child in handle.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def measure(command: list[str], cwd: Path, env: dict | None = None) -> Sample:
    """Run `command` once; raise if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{output}")
    return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, max(peak, usage.ru_maxrss))


class Workspace:
    """One generated site and the commands that build it."""

    def __init__(self, folder: Path, posts: int, editions: int, seed: int):
        self.folder = folder
        self.content = folder / "content"
        self.output = folder / "output"
        made = generate(self.content, posts, editions, seed)
        write_plain_copy(made, folder / "plain")
        (folder / "plainconf.py").write_text(PLAIN_SETTINGS, encoding="utf-8")
        self.jekyll = shutil.which("jekyll")
        if self.jekyll:
            write_jekyll_copy(made, folder / "jekyll")
            (folder / "jekyll" / "_config.yml").write_text(JEKYLL_CONFIG, encoding="utf-8")
        # The post (c) edits: a Chinese one in the middle of the list.
        self.changed = sorted((self.content / "news" / "zh").glob("*.md"))[len(made) // 4]
        self.changes = 0
        self.env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}

    def _sosconf(self) -> list[str]:
        return [
            PYTHON,
            "-m",
            "sosconf",
            "build",
            "--settings",
            str(ROOT / "pelicanconf.py"),
            "--content",
            str(self.content),
            "--output",
            str(self.output),
        ]

    def cold(self) -> Sample:
        shutil.rmtree(self.folder / ".cache", ignore_errors=True)
        shutil.rmtree(self.output, ignore_errors=True)
        return measure(self._sosconf(), self.folder, self.env)

    def one_post_changed(self) -> Sample:
        self.changes += 1
        word = f"benchmark-edit-{self.changes}"
        with self.changed.open("a", encoding="utf-8") as handle:
            handle.write(f"\n{word}\n")
        sample = measure(self._sosconf(), self.folder, self.env)
        written = [page for page in self.output.glob("news/*/index.html") if word in page.read_text("utf-8")]
        if not written:
            raise RuntimeError(f"the rebuild after editing {self.changed.name} did not publish the edit")
        return sample

    def nothing_changed(self) -> Sample:
        return measure(self._sosconf(), self.folder, self.env)

    def plain(self) -> Sample:
        out = self.folder / "plain-output"
        shutil.rmtree(out, ignore_errors=True)
        pelican = [PYTHON, "-m", "pelican", "-q", "-s", "plainconf.py", "-o", str(out)]
        return measure(pelican, self.folder)

    def jekyll_build(self) -> Sample:
        out = self.folder / "jekyll-output"
        shutil.rmtree(out, ignore_errors=True)
        command = [self.jekyll, "build", "--quiet", "--source", "jekyll", "--destination", str(out)]
        return measure(command, self.folder)


def bench_size(posts: int, editions: int, seed: int, repeat: int, keep: Path | None) -> dict[str, Series]:
    folder = Path(tempfile.mkdtemp(prefix=f"sosconf-bench-{posts}-")) if keep is None else keep / str(posts)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        space = Workspace(folder, posts, editions, seed)
        series = {
            "a": Series("(a) sosconf, cold build"),
            "b": Series("(b) plain Pelican, one run"),
            "c": Series("(c) sosconf, one post changed"),
            "d": Series("(d) sosconf, nothing changed"),
        }
        steps = [
            ("a", space.cold),
            ("c", space.one_post_changed),
            ("d", space.nothing_changed),
            ("b", space.plain),
        ]
        if space.jekyll:
            series["j"] = Series("(j) Jekyll, one run")
            steps.append(("j", space.jekyll_build))
        for round_number in range(repeat):
            for key, step in steps:
                series[key].samples.append(step())
            print(f"  N={posts}: round {round_number + 1}/{repeat} done", flush=True)
        return series
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def report(posts: int, series: dict[str, Series], load_before: str, load_after: str) -> dict:
    a, b, c, d = (series[key].median for key in "abcd")
    ratios = {"a/b": a / b, "c/a": c / a, "d/a": d / a}
    print(
        f"\nN = {posts} posts, {len(series['a'].samples)} runs each; load average before {load_before}, after {load_after}"
    )
    print(f"  {'':34} {'median':>8}  {'runs':<26} {'CPU':>8} {'max RSS':>9} {'tree RSS':>9}")
    for item in series.values():
        runs = " ".join(f"{s.seconds:.2f}" for s in item.samples)
        print(
            f"  {item.label:34} {item.median:7.2f}s  {runs:<26} {item.cpu_median:7.2f}s"
            f" {item.max_rss_mb:7.0f}MB {item.tree_rss_mb:7.0f}MB"
        )
    for name, value in ratios.items():
        verdict = "ok" if value <= TARGETS[name] else "over"
        print(f"  {name} = {value:.2f}  (target <= {TARGETS[name]}: {verdict})")
    if "j" in series:
        print(f"  a/j = {a / series['j'].median:.2f}  (Jekyll, for reference)")
    build_series = [series[key] for key in "acd"]
    print(
        f"  peak memory of our build: {max(s.max_rss_mb for s in build_series):.0f} MB (largest process), "
        f"{max(s.tree_rss_mb for s in build_series):.0f} MB (whole process tree)"
    )
    return {
        "posts": posts,
        "medians": {key: item.median for key, item in series.items()},
        "runs": {key: [s.seconds for s in item.samples] for key, item in series.items()},
        "cpu": {key: item.cpu_median for key, item in series.items()},
        "max_rss_mb": {key: item.max_rss_mb for key, item in series.items()},
        "tree_rss_mb": {key: item.tree_rss_mb for key, item in series.items()},
        "ratios": ratios,
        "load": [load_before, load_after],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Time the sosconf build against plain Pelican.")
    parser.add_argument("--posts", type=int, nargs="+", default=[1000], help="site sizes N (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each variant (default 3)")
    parser.add_argument("--editions", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    print(
        f"sosconf bench: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}"
    )
    results = []
    for posts in args.posts:
        load_before = _load()
        series = bench_size(posts, args.editions, args.seed, args.repeat, args.keep)
        results.append(report(posts, series, load_before, _load()))
    if len(results) > 1:
        first = results[0]
        for later in results[1:]:
            scale = later["medians"]["a"] / first["medians"]["a"]
            print(f"\na({later['posts']}) / a({first['posts']}) = {scale:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
