"""Build the whole site: both languages side by side, into a temporary folder
that replaces the output folder only when everything succeeded.

A content mistake, a crash or an interrupted build leaves the last good
output exactly as it was.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import re
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sosconf import collector
from sosconf.build.pelican_warnings import warnings_as_errors, written_twice
from sosconf.build.spare_output import keep_as_spare, remove_empty_folders, take_spare
from sosconf.conference.exports.history import HISTORY_FILE
from sosconf.content.folder import links_leaving
from sosconf.content.read_ahead import stop_reading_ahead
from sosconf.content.translations import group_translations_in_linear_time
from sosconf.cores import RUNNING_SETTING
from sosconf.errors import ContentErrors, ContentRead, ErrorLog
from sosconf.languages import language_overrides, languages
from sosconf.processes import process_gone
from sosconf.publish.search import BUNDLE, stop_indexer
from sosconf.publish.steps import finish_output
from sosconf.rebuild import cache_paths
from sosconf.rebuild.inputs import environment_digest, inputs_digest, remember, up_to_date
from sosconf.rebuild.pelican_cache import DiscardingBytecodeCache, make_caches_safe
from sosconf.rebuild.render_cache import SALT_SETTING, TEMPLATE_FOLDER
from sosconf.rebuild.run_reuse import (
    RunCopy,
    link_run_copy,
    partial_copy,
    publish_run_copy,
    run_digests,
)
from sosconf.run import RUN, Run


def preload_run_modules(settings) -> None:
    """Import here what a language run imports only as it needs it: the Markdown
    extensions of `settings`, the calendar library and the Babel data of every
    language's locale.

    For a process that hosts many builds (the preview server, the tests): the
    runs it forks then find them imported, instead of importing them again in
    each run of each build (about 0.08 s of CPU per build of the bundled
    content).  A command that builds once does not call it: a rebuild that
    reuses every calendar never imports the library at all.
    """
    import importlib

    from babel import Locale

    for name in settings.get("MARKDOWN", {}).get("extension_configs", {}):
        importlib.import_module(name)
    import icalendar  # noqa: F401

    for entry in settings.get("SOSCONF_LANGUAGES", {}).values():
        Locale.parse(entry["locale"]).date_formats  # noqa: B018 (loads the locale's data)


def _template_cache(settings):
    """Compiled templates, shared by every generator, language and content folder.

    The compiled code depends on the environment's options, so they name the
    folder; Jinja checks each file against its template's source.
    """
    import jinja2

    options = repr(sorted((key, repr(value)) for key, value in settings["JINJA_ENVIRONMENT"].items()))
    folder = cache_paths.template_folder(options + jinja2.__version__)
    settings[TEMPLATE_FOLDER] = str(folder)
    return DiscardingBytecodeCache(str(folder))


def load_settings(settings_file: str, lang: str, content: Path, output: Path, extra: dict | None = None):
    from pelican.settings import read_settings

    settings = read_settings(
        settings_file, override={"PATH": str(content), "OUTPUT_PATH": str(output), **(extra or {})}
    )
    settings.update(language_overrides(settings, lang))
    settings["CACHE_PATH"] = str(cache_paths.language_folder(content, lang))
    settings["JINJA_ENVIRONMENT"] = {
        **settings["JINJA_ENVIRONMENT"],
        # A run is over before anyone edits a template again (the preview starts a new run):
        # no need to look at each template file again at every include.
        "auto_reload": False,
    }
    settings["JINJA_ENVIRONMENT"]["bytecode_cache"] = _template_cache(settings)
    settings["SOSCONF_ERROR_LOG"] = ErrorLog()
    settings[RUN] = Run()
    return settings


def build_language(
    settings_file: str,
    lang: str,
    content: str,
    output: str,
    extra: dict | None = None,
):
    """Run Pelican for one language; return the errors found (empty: success)."""
    from pelican import Pelican
    from pelican.writers import FileOverwriteFailedError

    leaving = links_leaving(Path(content))
    if leaving:  # nothing is read, so nothing from outside the content folder reaches the output
        return leaving
    make_caches_safe()
    group_translations_in_linear_time()
    settings = load_settings(settings_file, lang, Path(content), Path(output), extra)
    log = settings["SOSCONF_ERROR_LOG"]
    collecting = collector.running()  # the run stops collections while it reads
    with warnings_as_errors(log, settings):
        try:
            Pelican(settings).run()
        except (ContentErrors, ContentRead):
            pass
        except FileOverwriteFailedError as exc:
            log.extend(written_twice(exc, settings))
        finally:
            stop_indexer(settings)
            stop_reading_ahead(settings)
            collector.restore(collecting)
    return log.errors


def languages_of(settings_file, content) -> list[str]:
    from pelican.settings import read_settings

    return languages(read_settings(settings_file, override={"PATH": str(content)}))


def _run_all(settings_file, content, output, extra, parallel, langs, reuse=None):
    """Run each of `langs` (each in its own process when `parallel`); return their errors.

    `reuse` maps a language whose run can be skipped to a function that puts
    its previous files in place instead (see sosconf.rebuild.run_reuse); it is called
    while the other languages run.
    """
    reuse = reuse or {}
    # The runs going side by side share the cores (see sosconf.cores).
    extra = {**(extra or {}), RUNNING_SETTING: tuple(lang for lang in langs if lang not in reuse)}
    jobs = [(settings_file, lang, str(content), str(output), extra) for lang in langs if lang not in reuse]
    if not parallel or len(jobs) <= 1:
        with _linking_meanwhile(list(reuse.values()), parallel and bool(jobs)):
            return [error for job in jobs for error in build_language(*job)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(jobs), mp_context=context) as pool:
        results = [pool.submit(build_language, *job) for job in jobs]
        for link in reuse.values():
            link()
        return [error for result in results for error in result.result()]


def _wait_for(copies: list[RunCopy]) -> set[Path]:
    """Wait until the run copies being made are done; the folders of those made whole."""
    return {copy.partial for copy in copies if copy.wait()}


@contextlib.contextmanager
def _linking_meanwhile(links: list, meanwhile: bool):
    """Put the reused runs' files in place: in a process of their own while the block runs, when `meanwhile`.

    (A run going alone goes in this process; the folders and links of the
    other language's copy took a fifth of a second before it could start.)
    """
    if not (links and meanwhile):
        for link in links:
            link()
        yield
        return
    linker = multiprocessing.get_context("fork").Process(target=_call_each, args=(links,))
    linker.start()
    try:
        yield
    finally:
        linker.join()
    if linker.exitcode != 0:
        raise RuntimeError(f"putting a reused run's files in place failed (exit status {linker.exitcode})")


def _call_each(calls: list) -> None:
    for call in calls:
        call()


def remove_leftovers(output: Path) -> list[str]:
    """Remove the staging and swapped-out folders of builds that were killed half-way.

    Their names carry the id of the process that made them (`.output.building-<pid>-…`,
    `.output.old-<pid>`); a folder whose process still runs belongs to a build under way.
    """
    pattern = re.compile(rf"^\.{re.escape(output.name)}\.(building|old)-(\d+)(?:-|$)")
    removed = []
    for entry in sorted(output.parent.glob(f".{output.name}.*")):
        found = pattern.match(entry.name)
        if (
            found
            and entry.is_dir()
            and int(found.group(2)) != os.getpid()
            and process_gone(int(found.group(2)))
        ):
            if found.group(1) == "old" and not output.exists():
                # Killed between moving the last good output aside and putting
                # the new one in its place: the last good output comes back.
                os.replace(entry, output)
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return removed


def replace_folder(new: Path, target: Path) -> None:
    """Put `new` where `target` is, keeping `target` until `new` is in place.

    The folder replaced becomes the next build's staging folder, once emptied
    of its files (sosconf.build.spare_output).
    """
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
        os.replace(new, target)
        keep_as_spare(old, target, BUNDLE)
    else:
        os.replace(new, target)


def _file_state(path: Path) -> tuple | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ino)


def build_site(
    settings_file: str = "pelicanconf.py",
    content: str = "content",
    output: str = "output",
    extra: dict | None = None,
    parallel: bool = True,
    force: bool = False,
) -> bool:
    """Build every language; raise ContentErrors and keep `output` untouched on any error.

    Return False, without building, when nothing the build reads has changed
    since the build that made `output` (see sosconf.rebuild.inputs); `force` builds anyway.
    """
    from pelican.settings import read_settings

    content_path = Path(content).resolve()
    output_path = Path(output).resolve()
    record = cache_paths.build_record(output_path)
    base = read_settings(settings_file, override={"PATH": str(content_path), **(extra or {})})
    environment = environment_digest(base, settings_file, extra)
    digest = inputs_digest(base, environment)
    if not force and up_to_date(record, output_path, digest):
        return False
    langs = languages(base)
    history = content_path / HISTORY_FILE
    history_before = _file_state(history)
    runs = run_digests(base, environment, langs)
    output_path.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output_path)
    cache_paths.mark_used(content_path)
    staging = output_path.with_name(f".{output_path.name}.building-{os.getpid()}-spare")
    from_spare = take_spare(output_path, staging)
    if not from_spare:
        staging = Path(
            tempfile.mkdtemp(prefix=f".{output_path.name}.building-{os.getpid()}-", dir=output_path.parent)
        )
    copies = {lang: cache_paths.run_copy(content_path, lang, runs[lang]) for lang in langs}
    reuse = (
        {}
        if force
        else {
            lang: functools.partial(link_run_copy, copies[lang], staging)
            for lang in langs
            if copies[lang].is_dir()
        }
    )
    partials = {lang: partial_copy(copies[lang]) for lang in langs if lang not in reuse}
    being_copied: list[RunCopy] = []
    collecting = collector.running()
    try:
        # The render cache may reuse a page made with this same theme, plugin and settings.
        with_salt = {**(extra or {}), SALT_SETTING: environment}
        errors = _run_all(settings_file, content_path, staging, with_salt, parallel, langs, reuse)
        # A run going alone ran in this process and left its objects here (5,000
        # posts for the blog): each full collection would walk them all, and the
        # steps below free nothing worth it. The sitemap's reading of the runs'
        # records took 0.28 s instead of 0.02 s when collections were on.
        collector.stop()
        if errors:
            raise ContentErrors(errors)
        if from_spare:  # before the steps, which then see the folders a build from nothing makes
            remove_empty_folders(staging)
        # Each run's files are linked into its run copy while the post-build steps go on.
        being_copied = [RunCopy(base, lang, staging, partial) for lang, partial in partials.items()]
        finishing = load_settings(settings_file, langs[0], content_path, staging, extra)
        if finishing.get("SOSCONF_FINGERPRINT"):  # renames files the runs wrote
            _wait_for(being_copied)
        finish_output(staging, finishing)
        partials = {lang: partial for lang, partial in partials.items() if partial in _wait_for(being_copied)}
        replace_folder(staging, output_path)
        # The runs may have added versions to the calendar history in the content
        # folder: then record the inputs as they are now, so the next build is
        # skipped, and name each run's copy after what its run reads now.
        if _file_state(history) != history_before:
            digest = inputs_digest(base, environment)
            runs = run_digests(base, environment, langs)
        remember(record, output_path, digest, runs)
        for lang, partial in partials.items():
            # Beside the copy being made, should the plugin's source have changed meanwhile.
            publish_run_copy(partial, partial.with_name(cache_paths.run_copy_name(runs[lang])))
        partials = {}
        cache_paths.prune(content_path)
    finally:
        collector.restore(collecting)
        _wait_for(being_copied)
        shutil.rmtree(staging, ignore_errors=True)
        for partial in partials.values():
            shutil.rmtree(partial, ignore_errors=True)
    return True
