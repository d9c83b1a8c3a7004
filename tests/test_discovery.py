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
from functools import cache
from pathlib import Path

import pytest

from expected import both
from page_kinds import largest_table
from site_facts import of_language
from zoo_models import Zoo
from sites import PROJECT, build_both, copy_fixture

SITE_URL = "https://paddle-atlas.github.io/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HAN = re.compile(r"[\u4e00-\u9fff]")
LOCALES = {"": ("zh_CN", "en_US"), "en/": ("en_US", "zh_CN")}

# The schema.org types the pages use, each with every property a page may give
# it. Checked against schema.org's vocabulary as the npm package schema-dts 2.1.0
# types it (each type's own properties and those it inherits: Thing, CreativeWork,
# MediaObject, ItemList); a type or property outside this list fails the test.
# A model's page is a CreativeWork: schema.org has no type for a trained model.
VOCABULARY = {
    "BreadcrumbList": {"itemListElement"},
    "ListItem": {"position", "name", "item", "url"},
    "ItemList": {"name", "url", "numberOfItems", "itemListOrder", "itemListElement"},
    "Dataset": {"name", "description", "url", "license", "isAccessibleForFree", "inLanguage", "keywords", "distribution"},
    "DataDownload": {"contentUrl", "encodingFormat", "name"},
    "SoftwareSourceCode": {"name", "description", "url", "codeRepository", "keywords"},
    "CreativeWork": {"name", "alternateName", "description", "url", "isPartOf", "keywords", "citation", "encoding"},
    "MediaObject": {"name", "contentUrl"},
}
ORDERS = {"https://schema.org/ItemListOrderAscending", "https://schema.org/ItemListOrderDescending"}


def pages(site_pages: dict, prefix: str) -> list:
    """Every page of one language, the 404 page left out (tests/site_facts.py)."""
    return [page for page in of_language(site_pages, prefix) if not page.url.endswith("404.html")]


def address(page) -> str:
    return SITE_URL + page.url.lstrip("/")


def file_of(site: Path, url: str) -> Path:
    """The built file a site address is served from."""
    assert url.startswith(SITE_URL), url
    path = url.removeprefix(SITE_URL).split("#")[0]
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def with_history() -> bool:
    """Whether the project is a clone with its whole history (a shallow clone or a copy has none)."""
    shallow = subprocess.run(["git", "-C", str(PROJECT), "rev-parse", "--is-shallow-repository"],
                             capture_output=True, text=True)
    return shallow.returncode == 0 and shallow.stdout.strip() == "false"


@cache  # many pages share a source (a section's model pages, its data file)
def git_date(*paths: str) -> str:
    return subprocess.run(["git", "-C", str(PROJECT), "log", "-1", "--format=%cs", "--", *paths],
                          capture_output=True, text=True, check=True).stdout.strip()


