"""The README's "Add next year's edition", followed as written: its starting file
builds, and an announcement dated the year before joins the edition it names
(its page, and its search group), in both languages and both metadata formats.
"""

from __future__ import annotations

import re

from support import ROOT, build, read_html

ZH_ANNOUNCEMENT = """Title: 2027 学生开源年会将在成都举行
Date: 2026-11-20 10:00
Slug: sosconf-2027-announced
Edition: 2027

2027 年的年会在成都举行。
"""

EN_ANNOUNCEMENT = """---
title: The 2027 conference will be held in Chengdu
date: 2026-11-20 10:00:00 +0800
slug: sosconf-2027-announced
edition: 2027
---

The 2027 conference will be held in Chengdu.
"""


def readme_edition_file() -> tuple[str, str]:
    """The file name and the YAML the README's section tells an organizer to create."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Add next year's edition", 1)[1].split("\n### ", 1)[0]
    name = re.search(r"`content/editions/(\d{4}\.yml)`", section).group(1)
    yaml = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    return name, yaml


def test_the_readme_starts_from_a_clean_file_not_last_years():
    name, yaml = readme_edition_file()
    assert "#" not in yaml.replace("# planned", "")  # no other year's comments to carry over
    assert f"year: {name[:4]}" in yaml
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/example-edition.yml" in readme.split("### Add next year's edition", 1)[1]


def test_the_readme_edition_builds_and_an_announcement_a_year_early_joins_it(content_copy, tmp_path):
    name, yaml = readme_edition_file()
    year = name[:4]
    (content_copy / "editions" / name).write_text(yaml, encoding="utf-8")
    (content_copy / "news/zh/2026-11-20-sosconf-2027.md").write_text(ZH_ANNOUNCEMENT, encoding="utf-8")
    (content_copy / "news/en/2026-11-20-sosconf-2027.md").write_text(EN_ANNOUNCEMENT, encoding="utf-8")
    output = build(content_copy, tmp_path / "output").output

    for prefix in ("", "en/"):
        edition_page = read_html(output, f"{prefix}{year}/")
        links = [a["href"] for a in edition_page.select("main a[href]")]
        assert any("sosconf-2027-announced" in href for href in links), prefix
        main = read_html(output, f"{prefix}news/sosconf-2027-announced/").find("main")
        # Searched with its edition, not with the 2026 it is dated in.
        assert main["data-search-group"] == year
    # A post without `edition:` is still grouped with its date's year.
    assert (
        read_html(output, "en/news/sosconf-2021-will-be-held-at-sustech-in-mid-october/").find("main")[
            "data-search-group"
        ]
        == "2021"
    )
