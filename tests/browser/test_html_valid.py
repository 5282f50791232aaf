"""The Nu HTML checker over every HTML file of both builds: no error."""

from __future__ import annotations

import json
import subprocess
from urllib.parse import unquote, urlsplit

import pytest

from .tools import VNU, need_vnu

pytestmark = pytest.mark.validator


def test_every_page_is_valid_html(site, live_site, tmp_path):
    java = need_vnu()
    # A page with a known error proves the checker really read the files.
    canary = tmp_path / "canary"
    canary.mkdir()
    (canary / "broken.html").write_text(
        '<!DOCTYPE html><html lang="en"><title>x</title><img src="a.png"></html>', encoding="utf-8"
    )
    run = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "json",
            str(site),
            str(live_site.output),
            str(canary),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr)["messages"]
    errors = {}
    for message in messages:
        path = unquote(urlsplit(message.get("url", "")).path)
        errors.setdefault(path, []).append(f"line {message.get('lastLine', '?')}: {message['message']}")
    assert errors.pop(str(canary / "broken.html"), None), "the checker did not report the canary's error"
    assert errors == {}
