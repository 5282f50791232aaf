"""`python -m sosconf check|build` as an organizer runs them: one line per
mistake, no traceback, exit status 1; the content folder as they typed it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT, SETTINGS
from test_errors_corpus import expected, with_mistakes

CASES = ("edition-impossible-date", "post-slug-used-twice", "post-not-utf8")


def sosconf(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
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
