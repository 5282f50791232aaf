"""The field types every data file shares: texts in several languages, dates,
safe links, and the strict base model that refuses unknown keys.

The models of `schema` and `schema_event` are built from these.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from sosconf.conference.localized import Localized

ALLOWED_SCHEMES = ("https:", "mailto:")
STATUSES = ("planned", "postponed", "cancelled", "held")


def fail(message: str, fix: str, at: str | int | None = None) -> PydanticCustomError:
    """A validation error whose message and fix reach the organizer as written.

    `at` names the key the error is about when it is raised for a whole entry.
    """
    return PydanticCustomError("sosconf", "{message}", {"message": message, "fix": fix, "at": at})


# A site language's code as SOSCONF_LANGUAGES writes it: zh, en, ja, pt-br.
LANGUAGE_CODE = r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$"
_LANGUAGE_CODE = re.compile(LANGUAGE_CODE)


def site_languages(info: ValidationInfo) -> dict[str, str] | None:
    """The site's languages (code -> name), from the validation context; None when read without its site."""
    languages = info.context.get("languages") if info.context else None
    return dict(languages) if languages else None


def either(codes) -> str:
    """`zh` and/or `en`; `zh`, `en` and/or `ja`."""
    quoted = [f"`{code}`" for code in codes]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and/or " + quoted[-1]


def _is_language(key, languages) -> bool:
    if languages is None:
        return isinstance(key, str) and bool(_LANGUAGE_CODE.match(key))
    return key in languages


def _to_localized(value, info: ValidationInfo):
    languages = site_languages(info)
    if isinstance(value, Localized):
        return value
    if isinstance(value, str) and value.strip():
        return Localized.of(value)
    if isinstance(value, dict) and value:
        unknown = [key for key in value if not _is_language(key, languages)]
        if unknown:
            raise fail(
                f"`{unknown[0]}` is not a language of this site",
                f"use {either(languages)} as the keys"
                if languages
                else "use language codes such as `en` as the keys",
            )
        if all(isinstance(text, str) and text.strip() for text in value.values()):
            return Localized.of(value, languages)
    key = info.field_name or "name"
    if not languages:
        raise fail(
            "must be a text, or a mapping of language codes to texts",
            f"write e.g. `{key}: one text for both` or `{key}: {{en: English}}`",
        )
    # Each language's name, as the settings spell it, shows what goes under its key.
    example = ", ".join(f"{code}: {name}" for code, name in languages.items())
    raise fail(
        f"must be a text, or a mapping with {either(languages)} texts",
        f"write e.g. `{key}: one text for both` or `{key}: {{{example}}}`",
    )


# The editor schema of a text mapping and of a site language before
# `with_site_languages` fills in the languages of a site.
_ANY_TEXT_MAPPING = {
    "type": "object",
    "propertyNames": {"pattern": LANGUAGE_CODE},
    "additionalProperties": {"type": "string", "minLength": 1},
    "minProperties": 1,
}
_ANY_SITE_LANGUAGE = {"type": "string", "pattern": LANGUAGE_CODE}


def with_site_languages(schema, languages):
    """A JSON Schema with the text mappings and language fields limited to the site's `languages`."""
    if schema == _ANY_TEXT_MAPPING:
        return {
            "type": "object",
            "properties": {lang: {"type": "string", "minLength": 1} for lang in languages},
            "additionalProperties": False,
            "minProperties": 1,
        }
    if schema == _ANY_SITE_LANGUAGE:
        return {"enum": list(languages), "type": "string"}
    if isinstance(schema, dict):
        return {key: with_site_languages(value, languages) for key, value in schema.items()}
    if isinstance(schema, list):
        return [with_site_languages(value, languages) for value in schema]
    return schema


Text = Annotated[
    Localized,
    PlainValidator(_to_localized),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, _ANY_TEXT_MAPPING]}),
]


def _to_site_language(value, info: ValidationInfo) -> str:
    languages = site_languages(info)
    if isinstance(value, str) and _is_language(value, languages):
        return value
    raise fail(
        f'"{value}" is not a language of this site',
        f"write one of: {', '.join(languages)}" if languages else "write a language code such as `en`",
    )


# One of the site's languages (SOSCONF_LANGUAGES), by its code.
SiteLanguage = Annotated[str, PlainValidator(_to_site_language), WithJsonSchema(_ANY_SITE_LANGUAGE)]


_DATE_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _to_date(value):
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    text = str(value).strip()
    try:
        # Only the one form the editor schema allows: fromisoformat alone
        # would also take 20221015 and week dates such as 2022-W41-6.
        if not _DATE_FORM.match(text):
            raise ValueError(text)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise fail(
            f'"{text}" is not a date',
            "write it as YYYY-MM-DD, e.g. 2022-10-15",
        ) from None


Date = Annotated[
    datetime.date,
    PlainValidator(_to_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _DATE_FORM.pattern}),
]


_WEB_ADDRESS = re.compile(r"^https?://[^/\s?#]+\S*$", re.IGNORECASE)


def check_link(url: str, info: ValidationInfo) -> str:
    allow_http = bool(info.context and info.context.get("allow_http"))
    schemes = ALLOWED_SCHEMES + (("http:",) if allow_http else ())
    if not url.lower().startswith(schemes):
        scheme = url.split(":", 1)[0] + ":" if ":" in url else "no scheme"
        raise fail(
            f'"{url}" is not an allowed link ({scheme})',
            "links must start with https:// or mailto:"
            + ("" if allow_http else " (http: only where SOSCONF_ALLOW_HTTP is set)"),
        )
    lowered = url.lower()
    if lowered.startswith(("https:", "http:")) and not _WEB_ADDRESS.match(url):
        raise fail(
            f'"{url}" is not a whole web address', "write it as https://host/path, e.g. https://t.me/sosconf"
        )
    if lowered.startswith(("https:", "http:")) and "@" in url.split("/", 3)[2]:
        # `https://sosconf.org@elsewhere.example/` leads to elsewhere.example.
        raise fail(
            f'"{url}" names a user before an @, which hides the host it leads to',
            "write the address as the browser shows it, starting with the host",
        )
    if lowered.startswith("mailto:") and "@" not in url:
        raise fail(f'"{url}" has no e-mail address', "write it as mailto:name@example.org")
    return url


# A link in edition and contact files; editors flag other schemes as they are typed.
SafeUrl = Annotated[
    str,
    AfterValidator(check_link),
    WithJsonSchema({"type": "string", "pattern": r"^(https://|mailto:)\S+$"}),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
