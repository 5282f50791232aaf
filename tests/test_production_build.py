"""The production build (`make publish`) and the CI that publishes it.

The site is built twice for a copy served from a sub-path
(SOSCONF_SITEURL=https://example.org/sosconf): absolute links there prove
both the override and that nothing assumes the domain's root.
"""

from __future__ import annotations

import filecmp
import gzip
import hashlib
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import brotli
import pytest
import yaml
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from sosconf.publish.compress import COMPRESSIBLE_SUFFIXES, MIN_SIZE
from sosconf.publish.headers import IMMUTABLE, REVALIDATE
from support import CONTENT, PUBLISHCONF, ROOT, build, parse_html

SITE = "https://example.org/sosconf"
# The production settings, published at SITE, with the search index the headers name.
PUBLISHED = {"settings": PUBLISHCONF, "search": True, "env": {"SOSCONF_SITEURL": SITE + "/"}}
WORKFLOWS = ROOT / ".github" / "workflows"


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """The bundled content, built twice for production."""
    first, second = (
        build(CONTENT, tmp_path_factory.mktemp(name) / "output", **PUBLISHED).output
        for name in ("first", "second")
    )
    return first, second


@pytest.fixture(scope="module")
def site(builds) -> Path:
    return builds[0]


def html_pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        yield path, parse_html(path)


def served_files(site: Path):
    return [
        path
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != "_headers" and path.suffix not in (".gz", ".br")
    ]


def test_production_settings_use_the_real_domain_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("SOSCONF_SITEURL", raising=False)
    settings = read_settings(str(PUBLISHCONF))
    assert settings["SITEURL"] == "https://sosconf.org"
    assert settings["FEED_DOMAIN"] == "https://sosconf.org"
    assert settings["RELATIVE_URLS"] is False
    assert settings["SOSCONF_PRECOMPRESS"] and settings["SOSCONF_FINGERPRINT"] and settings["FEED_ATOM"]
    monkeypatch.setenv("SOSCONF_SITEURL", "https://mirror.example/")
    assert read_settings(str(PUBLISHCONF))["SITEURL"] == "https://mirror.example"
    preview = read_settings(str(ROOT / "pelicanconf.py"))
    assert not preview["SOSCONF_PRECOMPRESS"] and not preview["SOSCONF_FINGERPRINT"]


def test_every_internal_link_is_absolute(site):
    checked = 0
    for path, page in html_pages(site):
        for tag, attribute in (
            ("a", "href"),
            ("link", "href"),
            ("script", "src"),
            ("img", "src"),
            ("form", "action"),
        ):
            for element in page.find_all(tag, attrs={attribute: True}):
                url = element[attribute]
                if url.startswith(("mailto:", "#")):
                    continue
                if url.startswith("webcal://"):  # a calendar to subscribe to: the same address
                    url = SITE.split(":", 1)[0] + url.removeprefix("webcal")
                    assert url.startswith(SITE + "/")
                assert url.startswith(("https://", "http://")), f"{path.relative_to(site)}: {url}"
                checked += 1
        groups = page.select_one("[data-groups]")
        if groups is not None:
            assert groups["data-groups"] == SITE + "/pagefind/groups.json"
    assert checked > 500


def test_theme_assets_are_named_after_their_content_and_referenced_so(site):
    renamed = {}
    for original in ("theme/css/site.css", "theme/js/search.js"):
        folder, name = original.rsplit("/", 1)
        stem, suffix = name.rsplit(".", 1)
        (found,) = [
            p for p in (site / folder).iterdir() if re.fullmatch(rf"{stem}\.[0-9a-f]{{10}}\.{suffix}", p.name)
        ]
        assert found.name.split(".")[1] == hashlib.sha256(found.read_bytes()).hexdigest()[:10]
        assert not (site / original).exists()
        renamed[original] = f"{folder}/{found.name}"
    for path, page in html_pages(site):
        text = path.read_text(encoding="utf-8")
        assert "theme/css/site.css" not in text and "theme/js/search.js" not in text
        assert page.find("link", rel="stylesheet")["href"] == f"{SITE}/{renamed['theme/css/site.css']}"
    script = BeautifulSoup((site / "en/search/index.html").read_text(encoding="utf-8"), "html.parser").find(
        "script", src=True
    )
    assert script["src"] == f"{SITE}/{renamed['theme/js/search.js']}"


