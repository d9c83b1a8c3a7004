"""A page for every model and for every hardware target (issue 19, items 1 and 4),
checked on the real site against tests/zoo_models.py, a reading of data/ that
shares nothing with the hooks: every model has its page in both languages and
in the sitemap, each result states its rank as an independent ranking gives
it, the JSON-LD describes the model, tables, leaderboards, the tag index and
the compare view's data lead to the pages, and the hardware pages and their
task × hardware matrix count the models the data says run there."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
from site_facts import of_language
from zoo_models import Zoo

SITE_URL = "https://paddle-atlas.github.io/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PREFIXES = ("", "en/")
LANG = {"": "zh", "en/": "en"}
ROW = re.compile(r'<tr data-benchmark="(?P<benchmark>[^"]+)"(?: data-backbone="(?P<backbone>[^"]+)")?>(?P<cells>.*?)</tr>', re.S)
RANK_CELL = re.compile(r'<td class="zoo-rank">(.*?)</td>', re.S)
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def zoo(data) -> Zoo:
    return Zoo(data.root)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(TAG.sub("", html))).strip()


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}" + {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def rank_text(rank: int | None, count: int, lang: str) -> str:
    if rank is None:
        return "未排名（缺少第一个指标的成绩）" if lang == "zh" else "not ranked (no value for the first metric)"
    return f"第 {rank} 名，共 {count} 个" if lang == "zh" else f"{ordinal(rank)} of {count}"


def links_from(page) -> set[str]:
    """The site paths a page's article links to, resolved and without their anchors."""
    return {urljoin(page.url, href).split("#")[0] for href in page.article_links if not href.startswith(("http", "#"))}


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_model_has_its_page_and_every_model_page_a_model(site_pages, zoo, prefix):
    wanted = {"/" + prefix + model.path for model in zoo.models}
    built = {page.url for page in of_language(site_pages, prefix)
             if re.fullmatch(r"models/[^/]+/[^/]+/", page.path)}
    assert wanted - built == set(), "models without a page"
    assert built - wanted == set(), "model pages without a model"


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_sitemap_lists_every_model_and_hardware_page(real_site, zoo, prefix):
    tree = ElementTree.parse(real_site / prefix / "sitemap.xml")
    listed = {entry.findtext(f"{SITEMAP}loc") for entry in tree.iter(f"{SITEMAP}url")}
    wanted = {SITE_URL + prefix + model.path for model in zoo.models}
    wanted |= {f"{SITE_URL}{prefix}hardware/{target}/" for target in zoo.on_target()} | {f"{SITE_URL}{prefix}hardware/"}
    assert wanted - listed == set()


@pytest.mark.parametrize("prefix", PREFIXES)
def test_each_result_states_its_rank_as_an_independent_ranking_gives_it(real_site, zoo, prefix):
    ranks, lang = zoo.ranks(), LANG[prefix]
    checked = 0
    for model in zoo.models:
        html = (real_site / prefix / model.path / "index.html").read_text(encoding="utf-8")
        rows = list(ROW.finditer(html))
        assert [(row["benchmark"], row["backbone"] and unescape(row["backbone"])) for row in rows] == \
               [(benchmark, backbone) for benchmark, backbone, _ in model.results], model.path
        for row in rows:
            shown = text(RANK_CELL.search(row["cells"])[1])
            key = (model.id, row["benchmark"], row["backbone"] and unescape(row["backbone"]))
            if (model.section, row["benchmark"]) not in zoo.benchmarks:
                assert shown == ("无排行榜（只有耗时与大小）" if lang == "zh" else "no leaderboard (times and sizes only)")
                continue
            assert shown == rank_text(*ranks[key], lang), (model.path, key)
            checked += 1
    assert checked >= len(ranks) // 2


