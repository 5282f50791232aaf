"""A post or page whose address is one of the site's own pages is an error
that names both, found by the check as by the build, before anything is written."""

from __future__ import annotations

from support import build, checked, expected, with_mistakes


def test_page_at_a_tag_pages_address_names_the_tag(tmp_path):
    content = with_mistakes(tmp_path / "content")
    (content / "news" / "en" / "2021-09-02-tagged.md").write_text(
        "Title: Tagged\nDate: 2021-09-02 10:00\nSlug: tagged\nTags: python\n\nText.\n", encoding="utf-8"
    )
    (content / "pages" / "en" / "python.md").write_text(
        "Title: Python\nSlug: tags/python\n\nText.\n", encoding="utf-8"
    )
    assert checked(content) == [
        'pages/en/python.md:2: its address /en/tags/python/ is also that of the page of the tag "python"; '
        "give it another `slug`"
    ]


def test_build_names_both_files_and_writes_nothing(tmp_path):
    content = with_mistakes(tmp_path / "content", "page-slug-takes-an-edition-address")
    failed = build(content, tmp_path / "output", errors_expected=True)
    assert [str(error) for error in failed.errors] == expected("page-slug-takes-an-edition-address")
    assert "editions/2021.yml" in "\n".join(failed.messages)
    assert not (tmp_path / "output").exists()


def test_a_page_with_an_address_of_its_own_builds(tmp_path):
    content = with_mistakes(tmp_path / "content")
    (content / "pages" / "en" / "history.md").write_text(
        "Title: History\nSlug: 2021-history\n\nText.\n", encoding="utf-8"
    )
    output = build(content, tmp_path / "output").output
    assert (output / "en/2021-history/index.html").is_file()
    assert (output / "en/2021/index.html").is_file()
