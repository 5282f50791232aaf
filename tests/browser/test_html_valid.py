"""The Nu HTML checker over every HTML file of both builds: no error."""

from __future__ import annotations

import pytest

from .tools import html_errors

pytestmark = pytest.mark.validator


def test_every_page_is_valid_html(site, live_site, tmp_path):
    errors, canary = html_errors([site, live_site.output], tmp_path)
    assert errors.pop(canary, None), "the checker did not report the canary's error"
    assert errors == {}
