"""Pictures named in edition files: each must exist and be published.

Pydantic checks the form of a path; whether the file is there needs the
content folder, so it is checked here, after loading, with the line of the
path in its file.
"""

from __future__ import annotations

from pathlib import Path

from sosconf.conference.data import where
from sosconf.errors import ContentError
from sosconf.yamlsource import parse_yaml


def pictures_of(edition):
    """(place in the file, path) for every picture an edition names."""
    if edition.image:
        yield ("image",), edition.image.lstrip("/")
    for i, speaker in enumerate(edition.speakers):
        if speaker.photo:
            yield ("speakers", i, "photo"), speaker.photo
    for t, tier in enumerate(edition.sponsors):
        for m, sponsor in enumerate(tier.members):
            if sponsor.logo:
                yield ("sponsors", t, "members", m, "logo"), sponsor.logo
    for p, partner in enumerate(edition.partners):
        if partner.logo:
            yield ("partners", p, "logo"), partner.logo
    for t, team in enumerate(edition.teams):
        for m, member in enumerate(team.members):
            if member.photo:
                yield ("teams", t, "members", m, "photo"), member.photo


def _source(folder: Path, year: int) -> Path | None:
    for suffix in (".yml", ".yaml"):
        if (folder / f"{year}{suffix}").exists():
            return folder / f"{year}{suffix}"
    return None


def edition_source(content_root: Path, editions_dir: str, year: int) -> str:
    """The file of the edition of `year`, as a path inside the content folder."""
    source = _source(content_root / editions_dir, year)
    return source.relative_to(content_root).as_posix() if source else f"{editions_dir}/{year}.yml"


def missing_pictures(editions, content_root: Path, editions_dir: str, static_paths) -> list[ContentError]:
    """Errors for pictures that do not exist or lie outside the folders the site publishes."""
    errors = []
    published = [folder.strip("/") + "/" for folder in static_paths]
    for edition in editions:
        problems = []
        for place, path in pictures_of(edition):
            if ".." in path.replace("\\", "/").split("/"):
                problems.append(
                    (
                        place,
                        f'the picture "{path}" goes up a folder with "..", which can lead outside content/',
                        "give the file's path from the content folder, e.g. assets/images/2021.png",
                    )
                )
            elif not (content_root / path).is_file():
                problems.append(
                    (
                        place,
                        f'the picture "{path}" does not exist',
                        "put the file there, or correct the path (it starts from content/)",
                    )
                )
            elif not any(path.startswith(folder) for folder in published):
                problems.append(
                    (
                        place,
                        f'the picture "{path}" is not published',
                        f"move it under {' or '.join(published)}",
                    )
                )
        if not problems:
            continue
        source = _source(content_root / editions_dir, edition.year)
        relpath = edition_source(content_root, editions_dir, edition.year)
        doc = parse_yaml(source.read_text(encoding="utf-8"), relpath)[0] if source else None
        for place, message, fix in problems:
            key = where(place)
            errors.append(
                ContentError(relpath, doc.line_of(place) if doc else None, f"{key}: {message}", fix)
            )
    return errors
