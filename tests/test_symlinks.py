"""A symbolic link under content/ that leads outside it (or a named pipe) is an error naming the
link, and nothing outside the content folder reaches the output."""

from __future__ import annotations

import os

import pytest
from support import build, check, with_mistakes

SECRET = "not-for-publishing-4f1c"


def _published_bytes(output) -> bytes:
    return b"".join(path.read_bytes() for path in output.rglob("*") if path.is_file())


@pytest.fixture
def outside(tmp_path):
    """A folder beside the content folder, with a file that must never be published."""
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "notes.svg").write_text(f"<svg><!-- {SECRET} --></svg>", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "link, kind",
    [("assets/images/notes.svg", "file"), ("assets/private", "folder")],
    ids=["file", "folder"],
)
def test_link_leading_outside_is_named_and_nothing_is_published(tmp_path, outside, link, kind):
    content = with_mistakes(tmp_path / "content")
    target = outside / "notes.svg" if kind == "file" else outside
    (content / link).symlink_to(target)
    wanted = [
        f"{link}: is a link to a {kind} outside the content folder; "
        "put the file itself in the content folder instead of a link to it"
    ]
    assert [str(error) for error in check(content)] == wanted
    failed = build(content, tmp_path / "output", errors_expected=True)
    assert [str(error) for error in failed.errors] == wanted
    assert not (tmp_path / "output").exists()
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".output.")]


def test_previous_output_keeps_no_outside_file(tmp_path, outside):
    content = with_mistakes(tmp_path / "content")
    output = build(content, tmp_path / "output").output
    (content / "assets" / "images" / "notes.svg").symlink_to(outside / "notes.svg")
    build(content, output, errors_expected=True)
    assert (output / "index.html").is_file()
    assert SECRET.encode() not in _published_bytes(output)


def test_link_inside_the_content_folder_is_published(tmp_path):
    content = with_mistakes(tmp_path / "content")
    (content / "assets" / "images" / "icon.svg").symlink_to("favicon.svg")
    output = build(content, tmp_path / "output").output
    assert (output / "assets/images/icon.svg").read_bytes() == (
        content / "assets/images/favicon.svg"
    ).read_bytes()


@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda content: (content / "assets" / "again").symlink_to(content),
            "is a link to a folder that holds it",
        ),
        (
            lambda content: (content / "assets" / "loop").symlink_to(content / "assets" / "loop"),
            "leads to itself",
        ),
        (
            lambda content: (content / "assets" / "gone.svg").symlink_to(content / "nowhere.svg"),
            "leads nowhere",
        ),
    ],
    ids=["into-its-parent", "to-itself", "dangling"],
)
def test_links_that_never_end_or_lead_nowhere_are_named(tmp_path, make, message):
    content = with_mistakes(tmp_path / "content")
    make(content)
    errors = check(content)
    assert len(errors) == 1 and errors[0].path.startswith("assets/") and message in errors[0].message
    failed = build(content, tmp_path / "output", errors_expected=True)
    assert failed.errors == errors


def test_named_pipe_is_refused_instead_of_blocking_the_build(tmp_path):
    content = with_mistakes(tmp_path / "content")
    os.mkfifo(content / "news" / "en" / "2021-09-09-pipe.md")
    errors = check(content)
    assert [str(error) for error in errors] == [
        "news/en/2021-09-09-pipe.md: is neither a file nor a folder (a pipe or a device), "
        "which the build cannot read; remove it"
    ]


def test_build_with_a_named_pipe_ends_with_its_error(tmp_path):
    content = with_mistakes(tmp_path / "content")
    os.mkfifo(content / "news" / "en" / "2021-09-09-pipe.md")
    failed = build(content, tmp_path / "output", errors_expected=True)
    assert [error.path for error in failed.errors] == ["news/en/2021-09-09-pipe.md"]
