"""`make serve`: preview on 127.0.0.1, rebuilding whenever content, theme or settings change.

The preview server adds one script of its own (preview_reload.js) to every
HTML page it sends: it reloads the page after each successful rebuild and
shows a failed rebuild's errors over it.  The script lives only here, under
PREVIEW_PREFIX; the built pages never contain it, so what is published, and
its Content-Security-Policy, is the same as without the preview (the policy
allows scripts from the page's own origin, which this one is).

A missing address is answered like the hosts do: with the site's 404 page,
in the language its address is in, and status 404.
"""

from __future__ import annotations

import functools
import http.server
import itertools
import json
import re
import sys
import threading
import traceback
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sosconf.build.runs import build_site, preload_run_modules
from sosconf.errors import ContentErrors

PREVIEW_PREFIX = "/__sosconf__/"
SCRIPT_PATH = PREVIEW_PREFIX + "reload.js"
STATE_PATH = PREVIEW_PREFIX + "state"
SCRIPT = (Path(__file__).with_name("preview_reload.js")).read_bytes()
SCRIPT_TAG = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
# How often the server looks whether it is asked to stop, in seconds (`Preview.stop` waits for it).
STOP_CHECK = 0.1
# Shown when the site has no 404 page yet (the first build failed).
_BARE_NOT_FOUND = b"<!doctype html><title>Not found</title><body><p>Nothing is built at this address.</p>"


@dataclass
class BuildState:
    """How the last rebuild went: its number, and its errors (none: it succeeded)."""

    build: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, errors: list[str]) -> None:
        with self.lock:
            self.build += 1
            self.errors = list(errors)

    def as_json(self) -> bytes:
        with self.lock:
            state = {"build": self.build, "ok": not self.errors, "errors": self.errors}
        return json.dumps(state, ensure_ascii=False).encode()


def with_reload_script(page: bytes) -> bytes:
    """The page with the preview's script before its last </body> (or at its end)."""
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + SCRIPT_TAG
    at = ends[-1].start()
    return page[:at] + SCRIPT_TAG + page[at:]


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder, the preview's script and state, and the site's 404 page."""

    state: BuildState
    language_prefixes: list[str]  # "en/", "": longest first, so the root language comes last

    def log_message(self, format, *args):
        # Each open page asks for the state about once a second; that is not worth a line.
        if not self.path.startswith(PREVIEW_PREFIX):
            super().log_message(format, *args)

    def do_GET(self):
        self._answer(with_body=True)

    def do_HEAD(self):
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        if path == SCRIPT_PATH:
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", SCRIPT, with_body)
        elif path == STATE_PATH:
            self._send(HTTPStatus.OK, "application/json", self.state.as_json(), with_body)
        elif (page := self._html_file(path)) is not None:
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", with_reload_script(page), with_body)
        elif with_body:
            super().do_GET()
        else:
            super().do_HEAD()

    def _html_file(self, path: str) -> bytes | None:
        """The HTML page at `path` when there is one; everything else the base class serves."""
        file = Path(self.translate_path(path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        if file.suffix != ".html":
            return None
        try:
            return file.read_bytes()
        except OSError:  # missing, or replaced by a rebuild this very moment: the base class answers
            return None

    def send_error(self, code, message=None, explain=None):
        if code != HTTPStatus.NOT_FOUND:
            super().send_error(code, message, explain)
            return
        page = self._not_found_page()
        body = page.read_bytes() if page else _BARE_NOT_FOUND
        self._send(code, "text/html; charset=utf-8", with_reload_script(body), self.command != "HEAD")

    def _not_found_page(self) -> Path | None:
        path = unquote(urlsplit(self.path).path).lstrip("/")
        for prefix in self.language_prefixes:
            if path.startswith(prefix):
                page = Path(self.directory) / prefix / "404.html"
                return page if page.is_file() else None
        return None

    def _send(self, code, content_type: str, body: bytes, with_body: bool) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        # Always ask again: after a rebuild the same address has new content.
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """A server that says nothing when a browser leaves before a file is sent (a reload, a new page)."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class Preview:
    """The preview server and its rebuilds, without the file watching (see `serve`)."""

    def __init__(self, settings: str, content: str, output: str, port: int = 0, extra: dict | None = None):
        from pelican.settings import read_settings

        self.settings, self.content, self.output, self.extra = settings, content, output, extra
        self.state = BuildState()
        base = read_settings(settings, override=extra or {})
        languages = base["SOSCONF_LANGUAGES"]
        preload_run_modules(base)  # every rebuild forks its runs from this process
        handler = type(
            "BoundPreviewHandler",
            (PreviewHandler,),
            {
                "state": self.state,
                "language_prefixes": sorted((v["prefix"] for v in languages.values()), key=len, reverse=True),
            },
        )
        Path(output).mkdir(parents=True, exist_ok=True)
        self.server = QuietServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(Path(output).resolve()))
        )
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": STOP_CHECK},
            name="preview",
            daemon=True,
        )

    def start(self) -> Preview:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():  # stopped before it started: nothing serves to shut down
            self.server.shutdown()
            self._thread.join()
        self.server.server_close()

    def rebuild(self) -> bool:
        """Build once and tell the open pages; return whether the build succeeded."""
        try:
            if not build_site(self.settings, self.content, self.output, extra=self.extra):
                return True  # Nothing the build reads changed: the pages are still current.
        except ContentErrors as exc:
            errors = [error.located(self.content) for error in exc.errors]
        except Exception:
            # A broken template or plugin: show it too, and keep previewing.
            errors = traceback.format_exc().rstrip().splitlines()[-12:]
        else:
            self.state.record([])
            print(f"Rebuilt {self.output}/", flush=True)
            return True
        for line in errors:
            print(line, flush=True)
        print("The preview keeps the last good build.", flush=True)
        self.state.record(errors)
        return False


def serve(settings: str, content: str, output: str, port: int) -> None:
    from pelican.settings import read_settings
    from watchfiles import watch

    preview = Preview(settings, content, output, port)
    theme = read_settings(settings)["THEME"]
    watched = [content, theme, str(Path(__file__).parent.parent), settings]
    # Watching starts before the first build and before the server answers: a file
    # saved as soon as the preview is up is seen.  The watcher answers (with nothing,
    # after its timeout) once it is running.
    changes = watch(
        *watched,
        watch_filter=lambda change, path: "__pycache__" not in path,
        rust_timeout=500,
        yield_on_timeout=True,
    )
    try:
        first = next(changes)
        preview.rebuild()
        preview.start()
        print(f"Serving {output}/ at http://127.0.0.1:{preview.port}/ (Ctrl-C stops)", flush=True)
        for changed in itertools.chain([first], changes):
            if changed:
                preview.rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
