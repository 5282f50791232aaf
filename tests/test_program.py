"""The program: its schema checks, its page in both languages and its filters.

The site is the bundled content plus the example edition of docs/, dropped
in as content/editions/2030.yml the way an organizer would.
"""

from __future__ import annotations

import shutil

from sosconf.conference.data import load_edition
from support import CONTENT, build, read_html


def session_ids(page) -> list[str]:
    return [item["id"].removeprefix("session-") for item in page.select("td.session")]


def test_the_example_edition_builds_with_the_bundled_content(example_site):
    for url in (
        "2030/",
        "en/2030/",
        "2030/program/",
        "en/2030/program/",
        "2030/speakers/",
        "en/2030/speakers/",
    ):
        assert read_html(example_site, url).h1
    assert "(example)" in read_html(example_site, "en/2030/").h1.get_text()


def test_program_lists_every_session_by_day_in_time_order(example_site):
    page = read_html(example_site, "en/2030/program/")
    days = page.select(".program-day")
    assert [day.h2.time["datetime"] for day in days] == ["2030-08-24", "2030-08-25"]
    first_day = [item["id"] for item in days[0].select("td.session")]
    assert first_day == [
        "session-opening-keynote",
        "session-kernel-in-a-term",
        "session-supply-chain",
        "session-lunch",
        "session-lightning-round",
        "session-community-roundtable",
    ]
    # Written after the workshop in the file, but it starts earlier.
    assert session_ids(days[1]) == ["hackathon", "first-patch"]
    keynote = page.select_one("#session-opening-keynote")
    times = [time["datetime"] for time in keynote.select(".session-time time")]
    assert times == ["2030-08-24T09:00:00+08:00", "2030-08-24T09:45:00+08:00"]
    assert "Asia/Shanghai, UTC+08:00" in page.select_one(".program-zone").get_text()


def test_program_reads_in_each_language_with_the_same_sessions(example_site):
    zh = read_html(example_site, "2030/program/")
    en = read_html(example_site, "en/2030/program/")
    assert session_ids(zh) == session_ids(en)
    assert zh.select_one("#session-opening-keynote h3").get_text() == "开幕主题演讲：学生与开源"
    assert (
        en.select_one("#session-opening-keynote h3").get_text() == "Opening keynote: students and open source"
    )
    assert "主题演讲" in zh.select_one("#session-opening-keynote .session-meta").get_text()
    assert "Keynote" in en.select_one("#session-opening-keynote .session-meta").get_text()
    assert en.select_one(".language-switch a")["href"].endswith("2030/program/")
    # A session held in a language other than the edition's says so.
    assert "English" in en.select_one("#session-kernel-in-a-term .session-meta").get_text()


def test_track_filter_is_a_page_of_its_own_that_keeps_sessions_for_everyone(example_site):
    page = read_html(example_site, "en/2030/program/track/systems/")
    shown = session_ids(page)
    assert "kernel-in-a-term" in shown and "first-patch" in shown
    assert "supply-chain" not in shown  # the security track's talk
    assert "opening-keynote" in shown and "lunch" in shown  # no track: for everyone
    current = page.select('.program-filters a[aria-current="page"]')
    assert [link.get_text() for link in current] == ["Systems"]
    assert read_html(example_site, "2030/program/track/security/").select_one("#session-supply-chain")


def test_kind_filter_pages_show_only_that_kind_and_drop_empty_days(example_site):
    page = read_html(example_site, "en/2030/program/kind/workshop/")
    assert session_ids(page) == ["first-patch"]
    assert [day.h2.time["datetime"] for day in page.select(".program-day")] == ["2030-08-25"]
    kinds = [
        link["data-value"]
        for link in read_html(example_site, "en/2030/program/").select('a[data-filter="kind"]')
    ]
    assert kinds == ["", "keynote", "talk", "lightning-talk", "roundtable", "workshop", "hackathon", "break"]
    for kind in kinds[1:]:
        assert (example_site / f"2030/program/kind/{kind}/index.html").is_file()
        assert (example_site / f"en/2030/program/kind/{kind}/index.html").is_file()


