"""A static server for a built site: local, on a free port, in a thread."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sosconf.build.serve import QuietServer
from sosconf.publish.compress import compressible, write_compressed_copies


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves files like a static host does, a missing one with the nearest 404.html."""

    def log_message(self, format, *args):
        pass

    def _not_found_page(self) -> Path | None:
        root = Path(self.directory)
        folder = Path(unquote(urlsplit(self.path).path).lstrip("/")).parent
        for candidate in (folder, *folder.parents):
            page = root / candidate / "404.html"
            if page.is_file():
                return page
        return None

    def send_error(self, code, message=None, explain=None):
        page = self._not_found_page() if code == HTTPStatus.NOT_FOUND else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _PrecompressedSiteHandler(_SiteHandler):
    """Sends a file's `.br` or `.gz` copy when the browser accepts it, as a
    production server does (nginx's brotli_static and gzip_static), so that
    what a page transfers can be weighed as published.

    A copy the build did not write (one built without SOSCONF_PRECOMPRESS) is
    written the first time its file is asked for, by the build's own function:
    the browser gets the bytes a production build gives it, and a large site
    need not compress the thousands of files no check asks for.
    """

    ENCODINGS = (("br", ".br"), ("gzip", ".gz"))

    def _compress_once(self, path: Path) -> None:
        # One lock per file: a service worker asks for many at once, and each
        # is compressed while the others are.
        with self.server.compressing:
            lock = self.server.compressed.setdefault(path, threading.Lock())
        with lock:
            if compressible(path) and not any(
                path.with_name(path.name + suffix).is_file() for _, suffix in self.ENCODINGS
            ):
                write_compressed_copies(path)

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        self._compress_once(path)
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        for encoding, suffix in self.ENCODINGS:
            copy = path.with_name(path.name + suffix)
            if encoding in accepted and path.is_file() and copy.is_file():
                body = copy.read_bytes()
                self.send_response(HTTPStatus.OK)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()


class _SharedPortServer(QuietServer):
    """One of several servers, in as many test processes, listening on one port
    (SO_REUSEPORT): each takes its share of the connections."""

    allow_reuse_port = True


# How often the server's loop looks whether it is asked to stop: closing a
# server waits for it.
POLL_INTERVAL = 0.05


@contextmanager
def serve(folder: Path, precompressed: bool = False, *, shared: bool = False, port: int = 0):
    """Serve `folder` (it may not exist yet) at http://127.0.0.1:<port>; yield the origin.

    With `precompressed`, the compressed copies are sent where the browser accepts them.
    The port is a free one unless given.  With `shared`, other processes may
    listen on the same port (they too with `shared`), to serve the same folder.
    """
    handler = _PrecompressedSiteHandler if precompressed else _SiteHandler
    server_class = _SharedPortServer if shared else QuietServer
    server = server_class(("127.0.0.1", port), partial(handler, directory=str(folder)))
    # A lock for each file asked for, held while its compressed copies are made.
    server.compressing, server.compressed = threading.Lock(), {}
    thread = threading.Thread(
        target=server.serve_forever, args=(POLL_INTERVAL,), name="site-server", daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
