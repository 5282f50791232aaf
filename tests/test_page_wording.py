"""What the pages say, in both languages: calls, categories, date ranges,
Chinese punctuation, and channel lists shown once.

Built from the bundled content plus the example edition (2030), judged on
2030-06-20: the call for talks closes soon, the call for partner communities
is not open yet, the call for sponsors is closed.
"""

from __future__ import annotations

import datetime
import re

import pytest
from babel.messages.pofile import read_po
from pelican.settings import read_settings
from sosconf.conference.calls import LABELS
from sosconf.conference.schema_event import CALL_KINDS
from sosconf.site.i18n import date_range
from support import ROOT, build, read_html

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
LANGUAGES = SETTINGS["SOSCONF_LANGUAGES"]
ROOT_LANGUAGE = SETTINGS["DEFAULT_LANG"]
CATALOGS = ROOT / "themes" / "sosconf" / "translations"
# The theme's messages are written in English: its catalog may leave them as they are.
MESSAGE_LANGUAGE = "en"
THIN = "\u2009"  # CLDR's English ranges put thin spaces around the dash
HAN = "\u4e00-\u9fff"


def text(soup_element) -> str:
    # Collapses the markup's line breaks and indents, not the thin spaces the text may hold.
    return re.sub(r"[ \t\r\n]+", " ", soup_element.get_text()).strip()


def page(site, lang: str, path: str):
    return read_html(site, LANGUAGES[lang]["prefix"] + path)


