"""Ids for what a schedule brings: readable, valid in the edition file, and
the same at every import of the same schedule."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
MOST_WORDS = 6


def is_id(text: str) -> bool:
    return bool(_ID.match(text or ""))


def slugify(text: str, words: int = MOST_WORDS) -> str:
    """`Rust im Browser: schneller!` → `rust-im-browser-schneller`; "" for text without Latin letters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = "-".join(parts[:words])
    return slug if is_id(slug) else ""


def short_key(key: str) -> str:
    """A schedule's own identifier in id form: a number, a pretalx code, or a guid's first part."""
    slug = "-".join(re.findall(r"[a-z0-9]+", key.lower()))
    if re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", slug):
        return slug[:8]
    return slug if is_id(slug) else hashlib.sha256(key.encode()).hexdigest()[:8]


def text_key(text: str) -> str:
    """An identifier for something the schedule gives no id: from its text."""
    return hashlib.sha256(text.strip().casefold().encode()).hexdigest()[:8]


def fragment_id(url: str, kind: str) -> str | None:
    """The id in an address of this site's own exports: `…#session-lunch`, `…#speaker-ada`."""
    match = re.search(rf"#{kind}-([a-z0-9-]+)$", url or "")
    return match.group(1) if match and is_id(match.group(1)) else None
