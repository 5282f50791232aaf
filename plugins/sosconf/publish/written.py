"""The HTML pages the current language run wrote, for the steps that read them
when it ends: the sitemap reads their heads, the search indexes them."""

from __future__ import annotations

from sosconf.run import run_of
from sosconf.urls import relative_to_output


def record_written_page(path, context) -> None:
    """A step of `content_written`: note each HTML page."""
    if str(path).endswith(".html"):
        run_of(context).written.append(relative_to_output(path, context["OUTPUT_PATH"]))


def written_pages(settings) -> list[str]:
    """Site paths (`news/x/index.html`) of the pages written so far in this run."""
    return list(run_of(settings).written)
