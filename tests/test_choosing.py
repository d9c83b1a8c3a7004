"""Choosing a model: leaderboards, the compare view, filters, and numbers exactly as written."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
import yaml

from sites import REPO, build_both
from zoosite.yaml_strict import read

LANGUAGES = ("", "en/")


def benchmarks_with_metrics():
    for path in sorted((REPO / "data" / "models").glob("*.yml")):
        section = yaml.safe_load(path.read_text(encoding="utf-8"))
        for benchmark in section.get("benchmarks", []):
            if benchmark["metrics"]:
                yield section, benchmark


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_benchmark_has_a_leaderboard_and_the_index_lists_it(real_site, html_of, prefix):
    index = html_of(real_site, prefix + "leaderboards")
    listed = {cell["data-leaderboard"]: cell.find_parent("tr") for cell in index.select("[data-leaderboard]")}
    found = 0
    for section, benchmark in benchmarks_with_metrics():
        key = f"{section['id']}/{benchmark['id']}"
        board = html_of(real_site, f"{prefix}leaderboards/{key}")
        rows = board.select("table.zoo-leaderboard tbody tr")
        results = [r for m in section["models"] for r in m.get("results", []) if r["benchmark"] == benchmark["id"]]
        assert len(rows) == len(results) == int(listed[key].select_one("[data-leaderboard]").get_text())
        leader = rows[0].select_one("td.zoo-name a")
        assert listed[key].select("td")[-1].select_one("a").get_text() == leader.get_text()
        # Each row leads to the model's row on its section page; the page leads back to the table.
        assert leader["href"].startswith(f"../../../models/{section['id']}/#")
        assert board.select_one(f'a[href="../../../models/{section["id"]}/#benchmark-{benchmark["id"]}"]')
        assert board.select_one("figure.zoo-charts svg[role=img]"), f"{key} has no chart"
        found += 1
    assert found == 16 == len(listed)
    home = html_of(real_site, prefix)
    assert home.select_one('a[href="leaderboards/"]'), "the home page does not lead to the leaderboards"
    assert any(a["href"].endswith("leaderboards/") for a in index.select("nav.md-nav a[href]")) or \
        index.select_one('.md-nav a.md-nav__link--active[href="./"]')


def test_ranks_follow_the_first_metric_and_ties_share_a_rank(mini, html_of):
    path = mini / "data/models/demo.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("models:\n", """models:
  - id: delta
    name: Delta
    description: {zh: 第四个模型。, en: The fourth model.}
    links:
      - {title: Delta, url: "https://github.com/example/delta"}
    results:
      - {benchmark: imagenet-val, values: {top1: 45.0}}
