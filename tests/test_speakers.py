"""The speakers page: who speaks, with photo, bio and links, and their sessions."""

from __future__ import annotations

import shutil

from support import CONTENT, EXAMPLE_EDITION, build, read_html


def test_speakers_page_lists_each_speaker_in_both_languages(example_site):
    for url, affiliation in (("2030/speakers/", "示例大学"), ("en/2030/speakers/", "Example University")):
        page = read_html(example_site, url)
        entries = page.select(".speaker-list > li")
        assert [entry["id"] for entry in entries] == [
            "speaker-ada-example",
            "speaker-li-shili",
            "speaker-sam-sample",
        ]
        ada = page.select_one("#speaker-ada-example")
        assert ada.h2.get_text() == "Ada Example"
        assert ada.select_one(".person-detail").get_text() == affiliation
        assert [link["href"] for link in ada.select(".links a")] == ["https://github.com/example"]
    assert read_html(example_site, "2030/speakers/").select_one("#speaker-li-shili h2").get_text() == "李示例"
    assert (
        read_html(example_site, "en/2030/speakers/").select_one("#speaker-li-shili h2").get_text()
        == "Li Shili"
    )


def test_speaker_photos_are_published_files_with_a_fixed_size(example_site):
    page = read_html(example_site, "en/2030/speakers/")
    photo = page.select_one("#speaker-ada-example img.photo")
    assert (example_site / "en/2030/speakers" / photo["src"]).resolve().is_file()
    assert photo["width"] == photo["height"] == "96"
    assert photo["alt"] == ""  # the name beside it says who it is
    assert page.select_one("#speaker-sam-sample img") is None  # no photo given


def test_speakers_link_to_their_sessions_and_sessions_back(example_site):
    speakers = read_html(example_site, "en/2030/speakers/")
    program = read_html(example_site, "en/2030/program/")
    sessions = speakers.select("#speaker-li-shili .speaker-sessions a")
    assert [a.get_text() for a in sessions] == ["Can you trust your dependencies?", "Lightning talks"]
    for link in sessions:
        # Each leads to the session's own page, whose line in the program links back.
        session_id = link["href"].rstrip("/").rsplit("/", 1)[1]
        assert link["href"].endswith(f"en/2030/program/{session_id}/")
        session = program.find(id=f"session-{session_id}")
        back = [a["href"].split("#")[1] for a in session.select(".session-speakers a")]
        assert "speaker-li-shili" in back
        assert speakers.find(id="speaker-li-shili")


def test_editions_without_speakers_have_no_speakers_page(example_site):
    # The example edition has speakers, and the page.
    assert (example_site / "2030/speakers/index.html").is_file()
    assert (example_site / "en/2030/speakers/index.html").is_file()
    for year in (2018, 2019, 2021):
        assert not (example_site / f"{year}/speakers").exists()
        assert not (example_site / f"en/{year}/speakers").exists()


def test_a_missing_photo_stops_the_build_with_its_file_and_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    text = EXAMPLE_EDITION.read_text(encoding="utf-8").replace(
        "photo: assets/images/favicon.svg\n    links:", "photo: assets/images/speakers/ada.png\n    links:"
    )
    (content / "editions/2030.yml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("    photo: assets/images/speakers/ada.png") + 1
    failure = build(content, tmp_path / "output", errors_expected=True)
    found = [(e.path, e.line) for e in failure.errors if "ada.png" in e.message]
    assert found == [("editions/2030.yml", line)]
    assert not (tmp_path / "output").exists()
