"""The real site in a browser: accessibility (axe-core), valid HTML (the Nu HTML
Checker), and on a phone no failed request, console message, DevTools issue or
sideways scroll, on one page of every kind (tests/page_kinds.py) in both languages.

The site is served on 127.0.0.1 as GitHub Pages serves it: gzip-compressed,
with 404.html for a missing address (tests/hosting.py). Every verdict here is
deterministic: nothing depends on how fast the host is. Lighthouse reports
its scores in `make audit` (tests/audit.py) and gates nothing: what its
best-practices and SEO categories read from the markup is checked on every page
(tests/test_site.py), page weight by budgets on every page (tests/test_weight.py),
and accessibility by axe-core, the engine of Lighthouse's accessibility category.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browsing import ASKS, BEST_PRACTICES, PHONE, PAST_THE_EDGE, WIDTHS, axe_problems, open_context
from measure import SearchPage
from page_kinds import KINDS, examples

LANGUAGES = {"zh": "", "en": "en/"}
SCHEMES = {"light": "default", "dark": "slate"}
KIND_NAMES = [kind.name for kind in KINDS]


def address(url: str, lang: str, path: str) -> str:
    return f"{url}/{LANGUAGES[lang]}{path}"


def settle(page) -> None:
    """Wait until the page has loaded everything it asks for: the theme's search
    index is the last thing a page fetches, and the compare view draws itself from data."""
    page.wait_for_function("window.__zooSearch.ready")
    if page.locator(".zoo-compare").count():
        page.wait_for_selector(".zoo-compare table, .zoo-compare__problem")


@pytest.fixture(scope="module")
def axe_tab(browser):
    """One tab for every page axe reads, in this process: a tab of its own per page starts a
    renderer each time, about a second of CPU. The pages are only loaded, never changed.
    Without the search index's documents (`open_context` in tests/browsing.py).

    Each page loads as a first visit's would: the theme keeps the colour scheme it drew in
    localStorage, and would draw every later page in it whatever the system asks for."""
    context = open_context(browser)
    context.add_init_script("localStorage.clear()")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", KIND_NAMES)
def test_every_kind_of_page_passes_axe(axe_tab, checkers, real_url, data, kind, lang, scheme):
    page = axe_tab
    page.emulate_media(color_scheme=scheme)
    page.goto(address(real_url, lang, examples(data)[kind]))
    settle(page)
    # The page is drawn in the scheme the reader's system asks for (the theme's names for them).
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    # In the dark scheme only the rules that read colours can find anything new.
    assert axe_problems(page, checkers, colours_only=scheme == "dark") == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang, query", [("zh", "目标检测"), ("en", "resnet")])
def test_the_search_dialog_with_results_passes_axe(browser, checkers, real_url, lang, query, scheme):
    tab = SearchPage(browser, color_scheme=scheme)
    try:
        assert tab.pages(address(real_url, lang, ""), query)
        assert axe_problems(tab.page, checkers) == []
    finally:
        tab.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", KIND_NAMES)
def test_on_a_phone_no_request_fails_nothing_is_logged_and_nothing_is_past_the_edge(
        new_page, real_url, site_pages, data, kind, lang):
    """Also: every request the page makes (its search worker's too) is one the page-weight
    budgets count (tests/site_facts.py), and the page passes what Lighthouse's best-practices
    category checks in a browser: no DevTools issue (deprecations, cookies, forms...) and
    `BEST_PRACTICES` (tests/browsing.py). The phone's HTTP cache is off, so that each request is made."""
    page = new_page(**PHONE)
    problems, requested = [], []
    devtools = page.context.new_cdp_session(page)
    devtools.on("Audits.issueAdded", lambda event: problems.append(f"DevTools issue: {event['issue']}"))
    devtools.send("Audits.enable")
    devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
    page.add_init_script(ASKS)
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and problems.append(
        f"{response.status} for {response.url}"))
    page.on("request", lambda request: requested.append(request.url))
    path = examples(data)[kind]
    response = page.goto(address(real_url, lang, path))
    settle(page)
    if kind == "404":
        # Any missing address gets the site's one 404 page, as on GitHub Pages.
        assert response.status == 404
        problems = [p for p in problems if p not in (f"404 for {response.url}", "console error: Failed to load "
                                                     "resource: the server responded with a status of 404 (Not Found)")]
        # Under /en/ that page fetches the English 404 and writes it in its place (overrides/404.html).
        counted = [site_pages["/404.html"]] + ([site_pages[f"/{LANGUAGES[lang]}404.html"]] if LANGUAGES[lang] else [])
    else:
        counted = [site_pages["/" + LANGUAGES[lang] + path.split("?")[0]]]
    width = PHONE["viewport"]["width"]
    page_width, layout_width, visual_width = page.evaluate(WIDTHS)
    assert visual_width == width, f"the phone zoomed out to {visual_width} px"
    if max(page_width, layout_width) > width:
        problems.append(f"wider than a {width} px screen: {max(page_width, layout_width)} px")
    problems += [f"past the edge of a {width} px screen: {element}" for element in page.evaluate(PAST_THE_EDGE)]
    problems += page.evaluate(BEST_PRACTICES)
    known = {resource.url for page in counted for resource in page.resources}
    for url in requested[1:]:  # the first is the page itself
        if not url.startswith(real_url + "/"):
            problems.append(f"fetched from elsewhere: {url}")
        elif urlsplit(url).path not in known:
            problems.append(f"requested {urlsplit(url).path}, which the page-weight budgets do not count")
    assert requested and not problems, "\n".join(problems)


