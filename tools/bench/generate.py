"""Write a synthetic sosconf content folder for benchmarks and scale tests.

`generate(target, posts=N, editions=M, seed=S)` writes a folder laid out like
`content/`: N news posts (half Chinese, half English, some pairs translated
under one slug, both metadata formats, most with a summary marker), M edition
files, the pages, the channels and the pictures the theme links to.  The same
arguments always give the same bytes.

`write_plain_copy(target, plain)` writes the same posts with Pelican's own
`Key: value` metadata only (YAML front matter converted, the language given by
`Lang:`), for plain Pelican, which cannot read front matter.

    python -m tools.bench.generate OUT --posts 1000 --editions 12 --seed 1
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

FIRST_YEAR = 2018

ZH_WORDS = [
    "开源",
    "社区",
    "学生",
    "年会",
    "演讲",
    "志愿者",
    "项目",
    "代码",
    "贡献",
    "文档",
    "测试",
    "编译器",
    "操作系统",
    "数据库",
    "网络",
    "安全",
    "云计算",
    "机器学习",
    "区块链",
    "设计",
    "艺术",
    "治理",
    "许可证",
    "维护者",
    "议题",
    "合并请求",
    "版本",
    "发布",
    "讨论",
    "工作坊",
    "黑客马拉松",
    "圆桌",
    "直播",
    "回放",
    "报名",
    "赞助",
    "合作",
    "高校",
    "实验室",
    "导师",
    "新手",
    "入门",
    "经验",
    "分享",
    "交流",
    "未来",
    "实践",
    "乐趣",
    "平台",
    "工具",
    "框架",
    "语言",
    "内核",
    "驱动",
    "编辑器",
    "终端",
    "脚本",
    "自动化",
    "部署",
    "容器",
    "集群",
    "性能",
    "调试",
    "翻译",
    "本地化",
    "无障碍",
    "可视化",
    "教程",
    "课程",
    "作业",
    "论文",
    "开发者",
    "用户",
    "反馈",
    "路线图",
    "里程碑",
    "活动",
    "场地",
    "议程",
]
ZH_LINKS = ["，在", "和", "以及", "通过", "为了", "同时", "因此", "并且", "其中", "关于", "围绕", "面向"]
EN_WORDS = [
    "open",
    "source",
    "community",
    "student",
    "conference",
    "talk",
    "volunteer",
    "project",
    "code",
    "contribution",
    "documentation",
    "testing",
    "compiler",
    "operating",
    "system",
    "database",
    "network",
    "security",
    "cloud",
    "computing",
    "machine",
    "learning",
    "blockchain",
    "design",
    "art",
    "governance",
    "license",
    "maintainer",
    "issue",
    "pull",
    "request",
    "version",
    "release",
    "discussion",
    "workshop",
    "hackathon",
    "roundtable",
    "stream",
    "replay",
    "registration",
    "sponsor",
    "partner",
    "university",
    "laboratory",
    "mentor",
    "newcomer",
    "experience",
    "sharing",
    "future",
    "practice",
    "platform",
    "tool",
    "framework",
    "language",
    "kernel",
    "driver",
    "editor",
    "terminal",
    "script",
    "automation",
    "deployment",
    "container",
    "cluster",
    "performance",
    "debugging",
    "translation",
    "localization",
    "accessibility",
    "visualization",
    "tutorial",
    "course",
    "paper",
    "developer",
    "user",
    "feedback",
    "roadmap",
    "milestone",
    "event",
    "venue",
    "schedule",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "on",
    "from",
    "by",
    "about",
    "every",
    "new",
    "small",
    "large",
    "first",
    "last",
    "next",
    "best",
    "simple",
    "fast",
    "careful",
    "friendly",
]

ZH_TAGS = [
    "官方公告",
    "征稿",
    "志愿者",
    "赞助",
    "议程",
    "直播",
    "回顾",
    "黑客马拉松",
    "工作坊",
    "圆桌",
    "社区",
    "高校",
    "演讲者",
    "报名",
    "场地",
    "合作伙伴",
    "开源项目",
    "新手指南",
    "会后",
    "招募",
]
EN_TAGS = [
    "Official Announcement",
    "Call for talks",
    "Volunteers",
    "Sponsors",
    "Schedule",
    "Live stream",
    "Recap",
    "Hackathon",
    "Workshop",
    "Roundtable",
    "Community",
    "Universities",
    "Speakers",
    "Registration",
    "Venue",
    "Partners",
    "Projects",
    "Getting started",
    "After the event",
    "Recruiting",
]
ZH_CATEGORIES = ["News", "活动", "社区"]
EN_CATEGORIES = ["News", "Events", "Community"]
AUTHORS = ["Wen Qixiang", "Yuntian WANG", "Dahzi FENG", "Li Ming", "Zhang Wei", "Alex Chen", "Sam Lee"]
CITIES = [
    ("重庆", "Chongqing"),
    ("洛杉矶", "Los Angeles"),
    ("成都", "Chengdu"),
    ("深圳", "Shenzhen"),
    ("上海", "Shanghai"),
    ("北京", "Beijing"),
    ("杭州", "Hangzhou"),
    ("武汉", "Wuhan"),
    ("南京", "Nanjing"),
    ("西安", "Xi'an"),
    ("广州", "Guangzhou"),
    ("兰州", "Lanzhou"),
]
STATUSES = ("held", "held", "held", "planned", "postponed", "cancelled")

# A 1x1 transparent PNG and a small SVG: the theme links to both on every page.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16"/></svg>\n'
POST_IMAGE = "/assets/images/blog/post-1.png"


@dataclass
class Post:
    lang: str
    path: str  # relative to the content folder
    meta: dict  # lower-case keys, in writing order; values are text or lists
    body: str
    yaml: bool  # written with YAML front matter
    links: list = field(default_factory=list)


def _zh_sentence(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(2, 4)):
        parts.append(rng.choice(ZH_LINKS).lstrip("，") + "".join(rng.choices(ZH_WORDS, k=rng.randint(2, 5))))
    return "，".join(parts) + "。"


def _en_sentence(rng: random.Random) -> str:
    words = rng.choices(EN_WORDS, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, lang: str) -> str:
    sentence = _zh_sentence if lang == "zh" else _en_sentence
    joiner = "" if lang == "zh" else " "
    return joiner.join(sentence(rng) for _ in range(rng.randint(3, 6)))


def _title(rng: random.Random, lang: str, number: int) -> str:
    if lang == "zh":
        return "".join(rng.choices(ZH_WORDS, k=rng.randint(3, 5))) + f"：第 {number} 期"
    return " ".join(rng.choices(EN_WORDS, k=rng.randint(4, 7))).capitalize() + f": part {number}"


def _body(rng: random.Random, lang: str, marker: bool, link_to: str | None) -> str:
    """Markdown with what real posts have: paragraphs, headings, lists, links, code, a table."""
    blocks = [_paragraph(rng, lang)]
    if marker:
        blocks.append("<!-- PELICAN_END_SUMMARY -->")
    heading = "详情" if lang == "zh" else "Details"
    for index in range(rng.randint(3, 7)):
        kind = rng.random()
        if kind < 0.15:
            blocks.append(f"## {heading} {index + 1}")
        elif kind < 0.3:
            blocks.append("\n".join(f"- {_title(rng, lang, item)}" for item in range(rng.randint(2, 5))))
        elif kind < 0.4:
            blocks.append(
                "```\n"
                + "\n".join(
                    f"make step-{item}  # <!-- PELICAN_END_SUMMARY -->" if item == 0 else f"echo {item}"
                    for item in range(3)
                )
                + "\n```"
            )
        elif kind < 0.45:
            blocks.append("| 项目 | Project |\n|---|---|\n| sosconf | 2021 |\n| pelican | 4.12 |")
        elif kind < 0.5:
            blocks.append(f"![{heading}](https://example.org/images/{rng.randint(1, 999)}.png)")
        elif kind < 0.6:
            blocks.append("> " + _paragraph(rng, lang))
        else:
            text = _paragraph(rng, lang)
            if rng.random() < 0.3:
                text += (
                    f" [sosconf](https://sosconf.org/{rng.randint(2018, 2030)}/) **{rng.choice(EN_TAGS)}**"
                )
            blocks.append(text)
    if link_to:
        label = "上一篇" if lang == "zh" else "Previous post"
        blocks.append(f"[{label}]({{filename}}/{link_to})")
    return "\n\n".join(blocks) + "\n"


def _date(rng: random.Random, years: int) -> datetime.datetime:
    day = datetime.datetime(FIRST_YEAR, 1, 1, 9) + datetime.timedelta(days=rng.randrange(365 * years))
    return day + datetime.timedelta(minutes=rng.randrange(0, 600, 5))


def make_posts(count: int, editions: int, seed: int) -> list[Post]:
    """The posts of the site: half in each language, about a third of them translated pairs."""
    rng = random.Random(seed)
    years = max(editions, 1)
    zh_count = count // 2
    en_count = count - zh_count
    pairs = zh_count * 3 // 10
    posts: list[Post] = []
    shared_dates = [_date(rng, years) for _ in range(pairs)]
    last = {"zh": None, "en": None}
    for lang, total in (("zh", zh_count), ("en", en_count)):
        for number in range(total):
            paired = number < pairs
            date = shared_dates[number] if paired else _date(rng, years)
            slug = f"pair-{number:05d}" if paired else f"{lang}-post-{number:05d}"
            filename = f"news/{lang}/{date:%Y-%m-%d}-{slug}.md"
            meta: dict = {"title": _title(rng, lang, number + 1), "date": date, "slug": slug}
            if lang == "en" and not paired and rng.random() < 0.3:
                del meta["slug"]  # the title gives the slug; every title is unique by its number
                filename = f"news/{lang}/{date:%Y-%m-%d}-untitled-{number:05d}.md"
            tags = ZH_TAGS if lang == "zh" else EN_TAGS
            meta["tags"] = rng.sample(tags, rng.randint(0, 3))
            meta["category"] = rng.choice(ZH_CATEGORIES if lang == "zh" else EN_CATEGORIES)
            meta["authors"] = rng.sample(AUTHORS, rng.randint(1, 2))
            if rng.random() < 0.05:
                meta["edition"] = str(FIRST_YEAR + rng.randrange(years))
            if rng.random() < 0.03:
                meta["summary"] = _title(rng, lang, number + 1)
            if not paired and rng.random() < 0.01:
                meta["status"] = "draft"
            as_yaml = rng.random() < 0.35
            if as_yaml and rng.random() < 0.3:
                meta["image"] = POST_IMAGE
            marker = rng.random() < 0.7
            link_to = last[lang] if rng.random() < 0.2 else None
            posts.append(Post(lang, filename, meta, _body(rng, lang, marker, link_to), as_yaml))
            if meta.get("status") != "draft":
                last[lang] = filename
    return posts


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def render_post(post: Post, yaml_front_matter: bool | None = None, with_lang: bool = False) -> str:
    as_yaml = post.yaml if yaml_front_matter is None else yaml_front_matter
    lines = []
    for key, value in post.meta.items():
        if key == "date":
            value = f"{value:%Y-%m-%d %H:%M:%S} +0800" if as_yaml else f"{value:%Y-%m-%d %H:%M}"
        if as_yaml:
            if key == "authors":
                key, value = "author", _quoted(", ".join(value))
            elif isinstance(value, list):
                value = "[" + ", ".join(_quoted(item) for item in value) + "]"
            elif key in ("title", "summary", "category"):
                value = _quoted(value)
            lines.append(f"{key}: {value}")
        else:
            if isinstance(value, list):
                value = ", ".join(value)
            lines.append(f"{key.capitalize()}: {value}".rstrip())
    if with_lang:
        lines.append(f"{'lang' if as_yaml else 'Lang'}: {post.lang}")
    if as_yaml:
        return "---\n" + "\n".join(lines) + "\n---\n\n" + post.body
    return "\n".join(lines) + "\n\n" + post.body


def edition_yaml(year: int, ordinal: int, rng: random.Random) -> str:
    zh_city, en_city = CITIES[ordinal % len(CITIES)]
    status = "held" if year < 2024 else rng.choice(STATUSES)
    lines = [
        f"# Generated edition {year}.",
        f"year: {year}",
        f"ordinal: {ordinal}",
        f"series: SOSCONF.zh {year}",
        "name:",
        f"  zh: {year} 学生开源年会",
        f"  en: Students Open Source Conference {year}",
        "city:",
        f"  zh: {zh_city}",
        f"  en: {_quoted(en_city)}",
        "venue:",
        f"  zh: {zh_city}大学",
        f"  en: {_quoted(en_city + ' University')}",
        f"status: {status}",
        f"language: {rng.choice(['zh', 'en'])}",
    ]
    start = None
    if ordinal % 3:  # two editions in three have fixed dates, and a program
        start = datetime.date(year, rng.randint(3, 11), rng.randint(1, 27))
        days = rng.randint(1, 2)
        lines += [
            f"start: {start}",
            f"end: {start + datetime.timedelta(days=days - 1)}",
            "timezone: Asia/Shanghai",
        ]
    else:
        lines += ["when:", "  zh: 10 月中旬", "  en: mid-October"]
    lines += [
        "summary:",
        f"  zh: {_zh_sentence(rng)}",
        f"  en: {_quoted(_en_sentence(rng))}",
        "channels:",
        "  - name: Telegram",
        f"    url: https://t.me/sosconf{year}",
        "  - name:",
        "      zh: 直播间",
        "      en: Live room",
        f"    url: https://live.example.org/{year}",
    ]
    if start is not None:
        lines += _program(year, start, days, rng)
    return "\n".join(lines) + "\n"


TRACKS = [
    ("main", "主会场", "Main track"),
    ("security", "信息安全", "Security"),
    ("systems", "操作系统", "Systems"),
]


def _text(rng: random.Random, indent: str) -> list[str]:
    return [f"{indent}zh: {_zh_sentence(rng)}", f"{indent}en: {_quoted(_en_sentence(rng))}"]


def _program(year: int, start: datetime.date, days: int, rng: random.Random) -> list[str]:
    """Speakers and a program of one or two days, every session with its speakers and track."""
    speakers = [f"speaker-{year}-{number:02d}" for number in range(1, rng.randint(6, 12))]
    lines = ["speakers:"]
    for number, speaker in enumerate(speakers, start=1):
        zh_city, en_city = CITIES[(year + number) % len(CITIES)]
        lines += [
            f"  - id: {speaker}",
            f"    name: {_quoted(rng.choice(AUTHORS) + f' {number}')}",
            "    affiliation:",
            f"      zh: {zh_city}大学",
            f"      en: {_quoted(en_city + ' University')}",
            "    bio:",
            *_text(rng, "      "),
        ]
    tracks = TRACKS[: rng.randint(1, len(TRACKS))]
    lines += ["program:", "  tracks:"]
    for track, zh, en in tracks:
        lines += [f"    - id: {track}", "      name:", f"        zh: {zh}", f"        en: {en}"]
    lines.append("  days:")
    for day in range(days):
        lines += [f"    - date: {start + datetime.timedelta(days=day)}", "      sessions:"]
        minutes = 9 * 60
        for number in range(rng.randint(5, 9)):
            length = rng.choice([20, 30, 40])
            kind = (
                "break"
                if number == 3
                else rng.choice(["talk", "talk", "keynote", "lightning-talk", "workshop"])
            )
            lines += [
                f"        - id: day{day + 1}-session-{number + 1:02d}",
                "          title:",
                f"            zh: {''.join(rng.choices(ZH_WORDS, k=3))}",
                f"            en: {_quoted(' '.join(rng.choices(EN_WORDS, k=4)).capitalize())}",
                f'          start: "{minutes // 60:02d}:{minutes % 60:02d}"',
                f'          end: "{(minutes + length) // 60:02d}:{(minutes + length) % 60:02d}"',
                f"          kind: {kind}",
            ]
            if kind != "break":
                lines += [
                    f"          track: {rng.choice(tracks)[0]}",
                    f"          speakers: [{', '.join(rng.sample(speakers, rng.randint(1, 2)))}]",
                    "          abstract:",
                    *_text(rng, "            "),
                ]
            minutes += length + 10
    return lines


PAGES = {
    ("zh", "about"): "Title: 关于\nSlug: about\n\n学生开源年会由学生组织、面向学生。\n",
    ("en", "about"): "Title: About\nSlug: about\n\nsosconf is organized by students, for students.\n",
    ("zh", "code-of-conduct"): "Title: 行为准则\nSlug: code-of-conduct\n\n请友善待人。\n",
    ("en", "code-of-conduct"): "Title: Code of conduct\nSlug: code-of-conduct\n\nBe kind.\n",
}

CONTACTS = """channels:
  - name: Telegram
    url: https://t.me/sosconf
  - name:
      zh: 中文交流 QQ 群
      en: QQ group (Chinese)
    value: "932119765"
  - name:
      zh: 邮箱
      en: E-mail
    url: mailto:hi@sosconf.org