@pytest.mark.parametrize("prefix", PREFIXES)
def test_each_model_page_describes_its_model_in_json_ld(site_pages, zoo, prefix):
    lang = LANG[prefix]
    for model in zoo.models:
        page = site_pages["/" + prefix + model.path]
        graph = json.loads(page.json_ld[0])["@graph"]
        described = [node for node in graph if node["@type"] == "CreativeWork"]
        assert len(described) == 1, page.url
        node = described[0]
        assert node["name"] == model.name[lang] and node["url"] == page.canonical == SITE_URL + prefix + model.path
        assert node["isPartOf"] == f"{SITE_URL}{prefix}models/{model.section}/"
        assert node["description"] == page.description
        assert [item["item"] for item in graph[0]["itemListElement"]][-2:] == [node["isPartOf"], node["url"]]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_section_tables_leaderboards_and_the_tag_index_lead_to_the_model_pages(real_site, site_pages, zoo, article_of,
                                                                               prefix):
    pages = {model.id: "/" + prefix + model.path for model in zoo.models}
    for section, _ in zoo.sections:
        url = f"/{prefix}models/{section}/"
        # Every row of every table on the section page (its benchmarks and its list of models) names its model
        # in its pick box; the model's name leads to the model's page.
        for row in article_of(real_site, url.strip("/")).select("table tbody tr:has(input[data-model])"):
            name = row.select_one("td.zoo-name a, h3.zoo-model-heading a")
            assert urljoin(url, name["href"]) == pages[row.select_one("input[data-model]")["data-model"]], (url, name)
    tags = links_from(site_pages[f"/{prefix}tags/"])
    for model in zoo.models:
        assert pages[model.id] in tags, model.id
        for benchmark, _, result in model.results:
            if (model.section, benchmark) in zoo.benchmarks:
                board = site_pages[f"/{prefix}leaderboards/{model.section}/{benchmark}/"]
                assert pages[model.id] in links_from(board), (board.url, model.id)


def test_the_compare_views_data_addresses_each_model_by_its_page(real_site, zoo):
    listed = {m["model_id"]: m["url"] for m in json.loads((real_site / "data/models.json").read_text("utf-8"))["models"]}
    assert listed == {model.id: {lang: SITE_URL + prefix + model.path for prefix, lang in LANG.items()}
                      for model in zoo.models}


@pytest.mark.parametrize("prefix", PREFIXES)
def test_each_hardware_page_lists_the_models_that_run_there(site_pages, zoo, prefix):
    on_target = zoo.on_target()
    built = {page.path.split("/")[1] for page in of_language(site_pages, prefix)
             if re.fullmatch(r"hardware/[^/]+/", page.path)}
    assert built == set(on_target)
    for target, models in on_target.items():
        listed = {link for link in links_from(site_pages[f"/{prefix}hardware/{target}/"]) if "/models/" in link}
        # The breadcrumbs lead to the Model Zoo; every other model link is a model's page.
        assert listed - {f"/{prefix}models/"} == {"/" + prefix + model.path for model in models}, target


def test_the_hardware_page_shows_the_times_measured_there(real_site, zoo, article_of):
    """On the page of the target the most models run on: each model's row holds its first time under each of
    that target's conditions, as a number equal to the data's."""
    on_target = zoo.on_target()
    target = max(on_target, key=lambda t: (len(on_target[t]), t))
    conditions = [c["id"] for c in zoo.hardware["conditions"] if c["target"] == target]
    measured = [c for c in conditions if any(c in r.get("time", {}) for m in on_target[target] for _, _, r in m.results)]
    soup = article_of(real_site, f"en/hardware/{target}")
    timed = 0
    for model in on_target[target]:
        link = soup.select_one(f'a[href$="/{model.section}/{model.id}/"]')
        cells = [cell.get_text(strip=True) for cell in link.find_parent("tr").select("td")[1:]]
        times = {}
        for _, _, result in model.results:
            for condition, number in result.get("time", {}).items():
                times.setdefault(condition, number)
        assert len(cells) == len(measured), model.id
        for condition, cell in zip(measured, cells):
            assert (float(cell) if cell != "—" else None) == times.get(condition), (model.id, condition)
            timed += condition in times
    assert timed > 0


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_matrix_counts_the_models_of_each_task_on_each_target(real_site, zoo, article_of, prefix):
    on_target = zoo.on_target()
    soup = article_of(real_site, prefix + "hardware")
    table = soup.select_one("table.zoo-matrix")
    assert table.caption.get_text(strip=True)
    columns = [th.a["href"].strip("./").split("/")[-1] for th in table.select("thead th[scope=col]")[1:]]
    order = [t["id"] for t in zoo.hardware["targets"]]
    assert columns == sorted(on_target, key=order.index)
    counts = {}
    for row in table.select("tbody tr"):
        section = row.select_one("th[scope=row] a")["href"].strip("./").split("/")[-1]
        counts[section] = [int(td.get_text(strip=True)) for td in row.select("td")]
    expected = {}
    for section, _ in zoo.sections:
        row = [sum(model.section == section for model in on_target[target]) for target in columns]
        if any(row):
            expected[section] = row
    assert counts == expected
    totals = [int(td.get_text(strip=True)) for td in table.select("tfoot td")]
    assert totals == [len(on_target[target]) for target in columns]
