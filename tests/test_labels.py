"""Every value an edition file chooses from has its words in every language's catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from pelican.settings import read_settings
from sosconf.conference.exports import ical, jsonld
from sosconf.conference.labels import SOURCE_LANGUAGE, TABLES
from sosconf.conference.schema_event import ATTENDANCE_MODES
from sosconf.conference.schema_fields import STATUSES
from support import ROOT, SETTINGS

CATALOGS = ROOT / "themes" / "sosconf" / "translations"
# The catalog of the third-language test site, held to the same rule.
JAPANESE = ROOT / "tests" / "data" / "third_language" / "messages.po"


def _catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def untranslated_labels(catalog: Catalog, lang: str) -> list[str]:
    """The labels `catalog` lacks: not there, or (in a language other than the labels') left empty."""
    missing = []
    for name, (_values, labels) in TABLES.items():
        for value, messages in labels.items():
            for message in messages:
                entry = catalog.get(message)
                if entry is None or (lang != SOURCE_LANGUAGE and not entry.string):
                    missing.append(f"{name} {value}: {message}")
    return missing


def _site_catalogs() -> dict[str, Path]:
    languages = read_settings(str(SETTINGS))["SOSCONF_LANGUAGES"]
    return {code: CATALOGS / code / "LC_MESSAGES" / "messages.po" for code in languages} | {"ja": JAPANESE}


@pytest.mark.parametrize("name", list(TABLES))
def test_every_value_of_the_schema_has_a_label(name):
    values, labels = TABLES[name]
    assert list(labels) == list(values)
    assert all(message.strip() for messages in labels.values() for message in messages)


@pytest.mark.parametrize("lang", list(_site_catalogs()))
def test_every_label_is_translated_in_every_language(lang):
    assert untranslated_labels(_catalog(_site_catalogs()[lang]), lang) == []


def test_a_label_missing_from_a_catalog_is_found():
    catalog = _catalog(CATALOGS / "zh" / "LC_MESSAGES" / "messages.po")
    name, (values, labels) = next(iter(TABLES.items()))
    message = labels[values[0]][0]
    catalog.delete(message)
    assert untranslated_labels(catalog, "zh") == [f"{name} {values[0]}: {message}"]
    catalog.add(message, "")
    assert untranslated_labels(catalog, "zh") == [f"{name} {values[0]}: {message}"]


def test_the_exports_map_every_status_and_attendance_mode():
    """Calendars and search engines get a word of their own vocabularies for each value."""
    assert set(ical.STATUS) == set(STATUSES)
    assert set(jsonld.EVENT_STATUS) == set(STATUSES)
    assert set(jsonld.ATTENDANCE) == set(ATTENDANCE_MODES)
