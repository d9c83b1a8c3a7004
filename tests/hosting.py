"""Serve a built site on 127.0.0.1 the way GitHub Pages serves it.

Text responses are gzip-compressed when the browser asks for it, and a missing
address gets the site's 404.html with status 404. Lighthouse's performance
score depends on the first: the Chinese search index is 1 MB raw and a fifth
of that compressed.

One answer differs, and only when asked for: a request with the header of
SETTINGS_ONLY gets the search index with its settings and no documents. The
browser tests that search nothing send it (tests/browsing.py), so that no page
of theirs builds the whole index.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import threading
from pathlib import Path

SETTINGS_ONLY = {"X-Search-Index": "settings only"}
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".yml", ".map"}


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    cache: dict = {}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file():
            if path.is_dir():  # /models -> /models/, as GitHub Pages redirects
                return super().send_head()
            return self._send(Path(self.directory) / "404.html", 404)
        return self._send(path, 200)

    def _send(self, path: Path, status: int):
        if not path.is_file():
            self.send_error(404)
            return None
        settings_only = path.name == "search_index.json" and all(
            self.headers.get(name) == value for name, value in SETTINGS_ONLY.items())
        zipped = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        # A compressed answer is made once per file version; the index is read and cut only then.
        key = (str(path), path.stat().st_mtime_ns, settings_only)
        if zipped and key in self.cache:
            body = self.cache[key]
        else:
            body = path.read_bytes()
            if settings_only:
                body = json.dumps({"config": json.loads(body)["config"], "docs": []}).encode()
            if zipped:
                body = self.cache[key] = gzip.compress(body, 6)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head returns: SimpleHTTPRequestHandler copies it to the socket."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(folder: Path, port: int = 0):
    """Serve folder in a background thread; return the server and its base URL."""
    handler = functools.partial(PagesHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
