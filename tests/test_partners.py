"""What an edition page tells those who want to take part or come: the calls
and whether they are open, the sponsors, partners and teams, the venue and
the streams.  Built with the example edition on a pinned day.
"""

from __future__ import annotations

from support import read_html


def calls_of(page) -> dict[str, tuple[str, str]]:
    """{call title: (state class, state text)} in the order shown."""
    found = {}
    for call in page.select(".take-part .call"):
        state = next(c for c in call["class"] if c.startswith("call-")).removeprefix("call-")
        found[call.h3.get_text()] = (state, call.select_one(".call-state").get_text())
    return found


def test_calls_are_judged_on_the_day_of_the_build(example_site):
    calls = calls_of(read_html(example_site, "en/2030/"))
    assert calls == {
        "Call for talks": ("closing", "Closes in 10 days"),
        "Call for volunteers": ("open", "Open"),
        "Call for sub-venues": ("open", "Open"),
        "Registration": ("open", "Open"),
        "Call for partner communities": ("upcoming", "Not open yet"),
        "Call for sponsors": ("closed", "Closed"),
    }
    zh = calls_of(read_html(example_site, "2030/"))
    assert zh["演讲征集"] == ("closing", "还有 10 天截止")
    assert zh["赞助商征集"] == ("closed", "已截止")


def test_only_calls_still_open_offer_a_way_to_apply(example_site):
    page = read_html(example_site, "en/2030/")
    actions = {
        call.h3.get_text(): call.select_one("a.call-action") for call in page.select(".take-part .call")
    }
    assert actions["Call for talks"]["href"] == "https://cfp.example.org/sosconf-2030"
    assert actions["Call for volunteers"]["href"] == "mailto:volunteers@example.org"
    assert actions["Call for volunteers"].get_text(strip=True) == "Sign up as a volunteer"
    assert actions["Call for sponsors"] is None
    assert actions["Call for partner communities"] is None


def test_bundled_2021_calls_are_open_at_the_shared_pinned_day(site, example_site):
    # The shared build pins 2021-09-20: eleven days after the 2021
    # announcement opened its calls, with no closing day published.
    calls = calls_of(read_html(site, "en/2021/"))
    assert set(calls.values()) == {("open", "Open")}
    assert "Call for talks" in calls and "Call for sub-venues" in calls
    # 2019 is held: its calls are over, whatever the day.
    assert set(calls_of(read_html(example_site, "en/2019/")).values()) == {("closed", "Closed")}


def test_sponsors_are_grouped_by_tier_highest_first(example_site):
    page = read_html(example_site, "en/2030/")
    tiers = page.select(".sponsor-tier")
    assert [tier.h3.get_text() for tier in tiers] == ["Gold", "Silver"]
    assert [h.get_text() for h in tiers[0].select("h4")] == ["Example Cloud"]
    logo = tiers[0].select_one("img.logo")
    assert (example_site / "en/2030" / logo["src"]).resolve().is_file()
    assert read_html(example_site, "2030/").select(".sponsor-tier h3")[0].get_text() == "金牌赞助"


def test_partners_and_teams_are_listed_with_their_links(example_site):
    page = read_html(example_site, "en/2030/")
    partners = page.select_one("#edition-partners").find_parent("section")
    assert [h.get_text() for h in partners.select("h3")] == [
        "Example University LUG",
        "Sample Open Source Club",
    ]
    assert partners.select_one("h3 a")["href"] == "https://lug.example.org"
    teams = page.select(".team")
    assert [team.h3.get_text() for team in teams] == ["Organizing committee", "Volunteers"]
    chen = teams[0].select(".people li")[0]
    assert chen.select_one(".person-name a")["href"] == "https://example.org/~chen"
    assert chen.select_one(".person-detail").get_text() == "Coordinator · Example University"


def test_venue_links_to_openstreetmap_and_embeds_no_map(example_site):
    page = read_html(example_site, "en/2030/")
    venue = page.select_one("#edition-venue").find_parent("section")
    assert "1 Example Road" in venue.address.get_text()
    assert venue.select_one("a")["href"].startswith("https://www.openstreetmap.org/")
    assert "Metro line 1" in venue.get_text()
    assert not page.select("iframe, embed, object")


def test_streams_offer_live_room_and_replay(example_site):
    page = read_html(example_site, "en/2030/")
    links = [a["href"] for a in page.select(".streams a")]
    assert links == ["https://live.example.org/sosconf-2030", "https://video.example.org/sosconf-2030"]
    assert "On site and online" in page.select_one(".edition-facts-list").get_text()


def test_the_2020_edition_shows_its_partners_format_and_live_room(example_site):
    zh = read_html(example_site, "2020/")
    en = read_html(example_site, "en/2020/")
    names = [h.get_text() for h in en.select("#edition-partners ~ .organizations h3")]
    assert names[:3] == ["UESTC LUG", "四川大学飞扬俱乐部", "freeCodeCamp Chengdu"]
    assert "HITLUG" in names and "Lanzhou University Open Source Community" in names
    assert "兰州大学开源社区" in [h.get_text() for h in zh.select("#edition-partners ~ .organizations h3")]
    assert [a["href"] for a in en.select(".streams a")] == ["https://live.bilibili.com/22566724"]
    about = en.select_one("#edition-format").find_parent("section").get_text()
    for fact in ("09:10", "18:40", "roundtable", "two-day hackathon", "puzzle game", "Bilibili"):
        assert fact in about


def test_the_2019_edition_lists_its_topics_and_the_project_expo(example_site):
    en = read_html(example_site, "en/2019/")
    topics = [item.get_text() for item in en.select(".topics li")]
    assert topics[0] == "Open-source projects" and "Community governance" in topics and len(topics) == 10
    assert (
        "Global Student Open Source Project Expo"
        in en.select_one("#edition-format").find_parent("section").get_text()
    )
    assert "全球学生开源项目博览会" in read_html(example_site, "2019/").get_text()


def test_editions_without_details_show_no_empty_sections(example_site):
    page = read_html(example_site, "en/2018/")
    for section in (
        "take-part",
        "edition-venue",
        "edition-streams",
        "edition-sponsors",
        "edition-partners",
        "edition-teams",
    ):
        assert page.find(id=section) is None
