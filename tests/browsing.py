"""What the browser tests share: contexts to open tabs in, a phone, how to tell a page scrolls sideways, and axe-core."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from hosting import SETTINGS_ONLY
from measure import PATIENCE_MS, WATCH_WORKER


def open_context(browser, search: bool = False, **options):
    """A browser context of its own (viewport, colour scheme, phone...).

    The theme's search index is served with its settings and no documents unless the test
    asks for `search=True`: building the whole index costs about a second of CPU on every
    page load (measured: 2.7 against 1.9 CPU seconds per load) and changes nothing a test without a
    search looks at. The searches have tests of their own, with the whole index.

    The context asks the tests' server for that with a request header (tests/hosting.py), not
    with a Playwright route: a route turns Chromium's HTTP cache off, and then every page load
    fetches and compiles every script again (measured on 50 loads of the fixture site: 21 to 23
    CPU s of Chromium with a route, 13 to 14 without)."""
    headers = {} if search else {"extra_http_headers": SETTINGS_ONLY}
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **headers, **options})
    # A bound on waits, not a verdict: nothing takes minutes even on a saturated host.
    context.set_default_timeout(PATIENCE_MS)
    context.add_init_script(WATCH_WORKER)
    return context


class SharedContext:
    """A context whose tabs the tests of one process open one after another (`new_page` in
    tests/conftest.py). A context of its own per test starts a renderer and fetches and compiles
    every script again: measured on 12 page loads, 3.2 CPU s a load against 1.7 here.

    Nothing a test leaves carries over to the next: `forget` closes its tabs and clears the
    HTTP cache, and the storage and cookies of every origin the context has reached (the
    theme keeps settings in localStorage; the site's picks are in sessionStorage, each
    tab's own). A blank tab on the tests' host stays open, so that the host's renderer is
    kept for the next test (tests/test_browser.py checks that nothing carries over)."""

    KEEPER = "http://127.0.0.1/blank"  # never fetched: the keeper tab's route answers it

    def __init__(self, browser, search: bool, options: dict):
        self.context = open_context(browser, search, **options)
        self.origins = set()
        self.context.on("request", self._reached)
        self.keeper = self.context.new_page()
        self.keeper.route("**/*", lambda route: route.fulfill(body="<!doctype html><title>blank</title>",
                                                                content_type="text/html"))
        self.keeper.goto(self.KEEPER)
        self.cdp = self.context.new_cdp_session(self.keeper)

    def _reached(self, request) -> None:
        address = urlsplit(request.url)
        if address.scheme in ("http", "https"):
            self.origins.add(f"{address.scheme}://{address.netloc}")

    def new_page(self):
        return self.context.new_page()

    def forget(self) -> None:
        for page in self.context.pages:
            if page is not self.keeper:
                page.close()
        self.cdp.send("Network.clearBrowserCache")
        for origin in sorted(self.origins):
            self.cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        self.origins.clear()

    def close(self) -> None:
        self.context.close()


# A small phone, as Playwright emulates one: 360 x 800, the narrowest common today.
# What fits it fits the wider ones (up to 400 px the theme's layout is the same).
PHONE = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}

# How wide the page is, and the two widths it must keep within. Under mobile emulation
# innerWidth grows with a page that overflows, so it is no yardstick alone; the visual
# viewport is, and the width the viewport meta fixes (width=device-width).
WIDTHS = "[document.documentElement.scrollWidth, window.innerWidth, window.visualViewport.width]"

# What a reader would have to scroll sideways to see, or could not see at all:
# every element that is shown and reaches past the right edge of the screen,
# unless it lies inside a box that scrolls on its own (a wide table's).
# The page's scrollWidth is no measure: under mobile emulation innerWidth grows
# with it, and invisible boxes (screen-reader labels, the theme's hidden
# dialog) count towards it while the theme's `overflow-x: hidden` on <html>
# keeps the page from scrolling at all.
PAST_THE_EDGE = """() => {
  const edge = window.visualViewport.width + 1;
  const inOwnBox = element => {
    for (let a = element.parentElement; a && a !== document.body; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== "visible") return true;
    return false;
  };
  const shown = element => {
    for (let a = element; a; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.display === "none" || style.visibility === "hidden" || style.opacity === "0") return false;
    }
    return true;
  };
  return [...document.body.querySelectorAll("*")].filter(element => {
    const box = element.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && box.right > edge && !inOwnBox(element) && shown(element);
  }).map(element => `<${element.tagName.toLowerCase()} class="${element.getAttribute("class") || ""}"> reaches ${
    Math.round(element.getBoundingClientRect().right)} px`);
}"""

# Before a page's own scripts: what asking the reader for a permission would record.
ASKS = """window.__asked = [];
for (const name of ["getCurrentPosition", "watchPosition"])
  if (navigator.geolocation) navigator.geolocation[name] = () => window.__asked.push("the reader's location");
if (window.Notification)
  Notification.requestPermission = () => (window.__asked.push("leave to notify"), Promise.resolve("denied"));"""

# What Lighthouse's best-practices category checks in a loaded page, besides what the
# DevTools issues (deprecations, cookies...) and the console report: no permission asked for
# on load, images shown at their own proportions and with pixels enough for the screen,
# pasting allowed, and at least 60% of the text 12 px or larger.
BEST_PRACTICES = """() => {
  const problems = window.__asked.map(what => `asks for ${what} on load`);
  for (const image of document.images) {
    const box = image.getBoundingClientRect();
    if (!image.naturalWidth || box.width < 2 || box.height < 2 || /\\.svg(\\?|$)/.test(image.currentSrc)) continue;
    const shown = box.width / box.height, drawn = image.naturalWidth / image.naturalHeight;
    if (Math.abs(shown - drawn) > 0.05 * drawn)
      problems.push(`${image.currentSrc} shown at ${shown.toFixed(2)}:1, drawn at ${drawn.toFixed(2)}:1`);
    if (image.naturalWidth < box.width * Math.min(devicePixelRatio, 2))
      problems.push(`${image.currentSrc} has too few pixels for the screen`);
  }
  for (const field of document.querySelectorAll("input, textarea"))
    if (!field.dispatchEvent(new ClipboardEvent("paste", {bubbles: true, cancelable: true})))
      problems.push(`pasting into ${field.outerHTML.slice(0, 80)} is refused`);
  let all = 0, small = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent.trim().length;
    if (!length || !node.parentElement.getClientRects().length) continue;
    all += length;
    if (parseFloat(getComputedStyle(node.parentElement).fontSize) < 12) small += length;
  }
  if (all && small > 0.4 * all) problems.push(`${Math.round(100 * small / all)}% of the text is smaller than 12 px`);
  return problems;
}"""

AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The rules of those that read colours: all a second colour scheme can change.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_problems(page, checkers: Path, colours_only: bool = False) -> list[str]:
    """Serious and critical violations of the WCAG 2.1 A and AA rules on the page as it is now."""
    page.add_script_tag(path=str(checkers / "axe-core" / "axe.min.js"))
    only = {"type": "rule", "values": COLOUR_RULES} if colours_only else {"type": "tag", "values": AXE_RULES}
    # Only the violations in full: axe then keeps one node of each other result, which on the
    # longest table page cut a run from 6.1 to 4.1 CPU s.
    violations = page.evaluate("only => axe.run(document, {runOnly: only, resultTypes: ['violations']})"
                               ".then(result => result.violations)", only)
    return [f"{v['id']} ({v['impact']}): {' '.join(node['target'])}: {node['failureSummary']}"
            for v in violations if v["impact"] in ("serious", "critical") for node in v["nodes"]]
