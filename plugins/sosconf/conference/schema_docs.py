"""The organizers' reference and the editor schemas, made from the models in `schema`.

`python -m sosconf schema` (`make schema`) writes

- `schema/edition.schema.json` and `schema/contacts.schema.json`, the JSON
  Schemas editors use to complete keys and flag mistakes while typing;
- the generated part of `docs/content.md`: one table per model that an edition
  or the contacts file can contain, found by following the models' fields, so
  a new field or model appears without anyone listing it.

Both are rendered from the same JSON Schema, which pydantic derives from the
models that validate the build.  A test fails when the files are out of date.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from sosconf.conference.schema import Contacts, Edition
from sosconf.conference.schema_fields import Date, SafeUrl, with_site_languages

# name -> (model, the files it describes)
SCHEMAS = {
    "edition": (Edition, "content/editions/YYYY.yml"),
    "contacts": (Contacts, "content/contacts.yml"),
}
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
BEGIN = "<!-- BEGIN GENERATED REFERENCE: `make schema` rewrites this part from plugins/sosconf/conference/schema.py -->"
END = "<!-- END GENERATED REFERENCE -->"

_DATE = TypeAdapter(Date).json_schema()
_LINK = TypeAdapter(SafeUrl).json_schema()


def json_schema(name: str, languages) -> dict:
    """The JSON Schema of file kind `name` for a site in `languages` (codes, in the settings' order)."""
    model, files = SCHEMAS[name]
    schema = with_site_languages(model.model_json_schema(), languages)
    return {"$schema": JSON_SCHEMA_DIALECT, "title": f"sosconf {files}", **schema}


def json_schema_text(name: str, languages) -> str:
    return json.dumps(json_schema(name, languages), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _text_languages(schema: dict) -> list[str] | None:
    """The language keys of a text's schema (a string, or a mapping of the site's languages); else None."""
    options = schema.get("anyOf") or []
    if len(options) != 2 or options[0] != {"type": "string", "minLength": 1}:
        return None
    mapping = options[1]
    if mapping.get("type") != "object" or mapping.get("additionalProperties") is not False:
        return None
    return list(mapping.get("properties") or {}) or None


def _without_null(schema: dict) -> dict:
    """An optional value's schema without its `null` choice (leaving a key out is how one omits it)."""
    if "anyOf" not in schema:
        return schema
    options = [option for option in schema["anyOf"] if option.get("type") != "null"]
    rest = {key: value for key, value in schema.items() if key != "anyOf"}
    return {**rest, **options[0]} if len(options) == 1 else {**rest, "anyOf": options}


def _anchor(model_name: str) -> str:
    return model_name.lower()


def _kind(schema: dict) -> str:
    """What a value must be, in words, with links to the models it contains."""
    schema = _without_null(schema)
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"a [{name}](#{_anchor(name)})"
    languages = _text_languages(schema)
    if languages:
        every = "both languages" if len(languages) == 2 else "every language"
        return f"text: one for {every}, or `{{{', '.join(f'{code}: …' for code in languages)}}}`"
    if schema.get("pattern") == _DATE.get("pattern") and schema.get("format") == "date":
        return "date, `YYYY-MM-DD`"
    if schema.get("pattern") == _LINK.get("pattern"):
        return "link: `https://…` or `mailto:…`"
    if "enum" in schema:
        return "one of " + ", ".join(f"`{value}`" for value in schema["enum"])
    kind = schema.get("type")
    if kind == "array":
        text = "list of " + _kind(schema.get("items", {})).removeprefix("a ")
        if schema.get("minItems"):
            text += f" (at least {schema['minItems']})"
        return text
    if kind == "integer":
        bounds = [
            f"≥ {schema['minimum']}" if "minimum" in schema else "",
            f"≤ {schema['maximum']}" if "maximum" in schema else "",
        ]
        bounds = ", ".join(bound for bound in bounds if bound)
        return "whole number" + (f" ({bounds})" if bounds else "")
    if kind == "string":
        return "text" + (f" matching `{schema['pattern']}`" if "pattern" in schema else "")
    if kind == "boolean":
        return "`true` or `false`"
    return "see the description"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _model_section(name: str, schema: dict, heading: str) -> list[str]:
    lines = [f"{heading} {name}", ""]
    if schema.get("description"):
        lines += [" ".join(schema["description"].split()), ""]
    required = set(schema.get("required", []))
    lines += ["| key | required | value | meaning |", "|---|---|---|---|"]
    for key, prop in schema.get("properties", {}).items():
        lines.append(
            f"| `{key}` | {'yes' if key in required else 'no'} | {_cell(_kind(prop))} | {_cell(prop.get('description', ''))} |"
        )
    lines.append("")
    return lines


def _referenced(schema: dict) -> list[str]:
    """The names of the models `schema` points to, in the order they appear."""
    found = []
    if isinstance(schema, dict):
        if "$ref" in schema:
            found.append(schema["$ref"].rsplit("/", 1)[-1])
        for value in schema.values():
            found += _referenced(value)
    elif isinstance(schema, list):
        for value in schema:
            found += _referenced(value)
    return found


def reference_markdown(languages) -> str:
    """The generated part of docs/content.md, markers included."""
    lines = [BEGIN, ""]
    documented: set[str] = set()
    for name in SCHEMAS:
        schema = json_schema(name, languages)
        definitions = schema.get("$defs", {})
        top = {key: value for key, value in schema.items() if key != "$defs"}
        lines += _model_section(SCHEMAS[name][0].__name__, top, "###")
        # Every model this file can contain, breadth first, each documented once.
        queue = _referenced(top)
        while queue:
            model_name = queue.pop(0)
            if model_name in documented or model_name not in definitions:
                continue
            documented.add(model_name)
            lines += _model_section(model_name, definitions[model_name], "####")
            queue += _referenced(definitions[model_name])
    lines.append(END)
    return "\n".join(lines) + "\n"


def with_reference(document: str, languages) -> str:
    """`document` with its generated part replaced by the current one."""
    if BEGIN not in document or END not in document:
        raise ValueError(f"the document has no generated part (a line `{BEGIN}` ... `{END}`)")
    before = document[: document.index(BEGIN)]
    after = document[document.index(END) + len(END) :].lstrip("\n")
    return before + reference_markdown(languages) + ("\n" + after if after else "")


def write_all(root: Path, languages) -> list[Path]:
    """Write the editor schemas and the reference under `root` for a site in `languages`; return the files changed."""
    changed = []
    targets = {root / "schema" / f"{name}.schema.json": json_schema_text(name, languages) for name in SCHEMAS}
    docs = root / "docs" / "content.md"
    targets[docs] = with_reference(docs.read_text(encoding="utf-8"), languages)
    for path, text in targets.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
