"""The bundled site, built for real and read back as HTML."""

from __future__ import annotations

import hashlib

from support import CONTENT, build, read_html

ANNOUNCEMENT_2021 = "news/sosconf-2021-will-be-held-at-sustech-in-mid-october/"


def test_seed_posts_are_bundled_byte_for_byte():
    # The two founding posts must build exactly as they were received: these
    # are the SHA-256 digests of the originals.
    originals = {
        "news/zh/2019-03-20-sosconf-2019-usc.md": "ef7fe6e1675346fdb318e3e36099e084a395e18e715be75c8abad7a5a0d2b2cc",
        "news/en/2021-09-09-sosconf-2021-sustech.md": "44ec436ba916468702d4706a60bf85403445f9fb7be155d9635709e914c50498",
    }
    for path, digest in originals.items():
        assert hashlib.sha256((CONTENT / path).read_bytes()).hexdigest() == digest, path


def test_chinese_seed_keeps_title_date_author_and_cut_summary(site):
    page = read_html(site, "news/sosconf/")
    assert page.h1.get_text(strip=True) == "第1届全球学生开源年会 sosconf 将于 2019年8月在美国南加州大学举行"
    assert page.find("time")["datetime"] == "2019-03-20T20:28:45+08:00"
    assert page.find("time").get_text() == "2019年3月20日"
    assert "Wen Qixiang" in page.select_one(".post-meta").get_text()
    assert "PELICAN_END_SUMMARY" not in str(page)
    listing = read_html(site, "news/")
    summary = listing.select_one(".post-summary").get_text()
    assert "sosconf 2019 将于 8 月下旬" in "".join(s.get_text() for s in listing.select(".post-summary"))
    assert "2019年3月18日讯" not in "".join(s.get_text() for s in listing.select(".post-summary"))
    assert summary


def test_english_seed_reads_yaml_front_matter(site):
    page = read_html(site, "en/" + ANNOUNCEMENT_2021)
    assert page.h1.get_text(strip=True) == "SOSConf 2021 will be held at SUSTech in mid-October"
    assert page.find("time")["datetime"] == "2021-09-09T17:30:00+08:00"
    assert page.find("time").get_text() == "September 9, 2021"
    meta = page.select_one(".post-meta").get_text()
    assert "Yuntian WANG, Dahzi FENG" in meta
    tags = [a.get_text() for a in page.select(".post-footer a[href*='tags/']")]
    assert tags == ["Official Announcement"]
    image = page.select_one("img.post-image")
    assert image["src"].endswith("assets/images/blog/post-1.png")
    assert (site / "assets/images/blog/post-1.png").stat().st_size > 0


def test_2021_announcement_ends_with_the_official_channels(site):
    page = read_html(site, "en/" + ANNOUNCEMENT_2021)
    body = page.select_one(".post-body").get_text()
    assert body.strip().endswith("Here are the official contacts.")
    channels = page.select_one(".post-channels")
    links = [a["href"] for a in channels.select("a")]
    assert "https://fb.com/sosconf" in links
    assert "932119765" in channels.get_text()


def test_posts_link_to_their_translation(site):
    zh = read_html(site, "news/sosconf/")
    en = read_html(site, "en/news/sosconf/")
    assert zh.select_one(".language-switch a")["href"] == "../../en/news/sosconf/"
    assert en.select_one(".language-switch a")["href"] == "../../../news/sosconf/"
    assert zh.find("link", hreflang="en")["href"] == "../../en/news/sosconf/"


def test_pages_declare_their_language(site):
    assert read_html(site, "").html["lang"] == "zh-Hans"
    assert read_html(site, "en/").html["lang"] == "en"
    assert read_html(site, "en/about/").html["lang"] == "en"
    assert read_html(site, "code-of-conduct/").html["lang"] == "zh-Hans"


def test_every_edition_has_a_page_in_both_languages(site):
    for year in (2018, 2019, 2020, 2021):
        zh = read_html(site, f"{year}/")
        en = read_html(site, f"en/{year}/")
        assert str(year) in zh.title.get_text() or zh.h1.get_text()
        assert en.select_one(".language-switch a")["href"].endswith(f"{year}/")
    assert "Los Angeles" in read_html(site, "en/2019/").get_text()
    assert "洛杉矶" in read_html(site, "2019/").get_text()
    assert (
        "UESTC" in read_html(site, "en/2020/").get_text()
        or "Electronic Science" in read_html(site, "en/2020/").get_text()
    )


