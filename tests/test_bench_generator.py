"""The benchmark's content generator: the same seed gives the same site, and it builds."""

from __future__ import annotations

from pathlib import Path

from support import build, read_html

from tools.bench.generate import generate, write_plain_copy


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_generator_is_deterministic_for_a_seed(tmp_path):
    generate(tmp_path / "one", posts=60, editions=4, seed=7)
    generate(tmp_path / "two", posts=60, editions=4, seed=7)
    generate(tmp_path / "other", posts=60, editions=4, seed=8)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert _files(tmp_path / "one") != _files(tmp_path / "other")


def test_generator_writes_what_the_benchmark_needs(tmp_path):
    posts = generate(tmp_path / "content", posts=60, editions=4, seed=3)
    news = sorted((tmp_path / "content" / "news").rglob("*.md"))
    assert len(news) == len(posts) == 60
    assert len(list((tmp_path / "content/news/zh").glob("*.md"))) == 30
    texts = [path.read_text(encoding="utf-8") for path in news]
    assert any(text.startswith("---\n") for text in texts)
    assert any(text.startswith("Title: ") for text in texts)
    assert any("\n<!-- PELICAN_END_SUMMARY -->\n" in text for text in texts)
    zh_slugs = {post.meta.get("slug") for post in posts if post.lang == "zh"}
    en_slugs = {post.meta.get("slug") for post in posts if post.lang == "en"}
    assert zh_slugs & en_slugs, "some posts are translated pairs"
    assert sorted(path.name for path in (tmp_path / "content/editions").iterdir()) == [
        "2018.yml",
        "2019.yml",
        "2020.yml",
        "2021.yml",
    ]


def test_plain_copy_uses_key_value_metadata_with_the_language(tmp_path):
    posts = generate(tmp_path / "content", posts=20, editions=2, seed=3)
    write_plain_copy(posts, tmp_path / "plain")
    for post in posts:
        text = (tmp_path / "plain" / post.path).read_text(encoding="utf-8")
        assert text.startswith("Title: ")
        assert f"\nLang: {post.lang}\n" in text
        assert post.body in text


def test_generated_site_builds_with_translations_linked(tmp_path):
    posts = generate(tmp_path / "content", posts=40, editions=3, seed=5)
    output = build(tmp_path / "content", tmp_path / "output").output
    pair = next(post for post in posts if post.lang == "zh" and post.meta["slug"].startswith("pair-"))
    slug = pair.meta["slug"]
    zh = read_html(output, f"news/{slug}/")
    assert zh.select_one(".language-switch a")["href"].endswith(f"en/news/{slug}/")
    assert read_html(output, f"en/news/{slug}/").h1.get_text(strip=True)
    assert "<!-- PELICAN_END_SUMMARY -->" not in (output / f"news/{slug}/index.html").read_text(
        encoding="utf-8"
    )
    assert read_html(output, "2018/").h1.get_text()
    with_program = [
        path.stem
        for path in (tmp_path / "content/editions").glob("*.yml")
        if "\nprogram:\n" in path.read_text("utf-8")
    ]
    assert with_program, "some generated editions have a program"
    for year in with_program:
        assert read_html(output, f"{year}/program/").select("main")
