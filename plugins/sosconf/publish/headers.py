"""`_headers`: HTTP headers for hosts that read the file (Netlify, Cloudflare Pages).

Security headers go on every path.  Cache-Control says "a year, never
revalidate" for files named after their content (the fingerprinted theme
assets, Pagefind's hashed index files); every other file keeps the hosts'
own default, "public, max-age=0, must-revalidate" (ask again every time), so
a fixed page is online at the next visit.  The calendars and schedules get
`Access-Control-Allow-Origin: *`, so web apps on other sites can read them.

Cloudflare Pages reads at most 100 rules and drops the rest, so the rules
do not grow with the site: a path segment that differs from edition to
edition or from language to language is a placeholder (`:year`, `:group`)
and a file name that does is a splat (`sosconf-*`).  Both hosts merge every
rule matching a path and join repeated headers with a comma, so each rule
is checked against the served files: a Cache-Control rule covers content-named
files only, and no two cover the same file.  (Placeholders are Cloudflare's
syntax; a host that does not know them matches no file with such a rule and
serves its default.)
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from sosconf.conference.exports.paths import SITE_CALENDAR
from sosconf.files import files_under
from sosconf.languages import languages, prefix
from sosconf.publish.fingerprint import FINGERPRINTED_NAME, THEME_DIR
from sosconf.publish.search import BUNDLE
from sosconf.publish.staged_files import staged_files
from sosconf.urls import absolute_root, program_path

HEADERS_FILE = "_headers"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"
REFERRER_POLICY = "strict-origin-when-cross-origin"
# Pagefind's index chunks and fragments: `en_d7388be.pf_index`, `pagefind.en_40c0c4cc70.pf_meta`.
PAGEFIND_HASHED_NAME = re.compile(r"_[0-9a-f]{6,}\.pf_[a-z]+$")
# Precompressed copies are for servers that do not read this file.
NOT_SERVED_SUFFIXES = (".gz", ".br")


def cache_policy(relative: str) -> str:
    name = relative.rsplit("/", 1)[-1]
    if relative.startswith(THEME_DIR + "/") and FINGERPRINTED_NAME.search(name):
        return IMMUTABLE
    if relative.startswith(BUNDLE + "/") and PAGEFIND_HASHED_NAME.search(name):
        return IMMUTABLE
    return REVALIDATE


def served_files(output: Path, files: list[str] | None = None) -> dict[str, str]:
    """Site path -> cache policy, for every file a visitor can request (`files`: the output's, if listed)."""
    return {
        relative: cache_policy(relative)
        for relative in (files_under(output) if files is None else files)
        if not relative.endswith(NOT_SERVED_SUFFIXES) and relative.rsplit("/", 1)[-1] != HEADERS_FILE
    }


def _generalized(relative: str) -> str:
    """`pagefind/en/2030/index/x` -> `pagefind/:lang/:group/index/x`: one pattern for every search group."""
    parts = relative.split("/")
    if parts[0] == BUNDLE and len(parts) > 3:
        parts[1:3] = [":lang", ":group"]
        hashed = PAGEFIND_HASHED_NAME.search(parts[-1])
        if len(parts) == 4 and hashed:
            # `pagefind.en_614fd103ac.pf_meta` beside files that are not hashed: `pagefind.en_*`.
            parts[-1] = parts[-1][: hashed.start() + 1] + "*"
    return "/".join(parts)


def matches(pattern: str, relative: str) -> bool:
    """Whether a `_headers` pattern (placeholders `:name`, one trailing splat) matches a site path."""
    wanted, parts = pattern.lstrip("/").split("/"), relative.split("/")
    if pattern.endswith("*"):
        head, tail = wanted[:-1], wanted[-1][:-1]
        return (
            len(parts) >= len(wanted)
            and all(w.startswith(":") or w == p for w, p in zip(head, parts, strict=False))
            and "/".join(parts[len(head) :]).startswith(tail)
        )
    return len(parts) == len(wanted) and all(
        w.startswith(":") or w == p for w, p in zip(wanted, parts, strict=True)
    )


def cache_rules(policies: dict[str, str]) -> list[tuple[str, str]]:
    """(URL pattern, IMMUTABLE) pairs covering exactly the content-named files, never one file twice."""
    general: dict[str, set[str]] = {}
    for path, policy in policies.items():
        general.setdefault(_generalized(path), set()).add(policy)
    # That each content-named file is covered once and no other file is, is checked by the
    # tests against every file of a production build (checking it here took a third of this step).
    return [(pattern, IMMUTABLE) for pattern in _immutable_patterns(general, "")]


def _immutable_patterns(inside: dict[str, set[str]], folder: str) -> list[str]:
    """Patterns for the immutable files under `folder` (`inside`: the paths under it): the folder
    when all are, else file by file."""
    if all(found == {IMMUTABLE} for found in inside.values()):
        return ["/" + folder + "*"] if folder else []
    if not any(IMMUTABLE in found for found in inside.values()):
        return []  # the pages of a post or a tag: nothing to go through file by file
    # Each subfolder gets its own paths: filtering all of them again for each
    # subfolder took minutes on a blog with thousands of tag folders.
    patterns, subfolders = [], {}
    for path, found in inside.items():
        rest = path[len(folder) :]
        if "/" in rest:
            subfolders.setdefault(rest.split("/", 1)[0], {})[path] = found
        elif found == {IMMUTABLE}:
            patterns.append("/" + path)
    for name in sorted(subfolders):
        patterns.extend(_immutable_patterns(subfolders[name], folder + name + "/"))
    return patterns


def shared_file_rules(settings, served: list[str]) -> list[str]:
    """Patterns for the calendars and schedules of every language, those that match a served file."""
    patterns = []
    for lang in languages(settings):
        own = "/" + prefix(settings, lang)
        patterns += [
            own + SITE_CALENDAR,
            own + ":year/sosconf-*",
            own + ":year/schedule.*",
            # A session's calendar lies in its page's folder.
            own + program_path(":year", ":session/sosconf-*"),
        ]
    # Only a file whose name starts as a pattern's last part does can match it: tried first.
    names = {pattern: pattern.rsplit("/", 1)[-1].split("*", 1)[0] for pattern in patterns}
    file_names = [(path, path.rsplit("/", 1)[-1]) for path in served]
    starting = {
        name: [path for path, file_name in file_names if file_name.startswith(name)]
        for name in set(names.values())
        if not name.startswith(":")
    }
    candidates = {pattern: starting[name] for pattern, name in names.items() if name in starting}
    return [
        pattern
        for pattern in patterns
        if any(matches(pattern, path) for path in candidates.get(pattern, served))
    ]


def render_headers(settings, rules: list[tuple[str, str]], shared: list[str] = ()) -> str:
    base = urlparse(absolute_root(settings)).path.rstrip("/")
    # frame-ancestors only works as a header: a meta CSP cannot forbid framing.
    policy = settings["SOSCONF_CSP"].rstrip("; ") + "; frame-ancestors 'none'"
    lines = [
        "# Read by Netlify and Cloudflare Pages; written by the build (sosconf/publish/headers.py).",
        f"{base}/*",
        f"  Content-Security-Policy: {policy}",
        "  X-Content-Type-Options: nosniff",
        f"  Referrer-Policy: {REFERRER_POLICY}",
        "",
        "# Cache-Control for files named after their content; the rest keep the host's",
        "# default (public, max-age=0, must-revalidate).",
    ]
    for pattern, cache in rules:
        lines += [base + pattern, f"  Cache-Control: {cache}"]
    lines += ["", "# Calendars and schedules, for apps on other sites."]
    for pattern in shared:
        lines += [base + pattern, "  Access-Control-Allow-Origin: *"]
    return "\n".join(lines) + "\n"


def write_headers(output: Path, settings) -> None:
    """Post-build step: `_headers` at the root of the output."""
    listing = staged_files(output, settings)
    policies = served_files(output, listing.files())
    rules = cache_rules(policies)
    shared = shared_file_rules(settings, list(policies))
    (output / HEADERS_FILE).write_text(render_headers(settings, rules, shared), encoding="utf-8")
    listing.wrote(HEADERS_FILE)
