"""Page weight: budgets every page keeps, counted from the built files.

Lighthouse's performance score rests on what a page makes the browser fetch
and build: bytes, requests, what holds up the first render, script, images
and the size of the DOM. These are properties of the files, the same on any
machine, so they are gated here on every page; the score itself, which also
follows the host's speed, is reported by `make audit` and gates nothing.

What a page fetches is read from its markup (tests/site_facts.py), plus what
the theme's scripts fetch (the search worker, its index and the language
support it imports) and what the site's scripts name (the compare view's
data). The browser tests check that a page of every kind requests nothing
beyond these (tests/test_quality.py). Bytes are counted gzip-compressed, as
GitHub Pages serves text; images as they are.

The budgets, from the figures of the site on 2026-11-28 (302 pages), with room
for the model pages and hardware pages to come:
- bytes per page, all requests: 450 KB. Today's heaviest page is the compare
  view, 212 KB, of which the Chinese search index is 93 KB. The index grows
  with the site, and its own target is 300 KB; 150 KB is left for the rest.
- the page's own HTML: 100 KB, the README's target (largest today: 17 KB, the
  longest table page).
- scripts: 80 KB (today 54 KB: the theme's bundle and search worker, 4 KB of
  the site's own); the site's own scripts: 16 KB (12 KB with the budgets and
  the view kept in the address of issue 19, which added 5 KB).
- stylesheets: 40 KB (today 28 KB).
- fetched by scripts: 350 KB (today 122 KB: the search index and the
  compare view's data), the search index's 300 KB target and room for data.
- the largest image: 100 KB (today the 2 KB favicon; charts are inline SVG).
- requests: 25 (today at most 15).
- render-blocking requests: 3, the theme's two stylesheets and the site's one;
  no script may block rendering. There is no headroom: a fourth stylesheet or
  a blocking script is a decision to take deliberately, here.
- DOM elements: 4,500 (the largest section pages, with PaddleX's models and
  their cost columns: detection 4,001 and classification 3,922; the tag index
  2,803; Lighthouse flags more than 1,400); depth: 32, Lighthouse's own limit (today 25).
"""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

KB = 1024
BUDGETS = {
    "bytes": 450 * KB,
    "document": 100 * KB,
    "script": 80 * KB,
    "stylesheet": 40 * KB,
    "fetch": 350 * KB,
    "largest image": 100 * KB,
    "requests": 25,
    "render-blocking": 3,
    "blocking scripts": 0,
    "elements": 4500,
    "depth": 32,
}
OWN_SCRIPTS = 16 * KB
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".yml", ".map"}


class Sizes:
    """Each file's size as served, computed once."""

    def __init__(self, site: Path):
        self.site = site
        self.known = {}

    def __call__(self, url: str) -> int:
        if url not in self.known:
            file = self.site / url.lstrip("/")
            if url.endswith("/"):
                file = file / "index.html"
            body = file.read_bytes()
            self.known[url] = len(gzip.compress(body, 6)) if file.suffix in COMPRESSED else len(body)
        return self.known[url]


def weigh(page, sizes: Sizes) -> dict:
    by_kind = Counter()
    for resource in page.resources:
        by_kind[resource.kind] += sizes(resource.url)
    images = [sizes(r.url) for r in page.resources if r.kind == "image"]
    return {
        "bytes": sum(by_kind.values()),
        "document": by_kind["document"],
        "script": by_kind["script"],
        "stylesheet": by_kind["stylesheet"],
        "fetch": by_kind["fetch"],
        "largest image": max(images, default=0),
        "requests": len(page.resources),
        "render-blocking": sum(r.blocking for r in page.resources),
        "blocking scripts": sum(r.blocking and r.kind == "script" for r in page.resources),
        "elements": page.elements,
        "depth": page.depth,
    }


def test_every_page_keeps_within_its_budgets(real_site, site_pages):
    sizes = Sizes(real_site)
    over, heaviest = [], {}
    for page in site_pages.values():
        for name, value in weigh(page, sizes).items():
            heaviest[name] = max(heaviest.get(name, (0, "")), (value, page.url))
            if value > BUDGETS[name]:
                over.append(f"{page.url}: {name} {value} > {BUDGETS[name]}")
    print("heaviest:", {name: f"{value} ({url})" for name, (value, url) in heaviest.items()})
    assert not over, "\n".join(over[:30])


def test_the_sites_own_scripts_stay_within_their_budget(real_site, site_pages):
    """The site's scripts (compare, filters, tables, language switch) next to the theme's."""
    sizes = Sizes(real_site)
    own = {r.url for page in site_pages.values() for r in page.resources
           if r.kind == "script" and r.url.startswith("/assets/site/")}
    assert own and sum(sizes(url) for url in own) <= OWN_SCRIPTS, {url: sizes(url) for url in own}


def test_every_resource_a_page_names_exists(real_site, site_pages):
    """What the budgets weigh is there to weigh: a missing file would be a failed request."""
    missing = {(page.url, r.url) for page in site_pages.values() for r in page.resources
               if not r.url.startswith(("http:", "https:", "//"))
               and not (real_site / r.url.lstrip("/") / ("index.html" if r.url.endswith("/") else "")).is_file()}
    assert not missing, sorted(missing)[:10]
