"""Shared fixtures: the real site built once, its pages read once, tiny fixture
sites, a local HTTP server, and a real Chromium in each process that drives one.

The project under test is this repository, or the copy that ATLAS_PROJECT
names (tests/sites.py). Tests that drive Chromium or the page checkers of
tests/tools are marked `browser` by the fixtures they use; `make test-quick`
runs the others.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import pickle
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "search"))
from sites import PROJECT, BuildFailed, build_both, build_real_site, copy_fixture  # noqa: E402

sys.path.insert(0, str(PROJECT / "hooks"))

import chromium  # noqa: E402
from expected import Data  # noqa: E402
from hosting import serve  # noqa: E402
from browsing import SharedContext  # noqa: E402
from measure import SearchPage  # noqa: E402
from site_facts import read_site  # noqa: E402

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

TOOLS = Path(__file__).resolve().parent / "tools" / "node_modules"
# Fixtures that start Chromium or need the page checkers: a test using one is a browser test.
BROWSER_FIXTURES = {"browser", "checkers"}
# Fixtures that read the project's data or its built site: a test using one depends on data/.
PROJECT_FIXTURES = {"data", "real_site"}


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Chromium or the page checkers of tests/tools "
                                       "(set by the fixtures the test uses)")
    config.addinivalue_line("markers", "copy_run: runs the quick tests again, on a copy of the project")
    config.addinivalue_line("markers", "project_data: reads the project's data or its built site "
                                       "(set by the fixtures the test uses)")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_FIXTURES & set(item.fixturenames):
            item.add_marker("browser")
        if PROJECT_FIXTURES & set(item.fixturenames):
            item.add_marker("project_data")
        if "searcher" in item.fixturenames:
            # With pytest-xdist (`make test` runs two workers, --dist loadgroup): the tests that
            # type into the run's search tabs share a worker, which loads each index once.
            item.add_marker(pytest.mark.xdist_group("search"))
    # Longest first, so that no worker is left with a long test at the end: the run of the
    # suite on a copy, then the browser's tests (each worker starts its own Chromium), then
    # the rest. (xdist hands out the search group first, as its largest.)
    items.sort(key=lambda item: ("copy_run" not in item.keywords, "browser" not in item.keywords))


@pytest.fixture(scope="session")
def data() -> Data:
    """The project's data files, as plain PyYAML reads them (tests/expected.py)."""
    return Data(PROJECT)


@pytest.fixture(scope="session")
def shared(tmp_path_factory, worker_id) -> Path:
    """A folder every process of the run sees: with pytest-xdist, the workers' common parent."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@contextlib.contextmanager
def once(shared: Path, name: str):
    """Held by one process of the run at a time: the first to take it makes `name`, the others find it."""
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield shared / name
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def real_site(shared) -> Path:
    """The real site, built once for the whole run (by whichever worker needs it first), both
    languages, --strict. A failed build is kept as its message, so every worker fails with it."""
    with once(shared, "real") as folder:
        site, failed = folder / "site", folder / "failed.txt"
        if not folder.exists():
            folder.mkdir()
            try:
                build_real_site(site)
            except BuildFailed as error:
                failed.write_text(str(error), encoding="utf-8")
        if failed.exists():
            raise BuildFailed(failed.read_text(encoding="utf-8"))
        return site


@pytest.fixture(scope="session")
def site_pages(shared, real_site) -> dict:
    """Every page of the real site, read once for the whole run: {url: site_facts.Page}."""
    with once(shared, "pages.pickle") as saved:
        if saved.exists():
            return pickle.loads(saved.read_bytes())
        pages = read_site(real_site)
        saved.write_bytes(pickle.dumps(pages))
        return pages


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


@pytest.fixture(scope="session")
def checkers() -> Path:
    """The pinned page checkers of tests/tools (axe-core, the Nu HTML Checker; Lighthouse is for `make audit`)."""
    assert TOOLS.is_dir(), "the page checkers are not installed: run `make tools`"
    return TOOLS


@pytest.fixture(scope="session")
def browser():
    """This process's one Chromium (tests/chromium.py), shared by its browser tests.
    With two workers, each starts its own when it first needs one: two in all."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        running = chromium.launch(playwright)
        yield running
        running.close()


@pytest.fixture(scope="session")
def shared_contexts(browser):
    """{options: context}: this process's contexts, one per set of options, whose tabs the
    tests open in turn (`SharedContext` in tests/browsing.py)."""
    contexts = {}
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture
def new_page(browser, shared_contexts):
    """Open a tab in this process's context for these options (`SharedContext`); after the
    test its tabs are closed and what they stored is cleared."""
    used = []

    def open_page(search: bool = False, **options):
        key = repr((search, sorted(options.items())))
        if key not in shared_contexts:
            shared_contexts[key] = SharedContext(browser, search, options)
        used.append(shared_contexts[key])
        return used[-1].new_page()

    yield open_page
    for context in set(used):
        context.forget()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def searcher(browser):
    """One tab that types every search of the run (tests/search/measure.py)."""
    tab = SearchPage(browser)
    yield tab
    tab.close()


@functools.lru_cache(maxsize=512)
def _parsed(file: Path, stamp: tuple, article: bool):
    """A built page parsed once for every test that reads it. `stamp` (the file's change
    time, size and inode) is part of the key, so a page rebuilt in place is parsed afresh. Tests
    read what they are given and never change it."""
    from bs4 import BeautifulSoup

    text = file.read_text(encoding="utf-8")
    if article:
        text = text[text.index("<article"):text.rindex("</article>") + len("</article>")]
    return BeautifulSoup(text, "html.parser")


def _parse(file: Path, article: bool = False):
    status = file.stat()
    return _parsed(file, (status.st_mtime_ns, status.st_size, status.st_ino), article)


@pytest.fixture
def html_of():
    """Read and parse a built page."""
    def read(site: Path, path: str):
        return _parse(site / path / "index.html" if not path.endswith(".html") else site / path)

    return read


@pytest.fixture
def article_of():
    """Read and parse only the article of a built page: what a check of a page's content needs,
    at a fifth of the cost on pages whose navigation outweighs their content."""
    def read(site: Path, path: str):
        return _parse(site / path / "index.html", article=True)

    return read
