"""What only a browser shows: search, language switching and sorting."""

from __future__ import annotations

import pytest

from browsing import SharedContext
from expected import both
from page_kinds import largest_section, largest_table


@pytest.mark.parametrize("prefix, query, first", [
    ("", "目标检测", "/models/detection/"),
    ("en/", "object detection", "/en/models/detection/"),
])
def test_search_puts_the_detection_page_first(searcher, real_url, prefix, query, first):
    assert searcher.pages(f"{real_url}/{prefix}", query)[0] == first


def test_an_english_word_in_the_chinese_index_finds_its_sections(searcher, real_url, data):
    """"detection" typed on the Chinese site: a whole English word in the Chinese index. Since the PaddleX
    import there are several detection tasks (text, layout, 3D, anomalies), each an equally fair answer."""
    detecting = {f"/models/{section['id']}/" for section in data.sections if section["id"].endswith("detection")}
    results = searcher.pages(f"{real_url}/", "detection")
    assert results[0] in detecting and "/models/detection/" in results[:len(detecting)]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_resnet50_finds_the_classification_page(searcher, real_url, prefix):
    assert f"/{prefix}models/classification/" in searcher.pages(f"{real_url}/{prefix}", "ResNet50")


def test_english_search_shows_only_english_pages(searcher, real_url):
    results = searcher.pages(f"{real_url}/en/", "PaddlePaddle")
    assert len(results) >= 5
    assert all(path.startswith("/en/") for path in results)


def test_chinese_search_shows_only_chinese_pages(searcher, real_url):
    results = searcher.pages(f"{real_url}/", "飞桨")
    assert len(results) >= 5
    assert not any(path.startswith("/en/") for path in results)


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("query, entry", [("FastDeploy", "fastdeploy"), ("Paddle Lite", "paddle-lite"), ("ChatGLM2", "chatglm2")])
def test_tool_names_find_their_atlas_entry_first(searcher, real_url, prefix, query, entry):
    assert searcher.pages(f"{real_url}/{prefix}", query)[0] == f"/{prefix}atlas/{entry}/"


@pytest.mark.parametrize("prefix, query, wanted", [
    ("", "模型压缩", {"/atlas/paddleslim/", "/models/compression/", "/atlas/compression-conversion/"}),
    ("en/", "model compression", {"/en/atlas/paddleslim/", "/en/models/compression/"}),
    ("", "推理部署", {"/atlas/deployment/", "/atlas/paddle-deployment/"}),
    ("en/", "inference deployment", {"/en/atlas/deployment/", "/en/atlas/paddle-deployment/"}),
    ("", "信息抽取", {"/atlas/information-extraction/"}),
    ("en/", "information extraction", {"/en/atlas/information-extraction/"}),
])
def test_tasks_find_their_entries_near_the_top(searcher, real_url, prefix, query, wanted):
    assert wanted & set(searcher.pages(f"{real_url}/{prefix}", query)[:3])


def test_language_switcher_leads_to_the_same_page(page, real_url, data):
    section = largest_section(data)
    page.goto(f"{real_url}/models/{section['id']}/")
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{real_url}/en/models/{section['id']}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith(both(section["title"])["en"])
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="中文").click()
    page.wait_for_url(f"{real_url}/models/{section['id']}/")
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


def test_real_tables_sort_in_the_browser(page, real_url, data):
    """The longest table, by its last metric: as numbers, every row."""
    section, benchmark = largest_table(data)
    metric = data.metrics[benchmark["metrics"][-1]]
    page.goto(f"{real_url}/en/models/{section['id']}/")
    table = page.locator(f"h3#benchmark-{benchmark['id']} ~ .zoo-table-wrap table").first
    header = table.locator("thead th")
    index = header.count() - 1
    header.nth(index).click()
    values = [float(v.split()[0]) for v in column(page, table, index)]
    assert values == sorted(values) and len(values) == len(data.rows_of(section, benchmark)), metric["id"]


# What a page fetched, by its resource timings: a transfer size of 0 means it came from the cache.
TRANSFERRED = "performance.getEntriesByType('resource').filter(e => e.name.endsWith('.css')).map(e => e.transferSize)"


def test_a_test_leaves_the_next_one_no_storage_cookie_or_cache(browser, mini_url):
    """The tabs tests open in turn (`SharedContext`, tests/browsing.py) share a context: what one test's
    tabs stored or fetched is cleared before the next test's tab opens."""
    shared = SharedContext(browser, False, {})  # as most tests' tabs are: the index without its documents
    try:
        first = shared.new_page()
        first.goto(f"{mini_url}/")
        first.evaluate("localStorage.setItem('left', 'behind'); document.cookie = 'left=behind'")
        again = shared.new_page()
        again.goto(f"{mini_url}/")
        # Without clearing, the next tab sees all three.
        assert again.evaluate("[localStorage.getItem('left'), document.cookie]") == ["behind", "left=behind"]
        assert again.evaluate(TRANSFERRED) and not any(again.evaluate(TRANSFERRED))
        shared.forget()
        assert shared.context.pages == [shared.keeper]
        after = shared.new_page()
        after.goto(f"{mini_url}/")
        assert after.evaluate("[localStorage.getItem('left'), document.cookie]") == [None, ""]
        assert after.evaluate(TRANSFERRED) and all(after.evaluate(TRANSFERRED))
    finally:
        shared.close()
