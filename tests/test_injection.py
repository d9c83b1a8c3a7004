"""Nothing a contributor writes can become markup or script on a page."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from hosting import serve
from measure import SearchPage
from sites import PROJECT, build_both, copy_fixture

PAYLOADS = [
    '<script>alert("script")</script>',
    '</title><script>alert("title")</script>',
    '<img src=x onerror=alert("img")>',
    '[click me](javascript:alert("markdown-link"))',
    'plain { onclick=alert("attr-list") }',
    'x](javascript:alert("breakout")) [y',
    '{: onmouseover=alert("attr-list-2") }',
    '<a href="javascript:alert(\'anchor\')">anchor</a>',
    '![image](javascript:alert("image")) <svg onload=alert("svg")>',
    '<!-- zoo:counts --> {{ 7 * 7 }} {% if true %}jinja{% endif %}',
    '<details open ontoggle=alert("details")>',
]
HOSTILE = itertools.cycle(PAYLOADS)
SCHEMA_LINES = {
    "models/demo.yml": "model-section", "atlas/tools.yml": "atlas-category", "tags.yml": "tags",
    "datasets.yml": "datasets", "metrics.yml": "metrics", "atlas-categories.yml": "atlas-categories",
    "model-areas.yml": "model-areas",
}


def both():
    payload = next(HOSTILE)
    return {"zh": payload, "en": payload}


def poison(root: Path) -> None:
    """Put a payload into every text field a contributor can write."""
    data = root / "data"
    docs = {name: yaml.safe_load((data / name).read_text(encoding="utf-8")) for name in SCHEMA_LINES}
    section = docs["models/demo.yml"]
    section.update(title=both(), summary=both(), notes=[both(), both()])
    section["links"] = [{"title": next(HOSTILE), "gloss": next(HOSTILE), "url": "https://github.com/example/x", "kind": "repository"}]
    section["benchmarks"][0]["note"] = both()
    for model in section["models"]:
        model.update(name=both(), full_name=next(HOSTILE), aliases=[next(HOSTILE)], task=both(), description=both())
        model["links"].append({"title": next(HOSTILE), "url": "https://arxiv.org/abs/1"})
        model["results"][0]["backbone"] = next(HOSTILE)
    entries = docs["atlas/tools.yml"]["entries"]
    for entry in entries:
        entry.update(name=both(), summary=both(), features=[both()], principles=[both()], scenarios=[both()])
        for link in entry["links"]:
            link["title"] = "中文 " + next(HOSTILE)
            link["gloss"] = next(HOSTILE)
            if "address" in link:  # addresses allow no spaces, so the payload has none
                link["address"] = '<img/src=x/onerror=alert("address")>'

    for kind in ("tags", "datasets", "metrics"):
        for item in docs[f"{kind}.yml"][kind]:
            item["name"] = both()
    for category in docs["atlas-categories.yml"]["categories"]:
        category.update(name=both(), purpose=both())
    for area in docs["model-areas.yml"]["areas"]:
        # The area's name titles a navigation group, which the theme prints as HTML.
        area.update(name={"zh": '<img src=x onerror=alert("nav")>', "en": '<img src=x onerror=alert("nav")>'}, summary=both())
    # A second section in the same area, so that the area's name titles a navigation group.
    second = yaml.safe_load(yaml.safe_dump(section))
    second.update(id="second", order=2)
    for model in second["models"]:
        model["id"] += "-2"
    docs["models/second.yml"] = second
    for name, kind in {**SCHEMA_LINES, "models/second.yml": "model-section"}.items():
        depth = "../" * (name.count("/") + 1)
        text = yaml.safe_dump(docs[name], allow_unicode=True, width=10_000, sort_keys=False)
        (data / name).write_text(f"# yaml-language-server: $schema={depth}schemas/{kind}.schema.json\n{text}", encoding="utf-8")
    from sites import point_at_schema

    for path in data.rglob("*.yml"):
        point_at_schema(path)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = copy_fixture("mini", tmp_path_factory.mktemp("hostile") / "mini")
    poison(root)
    return build_both(root)


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory):
    return build_both(copy_fixture("mini", tmp_path_factory.mktemp("clean") / "mini"))


def html_pages(site: Path):
    return sorted(site.rglob("*.html"))


def scripts(soup) -> set[str]:
    """The page's scripts; JSON-LD is data, checked on its own."""
    return {script.get("src") or script.get_text() for script in soup.find_all("script")
            if script.get("type") != "application/ld+json"}


