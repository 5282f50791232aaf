"""`make check`: every content mistake, found without building the site.

The check runs Pelican as the build does, with the same settings, reader,
loaders and plugin, once per language, and stops as soon as the content is
read (the `all_generators_finalized` signal): no template is rendered and no
file written.  So it finds what the build finds, with the same messages, in
a fraction of the time: even two pages at one address are found while
reading (sosconf.site.addresses), before anything would be written.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sosconf.errors import ContentError, ContentErrors, ContentRead

CHECK_ONLY = "SOSCONF_CHECK_ONLY"


def stop_after_reading(generators) -> None:
    """In a check, end the run here, with the errors found so far."""
    settings = generators[0].settings
    if settings.get(CHECK_ONLY):
        settings["SOSCONF_ERROR_LOG"].raise_if_any()
        raise ContentRead()


def check_content(settings_file: str, content: str, extra: dict | None = None) -> list[ContentError]:
    """Every mistake in `content`, sorted, each once (an empty list: the content builds)."""
    from sosconf.build.runs import build_language, languages_of

    content_path = str(Path(content).resolve())
    errors: list[ContentError] = []
    # Pelican wants an output folder even though nothing is written to it.
    with tempfile.TemporaryDirectory(prefix="sosconf-check-") as nowhere:
        for lang in languages_of(settings_file, content_path):
            errors += build_language(
                settings_file, lang, content_path, nowhere, {**(extra or {}), CHECK_ONLY: True}
            )
    return ContentErrors(errors).errors
