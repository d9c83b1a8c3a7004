"""Shared fixtures: built sites, a local HTTP server, and a real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from sites import build_both, build_real_site, copy_fixture  # noqa: E402

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

SYSTEM_CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real site, built once for the whole run, both languages, --strict."""
    return build_real_site(tmp_path_factory.mktemp("real") / "site")


@pytest.fixture
def mini(tmp_path) -> Path:
    """A fresh copy of the tiny fixture site, for tests that change its data."""
    return copy_fixture("mini", tmp_path / "mini")


@pytest.fixture(scope="session")
def mini_built(tmp_path_factory) -> Path:
    """The tiny fixture site, built once, both languages."""
    root = copy_fixture("mini", tmp_path_factory.mktemp("mini-built") / "mini")
    build_both(root)
    return root / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def real_url(real_site):
    server, url = serve(real_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def mini_url(mini_built):
    server, url = serve(mini_built)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """A real Chromium: Debian's where installed, Playwright's own elsewhere."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        options = {"args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-background-networking", "--disable-component-update"]}
        if Path(SYSTEM_CHROMIUM).exists():
            options["executable_path"] = SYSTEM_CHROMIUM
        chromium = playwright.chromium.launch(**options)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def html_of():
    """Read and parse a built page."""
    from bs4 import BeautifulSoup

    def read(site: Path, path: str):
        file = site / path / "index.html" if not path.endswith(".html") else site / path
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    return read

