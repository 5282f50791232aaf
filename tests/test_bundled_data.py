"""Loading the bundled edition and contact files, and the language fallback."""

from __future__ import annotations

import subprocess
import sys

from sosconf.conference.data import load_contacts, load_editions
from sosconf.conference.localized import Localized
from support import CACHE_DIR_VARIABLE, CONTENT, ROOT, cache_root


def test_bundled_editions_load_newest_first_without_errors():
    editions, errors = load_editions(CONTENT, "editions")
    assert errors == []
    assert [edition.year for edition in editions] == [2021, 2020, 2019, 2018]
    assert editions[2].city.get("en") == "Los Angeles"
    assert editions[2].city.get("zh") == "洛杉矶"


def test_bundled_contacts_keep_their_order():
    contacts, errors = load_contacts(CONTENT, "contacts.yml")
    assert errors == []
    assert [channel.url or channel.value for channel in contacts.channels][:3] == [
        "https://fb.com/sosconf",
        "https://twitter.com/sosconf",
        "https://t.me/sosconf",
    ]


def test_a_text_missing_one_language_falls_back_to_the_other():
    only_chinese = Localized.of({"zh": "深圳"})
    assert only_chinese.get("en") == "深圳"
    assert only_chinese.with_lang("en") == ("深圳", "zh")
    assert Localized.of("sosconf").with_lang("en") == ("sosconf", "en")


def test_building_the_bundled_site_prints_no_warning(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sosconf",
            "build",
            "--content",
            str(CONTENT),
            "--output",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            "PYTHONPATH": str(ROOT / "plugins"),
            "PATH": "/usr/bin:/bin",
            CACHE_DIR_VARIABLE: str(cache_root(tmp_path)),
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("Built ")
