"""A static server for a built site: local, on a free port, in a thread."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


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


@contextmanager
def serve(folder: Path):
    """Serve `folder` (it may not exist yet) at http://127.0.0.1:<free port>; yield the origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_SiteHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
