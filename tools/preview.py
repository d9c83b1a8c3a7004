"""Preview both languages while you edit: `make serve`.

usage: python tools/preview.py [--host 127.0.0.1] [--port 8000] [--project FOLDER]

Each language is built by its own worker process, at the same time as the
others, into one temporary site (Chinese at /, English at /en/). When a file in
data/, templates/, docs/ or overrides/ (or a config) is saved, every worker
rebuilds, only the pages whose content changed (incremental.py), and each page
in the browser reloads as soon as its own language is done: neither language
waits for the other. A build that fails prints its problems and leaves the
last good pages in place. Changes to hooks/ need a restart.
"""

from __future__ import annotations

import argparse
import http.server
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).resolve().parent
WATCHED = ["data", "templates", "docs", "overrides", "schemas"]
# Editors save through temporary files; only the real file's event matters.
IGNORED_SUFFIXES = (".swp", ".swx", "~", ".tmp")
# One save raises several file events within a few milliseconds; they make one rebuild.
SETTLE_SECONDS = 0.05


def worker(lang: str, config_file: str, site_dir: str, site_url: str, inbox, outbox) -> None:
    """One language's builds, in its own process; plugins and hooks keep their state between builds."""
    import logging

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(format=f"{lang}: %(levelname)s %(message)s", level=logging.WARNING)
    # Every rebuild after the first is dirty on purpose; MkDocs warns about each.
    logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())
    first = True
    while inbox.get() == "build":
        started = time.perf_counter()
        try:
            # Not strict: a dirty build warns about itself, which strict mode would treat as an error.
            config = load_config(config_file, site_dir=site_dir, site_url=site_url, strict=False)
            if first:
                config.plugins.on_startup(command="serve", dirty=True)
            # Always dirty: a clean build empties its site folder, and the
            # Chinese one holds the others (en/). The folder starts empty, and
            # incremental.py renders every page the first time.
            build(config, dirty=True)
            first = False
            outbox.put((lang, None, time.perf_counter() - started))
        except BaseException as error:  # noqa: BLE001 - a failed build must not end the preview
            outbox.put((lang, str(error) or type(error).__name__, time.perf_counter() - started))


class Preview:
    def __init__(self, project: Path, host: str, port: int):
        from mkdocs.config import load_config

        self.project = project
        self.site = Path(tempfile.mkdtemp(prefix="preview-"))
        self.address = f"http://{host}:{port}/"
        languages = load_config(str(project / "mkdocs.yml")).extra["languages"]
        self.prefixes = {language["lang"]: language["prefix"] for language in languages}
        self.epochs = {lang: 0 for lang in self.prefixes}
        self.changed = threading.Condition()
        self.busy, self.pending = set(), set()
        self.timer = None
        context = multiprocessing.get_context("spawn")
        self.results = context.Queue()
        self.inboxes, self.workers = {}, []
        for language in languages:
            inbox = context.Queue()
            process = context.Process(target=worker, daemon=True, args=(
                language["lang"], str(project / language["config"]), str(self.site / language["prefix"]),
                self.address + language["prefix"], inbox, self.results))
            process.start()
            self.inboxes[language["lang"]] = inbox
            self.workers.append(process)
        self.reload_tag = (HERE / "preview.html").read_text(encoding="utf-8").strip()
        self.reload_script = (HERE / "preview.js").read_bytes()

    def saved(self) -> None:
        with self.changed:
            if self.timer is None:
                self.timer = threading.Timer(SETTLE_SECONDS, self.rebuild)
                self.timer.start()

    def rebuild(self) -> None:
        with self.changed:
            self.timer = None
            for lang, inbox in self.inboxes.items():
                if lang in self.busy:
                    self.pending.add(lang)
                else:
                    self.busy.add(lang)
                    inbox.put("build")

    def collect(self) -> None:
        """Count each finished build; a language that changed again while building goes again."""
        while True:
            lang, error, seconds = self.results.get()
            with self.changed:
                self.busy.discard(lang)
                if error:
                    print(f"{lang}: the build failed after {seconds:.2f} s; the preview keeps the last good pages.\n"
                          f"{error}", file=sys.stderr, flush=True)
                else:
                    self.epochs[lang] += 1
                    print(f"{lang}: built in {seconds:.2f} s", flush=True)
                if lang in self.pending:
                    self.pending.discard(lang)
                    self.busy.add(lang)
                    self.inboxes[lang].put("build")
                self.changed.notify_all()

    def wait_for(self, lang: str, since: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.epochs[lang] > since, timeout=timeout)
            return self.epochs[lang]

    def language_of(self, path: str) -> str:
        """The language whose prefix is the longest start of path."""
        return max((lang for lang, prefix in self.prefixes.items() if path.lstrip("/").startswith(prefix)),
                   key=lambda lang: len(self.prefixes[lang]))

    def watch(self):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        preview = self

        class Changes(FileSystemEventHandler):
            def on_any_event(self, event):
                if not event.is_directory and not str(event.src_path).endswith(IGNORED_SUFFIXES) \
                        and event.event_type in ("created", "modified", "moved", "deleted"):
                    preview.saved()

        observer = Observer()
        for name in WATCHED:
            if (self.project / name).is_dir():
                observer.schedule(Changes(), str(self.project / name), recursive=True)
        observer.schedule(Changes(), str(self.project), recursive=False)  # mkdocs*.yml
        observer.start()
        return observer


def handler_for(preview: Preview):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(preview.site), **kwargs)

        def log_message(self, *args):
            pass

        def do_GET(self):
            address = urlsplit(self.path)
            if address.path == "/__preview/reload.js":
                return self.reply(200, "text/javascript", preview.reload_script)
            if address.path == "/__preview/wait":
                query = parse_qs(address.query)
                epoch = preview.wait_for(query["lang"][0], int(query["since"][0]), timeout=50)
                return self.reply(200, "text/plain", str(epoch).encode())
            path = Path(self.translate_path(address.path))
            if path.is_dir() and address.path.endswith("/"):
                path = path / "index.html"
            if path.suffix != ".html" or not path.is_file():
                if path.is_file() or path.is_dir():
                    return super().do_GET()
                path, status = preview.site / "404.html", 404
            else:
                status = 200
            lang = preview.language_of(address.path)
            tag = preview.reload_tag.format(lang=lang, epoch=preview.epochs[lang])
            page = path.read_bytes().replace(b"</body>", tag.encode() + b"</body>", 1)
            return self.reply(status, "text/html; charset=utf-8", page)

        def reply(self, status: int, kind: str, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser left the page while it waited for a rebuild

    return Handler


def stop(*_):
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Preview both languages, rebuilding as you edit.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--project", type=Path, default=HERE.parent)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, stop)
    preview = Preview(args.project.resolve(), args.host, args.port)
    server = http.server.ThreadingHTTPServer((args.host, args.port), handler_for(preview))
    server.daemon_threads = True
    threading.Thread(target=preview.collect, daemon=True).start()
    preview.rebuild()
    with preview.changed:
        preview.changed.wait_for(lambda: not preview.busy)
    observer = preview.watch()
    print(f"Serving on {preview.address} (中文) and {preview.address}en/ (English); Ctrl+C stops.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        for process in preview.workers:
            process.terminate()
        shutil.rmtree(preview.site, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
