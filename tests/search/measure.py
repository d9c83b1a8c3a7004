"""Measure the site's search against the judged queries of queries.yml, in a real Chromium.

Builds nothing: give it a built site folder (Chinese at its root, English under en/), e.g.

    python tests/search/measure.py /tmp/site            # a readable table
    python tests/search/measure.py /tmp/site --json     # a JSON summary
    python tests/search/measure.py /tmp/site --site zh --only 分割

The folder is served on 127.0.0.1 as GitHub Pages serves it (tests/hosting.py). One Chromium tab per run loads
each language's home page once and types every query of that language into its search field, as the tests do
(SearchPage); the results are read once the search worker has answered the whole query.

Material groups results per page: each `li.md-search-result__item` is one page; its first
`a.md-search-result__link` is the page (or its best section) and further links in the same item are sections of
that page. Only the first ten items count: Material draws them at once, and more only as the reader scrolls.

For each query:
- page_rank: 1-based position of the first item whose page is `want` or one of `also` (0: not in the results);
- anchor_found: when `anchor` is given, whether the `want` item holds a link to `#anchor`;
- rank: page_rank, except that a `want` item without the wanted anchor is no hit (then the first `also` item
  after it, if any, counts). Top-1 and MRR are computed from `rank`; page-level figures from `page_rank`.

Importable: load_queries(), check_queries(), SearchPage, measure(), summarise(), report().
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import chromium  # noqa: E402
from hosting import serve  # noqa: E402

QUERIES = HERE / "queries.yml"
PREFIX = {"zh": "", "en": "en/"}

# Every result item: its links (path, decoded anchor) and the score of its first article.
READ_RESULTS = """() => [...document.querySelectorAll('li.md-search-result__item')].map(item => ({
    links: [...item.querySelectorAll('a.md-search-result__link')].map(a => {
        const url = new URL(a.href);
        return [url.pathname, url.hash.slice(1)];
    }),
    title: (item.querySelector('article h1, article h2') || {textContent: ''}).textContent,
    score: parseFloat((item.querySelector('article') || {dataset: {}}).dataset.mdScore || '0'),
}))"""


# ───────────────────────── queries ─────────────────────────

@dataclass
class Query:
    query: str
    site: str
    want: str
    anchor: str | None = None
    also: list[str] = field(default_factory=list)
    why: str | None = None


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    queries = [Query(**{"also": [], **item}) for item in data["queries"]]
    for q in queries:
        if q.site not in PREFIX:
            raise ValueError(f"{q.query!r}: site must be zh or en, not {q.site!r}")
        for path_ in [q.want, *q.also]:
            if not path_.startswith("/" + PREFIX[q.site]) or not path_.endswith("/") or (
                    q.site == "zh" and path_.startswith("/en/")):
                raise ValueError(f"{q.query!r} ({q.site}): {path_!r} is not a page path of that site")
    return queries


def check_queries(site: Path, queries: list[Query]) -> list[str]:
    """Every wanted page exists in the built site, and every wanted anchor is an id on its page."""
    import re

    problems = []
    for q in queries:
        for path_ in [q.want, *q.also]:
            file = Path(site) / path_.lstrip("/") / "index.html"
            if not file.exists():
                problems.append(f"{q.site} {q.query!r}: no page {path_}")
            elif path_ == q.want and q.anchor and not re.search(
                    rf'\bid="{re.escape(q.anchor)}"', file.read_text(encoding="utf-8")):
                problems.append(f"{q.site} {q.query!r}: no #{q.anchor} on {path_}")
    return problems


# ───────────────────────── the browser ─────────────────────────

# Installed before the theme's scripts run: counts the queries the page sends
# to Material's search worker and the answers it gets back, so that a test
# reads the results once the worker has answered the whole query, however
# slow the machine is (messages: 1 ready, 2 query, 3 results).
WATCH_WORKER = """(() => {
  const Native = window.Worker;
  const search = window.__zooSearch = {ready: false, sent: [], answered: 0};
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({data}) => {
        if (data && data.type === 1) search.ready = true;
        if (data && data.type === 3) search.answered += 1;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) search.sent.push(message.data);
      return super.postMessage(message, ...rest);
    }
  };
})()"""
# The last query sent is the whole text in the field, and every query sent
# has been answered. The theme draws the first ten results in the same task
# that receives the answer, so they are on the page by the time this holds:
# it then returns them, with the meta line, in the same call.
ANSWERED = """([query]) => {
  const search = window.__zooSearch;
  return search.ready && search.sent.length > 0 && search.sent[search.sent.length - 1] === query
    && search.answered === search.sent.length
    && {items: (READ_RESULTS)(), meta: document.querySelector('.md-search-result__meta').textContent};
}""".replace("READ_RESULTS", READ_RESULTS)
IDLE = "() => window.__zooSearch.ready && window.__zooSearch.answered === window.__zooSearch.sent.length"
# The theme draws the first ten results at once and more as the reader scrolls;
# only those ten are read, so the scroll position never changes what is read.
SHOWN = 10
# A bound on waits, not a verdict: no step takes minutes even on a saturated host.
PATIENCE_MS = 300_000


class SearchPage:
    """One browser tab that types queries into the theme's search, as a reader does.

    It loads each language's home page once, in a page of its own, and types
    every query of that language into the same field: a fresh load per query
    would rebuild the whole search index in the worker each time.
    """

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
        self.context.set_default_timeout(PATIENCE_MS)
        self.context.add_init_script(WATCH_WORKER)
        self.homes = {}  # home page address -> its page
        self.page = None  # the page of the last search

    def open(self, home: str) -> None:
        if home not in self.homes:
            self.homes[home] = self.context.new_page()
            self.homes[home].goto(home)
            self.homes[home].wait_for_function(IDLE)
        self.page = self.homes[home]

    def search(self, home: str, query: str) -> tuple[list[dict], str]:
        """Type `query` on the site whose home page is `home`; return the result items, best first, and the meta line."""
        self.open(home)
        page = self.page
        page.evaluate("document.querySelector('.md-search__scrollwrap').scrollTop = 0")
        field_ = page.locator(".md-search__input")
        # Material searches on keyup. The whole query goes in at once, as an input
        # method commits Chinese text, and one key press sends it: a search per
        # typed character would only add work (the worker answers each query
        # from the query alone). The key goes to the field that fill() focused.
        field_.fill(query)
        page.keyboard.press("End")
        answer = page.wait_for_function(ANSWERED, arg=[query]).json_value()
        items = answer["items"][:SHOWN]
        for item in items:
            item["links"] = [(path_, unquote(anchor)) for path_, anchor in item["links"]]
        return items, (answer["meta"] or "").strip()

    def pages(self, home: str, query: str) -> list[str]:
        """The result pages, best first, each once."""
        ordered = []
        for item in self.search(home, query)[0]:
            for path_, _ in item["links"]:
                if path_ not in ordered:
                    ordered.append(path_)
        return ordered

    def close(self):
        self.context.close()


# ───────────────────────── judging ─────────────────────────

@dataclass
class Result:
    query: str
    site: str
    want: str
    anchor: str | None
    also: list[str]
    rank: int            # first hit, the anchor required on `want` (0: none)
    page_rank: int       # first item whose page is `want` or in `also` (0: none)
    anchor_found: bool | None  # None when no anchor is wanted; False also when `want` is not in the results
    first: str           # what came first: its first link, path#anchor
    first_title: str
    total: str           # Material's meta line ("35 个符合条件的结果")
    results: list[list[str]]  # every item's links as path#anchor, best first


def _link(path_: str, anchor: str) -> str:
    return f"{path_}#{anchor}" if anchor else path_


def judge(q: Query, items: list[dict], meta: str) -> Result:
    pages = [item["links"][0][0] if item["links"] else "" for item in items]
    right = {q.want, *q.also}
    page_rank = next((i for i, p in enumerate(pages, 1) if p in right), 0)
    anchor_found = None
    if q.anchor:
        anchor_found = any(p == q.want and any(a == q.anchor for _, a in item["links"])
                           for p, item in zip(pages, items))
    rank = 0
    for i, (p, item) in enumerate(zip(pages, items), 1):
        if p == q.want and (not q.anchor or any(a == q.anchor for _, a in item["links"])):
            rank = i
            break
        if p in q.also:
            rank = i
            break
    first = items[0] if items else None
    return Result(
        query=q.query, site=q.site, want=q.want, anchor=q.anchor, also=q.also, rank=rank, page_rank=page_rank,
        anchor_found=anchor_found,
        first=_link(*first["links"][0]) if first and first["links"] else "",
        first_title=(first or {}).get("title", "").replace("\u200b", ""),
        total=meta,
        results=[[_link(p, a) for p, a in item["links"]] for item in items],
    )


def measure(site: Path, queries: list[Query], progress=None, browser=None) -> list[Result]:
    """Serve `site`, run every query in one Chromium tab, and judge the results.

    Give `browser` to use a running Chromium; otherwise one is started.
    """
    server, url = serve(site)
    try:
        with sync_playwright_if(browser) as running:
            tab = SearchPage(running)
            try:
                return ask(tab, url, queries, progress)
            finally:
                tab.close()
    finally:
        server.shutdown()


def ask(tab: SearchPage, url: str, queries: list[Query], progress=None) -> list[Result]:
    """Type every query into the site served at `url`, in `tab`, and judge the results."""
    results = []
    for q in queries:
        items, meta = tab.search(f"{url}/{PREFIX[q.site]}", q.query)
        results.append(judge(q, items, meta))
        if progress:
            progress(results[-1])
    return results


@contextlib.contextmanager
def sync_playwright_if(browser):
    """The given browser, or a Chromium of our own for the time of the block."""
    if browser is not None:
        yield browser
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        own = chromium.launch(playwright)
        try:
            yield own
        finally:
            own.close()


def summarise(results: list[Result]) -> dict:
    """Per language: queries, top-1 and MRR (anchor required), the same at page level, anchors found."""
    summary = {}
    for lang in PREFIX:
        mine = [r for r in results if r.site == lang]
        if not mine:
            continue
        n = len(mine)
        anchored = [r for r in mine if r.anchor]
        summary[lang] = {
            "queries": n,
            "top1": sum(r.rank == 1 for r in mine) / n,
            "mrr": sum(1 / r.rank for r in mine if r.rank) / n,
            "page_top1": sum(r.page_rank == 1 for r in mine) / n,
            "page_mrr": sum(1 / r.page_rank for r in mine if r.page_rank) / n,
            "in_results": sum(r.page_rank > 0 for r in mine),
            "anchor_queries": len(anchored),
            "anchor_found": sum(bool(r.anchor_found) for r in anchored),
            "misses": [{"query": r.query, "want": _link(r.want, r.anchor or ""), "also": r.also,
                        "rank": r.rank, "page_rank": r.page_rank, "anchor_found": r.anchor_found,
                        "first": r.first, "first_title": r.first_title, "total": r.total}
                       for r in mine if r.rank != 1],
        }
    return summary


def report(summary: dict) -> str:
    lines = []
    lines.append(f"{'site':4}  {'queries':>7}  {'top-1':>6}  {'MRR':>6}  {'page top-1':>10}  {'page MRR':>8}  "
                 f"{'found':>5}  {'anchors found':>13}")
    for lang, s in summary.items():
        lines.append(f"{lang:4}  {s['queries']:>7}  {s['top1']:>6.1%}  {s['mrr']:>6.3f}  {s['page_top1']:>10.1%}  "
                     f"{s['page_mrr']:>8.3f}  {s['in_results']:>5}  "
                     f"{s['anchor_found']:>6} of {s['anchor_queries']:<3}")
    lines.append("")
    lines.append("top-1/MRR need the wanted anchor on the wanted page; page top-1/MRR ignore anchors; "
                 "found = wanted page among the results.")
    for lang, s in summary.items():
        lines.append("")
        lines.append(f"── misses, {lang} ({len(s['misses'])}) ──")
        lines.append(f"{'query':24} {'rank':>4} {'page':>4} {'anchor':>6}  first result → wanted")
        for m in s["misses"]:
            anchor = "" if m["anchor_found"] is None else ("yes" if m["anchor_found"] else "no")
            first = f"{m['first']} ({m['first_title'][:30]})" if m["first"] else "(no results)"
            lines.append(f"{m['query']:24} {m['rank'] or '-':>4} {m['page_rank'] or '-':>4} {anchor:>6}  "
                         f"{first} → {m['want']}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder (Chinese at its root, English in en/)")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--site", dest="lang", choices=sorted(PREFIX), help="only this language")
    parser.add_argument("--only", help="only queries containing this text")
    parser.add_argument("--json", action="store_true", help="print a JSON summary instead of the table")
    parser.add_argument("--details", action="store_true", help="with --json: every query's results too")
    args = parser.parse_args(argv)

    queries = load_queries(args.queries)
    if args.lang:
        queries = [q for q in queries if q.site == args.lang]
    if args.only:
        queries = [q for q in queries if args.only.lower() in q.query.lower()]
    problems = check_queries(args.site, queries)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2

    def progress(r: Result):
        print(f"{r.site} {r.rank or '-':>2} {r.query}", file=sys.stderr, flush=True)

    results = measure(args.site, queries, progress=None if args.json else progress)
    summary = summarise(results)
    if args.json:
        out = {"summary": summary}
        if args.details:
            out["results"] = [asdict(r) for r in results]
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(report(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
