"""Build the whole site: both languages side by side, into a temporary folder
that replaces the output folder only when everything succeeded.

A content mistake, a crash or an interrupted build leaves the last good
output exactly as it was.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .errors import ContentError, ContentErrors, ErrorLog
from .languages import language_overrides, languages
from .postbuild import finish_output

PLUGIN_DIR = Path(__file__).resolve().parent


class _Collect(logging.Handler):
    """Pelican's warnings and errors become build errors: a clean build prints none."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def _as_error(record: logging.LogRecord, content_root: str) -> ContentError:
    path = "(build)"
    for arg in record.args if isinstance(record.args, tuple) else ():
        text = str(arg)
        if text.endswith((".md", ".markdown", ".yml", ".yaml")):
            path = os.path.relpath(text, content_root) if os.path.isabs(text) else text
            break
    return ContentError(path, None, record.getMessage().strip().replace("\n", " "), "")


def _cache_dir(content: Path, lang: str) -> str:
    """A cache per content folder and plugin version, so neither sees stale data."""
    digest = hashlib.sha1(str(content).encode())
    for source in sorted(PLUGIN_DIR.glob("*.py")):
        digest.update(source.read_bytes())
    return str(Path(".cache") / digest.hexdigest()[:12] / lang)


def load_settings(settings_file: str, lang: str, content: Path, output: Path, extra: dict | None = None):
    from pelican.settings import read_settings

    settings = read_settings(
        settings_file, override={"PATH": str(content), "OUTPUT_PATH": str(output), **(extra or {})}
    )
    settings.update(language_overrides(settings, lang))
    settings["CACHE_PATH"] = _cache_dir(content, lang)
    settings["SOSCONF_ERROR_LOG"] = ErrorLog()
    return settings


def build_language(settings_file: str, lang: str, content: str, output: str, extra: dict | None = None):
    """Run Pelican for one language; return the errors found (empty: success)."""
    from pelican import Pelican
    from pelican.log import LimitFilter, console

    console.quiet = True  # the build reports for itself

    # A fresh count per run: Pelican drops a warning it has seen before.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    pelican_logger = logging.getLogger("pelican")
    collect = _Collect()
    pelican_logger.addHandler(collect)
    pelican_logger.setLevel(logging.WARNING)
    pelican_logger.propagate = False
    settings = load_settings(settings_file, lang, Path(content), Path(output), extra)
    log = settings["SOSCONF_ERROR_LOG"]
    try:
        Pelican(settings).run()
    except ContentErrors:
        pass
    finally:
        pelican_logger.removeHandler(collect)
    rejected = {error.path for error in log.errors}
    for record in collect.records:
        if record.msg.startswith("Could not process") and record.args and str(record.args[0]) in rejected:
            continue
        log.errors.append(_as_error(record, settings["PATH"]))
    return log.errors


def languages_of(settings_file, content) -> list[str]:
    from pelican.settings import read_settings

    return languages(read_settings(settings_file, override={"PATH": str(content)}))


def _run_all(settings_file, content, output, extra, parallel):
    langs = languages_of(settings_file, content)
    jobs = [(settings_file, lang, str(content), str(output), extra) for lang in langs]
    if not parallel or len(jobs) == 1:
        return [error for job in jobs for error in build_language(*job)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(jobs), mp_context=context) as pool:
        results = [pool.submit(build_language, *job) for job in jobs]
        return [error for result in results for error in result.result()]


def replace_folder(new: Path, target: Path) -> None:
    """Put `new` where `target` is, keeping `target` until `new` is in place."""
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)


def build_site(
    settings_file: str = "pelicanconf.py",
    content: str = "content",
    output: str = "output",
    extra: dict | None = None,
    parallel: bool = True,
) -> None:
    """Build every language; raise ContentErrors and keep `output` untouched on any error."""
    content_path = Path(content).resolve()
    output_path = Path(output).resolve()
    output_path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_path.name}.building-", dir=output_path.parent))
    try:
        errors = _run_all(settings_file, content_path, staging, extra, parallel)
        if errors:
            raise ContentErrors(errors)
        finish_output(staging, load_settings(settings_file, languages_of(settings_file, content_path)[0], content_path, staging, extra))
        replace_folder(staging, output_path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
