"""Settings shared by both languages of the preview build (`make html`).

Each language is one Pelican run over the same content; what differs between
the runs (the URL prefix, the language) lives in SOSCONF_LANGUAGES below and is
applied by `sosconf.languages`.
"""

SITENAME = "sosconf"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "Asia/Shanghai"

PATH = "content"
THEME = "themes/sosconf"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["sosconf"]

# Chinese is served at the root, English under /en/.  The first language is
# the default one: it also copies the theme's and the content's static files.
# Each language: its URL prefix, its Babel locale (dates, language names, and
# the tags pages and feeds declare: zh_Hans_CN gives `<html lang="zh-Hans">`
# and Open Graph's zh_CN; an entry may set `html_lang` or `og_locale` itself)
# and its name in the language switch.  Adding one needs no code: see
# "Adding a language" in docs/content.md.
SOSCONF_LANGUAGES = {
    "zh": {"prefix": "", "locale": "zh_Hans_CN", "name": "中文"},
    "en": {"prefix": "en/", "locale": "en_US", "name": "English"},
}
DEFAULT_LANG = "zh"

# The folder a post or page lives in gives its language, unless its own
# metadata says `lang`.
PATH_METADATA = r"(news|pages)/(?P<lang>[a-z]{2})/.*"
ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["assets"]
ARTICLE_EXCLUDES = []
READERS = {"rst": None, "html": None}

# Edition data and the site-wide channels, relative to PATH.
SOSCONF_EDITIONS_DIR = "editions"
SOSCONF_CONTACTS_FILE = "contacts.yml"
SOSCONF_DEFAULT_IMAGE = "assets/images/sosconf-social.png"
# Calendars and conference apps: the room of a session without one (a
# session for everyone), and the description of the site-wide calendar.
SOSCONF_ALL_ROOMS = {"zh": "全体会场", "en": "All rooms"}
SOSCONF_SITE_CALENDAR = {
    "zh": "学生开源年会：历届有日期的年会",
    "en": "Students Open Source Conference: every edition with dates",
}
# Links in edition and contact files must be https: or mailto:.
SOSCONF_ALLOW_HTTP = False
SUMMARY_END_MARKER = "<!-- PELICAN_END_SUMMARY -->"

# Translations are paired by slug: give a Chinese post the slug of its
# English counterpart.
ARTICLE_TRANSLATION_ID = "slug"
PAGE_TRANSLATION_ID = "slug"
DEFAULT_CATEGORY = "News"
USE_FOLDER_AS_CATEGORY = False

# URLs are written without the language prefix; sosconf.languages adds it.
ARTICLE_URL = "news/{slug}/"
ARTICLE_SAVE_AS = "news/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
CATEGORY_URL = "categories/{slug}/"
CATEGORY_SAVE_AS = "categories/{slug}/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
INDEX_URL = "news/"
INDEX_SAVE_AS = "news/index.html"
DIRECT_TEMPLATES = ["index", "tags", "categories"]
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DEFAULT_PAGINATION = 10

# One archive, the paginated news list: no author, year or month pages.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

# Feeds need absolute links; the preview ones point at `make serve`.
# One feed per language with that language's posts: Pelican's FEED_ALL_*
# would add every post's translations, mixing both languages in each feed.
FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ATOM = "feeds/all.atom.xml"
FEED_RSS = "feeds/all.rss.xml"
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False
FEED_MAX_ITEMS = 20
# Each edition's news on its own (sosconf.site.feeds), linked from its pages.
SOSCONF_EDITION_FEED = "{year}/feed.atom.xml"

# What runs over the finished output of both languages (sosconf.publish.steps):
# the Pagefind search index always; content-named theme assets and gzip/brotli
# copies only in production builds (publishconf.py), to keep previews fast.
SOSCONF_SEARCH = True
SOSCONF_FINGERPRINT = False
SOSCONF_PRECOMPRESS = False

# How many processes a language run reads and writes with: None lets each run
# take a second one when its posts would leave a core idle (sosconf.cores);
# 1 or 2 decides for every run.
SOSCONF_WRITERS = None

# One Content-Security-Policy for the pages' meta tag and the hosts' _headers
# file.  Nothing comes from another host except pictures in posts;
# 'wasm-unsafe-eval' lets Pagefind's search run its WebAssembly, nothing more.
SOSCONF_CSP = (
    "default-src 'self'; img-src 'self' https:; style-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'self'; form-action 'self'"
)

# Every value a template prints is escaped (Pelican leaves this off); the
# HTML of posts and pages is marked safe by sosconf.content.html_safety, which also
# turns it on should a settings file replace this mapping.
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}

# Posts may embed pictures from other hosts with an empty alt (the 2019
# announcement does): those are decorative, the text says what they show.
import logging  # noqa: E402

LOG_FILTER = [(logging.WARNING, "Empty alt attribute for image %s in %s")]

CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# The cache is rewritten at every build; compressing it cost more time than its size is worth.
GZIP_CACHE = False
CHECK_MODIFIED_METHOD = "mtime"
CONTENT_CACHING_LAYER = "reader"
# CACHE_PATH is set by the build, under SOSCONF_CACHE_DIR (see sosconf.rebuild.cache_paths).
DELETE_OUTPUT_DIRECTORY = False
