"""A monolingual blog shaped like a real one, for `make bench`'s second profile.

The shape follows a real Chinese blog of about 5,300 posts written for
Pelican: every post in Chinese with `Key: value` metadata, short bodies
(median about 0.9 KB), about four links and one picture per post, and many
tags, most used once or twice and a few on hundreds of posts.  The rest of
the folder (one edition, the pages, the channels) is what the site's theme
needs; plain Pelican reads the same post files.

    python -m tools.bench.blog OUT --posts 5000 --seed 1
"""

from __future__ import annotations

import argparse
import datetime
import random
from pathlib import Path

from .generate import (
    AUTHORS,
    CONTACTS,
    EN_WORDS,
    FIRST_YEAR,
    PAGES,
    PNG,
    SVG,
    ZH_LINKS,
    ZH_WORDS,
    Post,
    _write,
    edition_yaml,
    render_post,
)

MEDIAN_BODY_BYTES = 900
LINKS_PER_POST = 4
TAG_POOL = 4000
CATEGORIES = ["随笔", "技术", "开源", "生活", "读书", "翻译", "活动", "笔记", "工具", "社区", "教程", "周报"]
YEARS = 12


def _tags(rng: random.Random) -> list[str]:
    """Log-uniform over the pool: a few tags on many posts, most on one or two."""
    count = rng.choice([1, 2, 3, 3, 4, 4, 5, 6, 8])
    picked = {int(TAG_POOL ** rng.random()) for _ in range(count)}
    return [_tag_name(number) for number in sorted(picked)]


def _tag_name(number: int) -> str:
    """Two words, Chinese for two tags in three: no digits, which a paginated tag's page would add
    (`tag/kaiyuan2.html` is page 2 of `kaiyuan`, and would be the first page of `kaiyuan2`)."""
    words = ZH_WORDS if number % 3 else EN_WORDS
    first, second = words[number % len(words)], words[(number // len(words)) % len(words)]
    return first + second if number % 3 else f"{first} {second}"


def _sentence(rng: random.Random) -> str:
    parts = [
        rng.choice(ZH_LINKS).lstrip("，") + "".join(rng.choices(ZH_WORDS, k=rng.randint(2, 5)))
        for _ in range(rng.randint(2, 4))
    ]
    return "，".join(parts) + "。"


def _body(rng: random.Random, number: int, earlier: str | None) -> str:
    """Paragraphs up to a size drawn around the median, four links on average and one picture."""
    # The paragraphs end past the target, and the links and the picture come on top.
    target = int(rng.lognormvariate(0, 0.6) * MEDIAN_BODY_BYTES * 0.62)
    links = max(0, round(rng.gauss(LINKS_PER_POST, 1.5)))
    paragraphs: list[str] = []
    size = 0
    while size < target or not paragraphs:
        paragraph = "".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    for index in range(links):
        where = rng.randrange(len(paragraphs))
        if index == 0 and earlier:
            paragraphs[where] += f" [上一篇]({{filename}}/{earlier})"
        else:
            paragraphs[where] += f" [链接{index + 1}](https://example.org/{number}/{index})"
    picture = f"![图 {number}](https://img.example.org/{FIRST_YEAR + number % YEARS}/{number}.jpg)"
    paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), picture)
    return "\n\n".join(paragraphs) + "\n"


def make_blog_posts(count: int, seed: int) -> list[Post]:
    rng = random.Random(f"blog-{seed}")
    posts: list[Post] = []
    earlier = None
    for number in range(count):
        date = datetime.datetime(FIRST_YEAR, 1, 1, 8) + datetime.timedelta(
            days=rng.randrange(365 * YEARS), minutes=rng.randrange(0, 720, 5)
        )
        slug = f"post-{number:05d}"
        path = f"news/zh/{date:%Y-%m-%d}-{slug}.md"
        meta = {
            "title": "".join(rng.choices(ZH_WORDS, k=rng.randint(3, 6))) + f" {number + 1}",
            "date": date,
            "slug": slug,
            "tags": _tags(rng),
            "category": rng.choice(CATEGORIES),
            "authors": [rng.choice(AUTHORS)],
        }
        link_to = earlier if rng.random() < 0.5 else None
        posts.append(Post("zh", path, meta, _body(rng, number, link_to), yaml=False))
        earlier = path
    return posts


def generate_blog(target: Path, posts: int = 5000, seed: int = 1) -> list[Post]:
    """Write the content folder `target`; return its posts."""
    made = make_blog_posts(posts, seed)
    for post in made:
        _write(target / post.path, render_post(post))
    year = FIRST_YEAR + YEARS - 1
    _write(target / "editions" / f"{year}.yml", edition_yaml(year, 3, random.Random(seed)))
    for (lang, slug), text in PAGES.items():
        _write(target / "pages" / lang / f"{slug}.md", text)
    _write(target / "contacts.yml", CONTACTS)
    _write(target / "assets/images/favicon.svg", SVG)
    _write(target / "assets/images/sosconf-social.png", PNG)
    return made


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    made = generate_blog(args.target, args.posts, args.seed)
    sizes = sorted(len(post.body.encode("utf-8")) for post in made)
    tags = {tag for post in made for tag in post.meta["tags"]}
    print(
        f"Wrote {len(made)} posts into {args.target}: median body {sizes[len(sizes) // 2]} bytes, {len(tags)} tags"
    )


if __name__ == "__main__":
    main()
