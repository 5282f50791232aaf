"""axe-core on every kind of page in both languages: no violation at all,
in the light colours and, for contrast, in the dark ones."""

from __future__ import annotations

import pytest

from .tools import AXE, CONTRAST, need_axe

pytestmark = pytest.mark.browser


def _violations(tab, options: dict) -> list[str]:
    result = tab.page.evaluate("options => axe.run(document, options)", options)
    assert result["passes"], "axe ran no check"
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(", ".join(node["target"]) for node in violation["nodes"])
        for violation in result["violations"]
    ]


def test_no_accessibility_violations(axe_tab, kind):
    need_axe()
    axe_tab.open(kind.path)
    axe_tab.page.emulate_media(color_scheme="light")
    axe_tab.page.add_script_tag(path=str(AXE))
    light = _violations(axe_tab, {"resultTypes": ["violations"]})
    axe_tab.page.emulate_media(color_scheme="dark")
    dark = _violations(axe_tab, CONTRAST)
    assert {"light": light, "dark": dark} == {"light": [], "dark": []}
