"""The web app manifest of each language (`manifest.webmanifest`, `en/manifest.webmanifest`):
the name, icons, colours and start address a phone uses when the site is
added to its home screen.

Its texts come from the theme's template (web_app_manifest.html) through the
language's catalog.  Addresses in it are relative to the manifest, so it
works for the preview, the published site and a copy under a sub-path.
"""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from sosconf.files import write_atomically
from sosconf.languages import prefix
from sosconf.urls import MANIFEST

TEMPLATE = "web_app_manifest.html"


class WebAppManifestGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        lang_prefix = prefix(self.settings, self.settings["DEFAULT_LANG"])
        depth = lang_prefix.count("/")
        text = self.get_template(TEMPLATE.removesuffix(".html")).render(
            self.context,
            # From the manifest: its language's home page, and the site's root.
            start_url="./",
            scope="../" * depth or "./",
            root="../" * depth,
        )
        target = Path(self.output_path) / lang_prefix / MANIFEST
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text.strip().encode("utf-8") + b"\n")
