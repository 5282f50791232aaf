"""`python -m sosconf check|build` as an organizer runs them: one line per
mistake, no traceback, exit status 1; the content folder as they typed it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from support import CACHE_DIR_VARIABLE, ROOT, SETTINGS, cache_root, expected, with_mistakes

CASES = ("edition-impossible-date", "post-slug-used-twice", "post-not-utf8")


def sosconf(*args, cwd, **environment):
    # ALL=1 in the caller's environment would change what is printed.
    env = {key: value for key, value in os.environ.items() if key != "ALL"}
    env.update(PYTHONPATH=str(ROOT / "plugins"), **environment)
    return subprocess.run(
        [sys.executable, "-m", "sosconf", *args, "--settings", str(SETTINGS)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A folder laid out like the project's, with mistakes in its content/."""
    folder = tmp_path_factory.mktemp("project")
    with_mistakes(folder / "content", *CASES)
    return folder


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("content/")]


@pytest.mark.parametrize("command", ["check", "build"])
def test_cli_prints_each_mistake_once_and_no_traceback(project, command):
    result = sosconf(
        command, "--content", "content", *(["--output", "output"] if command == "build" else []), cwd=project
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    wanted = sorted(f"content/{line}" for case in CASES for line in expected(case))
    assert sorted(_error_lines(result.stderr)) == wanted
    assert f"{len(wanted)} errors in the content" in result.stderr
    assert (
        'content/editions/2022.yml:7: start: "2022-19-29" is not a date; write it as YYYY-MM-DD, e.g. 2022-10-15'
        in result.stderr
    )
    assert not (project / "output").exists()


def test_check_of_good_content_exits_0(tmp_path):
    with_mistakes(tmp_path / "content")
    result = sosconf("check", "--content", "content", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "no mistakes found" in result.stdout


@pytest.fixture(scope="module")
def many_alike(tmp_path_factory):
    """Thirty posts with the same mistake, and one other mistake."""
    folder = tmp_path_factory.mktemp("many")
    content = with_mistakes(folder / "content", "edition-impossible-date")
    for number in range(1, 31):
        (content / "news" / "en" / f"2021-10-{number:02d}-untitled.md").write_text(
            f"Date: 2021-10-{number:02d} 10:00\nSlug: untitled-{number}\n\nText.\n", encoding="utf-8"
        )
    return folder


@pytest.mark.parametrize("command", ["check", "build"])
def test_errors_of_one_kind_beyond_twenty_are_counted_not_printed(many_alike, command):
    result = sosconf(
        command,
        "--content",
        "content",
        *(["--output", "output"] if command == "build" else []),
        cwd=many_alike,
    )
    assert result.returncode == 1
    lines = _error_lines(result.stderr)
    untitled = [line for line in lines if "`title` is missing" in line]
    assert len(untitled) == 20
    assert untitled[0].startswith("content/news/en/2021-10-01-untitled.md: `title` is missing")
    assert sum("is not a date" in line for line in lines) == 1
    assert "... and 10 more errors like this one (30 in all): `title` is missing\n" in result.stderr
    assert "`make check ALL=1` (or `--all`) shows every line" in result.stderr
    assert "31 errors in the content" in result.stderr


@pytest.mark.parametrize("how", ["flag", "make variable"])
def test_every_line_is_printed_when_asked(many_alike, how):
    env = {"ALL": "1"} if how == "make variable" else {}
    result = sosconf(
        "check", "--content", "content", *(["--all"] if how == "flag" else []), cwd=many_alike, **env
    )
    lines = _error_lines(result.stderr)
    assert len(lines) == 31
    assert sum("`title` is missing" in line for line in lines) == 30
    assert "more errors like" not in result.stderr


@pytest.mark.parametrize("command", ["check", "build"])
def test_missing_content_folder_exits_2_with_one_line(tmp_path, command):
    result = sosconf(command, "--content", "no-such-folder", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "no-such-folder: no such folder; give the content folder with CONTENT=dir (or --content)"
    ]


def test_make_check_exits_as_the_docs_say(tmp_path):
    """make turns the command's status 1 into its own 2; the docs say both."""
    with_mistakes(tmp_path / "content", "edition-impossible-date")
    make = ["make", "--no-print-directory", "-C", str(ROOT), "check", f"CONTENT={tmp_path / 'content'}"]
    # The project's folder is make's, the caches this test's.
    env = {**os.environ, CACHE_DIR_VARIABLE: str(cache_root(tmp_path))}
    failed = subprocess.run(make, capture_output=True, text=True, timeout=300, env=env)
    with_mistakes(tmp_path / "good")
    passed = subprocess.run(
        make[:-1] + [f"CONTENT={tmp_path / 'good'}"], capture_output=True, text=True, timeout=300, env=env
    )
    assert (failed.returncode, passed.returncode) == (2, 0)
    assert "Error 1" in failed.stderr
    docs = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    assert "`make check` exits with status 0" in docs and "status 2" in docs
