"""Load edition and contact files, turning every mistake into a ContentError."""

from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ValidationError

from sosconf.conference.schema import Contacts, Edition
from sosconf.conference.schema_fields import STATUSES
from sosconf.errors import ContentError
from sosconf.yamlsource import parse_yaml

# How an error that is the site's fault, not the organizer's, starts.
BUG = "the site could not check this file (a bug in the site, not in the file)"


def _models_in(annotation) -> list[type[BaseModel]]:
    """The models an annotation holds: `Program | None`, `list[Speaker]`, ..."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for inner in getattr(annotation, "__args__", ()) for model in _models_in(inner)]


def _fields_of(model: type[BaseModel], loc) -> list[str]:
    """The keys valid at the place `loc` points to inside `model`."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        models = _models_in(field.annotation) if field else []
        if not models:
            return []
        current = models[0]
    return list(current.model_fields)


def where(loc) -> str:
    """A place in the file as organizers count: `channels, item 2, url`."""
    return ", ".join(f"item {part + 1}" if isinstance(part, int) else str(part) or '""' for part in loc)


def _shown(value) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(error: dict, model: type[BaseModel]) -> tuple[tuple, str, str]:
    """(where, message, fix) for one pydantic error."""
    loc = tuple(error["loc"])
    key = where(loc) or "the file"
    name = str(loc[-1]) if loc else ""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = _shown(error.get("input"))
    if kind == "sosconf":
        at = ctx.get("at")
        if at is not None:
            loc = loc + (at,)
        prefix = f"{key}: " if error["loc"] else ""
        return loc, prefix + ctx["message"], ctx["fix"]
    if kind == "missing":
        inside = where(loc[:-1])
        return (
            loc[:-1],
            f"{inside + ': ' if inside else ''}`{name}` is missing",
            f"add `{name}: ...`; it is required",
        )
    if kind == "extra_forbidden":
        valid = _fields_of(model, loc)
        near = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
        fix = f"did you mean `{near[0]}`?" if near else "remove it or check its spelling."
        return loc, f"unknown key `{key}`", fix + " Valid keys here: " + ", ".join(valid)
    if kind == "literal_error":
        allowed = ", ".join(STATUSES) if name == "status" else ctx.get("expected", "").replace("'", "")
        return loc, f'{key}: "{value}" is not allowed', f"use one of: {allowed}"
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return (
            loc,
            f'{key}: "{value}" is not a whole number',
            "write digits only, without quotes, e.g. `year: 2022`",
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return loc, f"{key}: {value} is out of range", error["msg"].lower()
    if kind in ("bool_parsing", "bool_type"):
        return loc, f'{key}: "{value}" is not true or false', "write `true` or `false`"
    if kind == "list_type":
        return loc, f"{key} must be a list", "write each entry on its own line starting with `- `"
    if kind == "too_short" and "min_length" in ctx:
        return (
            loc,
            f"{key} needs at least {ctx['min_length']} entries",
            "add the missing entries, or remove the key",
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return (
            loc,
            f"{key} must be a mapping of keys and values",
            "indent its keys under it, e.g. `name: ...`",
        )
    if kind == "string_type":
        return loc, f"{key} must be a text", 'put it in quotes, e.g. "932119765"'
    return loc, f"{key}: {error['msg']}", "see docs/content.md for the format"


def _misspelt_required(errors: list[dict]) -> set[tuple]:
    """The `missing` errors that a misspelt key beside them explains (`stauts:` for `status:`).

    The unknown key's error already says "did you mean `status`?": one
    mistake, one error.
    """
    unknown: dict[tuple, list[str]] = {}
    for error in errors:
        if error["type"] == "extra_forbidden" and error["loc"]:
            unknown.setdefault(tuple(error["loc"][:-1]), []).append(str(error["loc"][-1]))
    explained = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and loc:
            if difflib.get_close_matches(str(loc[-1]), unknown.get(loc[:-1], []), n=1, cutoff=0.6):
                explained.add(loc)
    return explained


def _errors_from(exc: ValidationError, doc, relpath: str, model) -> list[ContentError]:
    found = []
    errors = exc.errors()
    explained = _misspelt_required(errors)
    for error in errors:
        if error["type"] == "missing" and tuple(error["loc"]) in explained:
            continue
        loc, message, fix = _describe(error, model)
        found.append(ContentError(relpath, doc.line_of(loc), message, fix))
    return found


def _text_of(path: Path, relpath: str) -> tuple[str | None, list[ContentError]]:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [
            ContentError(
                relpath, line, "the file is not UTF-8", "save it as UTF-8 (in VS Code: Save with Encoding)"
            )
        ]


def _document(text: str, relpath: str):
    doc, errors = parse_yaml(text, relpath)
    if doc is not None and not isinstance(doc.data, dict):
        return None, [
            ContentError(
                relpath, 1, "the file must be a mapping of keys and values", "start with e.g. `year: 2022`"
            )
        ]
    return doc, errors


def _validate(model, doc, relpath, context):
    try:
        return model.model_validate(doc.data, context=context), []
    except ValidationError as exc:
        return None, _errors_from(exc, doc, relpath, model)
    except Exception as exc:  # a validator's bug must not end the build with a traceback
        return None, [ContentError(relpath, None, f"{BUG}: {type(exc).__name__}: {exc}", "please report it")]


def parse_edition(text: str, relpath: str, allow_http: bool = False, languages=None):
    """(Edition or None, errors) for the text of the edition file at `relpath`.

    `languages`: the site's languages (code -> name), which texts may be
    given in; None takes any language code (a file read without its site).
    """
    doc, errors = _document(text, relpath)
    if doc is None:
        return None, errors
    edition, errors = _validate(Edition, doc, relpath, {"allow_http": allow_http, "languages": languages})
    name = PurePosixPath(relpath).name
    if edition is not None and PurePosixPath(relpath).stem != str(edition.year):
        errors.append(
            ContentError(
                relpath,
                doc.line_of(("year",)),
                f"the file is named {name} but says `year: {edition.year}`",
                f"rename it to {edition.year}.yml, or correct the year",
            )
        )
        edition = None
    return edition, errors


def parse_contacts(text: str, relpath: str, allow_http: bool = False, languages=None):
    """(Contacts or None, errors) for the text of the contacts file at `relpath`."""
    doc, errors = _document(text, relpath)
    if doc is None:
        return None, errors
    return _validate(Contacts, doc, relpath, {"allow_http": allow_http, "languages": languages})


def load_edition(path: Path, content_root: Path, allow_http: bool = False, languages=None):
    """(Edition or None, errors) for one `editions/YYYY.yml` file."""
    relpath = path.relative_to(content_root).as_posix()
    text, errors = _text_of(path, relpath)
    return (None, errors) if text is None else parse_edition(text, relpath, allow_http, languages)


def load_editions(content_root: Path, editions_dir: str, allow_http: bool = False, languages=None):
    """(editions newest first, errors) for every file in the editions folder."""
    folder = content_root / editions_dir
    editions, errors = [], []
    sources: dict[int, Path] = {}
    if not folder.is_dir():
        return editions, errors
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix not in (".yml", ".yaml"):
            errors.append(
                ContentError(
                    path.relative_to(content_root).as_posix(),
                    None,
                    "only edition files belong in this folder",
                    "name it YYYY.yml, or move it elsewhere",
                )
            )
            continue
        edition, found = load_edition(path, content_root, allow_http, languages)
        errors.extend(found)
        if edition is not None:
            editions.append(edition)
            sources[edition.year] = path
    editions.sort(key=lambda e: e.year, reverse=True)
    return editions, errors + ordinal_errors(editions, sources, content_root)


def _ordinal_line(path: Path) -> int | None:
    doc, _errors = parse_yaml(path.read_text(encoding="utf-8-sig"), "")
    return doc.line_of(("ordinal",)) if doc is not None else None


def ordinal_errors(editions, sources: dict[int, Path], content_root: Path) -> list[ContentError]:
    """Ordinals count editions in the order of their years: each is used once and grows with the year."""
    errors = []
    numbered = sorted((e for e in editions if e.ordinal is not None), key=lambda e: e.year)
    for before, edition in zip(numbered, numbered[1:]):
        if edition.ordinal > before.ordinal:
            continue
        earlier = sources[before.year].relative_to(content_root).as_posix()
        if edition.ordinal == before.ordinal:
            message = f"ordinal: {edition.ordinal} is also the ordinal of {earlier}"
        else:
            message = f"ordinal: {edition.ordinal} is smaller than the {before.ordinal} of {earlier}, an earlier edition"
        errors.append(
            ContentError(
                sources[edition.year].relative_to(content_root).as_posix(),
                _ordinal_line(sources[edition.year]),
                message,
                f"number the editions in the order of their years, each one more than the edition "
                f"before it (here {before.ordinal + 1}, if no edition lies between)",
            )
        )
    return errors


def load_contacts(content_root: Path, contacts_file: str, allow_http: bool = False, languages=None):
    """(Contacts, errors); a site without the file has no channels."""
    path = content_root / contacts_file
    if not path.exists():
        return Contacts(), []
    relpath = path.relative_to(content_root).as_posix()
    text, errors = _text_of(path, relpath)
    if text is None:
        return Contacts(), errors
    contacts, errors = parse_contacts(text, relpath, allow_http, languages)
    return contacts or Contacts(), errors
