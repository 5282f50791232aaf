"""Draw the web app's icons from the site's favicon, in Chromium.

    .venv/bin/python -m tools.web_app_icons

writes themes/sosconf/static/icons/icon-192.png, icon-512.png and
icon-maskable-512.png (the favicon at 70 % on its own colour, inside the
safe zone a phone may cut to a circle).  Run it again after changing
content/assets/images/favicon.svg; the PNGs are kept in the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAVICON = ROOT / "content" / "assets" / "images" / "favicon.svg"
ICONS = ROOT / "themes" / "sosconf" / "static" / "icons"
CHROMIUM = "/usr/bin/chromium"

PAGE = """<!DOCTYPE html><html><head><style>
html, body {{ margin: 0; width: {size}px; height: {size}px; background: {background}; }}
svg {{ display: block; width: {inner}px; height: {inner}px; margin: {margin}px; }}
</style></head><body>{svg}</body></html>"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    svg = FAVICON.read_text(encoding="utf-8")
    # The favicon's own square colour fills a maskable icon to its edges.
    colour = re.search(r'<rect[^>]*fill="([^"]+)"', svg).group(1)
    wanted = {
        "icon-192.png": (192, 1.0, "transparent"),
        "icon-512.png": (512, 1.0, "transparent"),
        "icon-maskable-512.png": (512, 0.7, colour),
    }
    ICONS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, (size, share, background) in wanted.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            inner = round(size * share)
            page.set_content(
                PAGE.format(
                    size=size, inner=inner, margin=(size - inner) // 2, background=background, svg=svg
                )
            )
            page.screenshot(path=str(ICONS / name), omit_background=background == "transparent")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