def test_every_call_kind_has_a_label_in_every_language():
    assert set(LABELS) == set(CALL_KINDS)
    for lang in LANGUAGES:
        with (CATALOGS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for kind, labels in LABELS.items():
            for message in (labels.title, labels.action):
                entry = catalog.get(message)
                assert entry is not None, (
                    f"{message!r} ({kind}) is not in the {lang} catalog: make translations"
                )
                assert entry.string or lang == MESSAGE_LANGUAGE, f"{message!r} has no {lang} translation"
    actions = [labels.action for labels in LABELS.values()]
    assert len(set(actions)) == len(actions), "each kind says what the visitor does"


CALL_EXPECTATIONS = {
    "zh": {
        "talks": ("演讲征集", "提交演讲"),
        "volunteers": ("志愿者招募", "报名当志愿者"),
        "registration": ("参会报名", "报名参会"),
        "opens": "2030年7月1日开放",
        "where": "申请地址：",
    },
    "en": {
        "talks": ("Call for talks", "Submit a talk"),
        "volunteers": ("Call for volunteers", "Sign up as a volunteer"),
        "registration": ("Registration", "Register"),
        "opens": "opens July 1, 2030",
        "where": "Where to apply: ",
    },
}


@pytest.mark.parametrize("lang", list(CALL_EXPECTATIONS))
def test_calls_say_what_to_do_and_where_a_call_not_open_yet_will_be(example_site, lang):
    expected = CALL_EXPECTATIONS[lang]
    items = page(example_site, lang, "2030/").select("ul.calls li.call")
    by_title = {text(item.h3): item for item in items}
    for kind in ("talks", "volunteers", "registration"):
        title, action = expected[kind]
        link = by_title[title].select_one("a.call-action")
        assert text(link) == action
    # A mailto: call also shows the address it writes to.
    assert text(by_title[expected["volunteers"][0]].select_one(".call-address")) == "volunteers@example.org"

    upcoming = [item for item in items if "call-upcoming" in item["class"]]
    assert len(upcoming) == 1
    (call,) = upcoming
    assert expected["opens"] in text(call)
    assert call.select_one("a.call-action") is None  # nothing to do yet
    where = call.select_one(".call-address")
    assert text(where).startswith(expected["where"].strip())
    assert str(where).count(expected["where"]) == 1
    assert where.a["href"] == "https://example.org/partners" and text(where.a) == "example.org/partners"
    # A closed call has neither an action nor an address.
    closed = [item for item in items if "call-closed" in item["class"]]
    assert closed and all(item.select_one("a") is None for item in closed)


def test_chinese_dates_in_calls_have_no_stray_space(example_site):
    calls = text(page(example_site, ROOT_LANGUAGE, "2030/").select_one("ul.calls"))
    assert "日开放" in calls and "截止日期：2030年" in calls
    assert not re.search(r"日 开放|截止日期 \d", calls)


@pytest.mark.parametrize(
    ("lang", "edition_dates", "session_when"),
    [
        ("zh", "2030年8月24日至25日", "2030年8月24日 09:00–09:45"),
        ("en", f"August 24{THIN}–{THIN}25, 2030", f"August 24, 2030, 09:00{THIN}–{THIN}09:45"),
    ],
)
def test_date_ranges_are_written_once_in_one_style(example_site, lang, edition_dates, session_when):
    edition = page(example_site, lang, "2030/")
    assert edition.find("time", attrs={"datetime": "2030-08-24"}).get_text() == edition_dates
    editions = page(example_site, lang, "editions/")
    assert edition_dates in text(editions)
    speakers = page(example_site, lang, "2030/speakers/")
    times = [t.get_text() for t in speakers.select(".session-when time")]
    # The edition page's list of sessions says it the same way.
    assert session_when in [t.get_text() for t in edition.select(".session-index time")]
    assert session_when in times
    assert not any(re.search(r"\b[A-Z][a-z]{2} \d", when) for when in times), "no abbreviated months"


@pytest.mark.parametrize(
    ("start", "end", "zh", "en"),
    [
        ((2027, 10, 23), (2027, 10, 24), "2027年10月23日至24日", f"October 23{THIN}–{THIN}24, 2027"),
        (
            (2027, 10, 30),
            (2027, 11, 2),
            "2027年10月30日至11月2日",
            f"October 30{THIN}–{THIN}November 2, 2027",
        ),
        (
            (2027, 12, 30),
            (2028, 1, 2),
            "2027年12月30日至2028年1月2日",
            f"December 30, 2027{THIN}–{THIN}January 2, 2028",
        ),
        ((2027, 10, 23), (2027, 10, 23), "2027年10月23日", "October 23, 2027"),
    ],
)
def test_date_range_shares_what_both_ends_share(start, end, zh, en):
    expected = {"zh": zh, "en": en}
    for lang, settings in LANGUAGES.items():
        written = date_range(datetime.date(*start), datetime.date(*end), settings["locale"])
        assert written == expected[lang]


def test_the_default_category_is_in_the_pages_language_and_not_repeated_on_posts(site):
    for lang, name in (("zh", "新闻"), ("en", "News")):
        listing = page(site, lang, "categories/")
        assert text(listing.select_one(".term-list")) == ("新闻（2）" if lang == "zh" else "News (2)")
        category = page(site, lang, "categories/news/")
        assert text(category.h1) == ("分类：新闻" if lang == "zh" else "Category: News")
        assert name in category.title.get_text()
    post = page(site, "zh", "news/sosconf-2021-will-be-held-at-sustech-in-mid-october/")
    footer = text(post.select_one(".post-footer"))
    assert footer.startswith("标签：")  # the tags stay, with a full-width colon
    assert "分类" not in footer and "News" not in footer  # every post is news: not worth a line
    english = text(
        page(site, "en", "news/sosconf-2021-will-be-held-at-sustech-in-mid-october/").select_one(
            ".post-footer"
        )
    )
    assert english.startswith("Tags: ") and "Category" not in english


def test_chinese_labels_and_counts_use_full_width_punctuation(site, example_site):
    pages = [
        page(site, "zh", "index.html"),
        page(site, "zh", "tags/"),
        page(site, "zh", "news/sosconf-2021-will-be-held-at-sustech-in-mid-october/"),
        page(example_site, "zh", "2030/program/"),
        page(example_site, "zh", "2030/"),
    ]
    chrome = " ".join(
        text(element)
        for soup in pages
        for element in soup.select(".site-footer, .term-list, .post-footer, .program-day, .now-streams, h1")
    )
    assert "Sam Sample、李示例" in chrome  # names listed with the enumeration comma
    assert "观看直播：示例直播平台" in chrome
    assert "QQ 群：932119765" in chrome
    assert "官方公告（1）" in chrome
    assert "2030年8月24日星期六：大会日" in chrome
    assert not re.search(rf"[{HAN}] ?[:(]|[)] ?[{HAN}]", chrome), chrome
    session = page(example_site, "zh", "2030/program/kernel-in-a-term/")
    when = text(session.find("dt", string="时间").find_next_sibling("dd"))
    assert re.fullmatch(r"2030年8月24日星期六 10:00–10:40 （[^（）]+）", when), when
    lead = page(example_site, "zh", "2030/program/lightning-round/").select_one(".lead")
    assert text(lead) == "Sam Sample、李示例"
    english = " ".join(text(e) for e in page(site, "en", "tags/").select(".term-list"))
    assert re.fullmatch(r"[^()]+ \(\d+\)", english)


def test_a_page_lists_the_sites_channels_once(site):
    channel = "https://t.me/sosconf"
    for path in ("news/sosconf-2021-will-be-held-at-sustech-in-mid-october/", "contact/"):
        for lang in LANGUAGES:
            links = page(site, lang, path).select(f'a[href="{channel}"]')
            assert len(links) == 1, (lang, path)
            assert page(site, lang, path).select_one("#footer-channels") is None
    # Pages that do not list them themselves keep the footer's list.
    home = page(site, ROOT_LANGUAGE, "")
    assert home.select_one("#footer-channels") is not None
    assert len(home.select(f'a[href="{channel}"]')) == 1


def test_a_category_of_its_own_and_a_time_of_year_without_the_year(content_copy, tmp_path):
    post = content_copy / "news" / "zh" / "2021-10-01-workshop.md"
    post.write_text(
        "Title: 工作坊回顾\nDate: 2021-10-01 10:00\nSlug: workshop-review\nCategory: 活动\n\n回顾。\n",
        encoding="utf-8",
    )
    (content_copy / "editions" / "2026.yml").write_text(
        "year: 2026\nname: sosconf 2026\nstatus: planned\nwhen:\n  zh: 10月中旬\n  en: mid-October\n",
        encoding="utf-8",
    )
    output = build(content_copy, tmp_path / "output").output
    assert "2026年10月中旬" in text(page(output, "zh", "editions/"))
    assert "mid-October 2026" in text(page(output, "en", "editions/"))
    footer = page(output, "zh", "news/workshop-review/").select_one(".post-footer")
    assert text(footer) == "分类：活动"
    assert footer.a["href"].rstrip("/").endswith("categories/huo-dong")
    listing = text(page(output, "zh", "categories/").select_one(".term-list"))
    assert "活动（1）" in listing and "新闻（2）" in listing
