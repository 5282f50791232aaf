"""Load edition and contact files, turning every mistake into a ContentError."""

from __future__ import annotations

import difflib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .errors import ContentError
from .schema import STATUSES, Contacts, Edition
from .yamlsource import parse_yaml


def _fields_of(model: type[BaseModel], loc) -> list[str]:
    """The keys valid at the place `loc` points to inside `model`."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        annotation = field.annotation
        inner = getattr(annotation, "__args__", (annotation,))
        models = [a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)]
        if not models:
            return []
        current = models[0]
    return list(current.model_fields)


def _describe(error: dict, model: type[BaseModel]) -> tuple[tuple, str, str]:
    """(where, message, fix) for one pydantic error."""
    loc = tuple(error["loc"])
    key = ".".join(str(part) for part in loc) or "the file"
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "sosconf":
        at = ctx.get("at")
        if at is not None:
            loc = loc + (at,)
        prefix = f"{key}: " if error["loc"] else ""
        return loc, prefix + ctx["message"], ctx["fix"]
    if kind == "missing":
        return loc[:-1], f"`{key}` is missing", f"add `{loc[-1]}: ...`; it is required"
    if kind == "extra_forbidden":
        valid = _fields_of(model, loc)
        near = difflib.get_close_matches(str(loc[-1]), valid, n=1, cutoff=0.6)
        fix = f"did you mean `{near[0]}`?" if near else "remove it or check its spelling"
        return loc, f"unknown key `{key}`", fix + " Valid keys here: " + ", ".join(valid)
    if kind == "literal_error":
        if loc[-1] == "status":
            allowed = ", ".join(STATUSES)
        else:
            allowed = ctx.get("expected", "")
        return loc, f'{key}: "{error["input"]}" is not allowed', f"use one of: {allowed}"
    if kind.startswith("int"):
        if kind in ("greater_than_equal", "less_than_equal"):
            pass
        return loc, f'{key}: "{error["input"]}" is not a whole number', f"write a number, e.g. {key.split('.')[-1]}: 2022"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return loc, f"{key}: {error['input']} is out of range", error["msg"].lower()
    if kind in ("list_type",):
        return loc, f"{key} must be a list", f"write each entry on its own line starting with `- `"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loc, f"{key} must be a mapping of keys and values", "indent its keys under it, e.g. `name: ...`"
    if kind in ("string_type",):
        return loc, f"{key} must be a text", 'put it in quotes, e.g. "932119765"'
    return loc, f"{key}: {error['msg']}", "see docs/content.md for the format"


def _errors_from(exc: ValidationError, doc, relpath: str, model) -> list[ContentError]:
    found = []
    for error in exc.errors():
        loc, message, fix = _describe(error, model)
        found.append(ContentError(relpath, doc.line_of(loc), message, fix))
    return found


def _read(path: Path, content_root: Path):
    relpath = path.relative_to(content_root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return relpath, None, [
            ContentError(relpath, None, f"the file is not UTF-8 (byte {exc.start})", "save it as UTF-8")
        ]
    doc, errors = parse_yaml(text, relpath)
    if doc is not None and not isinstance(doc.data, dict):
        return relpath, None, [
            ContentError(relpath, 1, "the file must be a mapping of keys and values", "start with e.g. `year: 2022`")
        ]
    return relpath, doc, errors


def _validate(model, doc, relpath, context):
    try:
        return model.model_validate(doc.data, context=context), []
    except ValidationError as exc:
        return None, _errors_from(exc, doc, relpath, model)


def load_edition(path: Path, content_root: Path, allow_http: bool = False):
    """(Edition or None, errors) for one `editions/YYYY.yml` file."""
    relpath, doc, errors = _read(path, content_root)
    if doc is None:
        return None, errors
    edition, errors = _validate(Edition, doc, relpath, {"allow_http": allow_http})
    if edition is not None and path.stem != str(edition.year):
        errors.append(
            ContentError(
                relpath,
                doc.line_of(("year",)),
                f"the file is named {path.name} but says `year: {edition.year}`",
                f"rename it to {edition.year}.yml, or correct the year",
            )
        )
        edition = None
    return edition, errors


def load_editions(content_root: Path, editions_dir: str, allow_http: bool = False):
    """(editions newest first, errors) for every file in the editions folder."""
    folder = content_root / editions_dir
    editions, errors = [], []
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
        edition, found = load_edition(path, content_root, allow_http)
        errors.extend(found)
        if edition is not None:
            editions.append(edition)
    editions.sort(key=lambda e: e.year, reverse=True)
    return editions, errors


def load_contacts(content_root: Path, contacts_file: str, allow_http: bool = False):
    """(Contacts, errors); a site without the file has no channels."""
    path = content_root / contacts_file
    if not path.exists():
        return Contacts(), []
    relpath, doc, errors = _read(path, content_root)
    if doc is None:
        return Contacts(), errors
    contacts, errors = _validate(Contacts, doc, relpath, {"allow_http": allow_http})
    return contacts or Contacts(), errors
