"""The build keeps every cache under one folder (SOSCONF_CACHE_DIR) and removes the ones no build will read again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sosconf.build.runs import build_site
from sosconf.rebuild import cache_paths

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "bad_content" / "minimal"
FAST = {"SOSCONF_SEARCH": False, "SOSCONF_TODAY": "2021-09-20"}


def _folder(root: Path, name: str, content: Path | None = None, age: int = 0) -> Path:
    """A cache folder as a build leaves it, last used `age` seconds ago."""
    folder = root / name
    (folder / "zh").mkdir(parents=True)
    (folder / "zh" / "ArticlesGenerator-Readers").write_bytes(b"cached")
    if content is not None:
        marker = folder / cache_paths.CONTENT_FILE
        marker.write_text(str(content), encoding="utf-8")
        when = marker.stat().st_mtime - age
        os.utime(marker, (when, when))
    return folder


def _templates(root: Path, name: str, age: int) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "__jinja2_0123.cache").write_bytes(b"compiled")
    when = folder.stat().st_mtime - age
    os.utime(folder, (when, when))
    return folder


def test_caches_go_to_the_folder_the_variable_names_and_old_ones_are_pruned(tmp_path, monkeypatch):
    caches = tmp_path / "caches"
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    other = tmp_path / "other-content"
    other.mkdir()
    monkeypatch.setenv(cache_paths.CACHE_DIR_VARIABLE, str(caches))
    monkeypatch.delenv(cache_paths.TEMPLATE_CACHE_VARIABLE, raising=False)  # as outside the tests
    monkeypatch.chdir(tmp_path)
    key = cache_paths.site_folder(content).name.split("-")[0]
    # Left by earlier builds: two older plugin versions of this content folder,
    # a content folder since removed, one still there, and the layout before folders had two keys.
    previous = _folder(caches, f"{key}-{'a' * 12}", content, age=100)
    older = _folder(caches, f"{key}-{'b' * 12}", content, age=200)
    gone = _folder(caches, f"{'c' * 12}-{'a' * 12}", tmp_path / "removed-content")
    kept_other = _folder(caches, f"{'d' * 12}-{'a' * 12}", other)
    old_layout = _folder(caches, "0123456789ab")
    not_ours = caches / "notes"
    not_ours.mkdir()
    # Compiled templates of other Jinja options: the one used last before is kept.
    templates_before = _templates(caches, "templates-" + "e" * 12, age=100)
    templates_older = _templates(caches, "templates-" + "f" * 12, age=200)

    gone_output = tmp_path / "removed-output"
    assert build_site(str(ROOT / "pelicanconf.py"), str(content), str(gone_output), FAST)
    gone_record = cache_paths.build_record(gone_output.resolve())
    assert gone_record.is_file()
    shutil.rmtree(gone_output)
    assert build_site(str(ROOT / "pelicanconf.py"), str(content), str(tmp_path / "output"), FAST)

    current = cache_paths.site_folder(content)
    assert list((current / "zh").glob("*Generator-Readers")), (
        "the build wrote no reader cache where it should"
    )
    (templates,) = set(cache_paths.cache_root().glob("templates-*")) - {templates_before}
    assert list(templates.glob("*.cache")), "the build kept no compiled template"
    assert (templates / "template-names.json").is_file()
    assert (current / "en" / cache_paths.RENDERS).is_dir()
    assert cache_paths.build_record((tmp_path / "output").resolve()).is_file()
    assert not gone_record.exists() and not list(gone_record.parent.glob(f"{gone_record.stem}-*"))
    assert not (tmp_path / ".cache").exists(), "a cache was written in the working directory"
    assert previous.is_dir() and kept_other.is_dir() and not_ours.is_dir()
    assert not older.exists() and not gone.exists() and not old_layout.exists()
    assert templates_before.is_dir() and not templates_older.exists()


def test_compiled_templates_go_where_their_own_variable_says_and_old_ones_are_pruned_there(
    tmp_path, monkeypatch
):
    caches, templates_root = tmp_path / "caches", tmp_path / "templates"
    content = tmp_path / "content"
    shutil.copytree(MINIMAL, content)
    monkeypatch.setenv(cache_paths.CACHE_DIR_VARIABLE, str(caches))
    monkeypatch.setenv(cache_paths.TEMPLATE_CACHE_VARIABLE, str(templates_root))
    monkeypatch.chdir(tmp_path)
    templates_before = _templates(templates_root, "templates-" + "e" * 12, age=100)
    templates_older = _templates(templates_root, "templates-" + "f" * 12, age=200)
    assert build_site(str(ROOT / "pelicanconf.py"), str(content), str(tmp_path / "output"), FAST)
    (templates,) = set(templates_root.glob("templates-*")) - {templates_before}
    assert list(templates.glob("*.cache")), "the build kept no compiled template"
    assert not list(caches.glob("templates-*")), "the compiled templates went to the other caches"
    assert list(cache_paths.site_folder(content).glob("*/*Generator-Readers")), (
        "the other caches went elsewhere"
    )
    assert templates_before.is_dir() and not templates_older.exists()