def test_text_files_have_gzip_and_brotli_copies(site):
    compressed = 0
    for path in served_files(site):
        gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
        if path.suffix in COMPRESSIBLE_SUFFIXES and path.stat().st_size >= MIN_SIZE:
            original = path.read_bytes()
            assert gzip.decompress(gz.read_bytes()) == original
            assert gz.read_bytes()[4:8] == b"\0\0\0\0", "gzip copies carry no timestamp"
            assert brotli.decompress(br.read_bytes()) == original
            compressed += 1
        else:
            assert not gz.exists() and not br.exists(), path
    assert compressed > 40
    assert (site / "index.html.br").stat().st_size < (site / "index.html").stat().st_size / 2
    assert not (site / "robots.txt.gz").exists()


def parse_headers(text: str) -> list[tuple[str, dict[str, str]]]:
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(" "):
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
        else:
            rules.append((line, {}))
    return rules


def matches(pattern: str, url: str) -> bool:
    """A `_headers` pattern as Cloudflare Pages reads it: `:name` is one segment, a trailing `*` the rest."""
    expression = "".join(
        "[^/]+" if part.startswith(":") else re.escape(part)
        for part in re.split(r"(:[a-z]+)", pattern.removesuffix("*"))
        if part
    )
    return re.fullmatch(expression + (".*" if pattern.endswith("*") else ""), url) is not None


def test_headers_file_sets_security_headers_and_caches_only_content_named_files(site):
    rules = parse_headers((site / "_headers").read_text(encoding="utf-8"))
    everything = dict(rules)["/sosconf/*"]
    meta = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"}
    )
    assert everything["Content-Security-Policy"] == meta["content"] + "; frame-ancestors 'none'"
    assert "script-src 'self' 'wasm-unsafe-eval';" in everything["Content-Security-Policy"]
    assert everything["X-Content-Type-Options"] == "nosniff"
    assert everything["Referrer-Policy"] == "strict-origin-when-cross-origin"
    caching = [
        (pattern, headers["Cache-Control"]) for pattern, headers in rules if "Cache-Control" in headers
    ]
    assert {cache for _, cache in caching} == {IMMUTABLE}
    policy = {}
    for path in served_files(site):
        relative = path.relative_to(site).as_posix()
        found = [cache for pattern, cache in caching if matches(pattern, "/sosconf/" + relative)]
        assert len(found) <= 1, f"{relative}: {found}"
        # No rule: the host's default, which revalidates.
        policy[relative] = found[0] if found else REVALIDATE
    assert policy["index.html"] == policy["en/news/sosconf/index.html"] == REVALIDATE
    assert policy["pagefind/groups.json"] == REVALIDATE
    assert (
        policy["pagefind/zh/2021/pagefind.js"] == policy["pagefind/en/site/pagefind-entry.json"] == REVALIDATE
    )
    assert policy["sosconf.ics"] == policy["2020/schedule.xml"] == REVALIDATE
    immutable = 0
    for relative, cache in policy.items():
        if re.match(r"theme/.*\.[0-9a-f]{10,}\.(css|js)$", relative) or re.match(
            r"pagefind/[^/]+/[^/]+/((fragment|index)/|pagefind\.[a-z-]+_[0-9a-f]+\.pf_meta$)", relative
        ):
            assert cache == IMMUTABLE, relative
            immutable += 1
        else:
            assert cache == REVALIDATE, relative
    assert immutable > 20


def test_calendars_and_schedules_may_be_read_by_other_sites(site):
    rules = parse_headers((site / "_headers").read_text(encoding="utf-8"))
    shared = [pattern for pattern, headers in rules if headers.get("Access-Control-Allow-Origin") == "*"]
    exports = [
        path.relative_to(site).as_posix()
        for path in served_files(site)
        if path.suffix == ".ics" or path.name in ("schedule.xml", "schedule.json")
    ]
    assert {"sosconf.ics", "en/sosconf.ics", "2020/schedule.json", "en/2020/sosconf-2020.ics"} <= set(exports)
    for relative in exports:
        assert any(matches(pattern, "/sosconf/" + relative) for pattern in shared), relative
    for relative in ("index.html", "en/2020/index.html", "en/2020/program/index.html", "feeds/all.atom.xml"):
        assert not any(matches(pattern, "/sosconf/" + relative) for pattern in shared), relative


EDITION = """\
year: {year}
name: Edition {year}
status: held
start: {year}-10-{day:02d}
city: City {year}
speakers:
  - id: speaker-{year}
    name: Speaker {year}
program:
  days:
    - date: {year}-10-{day:02d}
      sessions:
        - id: opening
          title: Opening {year}
          start: "09:00"
          end: "10:00"
          speakers: [speaker-{year}]
"""


