"""`make serve` on a real port: the site's 404 page, the reload script it adds, a failed rebuild's errors."""

from __future__ import annotations

import ast
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sosconf.build.serve import SCRIPT_PATH, STATE_PATH, Preview
from support import CACHE_DIR_VARIABLE, ROOT, SETTINGS, TODAY, cache_root, read_html

BROKEN_EDITION = "year: 2021\nstatus: nonsense\n"


def fetch(url: str, method: str = "GET") -> tuple[int, dict, str]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def state(origin: str) -> dict:
    return json.loads(fetch(origin + STATE_PATH)[2])


@pytest.fixture
def preview(content_copy, tmp_path, monkeypatch):
    # The caches in this test's folder; the search index is not what these tests look at.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(cache_root(tmp_path)))
    extra = {"SOSCONF_TODAY": TODAY, "SOSCONF_SEARCH": False}
    server = Preview(str(SETTINGS), str(content_copy), str(tmp_path / "output"), extra=extra)
    assert server.rebuild()
    server.start()
    yield server
    server.stop()


def origin_of(preview: Preview) -> str:
    return f"http://127.0.0.1:{preview.port}"


def test_a_missing_page_gets_the_sites_404_page_in_its_language(preview):
    origin = origin_of(preview)
    output = Path(preview.output)
    for address, page in (("/no/such/page/", "404.html"), ("/en/no/such/page/", "en/404.html")):
        status, headers, body = fetch(origin + address)
        assert status == 404
        assert headers["Content-Type"].startswith("text/html")
        built = (output / page).read_text(encoding="utf-8")
        title = built.split("<title>", 1)[1].split("</title>", 1)[0]
        assert f"<title>{title}</title>" in body
        assert SCRIPT_PATH in body
    zh_title = fetch(origin + "/missing")[2].split("<title>")[1]
    en_title = fetch(origin + "/en/missing")[2].split("<title>")[1]
    assert zh_title != en_title
    # A page that exists is still served as it is, with 200.
    assert fetch(origin + "/en/")[0] == 200
    assert fetch(origin + "/no-such-file.css", method="HEAD")[0] == 404


def test_the_reload_script_is_served_and_added_to_pages_but_never_written(preview):
    origin = origin_of(preview)
    output = Path(preview.output)
    for address, file in (("/", "index.html"), ("/en/contact/", "en/contact/index.html")):
        status, headers, body = fetch(origin + address)
        assert status == 200
        assert headers["Cache-Control"] == "no-store"
        assert body.count(SCRIPT_PATH) == 1
        assert body.index(SCRIPT_PATH) < body.rindex("</body>")
        built = (output / file).read_text(encoding="utf-8")
        assert SCRIPT_PATH not in built and "__sosconf__" not in built
    # The published pages' policy allows it unchanged: a script of the page's own origin.
    policy = read_html(output, "").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "script-src 'self'" in policy
    assert not any("__sosconf__" in path.read_text(encoding="utf-8") for path in output.rglob("*.html"))
    status, headers, script = fetch(origin + SCRIPT_PATH)
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert "location.reload()" in script
    # Other files are served as they are.
    css = next(output.glob("theme/**/*.css")).relative_to(output).as_posix()
    status, _, body = fetch(f"{origin}/{css}")
    assert status == 200 and SCRIPT_PATH not in body


