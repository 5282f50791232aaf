"""Render tools/social-image.svg into the site's default link preview picture.

Link previews (Open Graph) want a PNG or JPEG, not SVG, so the picture is
drawn once in Chromium from the SVG source and the PNG is kept in content/.
Run it after changing the SVG:

    .venv/bin/python tools/social_image.py
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "social-image.svg"
TARGET = ROOT / "content" / "assets" / "images" / "sosconf-social.png"
CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(
            "<!DOCTYPE html><style>html,body{margin:0}</style>" + SOURCE.read_text(encoding="utf-8")
        )
        page.locator("svg").screenshot(path=str(TARGET))
        browser.close()
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
