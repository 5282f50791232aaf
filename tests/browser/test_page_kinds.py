"""The page kinds the browser checks are named after are those of the built site."""

from __future__ import annotations

import pytest

from .kinds import KIND_IDS

pytestmark = pytest.mark.browser


def test_checked_kinds_are_the_kinds_the_site_has(site_kinds):
    # A kind the site gained is missing from KIND_IDS (so no check opens it);
    # one it lost would fail every check of it.
    assert sorted(site_kinds) == sorted(KIND_IDS)