def test_a_failed_rebuild_reports_its_errors_and_keeps_the_last_good_pages(preview, content_copy):
    origin = origin_of(preview)
    before = state(origin)
    assert before["ok"] and before["errors"] == []
    good_page = fetch(origin + "/2021/")[2]

    edition = content_copy / "editions" / "2021.yml"
    original = edition.read_text(encoding="utf-8")
    edition.write_text(BROKEN_EDITION, encoding="utf-8")
    assert not preview.rebuild()
    failed = state(origin)
    assert failed["build"] == before["build"] + 1
    assert not failed["ok"]
    assert any("editions/2021.yml" in line for line in failed["errors"])
    assert fetch(origin + "/2021/")[2] == good_page

    edition.write_text(original + "\n# saved again\n", encoding="utf-8")
    assert preview.rebuild()
    fixed = state(origin)
    assert fixed == {"build": failed["build"] + 1, "ok": True, "errors": []}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = check()
        except (OSError, ValueError):
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_make_serve_rebuilds_when_a_file_is_saved(content_copy, tmp_path):
    """The command itself: it watches the content and the state tells the pages about each rebuild."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "sosconf", "serve", "--settings", str(SETTINGS)]
    command += ["--content", str(content_copy), "--output", str(tmp_path / "output"), "--port", str(port)]
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT / "plugins"),
            CACHE_DIR_VARIABLE: str(cache_root(tmp_path)),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        first = wait_for(lambda: state(origin), 120, "the first build")
        assert first["ok"]
        post = next((content_copy / "news" / "en").glob("*.md"))
        post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        second = wait_for(lambda: (s := state(origin))["build"] > first["build"] and s, 120, "a rebuild")
        assert second["ok"]
        edition = content_copy / "editions" / "2021.yml"
        edition.write_text(BROKEN_EDITION, encoding="utf-8")
        third = wait_for(
            lambda: (s := state(origin))["build"] > second["build"] and s, 120, "a failed rebuild"
        )
        assert not third["ok"] and any("2021.yml" in line for line in third["errors"])
        assert fetch(origin + "/en/")[0] == 200
    except AssertionError as failed:
        server.terminate()
        printed = server.communicate(timeout=30)[0]
        raise AssertionError(f"{failed}\n--- what the preview printed ---\n{printed}") from None
    finally:
        if server.poll() is None:
            server.terminate()
    output = server.communicate(timeout=30)[0]
    assert "editions/2021.yml" in output
    assert "The preview keeps the last good build." in output


@pytest.mark.browser
def test_chromium_reloads_after_a_rebuild_and_shows_a_failed_ones_errors(preview, content_copy):
    from browser.tools import launch_chromium, need_chromium
    from playwright.sync_api import sync_playwright

    need_chromium()
    origin = origin_of(preview)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        problems = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(origin + "/en/")
        page.evaluate("window.notReloaded = true")
        post = next((content_copy / "news" / "en").glob("*.md"))
        post.write_text(
            post.read_text(encoding="utf-8") + "\nA line added in the preview.\n", encoding="utf-8"
        )
        with page.expect_event("load", timeout=15000):
            assert preview.rebuild()
        assert page.evaluate("window.notReloaded") is None

        page.evaluate("window.notReloaded = true")
        (content_copy / "editions" / "2021.yml").write_text(BROKEN_EDITION, encoding="utf-8")
        assert not preview.rebuild()
        panel = page.locator("#sosconf-preview-errors")
        panel.wait_for(timeout=15000)
        assert "editions/2021.yml" in panel.inner_text()
        # The page stays (no reload on a failed build) and its policy let the script run.
        assert page.evaluate("window.notReloaded") is True
        browser.close()
    assert problems == []


def test_a_browser_that_leaves_mid_file_gets_no_traceback_in_the_terminal(preview, capsys):
    output = Path(preview.output)
    (output / "large.bin").write_bytes(os.urandom(8 * 1024 * 1024))
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", preview.port), timeout=10) as client:
            client.sendall(b"GET /large.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            client.recv(1024)
            # Close at once with a reset, as a browser does when it leaves the page.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    assert fetch(origin_of(preview) + "/")[0] == 200
    time.sleep(0.5)
    assert "Traceback" not in capsys.readouterr().err
    # Positive control: any other failure of a request is still reported.
    try:
        raise ValueError("a request that failed for another reason")
    except ValueError:
        preview.server.handle_error(None, ("127.0.0.1", 0))
    assert "a request that failed for another reason" in capsys.readouterr().err


def test_the_preview_imports_once_what_each_forked_run_would_import():
    """The preview server's process holds the calendar library and the Markdown
    extensions before its first rebuild forks the language runs."""
    script = (
        "import sys\n"
        "from babel import localedata\n"
        "from sosconf.build.serve import Preview\n"
        "wanted = ('icalendar', 'markdown.extensions.extra', 'markdown.extensions.toc')\n"
        "def held():\n"
        "    return sorted(name for name in wanted if name in sys.modules) + sorted(localedata._cache)\n"
        "print(held())\n"
        f"server = Preview({str(SETTINGS)!r}, {str(ROOT / 'content')!r}, sys.argv[1])\n"
        "print(held())\n"
        "server.stop()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    with tempfile.TemporaryDirectory() as output:
        result = subprocess.run(
            [sys.executable, "-c", script, output], capture_output=True, text=True, env=env, check=True
        )
    before, after = (ast.literal_eval(line) for line in result.stdout.splitlines())
    modules = ["icalendar", "markdown.extensions.extra", "markdown.extensions.toc"]
    # A control: none of it is held by importing the server's module alone.
    assert not set(modules) & set(before) and "zh_Hans_CN" not in before
    assert set(modules) <= set(after)
    # The data of each language's locale (pelicanconf.py: zh_Hans_CN, en_US), and what they fall back to.
    assert {"zh_Hans_CN", "en_US", "root"} <= set(after)