def test_edition_page_lists_its_news_and_channels(site):
    page = read_html(site, "en/2021/")
    news = [a["href"] for a in page.select(".post-list a")]
    assert any("sosconf-2021-will-be-held" in href for href in news)
    page_2020 = read_html(site, "2020/")
    assert "https://live.bilibili.com/22566724" in [a["href"] for a in page_2020.select(".channels a")]


def test_editions_archive_lists_every_edition_newest_first(site):
    page = read_html(site, "en/editions/")
    years = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select(".edition-card h2 a")]
    assert years == ["2021", "2020", "2019", "2018"]


def test_contact_page_and_footer_show_the_site_wide_channels(site):
    contact = read_html(site, "contact/")
    links = [a["href"] for a in contact.select("main .channels a")]
    for url in (
        "https://fb.com/sosconf",
        "https://twitter.com/sosconf",
        "https://t.me/sosconf",
        "https://weibo.com/sosconf",
        "https://t.me/soscon",
    ):
        assert url in links
    assert "932119765" in contact.select_one("main").get_text()
    for url in ("", "en/", "editions/", "en/2019/", "tags/"):
        footer = read_html(site, url).select_one(".site-footer")
        assert "https://t.me/sosconf" in [a["href"] for a in footer.select("a")]
    # A post lists them under its text, so its footer does not list them again.
    post = read_html(site, "news/sosconf/")
    assert "https://t.me/sosconf" in [a["href"] for a in post.select(".post-channels a")]
    assert "https://t.me/sosconf" not in [a["href"] for a in post.select(".site-footer a")]


def test_home_features_an_edition_and_the_latest_news(site):
    home = read_html(site, "en/")
    assert home.select_one(".first-screen h1 a")["href"].endswith("en/2021/")
    assert home.select(".post-list li")


def test_no_page_loads_anything_from_another_host(site):
    loaded = 0
    for html in site.rglob("*.html"):
        page = read_html(site, str(html.relative_to(site)))
        for tag in page.select("link[href], script[src]"):
            url = tag.get("href") or tag.get("src")
            # Alternates and the canonical address name pages; they load nothing.
            if tag.name == "link" and tag.get("rel") in (["alternate"], ["canonical"]):
                continue
            assert not url.startswith(("http:", "https:", "//")), f"{html}: {url}"
            loaded += 1
    # The pages do load stylesheets and scripts: the check above saw them.
    assert loaded > 100


def test_pictures_from_other_hosts_load_lazily_and_keep_their_size(site):
    page = read_html(site, "news/sosconf/")
    pictures = page.select(".post-body img")
    assert pictures
    for img in pictures:
        assert img["loading"] == "lazy"
        assert img["width"] and img["height"]


def test_a_new_edition_file_gives_its_pages(content_copy, tmp_path):
    (content_copy / "editions/2026.yml").write_text(
        "year: 2026\nname: {zh: 2026 学生开源年会, en: Students Open Source Conference 2026}\nstatus: planned\n",
        encoding="utf-8",
    )
    output = build(content_copy, tmp_path / "out").output
    assert "2026" in read_html(output, "2026/").h1.get_text()
    assert "Students Open Source Conference 2026" in read_html(output, "en/2026/").h1.get_text()
    archive = read_html(output, "editions/")
    assert archive.select(".edition-card h2 a")[0]["href"].endswith("2026/")


def test_new_posts_in_both_formats_join_their_language_and_edition(content_copy, tmp_path):
    (content_copy / "news/zh/2020-09-01-call.md").write_text(
        "Title: 2020 征稿开始\nDate: 2020-09-01 10:00\nSlug: call-2020\n\n第一段。\n\n<!-- PELICAN_END_SUMMARY -->\n\n第二段。\n",
        encoding="utf-8",
    )
    (content_copy / "news/en/2020-09-01-call.md").write_text(
        "---\ntitle: 'Call for talks: 2020'\ndate: 2020-09-01 10:00:00 +0800\nslug: call-2020\nedition: 2020\n---\n\nFirst paragraph.\n\n<!-- PELICAN_END_SUMMARY -->\n\nSecond paragraph.\n",
        encoding="utf-8",
    )
    output = build(content_copy, tmp_path / "out").output
    zh_edition = read_html(output, "2020/")
    en_edition = read_html(output, "en/2020/")
    assert "2020 征稿开始" in zh_edition.select_one(".post-list").get_text()
    en_list = en_edition.select_one(".post-list")
    assert "Call for talks: 2020" in en_list.get_text()
    assert en_list.select_one(".post-summary").get_text(strip=True) == "First paragraph."
    assert "2020 征稿开始" not in en_edition.get_text()
    assert (
        read_html(output, "en/news/call-2020/")
        .select_one(".language-switch a")["href"]
        .endswith("news/call-2020/")
    )
