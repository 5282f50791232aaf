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

import re
from pathlib import Path
from urllib.parse import urlparse

from .fingerprint import FINGERPRINTED_NAME, THEME_DIR
from .urls import absolute_root
from .search import BUNDLE

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
    return {
        path.relative_to(output).as_posix(): cache_policy(path.relative_to(output).as_posix())
        for path in sorted(output.rglob("*"))
        if path.is_file() and path.name != HEADERS_FILE and not path.name.endswith(NOT_SERVED_SUFFIXES)
    }


def cache_rules(policies: dict[str, str], folder: str = "") -> list[tuple[str, str]]:
    """Non-overlapping (URL pattern, policy) pairs covering every file under `folder` ("" or "a/b/")."""
    inside = {path: policy for path, policy in policies.items() if path.startswith(folder)}
    if len(set(inside.values())) == 1:
        return [("/" + folder + "*", next(iter(inside.values())))]
    rules = []
    if folder + "index.html" in inside:
        rules.append(("/" + folder, inside[folder + "index.html"]))
    subfolders = sorted({path[len(folder):].split("/", 1)[0] for path in inside if "/" in path[len(folder):]})
    for path, policy in inside.items():
        if "/" not in path[len(folder):]:
            rules.append(("/" + path, policy))
    for name in subfolders:
        rules.extend(cache_rules(inside, folder + name + "/"))
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