def test_no_script_or_handler_or_dangerous_link_reaches_the_page(hostile_site, clean_site):
    shipped = set()
    for path in html_pages(clean_site):
        shipped |= scripts(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
    assert len(html_pages(hostile_site)) >= 16
    for path in html_pages(hostile_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        page = path.relative_to(hostile_site)
        assert scripts(soup) <= shipped, f"{page}: a script the site did not ship"
        for data in soup.select('script[type="application/ld+json"]'):
            # It parses as JSON, and no payload in it can end its element.
            assert json.loads(data.string) and "<" not in data.string, page
        for element in soup.find_all(True):
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), f"{page}: <{element.name} {attribute}>"
                values = value if isinstance(value, list) else [value]
                for item in values:
                    assert not re.match(r"\s*(javascript|data|vbscript):", str(item), re.I), f"{page}: {attribute}={item}"
        for tag in ("img", "svg", "details", "iframe", "object", "embed", "form"):
            for element in soup.find_all(tag):
                if {"zoo-chart__svg", "zoo-cite"} & set(element.get("class", [])):
                    continue  # a chart or a citation the site draws (templates/charts.j2, macros.j2)
                assert "zoo" not in str(element.parent.get("class", "")), f"{page}: a contributor's <{tag}>"


def test_the_payloads_are_shown_as_text_not_lost(hostile_site):
    soup = BeautifulSoup((hostile_site / "en/models/demo/index.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text()
    for payload in PAYLOADS[:9]:
        assert payload in text, payload
    assert "{{ 7 * 7 }}" in text and "49" not in soup.select_one("article").get_text()
    assert '<img src=x onerror=alert("nav")>' in soup.select_one("nav.md-nav--primary").get_text()


def test_no_dialog_fires_in_the_browser(hostile_site, browser, page):
    server, url = serve(hostile_site)
    dialogs = []
    # A dialog holds the page until it is answered, so each is seen before the action that opened it returns.
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    searcher = SearchPage(browser)
    searcher.context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for path in html_pages(hostile_site):
            address = path.relative_to(hostile_site).as_posix().removesuffix("index.html")
            page.goto(f"{url}/{address}")
            # Every pointer and focus event a reader's hand could raise, on every element:
            # a handler that slipped into the markup would run here.
            page.evaluate("""() => { for (const element of document.querySelectorAll("body *"))
                for (const type of ["mouseover", "mouseenter", "mousemove", "click", "focus", "toggle"])
                    element.dispatchEvent(new Event(type, {bubbles: false})); }""")
        # Search results are built in the browser from the index: search for the payloads too.
        for query in ("plain", "open", "click", "onclick"):
            assert searcher.pages(f"{url}/en/", query), query
    finally:
        searcher.close()
        server.shutdown()
    assert not dialogs


def test_templates_never_link_a_non_web_address(tmp_path):
    """Even a link that slipped past the schema is shown as text, never as href."""
    from zoosite.pages import Renderer
    from zoosite.schema import Schemas

    renderer = Renderer(PROJECT / "templates", "en", Schemas(PROJECT / "schemas"))
    macros = renderer.env.get_template("macros.j2").make_module({"href": lambda *a: "", "catalogue": None})
    for url in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", " javascript:alert(1)"):
        html = str(macros.link_item({"title": "x", "gloss": None, "url": url, "address": None, "host": "",
                                     "kind": "other", "gone": False, "gone_note": None}))
        assert "href" not in html and "<script" not in html