@pytest.mark.slow
def test_headers_stay_under_cloudflares_100_rules_however_many_editions(tmp_path, site):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    years = range(2022, 2032)  # with the four bundled: 14 editions
    for year in years:
        (content / f"editions/{year}.yml").write_text(
            EDITION.format(year=year, day=year % 28 + 1), encoding="utf-8"
        )
    output = build(content, tmp_path / "output", **PUBLISHED).output
    assert len(list(output.glob("[0-9][0-9][0-9][0-9]/index.html"))) == 14
    assert len(list((output / "pagefind/zh").iterdir())) > 14  # a search group per edition
    rules = parse_headers((output / "_headers").read_text(encoding="utf-8"))
    assert len(rules) < 100
    # As many as for the four bundled editions: the rules do not grow with the site.
    assert len(rules) == len(parse_headers((site / "_headers").read_text(encoding="utf-8")))
    for pattern, headers in rules:
        if "Cache-Control" in headers:
            assert "2031" not in pattern and "2022" not in pattern


def test_sitemap_feeds_and_robots_use_the_production_address(site):
    locs = [
        loc.text
        for loc in ET.parse(site / "sitemap.xml")
        .getroot()
        .iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert locs and all(loc.startswith(SITE + "/") for loc in locs)
    assert f"Sitemap: {SITE}/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    feed = (site / "en/2021/feed.atom.xml").read_text(encoding="utf-8")
    assert f'<link href="{SITE}/en/news/sosconf-2021-will-be-held-at-sustech-in-mid-october/"' in feed
    assert (site / "pagefind/groups.json").is_file() and (
        site / "pagefind/en/site/pagefind-entry.json"
    ).is_file()


def test_two_builds_of_the_same_content_are_byte_identical(builds):
    first, second = builds
    files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second) for path in second.rglob("*") if path.is_file())
    _, mismatch, errors = filecmp.cmpfiles(first, second, [str(path) for path in files], shallow=False)
    assert mismatch == [] and errors == []


def load_workflow(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_workflows_are_valid_and_run_only_what_the_makefile_offers():
    targets = set(
        re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    )
    names = sorted(path.name for path in WORKFLOWS.glob("*.yml"))
    assert names == ["check.yml", "publish.yml", "test.yml"]
    for name in names:
        for step in steps(load_workflow(name)):
            for command in re.findall(r"^\s*(make|bash) (\S+)", step.get("run", ""), re.MULTILINE):
                if command[0] == "make":
                    assert command[1] in targets, f"{name}: make {command[1]}"
                else:
                    assert (ROOT / command[1]).is_file(), f"{name}: bash {command[1]}"


def test_pushes_to_main_are_tested_then_published_to_pages():
    workflow = load_workflow("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/test.yml"
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    build_steps = jobs["build"]["steps"]
    assert any(step.get("run") == "make publish" for step in build_steps)
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in build_steps)
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in jobs["deploy"]["steps"])
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_pull_requests_are_tested_and_built_but_never_published():
    workflow = load_workflow("check.yml")
    assert "pull_request" in workflow["on"] and "push" not in workflow["on"]
    assert workflow["jobs"]["test"]["uses"] == "./.github/workflows/test.yml"
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert not any("pages" in action for action in uses)
    assert any(step.get("run") == "make publish" for step in steps(workflow))


def test_the_test_job_installs_what_the_tests_need_and_runs_the_ci_script():
    workflow = load_workflow("test.yml")
    assert "workflow_call" in workflow["on"]
    commands = "\n".join(step.get("run", "") for step in steps(workflow))
    for package in (
        "chromium",
        "chromium-headless-shell",
        "fonts-noto-cjk",
        "default-jre-headless",
        "python3-venv",
    ):
        assert package in commands
    assert "bash .ci/run" in commands
    node = [step for step in steps(workflow) if step.get("uses", "").startswith("actions/setup-node@")]
    assert node and str(node[0]["with"]["node-version"]) == "24"


def test_make_rsync_asks_for_a_target_and_uploads_the_production_build():
    refused = subprocess.run(["make", "rsync", "RSYNC_TARGET="], cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "RSYNC_TARGET=user@host:/path" in refused.stderr
    planned = subprocess.run(
        ["make", "--dry-run", "rsync", "RSYNC_TARGET=deploy@example.org:/srv/sosconf"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--settings publishconf.py" in planned.stdout
    assert re.search(
        r"^rsync .*--delete.* output/ deploy@example\.org:/srv/sosconf/$", planned.stdout, re.MULTILINE
    )