"""


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def generate(target: Path, posts: int = 1000, editions: int = 12, seed: int = 1) -> list[Post]:
    """Write the content folder `target` (replaced if it exists); return its posts."""
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    made = make_posts(posts, editions, seed)
    for post in made:
        _write(target / post.path, render_post(post))
    rng = random.Random(f"editions-{seed}")
    for ordinal in range(editions):
        year = FIRST_YEAR + ordinal
        _write(target / "editions" / f"{year}.yml", edition_yaml(year, ordinal, rng))
    for (lang, slug), text in PAGES.items():
        _write(target / "pages" / lang / f"{slug}.md", text)
    _write(target / "contacts.yml", CONTACTS)
    _write(target / "assets/images/favicon.svg", SVG)
    _write(target / "assets/images/sosconf-social.png", PNG)
    _write(target / "assets/images/blog/post-1.png", PNG)
    return made


def write_plain_copy(made: list[Post], plain: Path) -> None:
    """The same posts, `Key: value` metadata only, with `Lang:`: what plain Pelican reads."""
    plain = Path(plain)
    if plain.exists():
        shutil.rmtree(plain)
    for post in made:
        _write(plain / post.path, render_post(post, yaml_front_matter=False, with_lang=True))


def write_jekyll_copy(made: list[Post], jekyll: Path) -> None:
    """The same posts for Jekyll: `<lang>/_posts/YYYY-MM-DD-slug.md`, YAML front matter."""
    jekyll = Path(jekyll)
    if jekyll.exists():
        shutil.rmtree(jekyll)
    for post in made:
        meta = post.meta
        slug = meta.get("slug") or Path(post.path).stem[len("YYYY-MM-DD-") :]
        lines = [
            f"title: {_quoted(meta['title'])}",
            f"date: {meta['date']:%Y-%m-%d %H:%M:%S} +0800",
            f"slug: {slug}",
            "tags: [" + ", ".join(_quoted(tag) for tag in meta["tags"]) + "]",
        ]
        if meta.get("status") == "draft":
            lines.append("published: false")
        name = f"{post.lang}/_posts/{meta['date']:%Y-%m-%d}-{slug}.md"
        _write(jekyll / name, "---\n" + "\n".join(lines) + "\n---\n\n" + post.body)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--editions", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plain", type=Path, help="also write the posts for plain Pelican here")
    args = parser.parse_args(argv)
    made = generate(args.target, args.posts, args.editions, args.seed)
    if args.plain:
        write_plain_copy(made, args.plain)
    print(f"Wrote {len(made)} posts and {args.editions} editions into {args.target}")


if __name__ == "__main__":
    main()
