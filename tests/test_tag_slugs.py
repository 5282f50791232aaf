"""Tags slugify once per name: the same slugs as Pelican's, worked out once."""

from __future__ import annotations

import copy

import pelican.urlwrappers
import pytest
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Tag
from pelican.utils import slugify
from sosconf.content import tag_slugs

NAMES = ["开源社区", "Open Source", "C++ & Rust", "<b>HTML</b> tag", "Ünïcode Straße", "  spaced  "]


@pytest.fixture
def remembered(monkeypatch):
    """Tags slugify through the kept answers, counting the names worked out."""
    worked_out = []
    monkeypatch.setattr(
        tag_slugs, "slugify", lambda value, **options: worked_out.append(value) or slugify(value, **options)
    )
    tag_slugs._slug_of.cache_clear()
    monkeypatch.setattr(pelican.urlwrappers, "slugify", slugify)
    tag_slugs.remember_tag_slugs()
    yield worked_out
    tag_slugs._slug_of.cache_clear()


@pytest.mark.parametrize(
    "settings_change", [{}, {"SLUGIFY_PRESERVE_CASE": True}, {"SLUGIFY_USE_UNICODE": True}]
)
def test_tags_get_the_slugs_pelican_gives_them(remembered, settings_change):
    settings = {**copy.deepcopy(DEFAULT_CONFIG), **settings_change}
    for name in NAMES:
        expected = slugify(
            name.strip(),
            regex_subs=settings.get("TAG_REGEX_SUBSTITUTIONS", settings["SLUG_REGEX_SUBSTITUTIONS"]),
            preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
            use_unicode=settings["SLUGIFY_USE_UNICODE"],
        )
        assert Tag(name, settings).slug == expected


def test_a_name_is_slugified_once_for_all_its_tags(remembered):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    slugs = {Tag(name, settings).slug for _ in range(3) for name in NAMES}
    assert len(slugs) == len(NAMES)
    assert len(remembered) == len(NAMES)  # each name once, though three tags carry it
    # Positive control: other slug settings are other answers, worked out again.
    Tag(NAMES[0], {**settings, "SLUGIFY_PRESERVE_CASE": True}).slug  # noqa: B018
    assert remembered.count(NAMES[0]) == 2
