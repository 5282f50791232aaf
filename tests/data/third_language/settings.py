"""The bundled site's settings with a third language, Japanese at /ja/.

Only settings change; the theme the build reads (with a Japanese catalog
beside the others) is named by SOSCONF_TEST_THEME.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from pelicanconf import *  # noqa: E402,F403

sys.path.remove(str(ROOT))

THEME = os.environ["SOSCONF_TEST_THEME"]
PLUGIN_PATHS = [str(ROOT / "plugins")]
SOSCONF_LANGUAGES = {
    **SOSCONF_LANGUAGES,  # noqa: F405
    "ja": {"prefix": "ja/", "locale": "ja_JP", "name": "日本語"},
}
SOSCONF_ALL_ROOMS = {**SOSCONF_ALL_ROOMS, "ja": "全会場"}  # noqa: F405
