"""Production settings (`make publish`): absolute URLs on the real domain."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SOSCONF_SITEURL", "https://sosconf.org").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
