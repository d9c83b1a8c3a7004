"""What the browser tests share: a context to open tabs in, a phone, how to tell a page scrolls sideways, and axe-core."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from measure import PATIENCE_MS, WATCH_WORKER


def open_context(browser, search: bool = False, **options):
    """A browser context of its own (viewport, colour scheme, phone...).

    The theme's search index is served with its settings and no documents unless the test
    asks for `search=True`: building the whole index costs about a second of CPU on every
    page load (measured: 2.7 against 1.9 CPU seconds per load) and changes nothing a test without a
    search looks at. The searches have tests of their own, with the whole index."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    # A bound on waits, not a verdict: nothing takes minutes even on a saturated host.
    context.set_default_timeout(PATIENCE_MS)
    context.add_init_script(WATCH_WORKER)
    if not search:
        context.route("**/search/search_index.json", without_documents)
    return context


def without_documents(route) -> None:
    """The search index as served, with its settings and none of its documents. Read here,
    not with `route.fetch`, which fails once the test is over and its context closed, and the
    next test in the process then fails with that error; a fulfilled route does not."""
    try:
        with urllib.request.urlopen(route.request.url) as served:
            config = json.load(served)["config"]
    except urllib.error.HTTPError:
        route.continue_()  # the page gets the server's own answer
        return
    route.fulfill(json={"config": config, "docs": []})


# A phone 390 px wide, as Playwright emulates one.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}

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

AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The rules of those that read colours: all a second colour scheme can change.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_problems(page, checkers: Path, colours_only: bool = False) -> list[str]:
    """Serious and critical violations of the WCAG 2.1 A and AA rules on the page as it is now."""
    page.add_script_tag(path=str(checkers / "axe-core" / "axe.min.js"))
    only = {"type": "rule", "values": COLOUR_RULES} if colours_only else {"type": "tag", "values": AXE_RULES}
    violations = page.evaluate(
        "only => axe.run(document, {runOnly: only}).then(result => result.violations)", only)
    return [f"{v['id']} ({v['impact']}): {' '.join(node['target'])}: {node['failureSummary']}"
            for v in violations if v["impact"] in ("serious", "critical") for node in v["nodes"]]
