"""Shared fixtures: built sites, a local HTTP server, and a real Chromium."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from hosting import serve  # noqa: E402
from sites import build_both, build_real_site, copy_fixture  # noqa: E402

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

SYSTEM_CHROMIUM = "/usr/bin/chromium"
TOOLS = Path(__file__).resolve().parent / "tools" / "node_modules"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update"]


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


def chromium_path() -> str:
    """Debian's Chromium where installed, Playwright's own elsewhere."""
    if Path(SYSTEM_CHROMIUM).exists():
        return SYSTEM_CHROMIUM
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return playwright.chromium.executable_path


@pytest.fixture(scope="session")
def browser():
    """A real Chromium (see chromium_path)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        options = {"args": CHROMIUM_FLAGS}
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


READY = {"zh": "键入以开始搜索", "en": "Type to start searching"}


def search(page, base_url: str, prefix: str, query: str) -> list[str]:
    """Type a query into Material's search; return the result pages, best first."""
    page.goto(f"{base_url}/{prefix}")
    lang = "en" if prefix else "zh"
    meta = page.locator(".md-search-result__meta")
    meta.wait_for(state="attached")
    page.wait_for_function("([text]) => document.querySelector('.md-search-result__meta').textContent.includes(text)",
                           arg=[READY[lang]])
    page.keyboard.press("/")
    field = page.locator(".md-search__input")
    field.press_sequentially(query, delay=15)
    # Material searches on keyup; Chinese characters arrive as text input with
    # no key events (as from an input method), so finish with a key press.
    field.press("End")
    # Results follow every keystroke; read them once they have stopped changing.
    hrefs, previous = [], None
    for _ in range(40):
        page.wait_for_timeout(250)
        hrefs = page.locator(".md-search-result__item a.md-search-result__link").evaluate_all(
            "links => links.map(a => new URL(a.href).pathname)")
        if hrefs and hrefs == previous:
            break
        previous = hrefs
    ordered = []
    for href in hrefs:
        if href not in ordered:
            ordered.append(href)
    return ordered
