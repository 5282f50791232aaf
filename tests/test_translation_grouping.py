"""The run's grouping of posts with their translations gives what Pelican's gives,
warnings included, on posts read from real content folders and on the
mistakes organizers make (two posts of one language with one slug, a post
marked as a translation with no original)."""

from __future__ import annotations

import logging
import random
import shutil
from collections import defaultdict

import pytest
from pelican.log import LimitFilter
from pelican.utils import process_translations as pelican_process_translations
from sosconf.content.translations import process_translations
from support import CONTENT, build


def _post(slug: str, lang: str, default_lang: str = "zh", translation: str | None = None):
    metadata = {} if translation is None else {"translation": translation}
    return _Post(slug, lang, lang == default_lang, metadata, f"content/news/{lang}/{slug}.md")


class _Post:
    def __init__(self, slug, lang, in_default_lang, metadata, source_path):
        self.slug, self.lang, self.in_default_lang = slug, lang, in_default_lang
        self.metadata, self.source_path = metadata, source_path

    def __repr__(self):
        return f"<{self.lang} {self.slug}>"


def _posts(seed: int) -> list[_Post]:
    """Posts alone and with translations, and each kind of mistake, in a random order."""
    chance = random.Random(seed)
    posts = []
    for number in range(300):
        slug = f"post-{number % 120}"  # some slugs shared by several posts
        lang = chance.choice(["zh", "en", "ja"])
        translation = chance.choice([None, None, "true", "false", "True"])
        posts.append(_post(slug, lang, translation=translation))
    chance.shuffle(posts)
    return posts


def _grouped(function, posts, translation_id, caplog, monkeypatch):
    caplog.clear()
    # Pelican's loggers drop a message they have given before: each grouping starts afresh.
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())
    monkeypatch.setattr(LimitFilter, "_group_count", defaultdict(int), raising=False)
    with caplog.at_level(logging.WARNING):
        originals, translations = function(list(posts), translation_id=translation_id)
    shown = {id(post): (post.lang, post.slug, post.source_path) for post in posts}
    return (
        [shown[id(post)] for post in originals],
        [shown[id(post)] for post in translations],
        {shown[id(post)]: sorted(shown[id(other)] for other in post.translations) for post in posts},
        [record.getMessage() for record in caplog.records],
    )


@pytest.mark.parametrize("translation_id", ["slug", ("slug", "lang"), None])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_grouping_is_pelicans_on_posts_with_every_kind_of_translation(
    seed, translation_id, caplog, monkeypatch
):
    posts = _posts(seed)
    if translation_id is None:
        assert process_translations(posts, None) == (posts, [])
        return
    for post in posts:
        post.translations = None
    ours = _grouped(process_translations, posts, translation_id, caplog, monkeypatch)
    for post in posts:
        post.translations = None
    theirs = _grouped(pelican_process_translations, posts, translation_id, caplog, monkeypatch)
    assert ours == theirs
    originals, translations, _, warnings = ours
    # The case is not empty: there are originals, translations and warnings to compare.
    assert originals and translations and warnings


def test_a_wrong_translation_id_gets_pelicans_error():
    posts = [_post("a", "zh"), _post("b", "en")]
    with pytest.raises(AttributeError, match="as 'translation_id'"):
        process_translations(posts, translation_id="no_such_field")


def test_a_build_groups_the_bundled_posts_as_pelican_does(tmp_path, monkeypatch):
    """The bundled posts (translated ones among them) built with each grouping: the same site."""
    import sosconf.content.translations as translations

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    sites = {}
    for name, grouping in (("ours", process_translations), ("pelican", pelican_process_translations)):
        calls = tmp_path / f"{name}-calls"

        def counted(content_list, translation_id=None, grouping=grouping, calls=calls):
            with calls.open("a") as handle:  # the language runs may be other processes
                handle.write(f"{len(content_list)}\n")
            return grouping(content_list, translation_id)

        monkeypatch.setattr(translations, "process_translations", counted)
        sites[name] = build(content, tmp_path / name, cache=tmp_path / f"{name}-cache").output
        # Both groupings were used, on the posts of every language run.
        assert calls.read_text().split().count(str(len(list((content / "news").rglob("*.md"))))) >= 2
    ours, theirs = sites["ours"], sites["pelican"]
    files = sorted(path.relative_to(ours) for path in ours.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(theirs) for path in theirs.rglob("*") if path.is_file())
    assert len(files) > 100
    for name in files:
        if name.suffix == ".html":
            assert (ours / name).read_bytes() == (theirs / name).read_bytes(), name
