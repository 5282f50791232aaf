"""The organizers' reference and the editor schemas say what the validator does."""

from __future__ import annotations

import json

import jsonschema
import pytest
from pelican.settings import read_settings
from sosconf.conference.data import parse_contacts, parse_edition
from sosconf.conference.schema import Contacts, Edition
from sosconf.conference.schema_docs import SCHEMAS, json_schema_text, reference_markdown, with_reference
from sosconf.yamlsource import parse_yaml
from support import CONTENT, ROOT, SETTINGS

# The bundled site's languages: code -> name, in the settings' order.
SITE_LANGUAGES = {
    code: entry["name"] for code, entry in read_settings(str(SETTINGS))["SOSCONF_LANGUAGES"].items()
}


def _models_reachable_from(model, seen=None):
    """Every model a file can contain, found through the models' own fields."""
    seen = seen if seen is not None else set()
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
                if annotation not in seen:
                    seen.add(annotation)
                    _models_reachable_from(annotation, seen)
            stack.extend(getattr(annotation, "__args__", ()))
    return seen


def _validator(name):
    return jsonschema.Draft202012Validator(
        json.loads((ROOT / "schema" / f"{name}.schema.json").read_text("utf-8"))
    )


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_editor_schema_files_are_generated_from_the_models(name):
    written = (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert written == json_schema_text(name, list(SITE_LANGUAGES)), "run `make schema`"


def test_reference_in_docs_is_generated_from_the_models():
    document = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    assert document == with_reference(document, list(SITE_LANGUAGES)), "run `make schema`"


def test_reference_documents_every_key_of_every_model_a_file_can_hold():
    reference = reference_markdown(list(SITE_LANGUAGES))
    models = {Edition, Contacts} | _models_reachable_from(Edition) | _models_reachable_from(Contacts)
    for model in models:
        if model not in (Edition, Contacts):
            assert f"#### {model.__name__}\n" in reference
        for key, field in model.model_fields.items():
            assert f"| `{key}` |" in reference, f"{model.__name__}.{key}"
            assert " ".join(field.description.split()) in reference


def test_bundled_content_passes_the_editor_schemas():
    for path in sorted((CONTENT / "editions").glob("*.yml")):
        doc, _ = parse_yaml(path.read_text("utf-8"), path.name)
        assert [error.message for error in _validator("edition").iter_errors(doc.data)] == [], path.name
    doc, _ = parse_yaml((CONTENT / "contacts.yml").read_text("utf-8"), "contacts.yml")
    assert [error.message for error in _validator("contacts").iter_errors(doc.data)] == []


MISTAKES = {
    "unknown key": "year: 2030\nname: x\nstatus: planned\nvenu: SUSTech\n",
    "missing name": "year: 2030\nstatus: planned\n",
    "status outside the list": "year: 2030\nname: x\nstatus: finished\n",
    "date not YYYY-MM-DD": "year: 2030\nname: x\nstatus: planned\nstart: 15/10/2030\n",
    "year not a number": "year: twenty\nname: x\nstatus: planned\n",
    "text in another language": "year: 2030\nname: {fr: x}\nstatus: planned\n",
    "javascript link": "year: 2030\nname: x\nstatus: planned\nchannels:\n  - name: x\n    url: 'javascript:alert(1)'\n",
    "channel key misspelt": "year: 2030\nname: x\nstatus: planned\nchannels:\n  - nmae: x\n    url: https://t.me/x\n",
}


@pytest.mark.parametrize("text", MISTAKES.values(), ids=MISTAKES.keys())
def test_editor_schema_and_validator_refuse_the_same_mistakes(text):
    doc, _ = parse_yaml(text, "editions/2030.yml")
    edition, errors = parse_edition(text, "editions/2030.yml", languages=SITE_LANGUAGES)
    assert edition is None and errors
    assert list(_validator("edition").iter_errors(doc.data))


def test_editor_schema_and_validator_accept_a_full_edition():
    text = (
        "year: 2030\nordinal: 12\nname: {zh: 2030 学生开源年会, en: sosconf 2030}\nstatus: planned\n"
        "city: Chengdu\nstart: '2030-10-18'\nend: '2030-10-19'\nlanguage: zh\n"
        "channels:\n  - name: Telegram\n    url: https://t.me/x\n  - name: QQ\n    value: '932119765'\n"
    )
    doc, _ = parse_yaml(text, "editions/2030.yml")
    edition, errors = parse_edition(text, "editions/2030.yml", languages=SITE_LANGUAGES)
    assert errors == [] and edition.year == 2030
    assert list(_validator("edition").iter_errors(doc.data)) == []
    contacts, errors = parse_contacts(
        "channels:\n  - name: E-mail\n    url: mailto:hi@example.org\n",
        "contacts.yml",
        languages=SITE_LANGUAGES,
    )
    assert errors == [] and contacts.channels[0].url == "mailto:hi@example.org"
