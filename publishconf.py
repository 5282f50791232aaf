"""Production settings (`make publish`): absolute URLs on the real domain.

SOSCONF_SITEURL overrides the address, e.g. for a copy served from a sub-path
(`https://example.github.io/sosconf`): every link, feed and the sitemap follow.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SOSCONF_SITEURL", "https://sosconf.org").rstrip("/")
RELATIVE_URLS = False
# The feeds of pelicanconf.py, with links on this address.
FEED_DOMAIN = SITEURL

# Theme CSS/JS named after their content, so hosts may cache them for a year,
# and gzip/brotli copies beside every text file for servers that send them as is.
SOSCONF_FINGERPRINT = True
SOSCONF_PRECOMPRESS = True
