"""Files of the site that a post points to: links written with `{filename}`,
`{static}` or `{attach}`, pictures and media on the site, and the `image`
metadata.  Each must exist in the content folder.

The reader notes them, with their line, in the post's metadata; once every
file is read, `missing_files` reports those that do not exist.  Checking then
rather than while reading matters: the reader's results are cached, and a
picture deleted after a post was cached must still be noticed.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican.readers import MarkdownReader

from sosconf.content.html_safety import line_of
from sosconf.errors import ContentError

# The metadata key the reader stores a post's linked files under.
LINKED_FILES = "sosconf_linked_files"
# Elements whose `src` loads a file into the page.
_MEDIA = ("img", "source", "video", "audio", "track", "input")
# A `..` step anywhere in a path: `{static}../x`, `/assets/../../x`, `..`.
_CLIMBS = re.compile(r"(?:^|[/}|])\.\.(?:/|$)")
# What `{filename}` may point to: files the Markdown reader makes pages of.
_POSTS = tuple(f".{extension}" for extension in MarkdownReader.file_extensions)


@dataclass(frozen=True)
class LinkedFile:
    target: str  # the path inside the content folder
    written: str  # as the post writes it
    line: int | None


def _resolve(path: str, relpath: str) -> str:
    """A path as Pelican resolves it: from the content folder if it starts with /, else from the post's folder."""
    path = unquote(path)
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(relpath), path))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name == "href" or (name == "src" and tag in _MEDIA) or name == "poster"):
                self.found.append((tag, value.strip()))


def linked_files(
    html: str, source: str, relpath: str, settings
) -> tuple[list[LinkedFile], list[ContentError]]:
    """The content files a post's HTML points to, and errors for paths that can never work."""
    intrasite = re.compile(settings.get("INTRASITE_LINK_REGEX", "[{|](?P<what>.*?)[|}]") + "(?P<value>.*)")
    parser = _Links()
    parser.feed(html)
    parser.close()
    files, errors = [], []
    for tag, url in parser.found:
        match = intrasite.match(url)
        if match and match.group("what") == "site":
            continue  # a page of the site, not a file: sosconf.site.site_links checks it
        if match and match.group("what") in ("filename", "static", "attach"):
            path = urlsplit(match.group("value")).path
            if not path:
                continue
            if match.group("what") == "filename" and not path.lower().endswith(_POSTS):
                errors.append(
                    ContentError(
                        relpath,
                        line_of(source, url),
                        f'"{url}" links to a picture or file with {{filename}}, which is for posts and pages',
                        f"write {{static}}{path} instead",
                    )
                )
                continue
            files.append(LinkedFile(_resolve(path, relpath), url, line_of(source, url)))
            continue
        if tag not in _MEDIA and not url.startswith("{"):
            continue  # plain links to pages are URLs, not files
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        if parts.path.startswith("/"):
            files.append(LinkedFile(_resolve(parts.path, relpath), url, line_of(source, url)))
        else:
            errors.append(
                ContentError(
                    relpath,
                    line_of(source, url),
                    f'the picture "{url}" is a relative path, which the published page cannot find',
                    "write its path from the content folder, e.g. /assets/images/photo.png",
                )
            )
    return files, errors


def image_metadata(metadata: dict, relpath: str, lines: dict[str, int]) -> list[LinkedFile]:
    """The `image` metadata (a social preview picture) when it is a file of the site."""
    image = str(metadata.get("image") or "").strip()
    parts = urlsplit(image)
    if not image or parts.scheme or parts.netloc:
        return []
    return [LinkedFile(_resolve("/" + parts.path.lstrip("/"), relpath), image, lines.get("image"))]


def _from_the_content_folder(linked: LinkedFile) -> str:
    """How to write the link without `..`: its path from the content folder, when it stays inside."""
    kind = re.match(r"[{|](filename|static|attach)[|}]", linked.written)
    start = kind.group(0) if kind else ""
    if linked.target.startswith("../") or linked.target == "..":
        return f"link only to files inside the content folder, written from it, e.g. {start}/assets/images/photo.png"
    return f"write it from the content folder: {start}/{linked.target}"


def _unpublished(linked: LinkedFile, static_paths) -> tuple[str, str] | None:
    """(message, fix) when a file a post shows or links to lies outside the folders the site publishes."""
    if re.match(r"[{|](filename)[|}]", linked.written):
        return None  # a post or page, which has its own address
    folders = [folder.strip("/") + "/" for folder in static_paths]
    if any(linked.target.startswith(folder) for folder in folders):
        return None
    return (
        f'"{linked.written}" points to {linked.target}, which the site does not publish',
        f"move the file under {' or '.join(folders)} and link to it there",
    )


def missing_files(contents, content_root: str) -> list[ContentError]:
    """An error for every linked file of `contents` that is not in the content folder."""
    root = Path(content_root)
    errors = []
    for content in contents:
        if content is None:  # Pelican's mark for a file it could not read
            continue
        for linked in content.metadata.get(LINKED_FILES, ()):
            if _CLIMBS.search(unquote(linked.written)) or linked.target.startswith("../"):
                errors.append(
                    ContentError(
                        content.relative_source_path,
                        linked.line,
                        f'"{linked.written}" goes up a folder with "..", which can lead outside the content folder',
                        _from_the_content_folder(linked),
                    )
                )
                continue
            if (root / linked.target).is_file():
                unpublished = _unpublished(linked, content.settings.get("STATIC_PATHS") or ())
                if unpublished:
                    errors.append(ContentError(content.relative_source_path, linked.line, *unpublished))
                continue
            errors.append(
                ContentError(
                    content.relative_source_path,
                    linked.line,
                    f'"{linked.written}" points to {linked.target}, which is not in the content folder',
                    "correct the path (it is case-sensitive), or add the file",
                )
            )
    return errors


def check_linked_files(generator) -> None:
    """A step of `page_generator_finalized`, once posts and pages are read: the files they link to exist."""
    every_content = generator.context["generated_content"].values()
    generator.settings["SOSCONF_ERROR_LOG"].extend(missing_files(every_content, generator.settings["PATH"]))
