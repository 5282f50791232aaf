"""The post-build steps' shared listing of the staged output stays what a new listing would find."""

from __future__ import annotations

from sosconf.files import files_under
from sosconf.publish.staged_files import STAGED_FILES, StagedFiles, staged_files


def _touch(folder, relative):
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(relative, encoding="utf-8")


def test_files_written_after_the_listing_take_their_place_in_it(tmp_path):
    for relative in ("index.html", "news/b/index.html", "news/a-b/index.html", "theme/css/site.css"):
        _touch(tmp_path, relative)
    listing = StagedFiles(tmp_path)
    assert listing.files() == files_under(tmp_path)
    added = ["sitemap.xml", "news/a/index.html", "_headers", "news/index.html", "zz/last.txt"]
    for relative in added:
        _touch(tmp_path, relative)
    # Not yet said: the listing is the one made before.
    assert set(files_under(tmp_path)) - set(listing.files()) == set(added)
    listing.wrote(*added, "index.html")  # a file written again is listed once
    assert listing.files() == files_under(tmp_path)


def test_a_step_given_the_builds_listing_takes_it_and_otherwise_lists_the_output(tmp_path):
    _touch(tmp_path, "index.html")
    shared = StagedFiles(tmp_path)
    assert staged_files(tmp_path, {STAGED_FILES: shared}) is shared
    assert staged_files(tmp_path / "other", {STAGED_FILES: shared}) is not shared
    alone = staged_files(tmp_path, {})
    assert alone is not shared and alone.files() == ["index.html"]
