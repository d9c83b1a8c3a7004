"""Measure the site's search against the judged queries of queries.yml, in a real Chromium.

Builds nothing: give it a built site folder (Chinese at its root, English under en/), e.g.

    python tests/search/measure.py /tmp/site            # a readable table
    python tests/search/measure.py /tmp/site --json     # a JSON summary
    python tests/search/measure.py /tmp/site --site zh --only 分割

The folder is served over http on 127.0.0.1; every query is typed into Material's search the way
tests/conftest.py `search()` types it, on a freshly loaded home page of its language, and the result list is read
once it has stopped changing.

Material groups results per page: each `li.md-search-result__item` is one page; its first
`a.md-search-result__link` is the page (or its best section) and further links in the same item are sections of
that page. Only the items Material has rendered count (it renders the first ten and more on scrolling, which a
reader rarely does).

For each query:
- page_rank: 1-based position of the first item whose page is `want` or one of `also` (0: not in the results);
- anchor_found: when `anchor` is given, whether the `want` item holds a link to `#anchor`;
- rank: page_rank, except that a `want` item without the wanted anchor is no hit (then the first `also` item
  after it, if any, counts). Top-1 and MRR are computed from `rank`; page-level figures from `page_rank`.

Importable: load_queries(), check_queries(), serve(), Browser/SearchPage, measure(), summarise(), report().
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.yml"
SYSTEM_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update"]
PREFIX = {"zh": "", "en": "en/"}
# What Material's result meta line says before anything is typed.
READY = {"zh": "键入以开始搜索", "en": "Type to start searching"}

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


# ───────────────────────── serving and the browser ─────────────────────────

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    """Serve `folder` on 127.0.0.1 in a thread; return (server, base url). Stop it with server.shutdown()."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class SearchPage:
    """One browser tab on one language of the site, typing queries into Material's search."""

    def __init__(self, browser, base_url: str, lang: str):
        self.lang = lang
        self.home = f"{base_url}/{PREFIX[lang]}"
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()

    def search(self, query: str) -> tuple[list[dict], str]:
        """Type `query` on a freshly loaded page; return the result items, best first, and the meta line."""
        page = self.page
        # A fresh load for every query, so nothing of the previous query is left in the field or the results.
        page.goto(self.home)
        page.locator(".md-search-result__meta").wait_for(state="attached")
        page.wait_for_function(
            "([text]) => document.querySelector('.md-search-result__meta').textContent.includes(text)",
            arg=[READY[self.lang]])
        page.keyboard.press("/")
        field_ = page.locator(".md-search__input")
        field_.press_sequentially(query, delay=15)
        # Material searches on keyup; Chinese characters arrive as text input with no key events (as from an
        # input method), so finish with a key press.
        field_.press("End")
        # Results follow every keystroke; read them once they (and the meta line) have stopped changing.
        meta = page.locator(".md-search-result__meta")
        previous = None
        for _ in range(40):
            page.wait_for_timeout(250)
            now = (page.evaluate(READ_RESULTS), meta.text_content() or "")
            if READY[self.lang] not in now[1] and now == previous:
                break
            previous = now
        items, meta_text = now
        for item in items:
            item["links"] = [(path_, unquote(anchor)) for path_, anchor in item["links"]]
        return items, meta_text.strip()

    def close(self):
        self.context.close()


class Browser:
    """A real Chromium (Debian's where installed) with one SearchPage per language, reused for every query."""

    def __init__(self, base_url: str):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        options = {"args": CHROMIUM_ARGS}
        if Path(SYSTEM_CHROMIUM).exists():
            options["executable_path"] = SYSTEM_CHROMIUM
        self.browser = self._playwright.chromium.launch(**options)
        self.base_url = base_url
        self.pages: dict[str, SearchPage] = {}

    def page(self, lang: str) -> SearchPage:
        if lang not in self.pages:
            self.pages[lang] = SearchPage(self.browser, self.base_url, lang)
        return self.pages[lang]

    def close(self):
        for page in self.pages.values():
            page.close()
        self.browser.close()
        self._playwright.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


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


def measure(site: Path, queries: list[Query], progress=None) -> list[Result]:
    """Serve `site`, run every query in Chromium, and judge the results."""
    server, url = serve(site)
    results = []
    try:
        with Browser(url) as browser:
            for q in queries:
                items, meta = browser.page(q.site).search(q.query)
                results.append(judge(q, items, meta))
                if progress:
                    progress(results[-1])
    finally:
        server.shutdown()
    return results


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
