"""Absolute addresses, for what is read away from the site: calendars,
schedule apps, search engines and link previews.
"""

from __future__ import annotations

from .languages import prefix

# What a preview build points at when SITEURL is relative (`make serve`).
PREVIEW_ROOT = "http://127.0.0.1:8000"


def absolute_root(settings) -> str:
    """SITEURL when it is absolute (production), else the preview server's address."""
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    if siteurl.startswith(("https://", "http://")):
        return siteurl
    return (settings.get("FEED_DOMAIN") or PREVIEW_ROOT).rstrip("/")


def page_url(settings, lang: str, path: str = "") -> str:
    """The absolute address of `path` (no language prefix) in language `lang`."""
    return f"{absolute_root(settings)}/{prefix(settings, lang)}{path}"


def file_url(settings, path: str) -> str:
    """The absolute address of a file that exists once for both languages."""
    return f"{absolute_root(settings)}/{path.lstrip('/')}"
