"""Two things of the site at one address: found once everything is read, with
the files that clash.

Pelican notices two posts (or two pages) sharing a slug, and this site
reports it (sosconf.build.pelican_warnings).  What it cannot notice is a post or
page whose address is one of the site's own pages, an edition's (`2019/`),
the contact page, or one of another kind of content (a page with the slug
`news`): it would stop while writing, unable to say which files are to blame.
Here every address a run will write is known before anything is written, so
the check finds these too, and names every file involved.
"""

from __future__ import annotations

from pathlib import Path

from sosconf.content.local_files import edition_source
from sosconf.content.post_metadata import metadata_lines
from sosconf.errors import ContentError
from sosconf.languages import prefix
from sosconf.urls import edition_path

# Kinds of content, each read by one Pelican generator, which itself reports
# two of its own at one address.
_CONTENT_KINDS = ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages")
# The site's own pages, by their place under the language's prefix.
_OWN_PAGES = {
    "index.html": "the home page",
    "editions/index.html": "the editions page",
    "contact/index.html": "the contact page",
    "search/index.html": "the search page",
    "404.html": "the page for missing addresses",
}
_PELICAN_PAGES = {
    "INDEX_SAVE_AS": "the news page",
    "TAGS_SAVE_AS": "the tags page",
    "CATEGORIES_SAVE_AS": "the categories page",
}


class _Owner:
    def __init__(self, description: str, source: str | None = None, kind: str | None = None, slug=None):
        self.description = description
        self.source = source  # the content file to blame, if a file is
        self.kind = kind  # the generator that read it
        self.slug = slug


def _content_owners(generators) -> dict[str, list[_Owner]]:
    owners: dict[str, list[_Owner]] = {}
    for generator in generators:
        for kind in _CONTENT_KINDS:
            for content in getattr(generator, kind, None) or ():
                if content is None or not getattr(content, "save_as", ""):
                    continue
                source = content.relative_source_path
                owners.setdefault(content.save_as, []).append(
                    _Owner(source, source, type(generator).__name__, getattr(content, "slug", None))
                )
    return owners


def _site_owners(generators, settings, wanted: set[str]) -> dict[str, list[_Owner]]:
    """The site's own pages among the addresses in `wanted`."""
    own = prefix(settings, settings["DEFAULT_LANG"])
    owners: dict[str, list[_Owner]] = {}
    for place, description in _OWN_PAGES.items():
        owners.setdefault(own + place, []).append(_Owner(description))
    for setting, description in _PELICAN_PAGES.items():
        if settings.get(setting):
            owners.setdefault(settings[setting], []).append(_Owner(description))
    for generator in generators:
        for name in ("tags", "categories"):
            for taxonomy in getattr(generator, name, None) or ():  # a mapping: its keys
                if getattr(taxonomy, "save_as", ""):
                    owners.setdefault(taxonomy.save_as, []).append(
                        _Owner(f'the page of the {name[:-1]} "{taxonomy}"')
                    )
    root = Path(settings["PATH"])
    for generator in generators:
        for edition in getattr(generator, "editions", None) or ():
            home = own + edition_path(edition.year)
            if not any(address.startswith(home) for address in wanted):
                continue  # an edition's pages are many; only those that may clash are listed
            source = edition_source(root, settings["SOSCONF_EDITIONS_DIR"], edition.year)
            owners.setdefault(home + "index.html", []).append(_Owner(f"the page of {source}"))
            # Imported here: the event pages need the schema modules loaded through sosconf.conference.schema first.
            from sosconf.site.conference_pages import edition_pages

            for _template, path, _extra in edition_pages(edition, settings):
                address = own + (path + "index.html" if path.endswith("/") else path)
                owners.setdefault(address, []).append(_Owner(f"a page of {source}"))
    return owners


def site_addresses(generators, settings, wanted: set[str]) -> set[str]:
    """Every address this run writes that may be among `wanted` (all but the pages of other editions)."""
    return set(_content_owners(generators)) | set(_site_owners(generators, settings, wanted))


def _slug_line(root: Path, source: str) -> int | None:
    try:
        return metadata_lines((root / source).read_text(encoding="utf-8-sig")).get("slug")
    except (OSError, ValueError):
        return None


def address_clashes(generators) -> list[ContentError]:
    """An error for each content file whose address something else of the site also has."""
    settings = generators[0].settings
    root = Path(settings["PATH"])
    owners = _content_owners(generators)
    for address, site in _site_owners(generators, settings, set(owners)).items():
        if address in owners:
            owners[address] += site
    errors = []
    for address, found in sorted(owners.items()):
        if len(found) < 2 or len({owner.kind for owner in found}) == 1:
            continue  # one owner, or contents of one kind, which Pelican reports itself
        shown = "/" + (address[: -len("index.html")] if address.endswith("index.html") else address)
        for owner in found:
            if owner.source is None:
                continue
            others = ", ".join(other.description for other in found if other is not owner)
            errors.append(
                ContentError(
                    owner.source,
                    _slug_line(root, owner.source),
                    f"its address {shown} is also that of {others}",
                    "give it another `slug`",
                )
            )
    return errors


def report_address_clashes(generators) -> None:
    """`all_generators_finalized` receiver, before the run stops on the errors it found."""
    generators[0].settings["SOSCONF_ERROR_LOG"].extend(address_clashes(generators))


# Every list of posts and pages the generators keep, translations included.
_ADDRESSED_LISTS = _CONTENT_KINDS + (
    "translations",
    "hidden_translations",
    "drafts_translations",
    "draft_translations",
)


def freeze_addresses(generators) -> None:
    """`all_generators_finalized` step: each post's and page's `url` and `save_as`, worked out once.

    Pelican formats them again from the URL settings at every use (some
    thirty thousand times in a run of a few thousand posts); once everything
    is read, nothing changes what they come to, so each is kept as the
    `override_url` / `override_save_as` Pelican itself honours.
    """
    for generator in generators:
        for name in _ADDRESSED_LISTS:
            for item in getattr(generator, name, ()):
                for key in ("url", "save_as"):
                    if not hasattr(item, f"override_{key}"):
                        setattr(item, f"override_{key}", getattr(item, key))
