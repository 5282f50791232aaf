"""axe-core on every kind of page in both languages: no violation at all,
in the light colours and, for contrast, in the dark ones."""

from __future__ import annotations

import pytest

from .tools import CONTRAST, axe_violations, need_axe

pytestmark = pytest.mark.browser


def test_no_accessibility_violations(axe_tab, kind):
    need_axe()
    axe_tab.open(kind.path)
    axe_tab.page.emulate_media(color_scheme="light")
    light = axe_violations(axe_tab.page)
    axe_tab.page.emulate_media(color_scheme="dark")
    dark = axe_violations(axe_tab.page, CONTRAST)
    assert {"light": light, "dark": dark} == {"light": [], "dark": []}
