"""Absolute addresses, for what is read away from the site: calendars,
schedule apps, search engines and link previews.
"""

from __future__ import annotations

import os
from urllib.parse import urljoin

from sosconf.languages import prefix

# What a preview build points at when SITEURL is relative (`make serve`).
PREVIEW_ROOT = "http://127.0.0.1:8000"
# Each language's web app manifest, under its prefix.
MANIFEST = "manifest.webmanifest"


def absolute_root(settings) -> str:
    """SITEURL when it is absolute (production), else the preview server's address."""
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    if siteurl.startswith(("https://", "http://")):
        return siteurl
    return (settings.get("FEED_DOMAIN") or PREVIEW_ROOT).rstrip("/")


def page_url(settings, lang: str, path: str = "") -> str:
    """The absolute address of `path` (no language prefix) in language `lang`."""
    return f"{absolute_root(settings)}/{prefix(settings, lang)}{path}"


# Where the conference's pages are, without the language prefix: the one place
# that says so.  Pages, exports, feeds and the offline lists all ask here; the
# files an edition exports are named in `sosconf.conference.exports.paths`.
EDITIONS_PATH = "editions/"


def edition_path(year: int) -> str:
    """An edition's page: `2030/`."""
    return f"{year}/"


def program_path(year: int, view: str = "") -> str:
    """The program (`2030/program/`), or one of its views (`2030/program/kind/talk/`)."""
    return f"{edition_path(year)}program/{view}"


def speakers_path(year: int) -> str:
    """The page of an edition's speakers: `2030/speakers/`."""
    return f"{edition_path(year)}speakers/"


def speaker_path(year: int, speaker_id: str) -> str:
    """A speaker's entry on the speakers page: `2030/speakers/#speaker-ada`."""
    return f"{speakers_path(year)}#speaker-{speaker_id}"


def has_own_page(session) -> bool:
    """Every session has a page of its own but a break, which is only a line of the program."""
    return session.kind != "break"


def session_path(year: int, session) -> str:
    """Where a session is shown, without the language prefix.

    Its own page (`2030/program/opening-keynote/`), or for a break its line
    in the program (`2030/program/#session-lunch`).
    """
    if has_own_page(session):
        return program_path(year, f"{session.id}/")
    return program_path(year, f"#session-{session.id}")


def session_url(settings, lang: str, year: int, session) -> str:
    """The absolute address of where a session is shown in language `lang`."""
    return page_url(settings, lang, session_path(year, session))


def file_url(settings, path: str) -> str:
    """The absolute address of a file that exists once for both languages."""
    return f"{absolute_root(settings)}/{path.lstrip('/')}"


def relative_to_output(path, output) -> str:
    """`path`, a file written into `output`, as a site path (`news/x/index.html`).

    The common case is a plain prefix; os.path.relpath, which resolves both
    paths first, is kept for any other.
    """
    path, output = str(path), str(output).rstrip(os.sep)
    if path.startswith(output + os.sep):
        return path[len(output) + 1 :].replace(os.sep, "/")
    return os.path.relpath(path, output).replace(os.sep, "/")


def site_path(root: str, page: str, reference: str) -> str | None:
    """Where `reference`, on the page at site path `page`, leads on the site at `root`
    (its address, ending in "/"): a site path without its fragment, or None off the site.
    """
    if reference.startswith(root) and not reference.startswith("//") and "/." not in reference:
        return reference[len(root) :].split("#")[0]  # named from the root already: nothing to join
    target = urljoin(root + page, reference).split("#")[0]
    return target[len(root) :] if target.startswith(root) else None