def test_program_scripts_are_deferred_local_files_and_the_page_needs_no_inline_script(example_site):
    page = read_html(example_site, "en/2030/program/")
    scripts = page.select("script")
    files = [script["src"].rsplit("/", 1)[-1] for script in scripts if script.has_attr("src")]
    assert files == ["program.js", "now.js", "agenda.js", "offline.js"]
    for script in scripts:
        if script.has_attr("src"):
            assert script.has_attr("defer")
            assert (example_site / "theme/js" / script["src"].rsplit("/", 1)[-1]).is_file()
        else:  # the data the scripts read, which the browser never runs
            assert script["type"] == "application/json"
    # Every filter the script uses is also a plain link to a page that exists.
    for link in page.select("a[data-filter]"):
        target = (example_site / "en/2030/program" / link["href"]).resolve()
        assert (target / "index.html").is_file(), link["href"]


def test_sessions_link_to_their_speakers(example_site):
    page = read_html(example_site, "en/2030/program/")
    links = page.select("#session-lightning-round .session-speakers a")
    assert [link.get_text() for link in links] == ["Sam Sample", "Li Shili"]
    assert [link["href"].rsplit("/", 2)[-2:] for link in links] == [
        ["speakers", "#speaker-sam-sample"],
        ["speakers", "#speaker-li-shili"],
    ]


def test_edition_page_links_to_program_and_speakers(example_site):
    page = read_html(example_site, "en/2030/")
    hrefs = [link["href"] for link in page.select(".edition-nav a")]
    assert any(href.endswith("en/2030/program/") for href in hrefs)
    assert any(href.endswith("en/2030/speakers/") for href in hrefs)


def test_an_edition_with_hours_but_no_sessions_has_no_program_page(tmp_path, example_site):
    # One with sessions has the page, and its edition page links to it.
    assert (example_site / "2030/program/index.html").is_file()
    assert any("program/" in link["href"] for link in read_html(example_site, "en/2030/").select("main a"))
    content = tmp_path / "content"
    (content / "editions").mkdir(parents=True)
    shutil.copy(CONTENT / "contacts.yml", content / "contacts.yml")
    (content / "editions/2031.yml").write_text(
        "year: 2031\nname: Hours only\nstatus: planned\nstart: 2031-05-01\n"
        "program:\n  days:\n    - date: 2031-05-01\n      start: '09:10'\n      end: '18:40'\n",
        encoding="utf-8",
    )
    output = build(content, tmp_path / "output").output
    assert (output / "en/2031/index.html").is_file()
    assert not (output / "2031/program").exists()
    page = read_html(output, "en/2031/")
    assert not any("program/" in link["href"] for link in page.select("main a"))


def test_the_2020_program_shows_its_fourteen_sessions_with_times_and_speakers(site):
    page = read_html(site, "2020/program/")
    sessions = page.select("td.session")
    assert len(sessions) == 14
    first, last = sessions[0], sessions[-1]
    assert first.h3.get_text(strip=True) == "开幕演讲"
    assert [t["datetime"] for t in first.select(".session-time time")] == [
        "2020-10-18T09:10:00+08:00",
        "2020-10-18T09:30:00+08:00",
    ]
    assert last.h3.get_text(strip=True) == "红岩网校的后台架构演进与自研 RPC 框架"
    assert last.select_one(".session-speakers").get_text(strip=True) == "Kieran"
    webp = page.select_one("#session-webp-server-go")
    assert webp.select_one(".session-time").get_text() == "10:20–10:50"
    assert webp.select_one(".session-speakers").get_text(strip=True) == "Nova Kwok"
    # The talks were streamed: no rooms, so one column and every session across it.
    assert [th.get_text() for th in page.select("thead th")] == ["时间", "环节"]
    en = read_html(site, "en/2020/program/")
    # A title without an English rendering shows in Chinese, marked as such.
    untranslated = en.select_one("#session-code-like-a-do-m h3 [lang]")
    assert (untranslated["lang"], untranslated.get_text()) == ("zh", "像个抖 M 一样写代码")
    assert en.select_one("#session-web-crawlers h3").get_text(strip=True).startswith("Web crawlers")


