"""How crawlers and apps find the site: robots.txt, the sitemap index and each
language's sitemap with lastmod from git, OpenGraph and Twitter card tags with
a preview image served by the site, and JSON-LD checked against the schema.org
types and properties it uses, on every page of both languages."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sites import REPO, build_both, copy_fixture

SITE_URL = "https://paddle-atlas.github.io/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HAN = re.compile(r"[\u4e00-\u9fff]")
LOCALES = {"": ("zh_CN", "en_US"), "en/": ("en_US", "zh_CN")}

# The schema.org types the pages use, each with every property a page may give
# it. Checked against schema.org's vocabulary as the npm package schema-dts 2.1.0
# types it (each type's own properties and those it inherits: Thing, CreativeWork,
# MediaObject, ItemList); a type or property outside this list fails the test.
VOCABULARY = {
    "BreadcrumbList": {"itemListElement"},
    "ListItem": {"position", "name", "item", "url"},
    "ItemList": {"name", "url", "numberOfItems", "itemListOrder", "itemListElement"},
    "Dataset": {"name", "description", "url", "license", "isAccessibleForFree", "inLanguage", "keywords", "distribution"},
    "DataDownload": {"contentUrl", "encodingFormat", "name"},
    "SoftwareSourceCode": {"name", "description", "url", "codeRepository", "keywords"},
}
ORDERS = {"https://schema.org/ItemListOrderAscending", "https://schema.org/ItemListOrderDescending"}


def pages(site: Path, prefix: str) -> list[Path]:
    """Every page of one language (the other language's folder and the 404 page left out)."""
    root = site / prefix
    return sorted(path for path in root.rglob("index.html")
                  if not (prefix == "" and path.relative_to(site).parts[0] == "en"))


def url_of(site: Path, path: Path) -> str:
    relative = path.parent.relative_to(site).as_posix()
    return SITE_URL + ("" if relative == "." else relative + "/")


def file_of(site: Path, url: str) -> Path:
    """The built file a site address is served from."""
    assert url.startswith(SITE_URL), url
    path = url.removeprefix(SITE_URL).split("#")[0]
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def git_date(*paths: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%cs", "--", *paths],
                          capture_output=True, text=True, check=True).stdout.strip()


def sitemap(site: Path, url: str) -> dict[str, str | None]:
    """{page address: lastmod or None} of one sitemap."""
    tree = ElementTree.parse(file_of(site, url))
    return {entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod") for entry in tree.iter(f"{SITEMAP}url")}


def test_robots_txt_points_at_a_sitemap_index_of_both_languages(real_site):
    robots = (real_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots and f"Sitemap: {SITE_URL}sitemap-index.xml" in robots
    index = ElementTree.parse(real_site / "sitemap-index.xml")
    sitemaps = [entry.findtext(f"{SITEMAP}loc") for entry in index.iter(f"{SITEMAP}sitemap")]
    assert sitemaps == [f"{SITE_URL}sitemap.xml", f"{SITE_URL}en/sitemap.xml"]
    for url, prefix in zip(sitemaps, ("", "en/")):
        listed = sitemap(real_site, url)
        assert set(listed) == {url_of(real_site, path) for path in pages(real_site, prefix)}


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_lastmod_is_the_last_git_change_of_each_pages_source(real_site, html_of, prefix):
    """The source is what the page's edit link opens (its data file, template or Markdown), except the
    pages written from all of the data, which are dated by data/; never the build date."""
    listed = sitemap(real_site, f"{SITE_URL}{prefix}sitemap.xml")
    dated = 0
    for url, lastmod in listed.items():
        soup = BeautifulSoup(file_of(real_site, url).read_text(encoding="utf-8"), "html.parser")
        source = soup.select_one('a[rel="edit"]')["href"].split("/edit/main/", 1)[1]
        if url.endswith(("/open-data/", "/whats-new/")):
            source = "data"
        expected = git_date(source) or None
        assert lastmod == expected, f"{url}: {lastmod}, expected {expected} ({source})"
        dated += lastmod is not None
    assert dated > 100


def test_without_history_no_page_has_a_lastmod(tmp_path):
    site = build_both(copy_fixture("mini", tmp_path / "mini"))
    for url in (f"{SITE_URL}sitemap.xml", f"{SITE_URL}en/sitemap.xml"):
        listed = sitemap(site, url)
        assert len(listed) > 5 and set(listed.values()) == {None}


def open_graph(soup) -> dict:
    found = {}
    for meta in soup.select('meta[property^="og:"], meta[name^="twitter:"]'):
        found.setdefault(meta.get("property") or meta["name"], []).append(meta["content"])
    return found


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_page_has_open_graph_and_twitter_tags_in_its_language(real_site, prefix):
    own, other = LOCALES[prefix]
    for path in pages(real_site, prefix):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        tags = open_graph(soup)
        where = path.relative_to(real_site)
        assert tags["og:url"] == [url_of(real_site, path)] == [soup.select_one('link[rel="canonical"]')["href"]], where
        assert tags["og:locale"] == [own] and tags["og:locale:alternate"] == [other], where
        assert tags["twitter:card"] == ["summary_large_image"], where
        for name in ("og:title", "og:description", "og:site_name", "twitter:title", "twitter:description", "og:image:alt"):
            assert len(tags[name]) == 1 and tags[name][0].strip(), (where, name)
            # Each page speaks its own language (Chinese pages may name things in English).
            if prefix == "en/":
                assert not HAN.search(tags[name][0]), (where, name, tags[name][0])
        assert tags["og:description"] == [soup.select_one('meta[name="description"]')["content"]], where
        assert tags["og:image"] == tags["twitter:image"] == [f"{SITE_URL}{prefix}assets/site/preview.png"], where
        assert soup.select_one('link[rel="alternate"][type="application/atom+xml"]')["href"] == f"{SITE_URL}{prefix}feed.xml"
    assert prefix == "en/" or HAN.search(open_graph(BeautifulSoup((real_site / "models/detection/index.html").read_text(
        encoding="utf-8"), "html.parser"))["og:title"][0])


def test_the_preview_image_is_served_by_the_site_at_its_stated_size(real_site, html_of):
    tags = open_graph(html_of(real_site, "en/models/detection"))
    for prefix in ("", "en/"):
        image = real_site / prefix / "assets/site/preview.png"
        assert png_size(image) == (int(tags["og:image:width"][0]), int(tags["og:image:height"][0])) == (1200, 630)


def graph(soup) -> list[dict]:
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    document = json.loads(scripts[0].string)
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


def check_vocabulary(node, where):
    """Every object is of a listed type and uses only that type's listed properties."""
    if isinstance(node, list):
        for item in node:
            check_vocabulary(item, where)
    elif isinstance(node, dict):
        kind = node["@type"]
        assert kind in VOCABULARY, (where, kind)
        assert set(node) - {"@type"} <= VOCABULARY[kind], (where, kind, set(node) - {"@type"} - VOCABULARY[kind])
        for value in node.values():
            check_vocabulary(value, where)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_page_has_json_ld_in_the_vocabulary_with_its_breadcrumbs(real_site, prefix):
    kinds = {}
    for path in pages(real_site, prefix):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(real_site)
        nodes = graph(soup)
        check_vocabulary(nodes, where)
        crumbs = nodes[0]
        assert crumbs["@type"] == "BreadcrumbList", where
        items = crumbs["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert items[0]["item"] == SITE_URL + prefix and items[-1]["item"] == url_of(real_site, path), where
        for item in items:
            assert file_of(real_site, item["item"]).is_file(), (where, item)
        for node in nodes[1:]:
            kinds.setdefault(node["@type"], []).append(where)
    assert len(kinds["ItemList"]) == 16 and len(kinds["Dataset"]) == 1 and len(kinds["SoftwareSourceCode"]) > 20


def test_the_open_data_page_describes_the_dataset_and_its_files(real_site, html_of):
    dataset = graph(html_of(real_site, "en/open-data"))[1]
    assert dataset["@type"] == "Dataset" and dataset["url"] == f"{SITE_URL}en/open-data/"
    downloads = {item["name"]: item for item in dataset["distribution"]}
    assert {"models.json", "benchmarks.json", "atlas.json", "datapackage.json", "model-index.yml"} <= set(downloads)
    assert sum(name.endswith(".csv") for name in downloads) == 16
    for item in downloads.values():
        assert file_of(real_site, item["contentUrl"]).is_file()


def test_a_leaderboard_is_an_item_list_of_its_rows(real_site, html_of):
    soup = html_of(real_site, "en/leaderboards/classification/imagenet-val")
    ranking = graph(soup)[1]
    rows = soup.select("table.zoo-leaderboard tbody tr")
    assert ranking["numberOfItems"] == len(rows) == len(ranking["itemListElement"])
    assert ranking["itemListOrder"] in ORDERS and ranking["itemListOrder"].endswith("Descending")
    assert [item["name"] for item in ranking["itemListElement"]] == [row.select_one("td.zoo-name a").get_text() for row in rows]
    assert ranking["itemListElement"][0]["url"] == f"{SITE_URL}en/models/classification/#senet154-vd"


def test_an_atlas_tool_is_source_code_with_its_repository(real_site, html_of):
    import yaml

    entry = next(entry for entry in yaml.safe_load((REPO / "data/atlas/cv-suites.yml").read_text(encoding="utf-8"))["entries"]
                 if entry["id"] == "paddleocr")
    for prefix, lang in (("", "zh"), ("en/", "en")):
        crumbs, code = graph(html_of(real_site, prefix + "atlas/paddleocr"))
        assert code == {"@type": "SoftwareSourceCode", "name": entry["name"], "description": entry["summary"][lang],
                        "url": f"{SITE_URL}{prefix}atlas/paddleocr/", "codeRepository": "https://github.com/PaddlePaddle/PaddleOCR",
                        "keywords": code["keywords"]}
        # home, the atlas, the category, the entry it belongs to, the entry
        assert [item["item"] for item in crumbs["itemListElement"]] == [
            f"{SITE_URL}{prefix}{path}" for path in ("", "atlas/", "atlas/cv-suites/", "atlas/paddlecv/", "atlas/paddleocr/")]
    # A category page has its breadcrumbs only.
    assert len(graph(html_of(real_site, "en/atlas/cv-suites"))) == 1


def test_data_in_json_ld_cannot_end_its_script(mini, html_of):
    payload = "</script><script>alert(1)</script> & <b>"
    entries = mini / "data" / "atlas" / "tools.yml"
    entries.write_text(entries.read_text(encoding="utf-8").replace("name: Hammer", f"name: '{payload}'", 1),
                       encoding="utf-8")
    site = build_both(mini)
    raw = (site / "en/atlas/hammer/index.html").read_text(encoding="utf-8")
    script = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script and "&" not in script.replace("\\u0026", "")
    names = [item["name"] for item in graph(html_of(site, "en/atlas/hammer"))[0]["itemListElement"]]
    assert names[-1] == payload
    assert html_of(site, "en/atlas/hammer").select_one('meta[property="og:title"]')["content"] == payload
