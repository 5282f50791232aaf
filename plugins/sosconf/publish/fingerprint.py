"""Theme CSS and JS named after their content (`theme/css/site.3f2a9c01de.css`).

A file whose name changes whenever its content does can be cached for a year
(see headers.py): a new version is a new address.  The step renames the files
and rewrites every reference in the HTML.  Production builds only
(SOSCONF_FINGERPRINT): the preview keeps the plain names.

A page is rewritten into a new file that replaces it, never in place: the
output may share its files with the caches and the previous output (hard
links), which must keep their bytes.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sosconf.files import write_atomically

THEME_DIR = "theme"
FINGERPRINTED_SUFFIXES = (".css", ".js")
DIGEST_LENGTH = 10
# `site.0123456789.css`: how headers.py recognizes a fingerprinted name.
FINGERPRINTED_NAME = re.compile(r"\.[0-9a-f]{%d}\.(?:css|js)$" % DIGEST_LENGTH)


def fingerprinted_name(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:DIGEST_LENGTH]
    return f"{path.stem}.{digest}{path.suffix}"


def rename_assets(output: Path) -> dict[str, str]:
    """Rename the theme's CSS and JS; return {old site path: new site path}."""
    renamed = {}
    for path in sorted((output / THEME_DIR).rglob("*")):
        if (
            path.is_file()
            and path.suffix in FINGERPRINTED_SUFFIXES
            and not FINGERPRINTED_NAME.search(path.name)
        ):
            target = path.with_name(fingerprinted_name(path))
            path.rename(target)
            renamed[path.relative_to(output).as_posix()] = target.relative_to(output).as_posix()
    return renamed


def rewrite_references(output: Path, renamed: dict[str, str]) -> None:
    if not renamed:
        return
    # A reference is the site path after a "/" or a quote (`../theme/css/site.css`,
    # `https://sosconf.org/theme/css/site.css`), ended by a quote, "?" or "#".
    reference = re.compile(
        r"(?<=[/\"'])("
        + "|".join(re.escape(old) for old in sorted(renamed, key=len, reverse=True))
        + r")(?=[\"'?#])"
    )
    for page in sorted(output.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        changed = reference.sub(lambda match: renamed[match.group(1)], text)
        if changed != text:
            write_atomically(page, changed.encode("utf-8"))


def fingerprint_assets(output: Path, settings) -> None:
    """Post-build step: content-named theme assets (when SOSCONF_FINGERPRINT is set)."""
    if settings.get("SOSCONF_FINGERPRINT"):
        rewrite_references(output, rename_assets(output))
