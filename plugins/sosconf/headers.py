"""`_headers`: HTTP headers for hosts that read the file (Netlify, Cloudflare Pages).

Security headers go on every path.  Cache-Control says "a year, never
revalidate" for files named after their content (the fingerprinted theme
assets, Pagefind's hashed index files) and "ask again every time" for the
rest, HTML first: a fixed page is online at the next visit.

Both hosts merge every rule matching a path and join repeated headers with a
comma, so Cache-Control is given by rules that never overlap: a folder whose
files share one policy gets `/folder/*`, a mixed folder one rule per entry.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

from .fingerprint import FINGERPRINTED_NAME, THEME_DIR
from .search import BUNDLE
from .urls import absolute_root

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


def served_files(output: Path) -> dict[str, str]:
    """Site path -> cache policy, for every file a visitor can request."""
    found = []
    for folder, subfolders, files in os.walk(output):
        subfolders.sort()
        base = os.path.relpath(folder, output).replace(os.sep, "/")
        prefix = "" if base == "." else base + "/"
        found.extend(
            prefix + name for name in files if name != HEADERS_FILE and not name.endswith(NOT_SERVED_SUFFIXES)
        )
    return {relative: cache_policy(relative) for relative in sorted(found, key=lambda path: path.split("/"))}


def cache_rules(policies: dict[str, str], folder: str = "") -> list[tuple[str, str]]:
    """Non-overlapping (URL pattern, policy) pairs covering every file under `folder` ("" or "a/b/")."""
    return _rules({path: policy for path, policy in policies.items() if path.startswith(folder)}, folder)


def _rules(inside: dict[str, str], folder: str) -> list[tuple[str, str]]:
    if len(set(inside.values())) == 1:
        return [("/" + folder + "*", next(iter(inside.values())))]
    rules = []
    if folder + "index.html" in inside:
        rules.append(("/" + folder, inside[folder + "index.html"]))
    subfolders: dict[str, dict[str, str]] = {}
    for path, policy in inside.items():
        rest = path[len(folder) :]
        if "/" in rest:
            subfolders.setdefault(rest.split("/", 1)[0], {})[path] = policy
        else:
            rules.append(("/" + path, policy))
    for name in sorted(subfolders):
        rules.extend(_rules(subfolders[name], folder + name + "/"))
    return rules


def render_headers(settings, rules: list[tuple[str, str]]) -> str:
    base = urlparse(absolute_root(settings)).path.rstrip("/")
    # frame-ancestors only works as a header: a meta CSP cannot forbid framing.
    policy = settings["SOSCONF_CSP"].rstrip("; ") + "; frame-ancestors 'none'"
    lines = [
        "# Read by Netlify and Cloudflare Pages; written by the build (sosconf/headers.py).",
        f"{base}/*",
        f"  Content-Security-Policy: {policy}",
        "  X-Content-Type-Options: nosniff",
        f"  Referrer-Policy: {REFERRER_POLICY}",
        "",
        "# Cache-Control: exactly one rule per path.",
    ]
    for pattern, cache in rules:
        lines += [base + pattern, f"  Cache-Control: {cache}"]
    return "\n".join(lines) + "\n"


def write_headers(output: Path, settings) -> None:
    """Post-build step: `_headers` at the root of the output."""
    rules = cache_rules(served_files(output))
    (output / HEADERS_FILE).write_text(render_headers(settings, rules), encoding="utf-8")