""", 1), encoding="utf-8")
    site = build_both(mini)
    board = html_of(site, "en/leaderboards/demo/imagenet-val")
    ranks = [(row.select_one("td.zoo-rank").get_text(), row.select_one("td.zoo-name a").get_text())
             for row in board.select("tbody tr")]
    assert ranks[0] == ("1", "Beta") and ranks[3] == ("4", "Gamma")
    assert sorted(ranks[1:3]) == [("2", "Alpha"), ("2", "Delta")]
    errors = html_of(site, "en/leaderboards/demo/lines-error")  # lower is better
    assert [row.select_one("td.zoo-name a").get_text() for row in errors.select("tbody tr")] == ["Beta", "Alpha"]


def written_values():
    """Every number in the data, with the text its file writes it as."""
    for path in sorted((REPO / "data" / "models").glob("*.yml")):
        document = read(str(path))
        section = document.data
        metrics = {b["id"]: b["metrics"] for b in section.get("benchmarks", [])}
        for i, model in enumerate(section.get("models", [])):
            for j, result in enumerate(model.get("results", [])):
                for metric in metrics[result["benchmark"]]:
                    yield (section["id"], model, result, metric,
                           document.plain[("models", i, "results", j, "values", metric)], metrics[result["benchmark"]])


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_number_renders_exactly_as_written(real_site, html_of, prefix):
    pages, checked = {}, 0
    for section, model, result, metric, text, metrics in written_values():
        for path in (f"models/{section}", f"leaderboards/{section}/{result['benchmark']}"):
            soup = pages.setdefault(path, html_of(real_site, prefix + path))
            table = soup.select_one(f"#benchmark-{result['benchmark']} ~ div table") if path.startswith("models/") \
                else soup.select_one("table.zoo-leaderboard")
            # The metric columns are the last ones, in the benchmark's order.
            column = len(table.select("thead th")) - len(metrics) + metrics.index(metric)
            rows = [tr for tr in table.select("tbody tr") if tr.select_one(f'input[data-model="{model["id"]}"]')]
            row = next(tr for tr in rows if not result.get("backbone") or result["backbone"] in tr.get_text())
            assert row.select("td")[column].get_text(" ", strip=True).split(" ")[0] == text, (path, model["id"], metric)
            checked += 1
        results = pages[f"models/{section}"].select_one(f"tr:has(h3#{model['id']})").select("td")[1].get_text(" ")
        assert re.search(rf"(^|\s){re.escape(text)}%?(\s|$)", results), (section, model["id"], text)
    assert checked > 100


def test_compare_models_from_two_sections_and_keep_them_across_languages(page, real_url):
    page.goto(f"{real_url}/en/models/classification/")
    imagenet = page.locator("#benchmark-imagenet-val ~ div table").first
    imagenet.locator('input.zoo-pick[data-model="resnet50"]').check()
    assert not page.locator(".zoo-compare-bar").is_visible(), "the bar shows before two models are picked"
    imagenet.locator('input.zoo-pick[data-model="vgg19"]').check()
    # The same model's box in the models table follows.
    assert page.locator('#models ~ .zoo-table-wrap input.zoo-pick[data-model="vgg19"]').is_checked()
    page.goto(f"{real_url}/en/models/detection/")
    assert page.locator(".zoo-compare-bar").is_visible()
    page.locator('#models ~ .zoo-table-wrap input.zoo-pick[data-model="yolov3"]').check()
    assert page.locator(".zoo-compare-bar__count").inner_text() == "3"
    page.locator(".zoo-compare-bar__go").click()
    page.wait_for_url(f"{real_url}/en/compare/?m=resnet50,vgg19,yolov3")
    header = page.locator(".zoo-compare table").first.locator("thead th")
    page.wait_for_selector(".zoo-compare #others")
    assert header.all_inner_texts()[1:] == ["ResNet50", "VGG19", "YOLOv3"]
    shared = page.locator(".zoo-compare table").nth(1)
    top1 = shared.locator("tbody tr", has_text="Top-1 accuracy").locator("td").all_inner_texts()
    assert [cell.split()[0] for cell in top1] == ["76.50", "72.56", "—"]
    assert shared.locator("tbody tr", has_text="Top-1 accuracy").locator("td").first.locator("strong").inner_text() == "76.50"
    assert "box mAP (0.50:0.95) 38.9%" in page.locator(".zoo-compare__others").inner_text()
    # The language switcher keeps the selection.
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="中文").click()
    page.wait_for_url(f"{real_url}/compare/?m=resnet50,vgg19,yolov3")
    page.wait_for_selector(".zoo-compare #others")
    assert page.locator(".zoo-compare table").first.locator("thead th").all_inner_texts()[1:] == ["ResNet50", "VGG19", "YOLOv3"]
    assert "图像分类" in page.locator(".zoo-compare table tbody tr").first.inner_text()
    page.goto(f"{real_url}/models/classification/")
    assert page.locator('input.zoo-pick[data-model="resnet50"]').first.is_checked()


def test_an_unknown_id_is_named_and_the_rest_still_shown(page, real_url):
    page.goto(f"{real_url}/en/compare/?m=resnet50,no-such-model,vgg19")
    page.wait_for_selector(".zoo-compare table")
    assert "No model has the id no-such-model." in page.locator(".zoo-compare__problem").inner_text()
    assert page.locator(".zoo-compare table").first.locator("thead th").all_inner_texts()[1:] == ["ResNet50", "VGG19"]


def test_without_javascript_the_compare_page_says_it_needs_it(browser, real_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{real_url}/en/compare/?m=resnet50,vgg19")
    assert "needs JavaScript" in page.locator("article").inner_text()
    page.goto(f"{real_url}/en/models/classification/")
    assert not page.locator("input.zoo-pick").first.is_visible()
    context.close()


def visible_rows(table) -> list[tuple[str, float]]:
    return table.locator("tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => [r.querySelector('td.zoo-name a').textContent, parseFloat(r.cells[1].dataset.sort)])")


def test_filtering_and_sorting_work_together(page, real_url):
    page.goto(f"{real_url}/en/models/classification/")
    box = page.locator("#benchmark-imagenet-val ~ .zoo-filter").first
    table = page.locator("#benchmark-imagenet-val ~ div table").first
    field = box.locator("input")
    field.fill("res")
    names = [name for name, _ in visible_rows(table)]
    assert names and all("res" in name.lower() for name in names) and len(names) < 18
    assert box.locator(".zoo-filter__count").inner_text() == f"Showing {len(names)} of 18 rows"
    assert box.locator(".zoo-filter__count").get_attribute("role") == "status"
    table.locator("thead th", has_text="Top-1").click()
    values = [value for _, value in visible_rows(table)]
    assert values == sorted(values) and len(values) == len(names)
    table.locator("thead th", has_text="Top-1").click()
    values = [value for _, value in visible_rows(table)]
    assert values == sorted(values, reverse=True)
    field.fill("")
    values = [value for _, value in visible_rows(table)]
    assert len(values) == 18 and values == sorted(values, reverse=True)
    models = page.locator("#models ~ .zoo-filter input")
    models.fill("mobilenet")
    shown = page.locator("table.zoo-models tbody tr:not([hidden]) td.zoo-model-name").all_inner_texts()
    assert shown and all("mobilenet" in name.lower() for name in shown) and len(shown) < 18


def test_atlas_entries_filter_by_tag_and_by_kind_of_link(page, real_url):
    page.goto(f"{real_url}/en/atlas/cv-suites/")
    box = page.locator(".zoo-entry-filter")
    entries = page.locator(".zoo-entry-summary")
    total = entries.count()
    box.locator('select[name="tags"]').select_option("object-detection")
    shown = page.locator(".zoo-entry-summary:not([hidden])")
    assert 0 < shown.count() < total
    assert all("object-detection" in tags.split() for tags in shown.evaluate_all("e => e.map(x => x.dataset.tags)"))
    assert box.locator(".zoo-filter__count").inner_text() == f"Showing {shown.count()} of {total} entries"
    kind = box.locator('select[name="kinds"] option').nth(1).get_attribute("value")  # the first kind offered
    box.locator('select[name="kinds"]').select_option(kind)
    assert all(kind in kinds.split() for kinds in page.locator(".zoo-entry-summary:not([hidden])").evaluate_all(
        "e => e.map(x => x.dataset.kinds)"))
    box.locator('select[name="tags"]').select_option("")
    box.locator('select[name="kinds"]').select_option("")
    assert page.locator(".zoo-entry-summary:not([hidden])").count() == total


def test_added_scripts_stay_within_ten_kilobytes_gzipped(real_site):
    scripts = ["compare.js", "filter.js", "tables.js"]
    total = sum(len(gzip.compress((real_site / "assets/site" / name).read_bytes(), 9)) for name in scripts)
    assert total <= 10 * 1024, total


def test_the_largest_page_stays_under_100_kb_gzipped(real_site):
    sizes = {path: len(gzip.compress(path.read_bytes(), 6)) for path in real_site.rglob("*.html")}
    largest = max(sizes, key=sizes.get)
    assert sizes[largest] <= 100 * 1024, (largest, sizes[largest])