def test_the_2020_edition_names_its_nine_partner_communities(site):
    page = read_html(site, "en/2020/")
    partners = page.select(
        "#edition-partners ~ .organizations li, section:has(#edition-partners) .organizations li"
    )
    names = [item.h3.get_text(strip=True) for item in partners]
    assert len(names) == 9
    assert names[0] == "UESTC LUG" and "Lanzhou University Open Source Community" in names
    links = {item.h3.get_text(strip=True): item.h3.a["href"] if item.h3.a else None for item in partners}
    assert links["UESTC LUG"] == "https://uestclug.org"
    assert links["freeCodeCamp Chengdu"] == "https://fcc-cd.dev"
    assert links["Lanzhou University Open Source Community"] is None  # its only address was http:
    assert all(link is None or link.startswith("https://") for link in links.values())


# The schema's checks, on edition files written for the purpose.

EDITION = """\
year: 2031
name: Test edition
status: planned
start: 2031-05-01
end: 2031-05-02
speakers:
  - id: ann-example
    name: Ann Example
program:
  tracks:
    - id: main
      name: Main
  days:
    - date: 2031-05-01
      start: 9:00
      end: 18:00
      sessions:
        - id: first
          title: First
          start: 10:30
          end: 11:00
          speakers: [ann-example]
          track: main
"""


def load(tmp_path, text):
    folder = tmp_path / "editions"
    folder.mkdir(exist_ok=True)
    (folder / "2031.yml").write_text(text, encoding="utf-8")
    return load_edition(folder / "2031.yml", tmp_path)


def test_unquoted_times_are_read_as_times_of_day(tmp_path):
    edition, errors = load(tmp_path, EDITION)
    assert errors == []
    session = edition.program.days[0].sessions[0]
    assert (str(session.start), str(session.end)) == ("10:30", "11:00")
    assert str(edition.program.days[0].start) == "09:00"


def test_a_session_naming_an_unknown_speaker_is_an_error_on_its_line(tmp_path):
    _, errors = load(tmp_path, EDITION.replace("speakers: [ann-example]", "speakers: [ann-example, bob]"))
    assert len(errors) == 1
    error = errors[0]
    assert (error.path, error.line) == ("editions/2031.yml", 22)
    assert '"bob"' in error.message
    assert "ann-example" in error.fix


def test_an_unknown_track_is_an_error_naming_the_known_ones(tmp_path):
    _, errors = load(tmp_path, EDITION.replace("track: main", "track: mian"))
    assert [(e.line, "mian" in e.message, "main" in e.fix) for e in errors] == [(23, True, True)]


def test_a_session_ending_before_it_starts_is_an_error(tmp_path):
    _, errors = load(tmp_path, EDITION.replace("end: 11:00", "end: 10:00"))
    assert len(errors) == 1
    assert errors[0].line == 21
    assert "not after" in errors[0].message


def test_days_and_sessions_must_lie_inside_the_edition(tmp_path):
    _, errors = load(tmp_path, EDITION.replace("- date: 2031-05-01", "- date: 2031-05-03"))
    assert [(e.line, "outside the edition" in e.message) for e in errors] == [(14, True)]
    _, errors = load(tmp_path, EDITION.replace("start: 10:30", "start: 8:30"))
    assert [(e.line, "before the day opens" in e.message) for e in errors] == [(20, True)]


def test_every_cross_reference_problem_is_reported_at_once(tmp_path):
    text = EDITION.replace("speakers: [ann-example]", "speakers: [bob]").replace(
        "track: main", "track: other"
    )
    text += "        - id: first\n          title: Again\n          start: '12:00'\n          end: '13:00'\n"
    _, errors = load(tmp_path, text)
    assert sorted(e.line for e in errors) == [22, 23, 24]


def test_unknown_time_zone_and_bad_time_are_explained(tmp_path):
    _, errors = load(tmp_path, EDITION.replace("status: planned", "status: planned\ntimezone: Asia/Chengdu"))
    assert len(errors) == 1 and "IANA" in errors[0].fix and errors[0].line == 4
    _, errors = load(tmp_path, EDITION.replace("end: 11:00", "end: '10:75'"))
    assert len(errors) == 1 and "HH:MM" in errors[0].fix