def sitemap(site: Path, url: str) -> dict[str, str | None]:
    """{page address: lastmod or None} of one sitemap."""
    tree = ElementTree.parse(file_of(site, url))
    return {entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod") for entry in tree.iter(f"{SITEMAP}url")}


def test_robots_txt_points_at_a_sitemap_index_of_both_languages(real_site, site_pages):
    robots = (real_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots and f"Sitemap: {SITE_URL}sitemap-index.xml" in robots
    # Each line a directive crawlers know (or blank), and nothing of the site disallowed.
    assert all(re.fullmatch(r"(|#.*|(user-agent|allow|disallow|sitemap): *\S+)", line, re.I) for line in robots), robots
    assert not [line for line in robots if re.fullmatch(r"disallow: *\S+", line, re.I)], robots
    index = ElementTree.parse(real_site / "sitemap-index.xml")
    sitemaps = [entry.findtext(f"{SITEMAP}loc") for entry in index.iter(f"{SITEMAP}sitemap")]
    assert sitemaps == [f"{SITE_URL}sitemap.xml", f"{SITE_URL}en/sitemap.xml"]
    for url, prefix in zip(sitemaps, ("", "en/")):
        listed = sitemap(real_site, url)
        assert set(listed) == {address(page) for page in pages(site_pages, prefix)}


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_lastmod_is_the_last_git_change_of_each_pages_source(real_site, site_pages, prefix):
    """The source is what the page's edit link opens (its data file, template or Markdown), except the
    pages written from all of the data, which are dated by data/; never the build date. Built without
    the whole history (a shallow clone), no page has one."""
    listed = sitemap(real_site, f"{SITE_URL}{prefix}sitemap.xml")
    history = with_history()
    for url, lastmod in listed.items():
        source = site_pages["/" + url.removeprefix(SITE_URL)].edit.split("/edit/main/", 1)[1]
        if url.endswith(("/open-data/", "/whats-new/")):
            source = "data"
        expected = (git_date(source) or None) if history else None
        assert lastmod == expected, f"{url}: {lastmod}, expected {expected} ({source})"


def test_without_history_no_page_has_a_lastmod(tmp_path):
    site = build_both(copy_fixture("mini", tmp_path / "mini"))
    for url in (f"{SITE_URL}sitemap.xml", f"{SITE_URL}en/sitemap.xml"):
        listed = sitemap(site, url)
        assert len(listed) > 5 and set(listed.values()) == {None}


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_page_has_open_graph_and_twitter_tags_in_its_language(site_pages, prefix):
    own, other = LOCALES[prefix]
    for page in pages(site_pages, prefix):
        tags, where = page.meta, page.url
        assert tags["og:url"] == [address(page)] == [page.canonical], where
        assert tags["og:locale"] == [own] and tags["og:locale:alternate"] == [other], where
        assert tags["twitter:card"] == ["summary_large_image"], where
        for name in ("og:title", "og:description", "og:site_name", "twitter:title", "twitter:description", "og:image:alt"):
            assert len(tags[name]) == 1 and tags[name][0].strip(), (where, name)
            # Each page speaks its own language (Chinese pages may name things in English).
            if prefix == "en/":
                assert not HAN.search(tags[name][0]), (where, name, tags[name][0])
        assert tags["og:description"] == [page.description], where
        assert tags["og:image"] == tags["twitter:image"] == [f"{SITE_URL}{prefix}assets/site/preview.png"], where
        assert page.feed == f"{SITE_URL}{prefix}feed.xml", where
    assert prefix == "en/" or any(HAN.search(page.meta["og:title"][0]) for page in pages(site_pages, prefix))


def test_the_preview_image_is_served_by_the_site_at_its_stated_size(real_site, site_pages):
    tags = site_pages["/en/"].meta
    for prefix in ("", "en/"):
        image = real_site / prefix / "assets/site/preview.png"
        assert png_size(image) == (int(tags["og:image:width"][0]), int(tags["og:image:height"][0])) == (1200, 630)


def graph(page) -> list[dict]:
    """A page's JSON-LD graph (page: tests/site_facts.py's Page)."""
    assert len(page.json_ld) == 1
    document = json.loads(page.json_ld[0])
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
def test_every_page_has_json_ld_in_the_vocabulary_with_its_breadcrumbs(site_pages, data, prefix):
    kinds = {}
    for page in pages(site_pages, prefix):
        nodes = graph(page)
        check_vocabulary(nodes, page.url)
        crumbs = nodes[0]
        assert crumbs["@type"] == "BreadcrumbList", page.url
        items = crumbs["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert items[0]["item"] == SITE_URL + prefix and items[-1]["item"] == address(page), page.url
        for item in items:
            assert "/" + item["item"].removeprefix(SITE_URL) in site_pages, (page.url, item)
        for node in nodes[1:]:
            kinds.setdefault(node["@type"], []).append(page.url)
    with_code = [entry for _, entry in data.entries if any(data.kind_of(link) == "repository" for link in entry["links"])]
    assert {kind: len(found) for kind, found in kinds.items()} == {
        "ItemList": len(data.tables), "Dataset": 1, "CreativeWork": len(Zoo(data.root).models),
        **({"SoftwareSourceCode": len(with_code)} if with_code else {})}


def test_the_open_data_page_describes_the_dataset_and_its_files(real_site, site_pages, data):
    dataset = graph(site_pages["/en/open-data/"])[1]
    assert dataset["@type"] == "Dataset" and dataset["url"] == f"{SITE_URL}en/open-data/"
    downloads = {item["name"]: item for item in dataset["distribution"]}
    assert {"models.json", "benchmarks.json", "atlas.json", "datapackage.json", "model-index.yml"} <= set(downloads)
    assert sum(name.endswith(".csv") for name in downloads) == len(data.tables)
    for item in downloads.values():
        assert file_of(real_site, item["contentUrl"]).is_file()


def test_a_leaderboard_is_an_item_list_of_its_rows(real_site, site_pages, html_of, data):
    section, benchmark = largest_table(data)
    path = f"en/leaderboards/{section['id']}/{benchmark['id']}/"
    soup = html_of(real_site, path)
    ranking = graph(site_pages["/" + path])[1]
    rows = soup.select("table.zoo-leaderboard tbody tr")
    assert ranking["numberOfItems"] == len(rows) == len(ranking["itemListElement"]) == len(data.rows_of(section, benchmark))
    higher = data.metrics[benchmark["metrics"][0]]["higher_is_better"]
    assert ranking["itemListOrder"] in ORDERS and ranking["itemListOrder"].endswith("Descending" if higher else "Ascending")
    assert [item["name"] for item in ranking["itemListElement"]] == [row.select_one("td.zoo-name a").get_text() for row in rows]
    best = data.best(section, benchmark, benchmark["metrics"][0]).model["id"]
    assert ranking["itemListElement"][0]["url"] == f"{SITE_URL}en/models/{section['id']}/{best}/"


def test_an_atlas_tool_is_source_code_with_its_repository(site_pages, data):
    """An entry inside another, with a repository: its code, and breadcrumbs through every entry above it."""
    entries = {entry["id"]: (category, entry) for category, entry in data.entries}
    category, entry = next((category, entry) for category, entry in data.entries if entry.get("parent")
                           and any(data.kind_of(link) == "repository" for link in entry["links"]))
    above, parent = [], entry.get("parent")
    while parent:
        above.insert(0, f"atlas/{parent}/")
        parent = entries[parent][1].get("parent")
    repository = next(link["url"] for link in entry["links"] if data.kind_of(link) == "repository")
    for prefix, lang in (("", "zh"), ("en/", "en")):
        crumbs, code = graph(site_pages[f"/{prefix}atlas/{entry['id']}/"])
        assert code == {"@type": "SoftwareSourceCode", "name": both(entry["name"])[lang], "description": entry["summary"][lang],
                        "url": f"{SITE_URL}{prefix}atlas/{entry['id']}/", "codeRepository": repository,
                        "keywords": code["keywords"]}
        # home, the atlas, the category, the entries it belongs to, the entry
        assert [item["item"] for item in crumbs["itemListElement"]] == [
            f"{SITE_URL}{prefix}{path}" for path in ("", "atlas/", f"atlas/{category}/", *above, f"atlas/{entry['id']}/")]
    # A category page has its breadcrumbs only.
    assert len(graph(site_pages[f"/en/atlas/{category}/"])) == 1


def test_data_in_json_ld_cannot_end_its_script(mini, html_of):
    payload = "</script><script>alert(1)</script> & <b>"
    entries = mini / "data" / "atlas" / "tools.yml"
    entries.write_text(entries.read_text(encoding="utf-8").replace("name: Hammer", f"name: '{payload}'", 1),
                       encoding="utf-8")
    site = build_both(mini)
    raw = (site / "en/atlas/hammer/index.html").read_text(encoding="utf-8")
    script = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script and "&" not in script.replace("\\u0026", "")
    names = [item["name"] for item in json.loads(script)["@graph"][0]["itemListElement"]]
    assert names[-1] == payload
    assert html_of(site, "en/atlas/hammer").select_one('meta[property="og:title"]')["content"] == payload
