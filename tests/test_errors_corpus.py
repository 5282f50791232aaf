"""The corpus of organizers' mistakes in tests/bad_content/.

`minimal/` is a small valid content folder.  Each folder in `cases/` holds a
`content/` to lay over a copy of it, with one mistake (or one pair of files
that clash), and `expected.txt`: every error the site must report, one per
line, exactly as the organizer reads it (file, line, what is wrong, fix).
The cases touch distinct files, so all of them together make one content
folder in which a single run must report every error of every case.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from support import CORPUS, MINIMAL, build, checked, expected, with_mistakes

CASES = sorted(path.name for path in (CORPUS / "cases").iterdir() if path.is_dir())


def test_minimal_content_has_no_mistake():
    assert checked(MINIMAL) == []


def test_corpus_has_a_case_for_each_kind_of_mistake():
    assert len(CASES) >= 30
    for case in CASES:
        assert expected(case), f"{case}/expected.txt is empty"


@pytest.mark.parametrize("case", CASES)
def test_mistake_is_reported_with_its_file_line_and_fix(case, tmp_path):
    assert checked(with_mistakes(tmp_path / "content", case)) == expected(case)


def test_http_links_pass_where_the_settings_allow_them(tmp_path):
    content = with_mistakes(tmp_path / "content", "channel-http-link")
    assert checked(content, SOSCONF_ALLOW_HTTP=True) == []


@pytest.fixture(scope="module")
def every_mistake(tmp_path_factory) -> Path:
    return with_mistakes(tmp_path_factory.mktemp("corpus") / "content", *CASES)


def test_one_build_reports_every_mistake_of_every_file(every_mistake, tmp_path):
    failed = build(every_mistake, tmp_path / "output", errors_expected=True)
    reported = failed.messages
    assert Counter(reported) == Counter(line for case in CASES for line in expected(case))
    assert not (tmp_path / "output").exists()


def test_check_finds_what_the_build_finds(every_mistake):
    assert Counter(checked(every_mistake)) == Counter(line for case in CASES for line in expected(case))
