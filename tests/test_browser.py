"""What only a browser shows: search, language switching, sorting, and no outside requests."""

from __future__ import annotations

import pytest
from conftest import search


@pytest.mark.parametrize("prefix, query, first", [
    ("", "目标检测", "/models/detection/"),
    ("en/", "object detection", "/en/models/detection/"),
    ("", "detection", "/models/detection/"),  # a whole English word in the Chinese index
])
def test_search_puts_the_detection_page_first(page, real_url, prefix, query, first):
    assert search(page, real_url, prefix, query)[0] == first


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_resnet50_finds_the_classification_page(page, real_url, prefix):
    assert f"/{prefix}models/classification/" in search(page, real_url, prefix, "ResNet50")


def test_english_search_shows_only_english_pages(page, real_url):
    results = search(page, real_url, "en/", "PaddlePaddle")
    assert len(results) >= 5
    assert all(path.startswith("/en/") for path in results)


def test_chinese_search_shows_only_chinese_pages(page, real_url):
    results = search(page, real_url, "", "飞桨")
    assert len(results) >= 5
    assert not any(path.startswith("/en/") for path in results)


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("query, entry", [("FastDeploy", "fastdeploy"), ("Paddle Lite", "paddle-lite"), ("ChatGLM2", "chatglm2")])
def test_tool_names_find_their_atlas_entry_first(page, real_url, prefix, query, entry):
    assert search(page, real_url, prefix, query)[0] == f"/{prefix}atlas/{entry}/"


@pytest.mark.parametrize("prefix, query, wanted", [
    ("", "模型压缩", {"/atlas/paddleslim/", "/models/compression/", "/atlas/compression-conversion/"}),
    ("en/", "model compression", {"/en/atlas/paddleslim/", "/en/models/compression/"}),
    ("", "推理部署", {"/atlas/deployment/", "/atlas/paddle-deployment/"}),
    ("en/", "inference deployment", {"/en/atlas/deployment/", "/en/atlas/paddle-deployment/"}),
    ("", "信息抽取", {"/atlas/information-extraction/"}),
    ("en/", "information extraction", {"/en/atlas/information-extraction/"}),
])
def test_tasks_find_their_entries_near_the_top(page, real_url, prefix, query, wanted):
    assert wanted & set(search(page, real_url, prefix, query)[:3])


def test_language_switcher_leads_to_the_same_page(page, real_url):
    page.goto(f"{real_url}/models/detection/")
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{real_url}/en/models/detection/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("Object detection")
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="中文").click()
    page.wait_for_url(f"{real_url}/models/detection/")
    assert page.locator("html").get_attribute("lang") == "zh"


def column(page, table, index: int) -> list[str]:
    return table.locator("tbody tr").evaluate_all(f"rows => rows.map(r => r.cells[{index}].textContent.trim())")


def test_columns_sort_by_number(page, mini_url):
    page.goto(f"{mini_url}/en/models/demo/")
    table = page.locator("h3#benchmark-imagenet-val + div table")
    header = table.locator("thead th", has_text="Top-1 accuracy")
    header.click()
    values = [float(v.split()[0]) for v in column(page, table, 1)]
    assert values == sorted(values)  # as numbers: 9.5 < 45.0 < 104.5, where text would put 104.5 first
    header.click()
    values = [float(v.split()[0]) for v in column(page, table, 1)]
    assert values == sorted(values, reverse=True)
    table.locator("thead th", has_text="Model").click()
    assert column(page, table, 0) == ["Alpha", "Beta", "Gamma"]


def test_real_tables_sort_in_the_browser(page, real_url):
    page.goto(f"{real_url}/en/models/classification/")
    table = page.locator("h3#benchmark-imagenet-val ~ .zoo-table-wrap table").first
    table.locator("thead th", has_text="Top-5").click()
    values = [float(v.split()[0]) for v in column(page, table, 2)]
    assert values == sorted(values) and len(values) == 18


@pytest.mark.parametrize("path", ["", "en/", "models/detection/", "en/atlas/fastdeploy/", "tags/"])
def test_pages_fetch_nothing_from_elsewhere(page, real_url, path):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{real_url}/{path}")
    page.wait_for_load_state("networkidle")
    outside = [url for url in requests if not url.startswith(real_url) and not url.startswith("data:")]
    assert requests and not outside