def test_wide_tables_scroll_in_their_own_box_with_the_first_column_in_view(new_page, real_url, data):
    """The table with the most columns, on a phone: its box scrolls, its first column stays."""
    section, benchmark = max(data.tables, key=lambda table: (len(table[1]["metrics"]), table[1]["id"]))
    page = new_page(**PHONE)
    page.goto(f"{real_url}/en/models/{section['id']}/")
    box = page.locator(f"#benchmark-{benchmark['id']} ~ .zoo-table-wrap").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the widest table fits a phone: nothing to scroll"
    first = box.locator("tbody tr td:first-child").first
    before = first.bounding_box()
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    after = first.bounding_box()
    assert after["x"] == before["x"], "the first column scrolled out of view"
    broken = box.evaluate("""b => [...b.querySelectorAll('tbody td:first-child a')]
        .filter(a => !/[\\s-]/.test(a.textContent.trim()) && a.getClientRects().length > 1)
        .map(a => a.textContent)""")
    assert not broken, f"names broken inside a word: {broken}"


# The one message allowed: autocomplete="off" on the theme's two checkbox
# toggles, __drawer and __search (the search dialog's open state), written by
# Material's base.html outside any block a theme override can replace. The
# attribute keeps Firefox from restoring the drawer or the search dialog open
# when the reader goes back; the checker allows autocomplete only on text-like
# inputs. Every other message fails the test.
ALLOWED = ("Attribute “autocomplete” is only allowed when the input type is",
           re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__\1" '
                      r'autocomplete="off">'))


def test_every_page_is_valid_html(checkers, real_site, site_pages):
    # Only Java's quick compiler (which needs a deeper stack for the checker's schema): 33 CPU s
    # for the whole site against 47 with the optimising one, whose gain this one run never repays.
    checked = subprocess.run(["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-jar",
                              str(checkers / "vnu-jar" / "build" / "dist" / "vnu.jar"),
                              "--errors-only", "--skip-non-html", "--format", "json", "--verbose", str(real_site)],
                             capture_output=True, text=True)
    message, toggle = ALLOWED
    errors = [m for m in json.loads(checked.stderr)["messages"]
              if not (m["message"].startswith(message) and toggle.search(m.get("extract", "")))]
    shown = [f"{m['url'].split(str(real_site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors[:20]]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(shown)
    # With --verbose, the checker names each file it read: it saw every page.
    seen = {Path(line).relative_to(real_site).as_posix() for line in checked.stdout.splitlines()}
    assert {page.file for page in site_pages.values()} <= seen
