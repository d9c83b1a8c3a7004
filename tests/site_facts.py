"""Every page of a built site, read once, as the facts the whole-site tests check.

Parsing is the cost of a whole-site check: BeautifulSoup with CSS selectors
took about 250 ms a page on this host, a thousand pages four minutes. So each
page is read once per run, in one pass of the standard library's HTML
parser, on every core, and only small facts are kept: the page's links, ids,
languages, description and resources, its visible text's Chinese characters,
and its DOM's size.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
OUTSIDE = re.compile(r"(https?:)?//", re.I)
CHARSET = re.compile(rb"<meta\s+charset=[\"']?([\w-]+)", re.I)


@dataclass(frozen=True)
class Resource:
    """Something a page loads: by its markup, or by the theme's or the site's scripts."""

    url: str  # the path within the site, e.g. "/assets/site/site.css"; or the outside address
    kind: str  # document, script, stylesheet, image, fetch, other
    blocking: bool  # holds up the first render: a stylesheet, or a script without defer or async, in <head>


@dataclass(frozen=True)
class Page:
    file: str  # "en/models/detection/index.html"
    url: str  # "/en/models/detection/"
    prefix: str  # "" or "en/"
    lang: str | None
    description: str | None
    ids: frozenset
    repeated_ids: tuple  # ids that more than one element has
    links: tuple  # every a[href], as written
    article_links: tuple  # a[href] inside the article
    addresses: tuple  # non-web addresses shown as text
    switcher: dict  # hreflang -> href of the language selector
    alternates: dict  # hreflang -> href of <link rel="alternate">
    canonical: str | None
    feed: str | None  # <link rel="alternate" type="application/atom+xml">
    edit: str | None  # the "edit this page" link
    meta: dict  # name or property -> every content it is given, in order
    json_ld: tuple  # the text of each <script type="application/ld+json">
    resources: tuple  # Resource, each address once, the page itself first
    cjk: str  # Han characters and CJK punctuation in the visible text
    doctype: bool  # the file opens with <!doctype html>
    charset: str | None  # what <meta charset> declares within the file's first 1024 bytes
    title: str
    link_texts: frozenset  # the text of each a[href], its spaces collapsed, lower case
    images_without_alt: int
    footer: str
    elements: int
    depth: int
    widest: int  # the most child elements of one element

    @property
    def path(self) -> str:
        """The page's path within its language: "models/detection/"."""
        return self.url.removeprefix("/").removeprefix(self.prefix)


def read_site(site: Path) -> dict[str, Page]:
    """{url: Page} for every HTML page of a built site."""
    files = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    with ProcessPoolExecutor(max(1, min(os.cpu_count() or 1, 4))) as pool:
        pages = list(pool.map(functools.partial(read_page, site), files, chunksize=16))
    return {page.url: page for page in pages}


def read_page(site: Path, file: str) -> Page:
    url = "/" + file.removesuffix("index.html")
    walk = _Walk()
    raw = (site / file).read_bytes()
    walk.feed(raw.decode("utf-8"))
    charset = CHARSET.search(raw[:1024])
    walk.close()
    seen = {}

    def load(address: str, kind: str, blocking: bool = False):
        if address and not address.startswith("data:"):
            absolute = address if OUTSIDE.match(address) else urlsplit(urljoin(url, address)).path
            seen.setdefault(absolute, Resource(absolute, kind, blocking))

    load(url, "document")
    for address, kind, blocking in walk.loads:
        load(address, kind, blocking)
    # Fetched by Material's scripts: the search worker, its index, and the
    # language support the worker imports for that index.
    if walk.config:
        settings = json.loads(walk.config)
        worker = urljoin(url, settings["search"])
        index = urlsplit(urljoin(url, settings["base"].rstrip("/") + "/search/search_index.json")).path
        load(worker, "script")
        load(index, "fetch")
        for name in _worker_imports(site / index.lstrip("/")):
            load(urljoin(worker, name), "script")
    return Page(
        file=file, url=url, prefix="en/" if file.startswith("en/") else "", lang=walk.lang,
        description=walk.description, ids=frozenset(walk.ids),
        repeated_ids=tuple(sorted(name for name, count in Counter(walk.ids).items() if count > 1)),
        links=tuple(walk.links),
        article_links=tuple(walk.article_links), addresses=tuple(unquote(a) for a in walk.addresses),
        switcher=walk.switcher, alternates=walk.alternates, canonical=walk.canonical, feed=walk.atom, edit=walk.edit,
        meta=walk.meta, json_ld=tuple(walk.json_ld), resources=tuple(seen.values()),
        cjk="".join(CJK.findall(" ".join(walk.text))), footer=" ".join("".join(walk.footer).split()),
        doctype=raw.lstrip()[:15].lower() == b"<!doctype html>", charset=charset and charset.group(1).decode().lower(),
        title=" ".join(walk.title.split()),
        link_texts=frozenset(" ".join(text.split()).lower() for text in walk.link_texts),
        images_without_alt=walk.images_without_alt,
        elements=walk.elements, depth=walk.depth, widest=walk.widest)


@functools.lru_cache
def _worker_imports(index: Path) -> list[str]:
    """The scripts Material's search worker imports for its index's languages, relative to the worker."""
    languages = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
    special = {"ja": ["tinyseg.js"], "hi": ["wordcut.js"], "th": ["wordcut.js"]}
    imports = [f"../lunr/{name}" for lang in languages for name in special.get(lang, [])]
    imports += [f"../lunr/min/lunr.{lang}.min.js" for lang in languages if lang != "en"]
    imports += ["../lunr/min/lunr.multi.min.js"] if len(languages) > 1 else []
    return ["../lunr/min/lunr.stemmer.support.min.js", *imports] if imports else []


