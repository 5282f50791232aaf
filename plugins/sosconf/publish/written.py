"""The HTML pages the current language run wrote, for the steps that read them
when it ends: the sitemap reads their heads, the search indexes them."""

from __future__ import annotations

from sosconf.urls import relative_to_output

_pages: list[str] = []


def forget_written_pages(pelican) -> None:
    """`initialized` receiver: a new run starts with none."""
    _pages.clear()


def record_written_page(path, context) -> None:
    """`content_written` receiver."""
    if str(path).endswith(".html"):
        _pages.append(relative_to_output(path, context["OUTPUT_PATH"]))


def written_pages() -> list[str]:
    """Site paths (`news/x/index.html`) of the pages written so far in this run."""
    return list(_pages)
