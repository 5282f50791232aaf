"""`make bench`: time the site's build against plain Pelican on the same posts.

Two profiles: `generated` (tools/bench/generate.py: half the posts Chinese,
half English, both metadata formats, 12 editions with programs), for each size
N; and `blog` (tools/bench/blog.py: a monolingual Chinese blog shaped like a
real one).  Each gets a work folder with the site and the same posts in plain
Pelican's metadata format.  Then, in rounds, so that a busy machine slows
every variant alike:

  (a)  our build from cold: no cache at all, no previous output;
  (b)  plain Pelican 4.12, default theme, no plugins, the settings
       `pelican-quickstart` writes (pagination 10, feeds off), one run;
  (b0) the same with Pelican's own defaults (no pagination, its default feeds);
  (c)  our rebuild after one Chinese post changed, the first after (a);
  (e)  our rebuild after one English post changed (the generated profile);
  (f)  our rebuild after a Chinese post changed again: an organizer's
       usual rebuild, which finds the output before last kept as its
       staging folder (sosconf.build.spare_output), where (c) finds none;
  (d)  our rebuild with nothing changed;
  (j)  Jekyll over the same posts, when a `jekyll` command exists.

Before each measurement the bench waits until the work our builds leave to
processes of their own (removing old folders, emptying the replaced
output) is done, so that no variant is timed while it goes on.

Every measurement is one fresh process: its wall time, the largest resident
size of any process in it (getrusage via wait4) and the sum of the resident
sizes of its process tree, sampled every 20 ms.  The medians and the ratios
are printed at the end, each beside its target.

    python -m tools.bench.run --posts 1000 [5000] --blog-posts 5000 --repeat 3
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

from .blog import generate_blog
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

# Pelican's own defaults: only what says where the posts are and what they are.
PLAIN_DEFAULT_SETTINGS = """\
AUTHOR = "sosconf"
SITENAME = "sosconf"
PATH = "plain"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
"""

JEKYLL_CONFIG = """\
title: sosconf
timezone: Asia/Shanghai
permalink: /:categories/news/:slug/
"""

# ratio -> the most it may be, per profile.
TARGETS = {
    "generated": {"a/b": 1.25, "a/b0": 1.25, "c/a": 0.2, "e/a": 0.2, "f/a": 0.2, "d/a": 0.1},
    "blog": {"a/b": 1.0, "a/b0": 1.0, "c/a": 0.2, "f/a": 0.2, "d/a": 0.1},
}


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

    def __init__(self, folder: Path, profile: str, posts: int, editions: int, seed: int):
        self.folder = folder
        self.profile = profile
        self.content = folder / "content"
        self.output = folder / "output"
        if profile == "blog":
            made = generate_blog(self.content, posts, seed)
        else:
            made = generate(self.content, posts, editions, seed)
        write_plain_copy(made, folder / "plain")
        (folder / "plainconf.py").write_text(PLAIN_SETTINGS, encoding="utf-8")
        (folder / "plaindefaults.py").write_text(PLAIN_DEFAULT_SETTINGS, encoding="utf-8")
        self.jekyll = shutil.which("jekyll")
        if self.jekyll:
            write_jekyll_copy(made, folder / "jekyll")
            (folder / "jekyll" / "_config.yml").write_text(JEKYLL_CONFIG, encoding="utf-8")
        # The posts (c) and (e) edit: one in the middle of each language's list.
        self.changed = {}
        for lang in ("zh", "en"):
            posts_in = sorted((self.content / "news" / lang).glob("*.md"))
            if posts_in:
                self.changed[lang] = posts_in[len(posts_in) // 2]
        self.changes = 0
        self.env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
        self.env.pop("SOSCONF_CACHE_DIR", None)  # the caches stay in the work folder, which (a) empties

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

    def settled(self, limit: float = 120.0) -> None:
        """Wait until no folder of ours is being removed or emptied in the background."""
        cache = self.folder / ".cache"
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            trash = cache / "trash"
            busy = list((cache / "builds").glob("*.emptying-*")) + (
                list(trash.iterdir()) if trash.is_dir() else []
            )
            if not busy:
                return
            time.sleep(0.05)
        raise RuntimeError(f"the builds' background work in {cache} did not end within {limit:.0f} s")

    def _one_post_changed(self, lang: str) -> Sample:
        self.changes += 1
        word = f"benchmark-edit-{self.changes}"
        with self.changed[lang].open("a", encoding="utf-8") as handle:
            handle.write(f"\n{word}\n")
        sample = measure(self._sosconf(), self.folder, self.env)
        pages = self.output.glob("news/*/index.html" if lang == "zh" else "en/news/*/index.html")
        if not any(word in page.read_text("utf-8") for page in pages):
            raise RuntimeError(
                f"the rebuild after editing {self.changed[lang].name} did not publish the edit"
            )
        return sample

    def zh_post_changed(self) -> Sample:
        return self._one_post_changed("zh")

    def en_post_changed(self) -> Sample:
        return self._one_post_changed("en")

    def nothing_changed(self) -> Sample:
        return measure(self._sosconf(), self.folder, self.env)

    def _plain(self, settings: str) -> Sample:
        out = self.folder / "plain-output"
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(self.folder / "cache", ignore_errors=True)
        pelican = [PYTHON, "-m", "pelican", "-q", "-s", settings, "-o", str(out)]
        return measure(pelican, self.folder)

    def plain(self) -> Sample:
        return self._plain("plainconf.py")

    def plain_defaults(self) -> Sample:
        return self._plain("plaindefaults.py")

    def jekyll_build(self) -> Sample:
        out = self.folder / "jekyll-output"
        shutil.rmtree(out, ignore_errors=True)
        command = [self.jekyll, "build", "--quiet", "--source", "jekyll", "--destination", str(out)]
        return measure(command, self.folder)


def bench_profile(
    profile: str, posts: int, editions: int, seed: int, repeat: int, keep: Path | None
) -> dict[str, Series]:
    name = f"{profile}-{posts}"
    folder = Path(tempfile.mkdtemp(prefix=f"sosconf-bench-{name}-")) if keep is None else keep / name
    folder.mkdir(parents=True, exist_ok=True)
    try:
        space = Workspace(folder, profile, posts, editions, seed)
        series = {
            "a": Series("(a) sosconf, cold build"),
            "b": Series("(b) plain Pelican, quickstart settings"),
            "b0": Series("(b0) plain Pelican, its defaults"),
            "c": Series("(c) sosconf, a Chinese post changed"),
            "d": Series("(d) sosconf, nothing changed"),
        }
        steps = [("a", space.cold), ("c", space.zh_post_changed)]
        if "en" in space.changed:
            series["e"] = Series("(e) sosconf, an English post changed")
            steps.append(("e", space.en_post_changed))
        series["f"] = Series("(f) sosconf, a Chinese post changed again")
        steps += [
            ("f", space.zh_post_changed),
            ("d", space.nothing_changed),
            ("b", space.plain),
            ("b0", space.plain_defaults),
        ]
        if space.jekyll:
            series["j"] = Series("(j) Jekyll, one run")
            steps.append(("j", space.jekyll_build))
        for round_number in range(repeat):
            for key, step in steps:
                space.settled()
                series[key].samples.append(step())
            print(f"  {profile}, N={posts}: round {round_number + 1}/{repeat} done", flush=True)
        return series
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def ratios_of(series: dict[str, Series]) -> dict[str, float]:
    medians = {key: item.median for key, item in series.items()}
    found = {"a/b": medians["a"] / medians["b"], "a/b0": medians["a"] / medians["b0"]}
    for key in ("c", "e", "f", "d"):
        if key in medians:
            found[f"{key}/a"] = medians[key] / medians["a"]
    return found


def report(profile: str, posts: int, series: dict[str, Series], load_before: str, load_after: str) -> dict:
    ratios = ratios_of(series)
    print(
        f"\n{profile} profile, N = {posts} posts, {len(series['a'].samples)} runs each;"
        f" load average before {load_before}, after {load_after}"
    )
    print(f"  {'':40} {'median':>8}  {'runs':<26} {'CPU':>8} {'max RSS':>9} {'tree RSS':>9}")
    for item in series.values():
        runs = " ".join(f"{s.seconds:.2f}" for s in item.samples)
        print(
            f"  {item.label:40} {item.median:7.2f}s  {runs:<26} {item.cpu_median:7.2f}s"
            f" {item.max_rss_mb:7.0f}MB {item.tree_rss_mb:7.0f}MB"
        )
    targets = TARGETS[profile]
    for name, value in ratios.items():
        verdict = "ok" if value <= targets[name] else "over"
        print(f"  {name} = {value:.2f}  (target <= {targets[name]}: {verdict})")
    if "j" in series:
        print(f"  a/j = {series['a'].median / series['j'].median:.2f}  (Jekyll, for reference)")
    build_series = [series[key] for key in ("a", "c", "e", "f", "d") if key in series]
    print(
        f"  peak memory of our build: {max(s.max_rss_mb for s in build_series):.0f} MB (largest process), "
        f"{max(s.tree_rss_mb for s in build_series):.0f} MB (whole process tree)"
    )
    return {
        "profile": profile,
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
    parser.add_argument(
        "--posts", type=int, nargs="+", default=[1000], help="sizes N of the generated profile (default 1000)"
    )
    parser.add_argument(
        "--blog-posts", type=int, default=5000, help="posts of the monolingual blog profile (0: skip it)"
    )
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
    runs = [("generated", posts) for posts in args.posts if posts > 0]
    if args.blog_posts > 0:
        runs.append(("blog", args.blog_posts))
    for profile, posts in runs:
        load_before = _load()
        series = bench_profile(profile, posts, args.editions, args.seed, args.repeat, args.keep)
        results.append(report(profile, posts, series, load_before, _load()))
    generated = [result for result in results if result["profile"] == "generated"]
    if len(generated) > 1:
        first = generated[0]
        for later in generated[1:]:
            scale = later["medians"]["a"] / first["medians"]["a"]
            print(f"\na({later['posts']}) / a({first['posts']}) = {scale:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