# Elements that never have an end tag.
# Attributes naming a file one of the site's scripts fetches (overrides/assets/site/compare.js).
FETCHED = ("data-models", "data-benchmarks")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose text is not the page's visible text.
UNSEEN = {"script", "style", "noscript", "template"}
# Elements that load what one attribute names.
LOADS = {"img": ("src", "image"), "source": ("src", "other"), "iframe": ("src", "other"), "video": ("poster", "image"),
         "audio": ("src", "other"), "embed": ("src", "other"), "object": ("data", "other")}


class _Walk(HTMLParser):
    """One pass over a page, keeping what the whole-site tests need.

    A stack of open elements says where text and links are (inside the article,
    the language selector, a script). An end tag closes every element opened
    after its own, as browsers do when an end tag is missing.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, role) of the open elements
        self.roles = {}  # role -> how many open elements have it
        self.children = [0]
        self.lang = self.description = self.config = self.canonical = self.atom = self.edit = None
        self.ids, self.links, self.article_links, self.addresses, self.json_ld = [], [], [], [], []
        self.switcher, self.alternates, self.meta, self.loads = {}, {}, {}, []
        self.text, self.footer, self.link_texts = [], [], []
        self.title = ""
        self.images_without_alt = 0
        self.elements = self.depth = self.widest = 0

    def inside(self, role: str) -> bool:
        return self.roles.get(role, 0) > 0

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        classes = attributes.get("class", "").split()
        self.elements += 1
        self.children[-1] += 1
        self.widest = max(self.widest, self.children[-1])
        if "id" in attributes:
            self.ids.append(attributes["id"])
        self._note(tag, attributes, classes)
        if not self.inside("unseen") and not self.inside("switcher"):
            self.text += [attributes[name] for name in ("title", "alt", "aria-label", "placeholder")
                          if attributes.get(name)]
        if tag in VOID:
            return
        # An element's role is its tag, or one of these names, which no tag has.
        role = ("config" if attributes.get("id") == "__config"
                else "json-ld" if attributes.get("type") == "application/ld+json" else "unseen" if tag in UNSEEN
                else "switcher" if "md-select" in classes
                else "link-address" if tag == "code" and "zoo-link__address" in classes
                else "link" if tag == "a" and "href" in attributes
                else "copyright" if "md-copyright" in classes else tag)
        if role == "link-address":
            self.addresses.append("")
        if role == "json-ld":
            self.json_ld.append("")
        self.stack.append((tag, role))
        self.roles[role] = self.roles.get(role, 0) + 1
        self.children.append(0)
        self.depth = max(self.depth, len(self.stack))

    def _note(self, tag: str, attributes: dict, classes: list) -> None:
        href = attributes.get("href")
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "meta" and (attributes.get("name") or attributes.get("property")):
            name = attributes.get("name") or attributes.get("property")
            self.meta.setdefault(name, []).append(attributes.get("content"))
            if name == "description":
                self.description = attributes.get("content")
        elif tag == "a" and "href" in attributes:
            self.links.append(href)
            self.link_texts.append("")
            if self.inside("article"):
                self.article_links.append(href)
            if "md-select__link" in classes:
                self.switcher[attributes.get("hreflang")] = href
            if "edit" in attributes.get("rel", "").split():
                self.edit = href
        elif tag == "link" and href:
            rel = set(attributes.get("rel", "").split())
            if "alternate" in rel and "hreflang" in attributes:
                self.alternates[attributes["hreflang"]] = href
            elif "alternate" in rel and attributes.get("type") == "application/atom+xml":
                self.atom = href
            elif "canonical" in rel:
                self.canonical = href
            elif "stylesheet" in rel:
                blocking = self.inside("head") and attributes.get("media", "all") in ("all", "screen")
                self.loads.append((href, "stylesheet", blocking))
            elif rel & {"icon", "preload", "modulepreload", "prefetch", "manifest"}:
                self.loads.append((href, "image" if "icon" in rel else "other", False))
        elif tag == "script" and attributes.get("src"):
            waits = "defer" in attributes or "async" in attributes or attributes.get("type") == "module"
            self.loads.append((attributes["src"], "script", self.inside("head") and not waits))
        if tag == "img" and "alt" not in attributes:
            self.images_without_alt += 1
        if tag in LOADS and attributes.get(LOADS[tag][0]):
            self.loads.append((attributes[LOADS[tag][0]], LOADS[tag][1], False))
        # What the site's own scripts fetch: the compare view's data.
        for name in FETCHED:
            if attributes.get(name):
                self.loads.append((attributes[name], "fetch", False))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, -1, -1):
            if self.stack[position][0] == tag:
                for _, role in self.stack[position:]:
                    self.roles[role] -= 1
                del self.stack[position:]
                del self.children[position + 1:]
                return

    def handle_data(self, data):
        if self.inside("config"):
            self.config = (self.config or "") + data
        elif self.inside("json-ld"):
            self.json_ld[-1] += data
        elif not self.inside("unseen") and not self.inside("switcher"):
            self.text.append(data)
            if self.inside("title") and not self.inside("svg"):  # the page's, not a chart's
                self.title += data
            if self.inside("link"):  # an a[href]: an <a> without one is no link, and its text no link's
                self.link_texts[-1] += data
            if self.inside("link-address"):
                self.addresses[-1] += data
            if self.inside("copyright"):
                self.footer.append(data)


def of_language(pages: dict[str, Page], prefix: str) -> list[Page]:
    return [page for page in pages.values() if page.prefix == prefix]
