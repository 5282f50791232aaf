"""`make serve`: preview on 127.0.0.1, rebuilding whenever content, theme or settings change."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

from .build import build_site
from .errors import ContentErrors


def _rebuild(settings: str, content: str, output: str) -> None:
    try:
        build_site(settings, content, output)
        print(f"Rebuilt {output}/")
    except ContentErrors as exc:
        for error in exc.errors:
            print(error)
        print("The preview keeps the last good build.")


def serve(settings: str, content: str, output: str, port: int) -> None:
    from watchfiles import watch

    _rebuild(settings, content, output)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(Path(output).resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving {output}/ at http://127.0.0.1:{port}/ (Ctrl-C stops)")
    watched = [content, "themes", "plugins", settings]
    try:
        for _changes in watch(*watched, watch_filter=lambda change, path: "__pycache__" not in path):
            _rebuild(settings, content, output)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
