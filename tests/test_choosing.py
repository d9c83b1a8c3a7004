"""Choosing a model: leaderboards, the compare view, filters, and numbers exactly as written."""

from __future__ import annotations

import re

import pytest

from expected import both
from page_kinds import largest_table
from sites import build_both

LANGUAGES = ("", "en/")


def model_rows(soup):
    return soup.select("table.zoo-models tbody tr")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_benchmark_has_a_leaderboard_and_the_index_lists_it(real_site, html_of, article_of, data, prefix):
    index = html_of(real_site, prefix + "leaderboards")
    listed = {cell["data-leaderboard"]: cell.find_parent("tr") for cell in index.select("[data-leaderboard]")}
    for section, benchmark in data.tables:
        key = f"{section['id']}/{benchmark['id']}"
        board = article_of(real_site, f"{prefix}leaderboards/{key}")
        rows = board.select("table.zoo-leaderboard tbody tr")
        results = data.rows_of(section, benchmark)
        assert len(rows) == len(results) == int(listed[key].select_one("[data-leaderboard]").get_text())
        leader = rows[0].select_one("td.zoo-name a")
        assert listed[key].select("td")[-1].select_one("a").get_text() == leader.get_text()
        # Each row leads to the model's own page; the page leads back to the table.
        assert re.fullmatch(rf"\.\./\.\./\.\./models/{section['id']}/[^/#]+/", leader["href"]), leader["href"]
        assert board.select_one(f'a[href="../../../models/{section["id"]}/#benchmark-{benchmark["id"]}"]')
        assert board.select_one("figure.zoo-charts svg[role=img]"), f"{key} has no chart"
    assert len(listed) == len(data.tables)
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


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_number_renders_exactly_as_written(real_site, article_of, data, prefix):
    """Against the data file's own characters (tests/expected.py), never the build's reading of them."""
    tables, models = {}, {}
    for section, benchmark in data.tables:
        page = article_of(real_site, f"{prefix}models/{section['id']}")  # parsed once, kept for the run
        board = article_of(real_site, f"{prefix}leaderboards/{section['id']}/{benchmark['id']}")
        # Each table as (columns, time and size columns, rows), read once.
        tables[section["id"], benchmark["id"]] = [
            (len(table.select("thead th")), len(table.select("thead th.zoo-cost")),
             [(tr.select_one("input[data-model]")["data-model"], tr.get_text(), tr.select("td"))
              for tr in table.select("tbody tr")])
            for table in (page.select_one(f"#benchmark-{benchmark['id']} ~ div table"),
                          board.select_one("table.zoo-leaderboard"))]
        models.setdefault(section["id"], {tr.h3["id"]: tr.select("td")[1].get_text(" ") for tr in model_rows(page)})
    for row in data.rows:
        section, model, result = row.section["id"], row.model["id"], row.result
        for width, costs, cells in tables.get((section, result["benchmark"]), ()):
            metrics = next(b["metrics"] for b in row.section["benchmarks"] if b["id"] == result["benchmark"])
            shown = next(tds for owner, text, tds in cells
                         if owner == model and (not result.get("backbone") or result["backbone"] in text))
            for metric in metrics:
                # The metric columns come last but for the times and sizes, in the benchmark's order; a
                # number the source does not give is a dash.
                cell = shown[width - costs - len(metrics) + metrics.index(metric)].get_text(" ", strip=True).split(" ")[0]
                assert cell == row.written.get(metric, "—"), (section, result["benchmark"], model, metric, cell)
        for text in row.written.values():
            assert re.search(rf"(^|\s){re.escape(text)}%?(\s|$)", models[section][model]), (section, model, text)


def picked_for_comparison(data) -> tuple:
    """Two models of the longest table and a model of another section with results in a table of its own."""
    section, benchmark = largest_table(data)
    first, second = list(dict.fromkeys(row.model["id"] for row in data.rows_of(section, benchmark)))[:2]
    keys = {(s["id"], b["id"]) for s, b in data.tables}
    other = next(row for row in data.rows
                 if row.section is not section and (row.section["id"], row.result["benchmark"]) in keys)
    return section, benchmark, first, second, other


def test_compare_models_from_two_sections_and_keep_them_across_languages(page, real_url, data):
    section, benchmark, first, second, other = picked_for_comparison(data)
    models = {model["id"]: model for _, model in data.models}
    page.goto(f"{real_url}/en/models/{section['id']}/")
    table = page.locator(f"#benchmark-{benchmark['id']} ~ div table").first
    table.locator(f'input.zoo-pick[data-model="{first}"]').first.check()
    assert not page.locator(".zoo-compare-bar").is_visible(), "the bar shows before two models are picked"
    table.locator(f'input.zoo-pick[data-model="{second}"]').first.check()
    # The same model's box in the models table follows.
    assert page.locator(f'#models ~ .zoo-table-wrap input.zoo-pick[data-model="{second}"]').is_checked()
    page.goto(f"{real_url}/en/models/{other.section['id']}/")
    assert page.locator(".zoo-compare-bar").is_visible()
    page.locator(f'#models ~ .zoo-table-wrap input.zoo-pick[data-model="{other.model["id"]}"]').check()
    assert page.locator(".zoo-compare-bar__count").inner_text() == "3"
    page.locator(".zoo-compare-bar__go").click()
    picked = f"{first},{second},{other.model['id']}"
    page.wait_for_url(f"{real_url}/en/compare/?m={picked}")
    page.wait_for_selector(".zoo-compare #others")
    names = [both(models[i]["name"])["en"] for i in (first, second, other.model["id"])]
    assert page.locator(".zoo-compare table").first.locator("thead th").all_inner_texts()[1:] == names
    # The first metric of the shared benchmark: each value as written, the best in bold, "—" where there is none.
    metric = data.metrics[benchmark["metrics"][0]]
    written = {row.model["id"]: row.written[metric["id"]] for row in reversed(data.rows_of(section, benchmark))}
    shared = page.locator(".zoo-compare table").nth(1).locator("tbody tr", has_text=both(metric["name"])["en"]).first
    assert [cell.split()[0] for cell in shared.locator("td").all_inner_texts()] == [written[first], written[second], "—"]
    values = {i: float(written[i]) for i in (first, second)}
    best = (max if metric["higher_is_better"] else min)(values, key=values.get)
    assert shared.locator("strong").first.inner_text() == written[best]
    own = data.metrics[next(iter(other.written))]
    text = f"{both(own['name'])['en']} {other.written[own['id']]}{'%' if own['unit'] == 'percent' else ''}"
    assert text in page.locator(".zoo-compare__others").inner_text()
    # The language switcher keeps the selection.
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="中文").click()
    page.wait_for_url(f"{real_url}/compare/?m={picked}")
    page.wait_for_selector(".zoo-compare #others")
    zh = [both(models[i]["name"])["zh"] for i in (first, second, other.model["id"])]
    assert page.locator(".zoo-compare table").first.locator("thead th").all_inner_texts()[1:] == zh
    assert both(section["title"])["zh"] in page.locator(".zoo-compare table tbody tr").first.inner_text()
    page.goto(f"{real_url}/models/{section['id']}/")
    assert page.locator(f'input.zoo-pick[data-model="{first}"]').first.is_checked()


def test_an_unknown_id_is_named_and_the_rest_still_shown(page, real_url, data):
    _, _, first, second, _ = picked_for_comparison(data)
    models = {model["id"]: model for _, model in data.models}
    page.goto(f"{real_url}/en/compare/?m={first},no-such-model,{second}")
    page.wait_for_selector(".zoo-compare table")
    assert "No model has the id no-such-model." in page.locator(".zoo-compare__problem").inner_text()
    assert page.locator(".zoo-compare table").first.locator("thead th").all_inner_texts()[1:] == \
        [both(models[first]["name"])["en"], both(models[second]["name"])["en"]]


def test_without_javascript_the_compare_page_says_it_needs_it(new_page, real_url, data):
    section, _, first, second, _ = picked_for_comparison(data)
    page = new_page(java_script_enabled=False)
    page.goto(f"{real_url}/en/compare/?m={first},{second}")
    assert "needs JavaScript" in page.locator("article").inner_text()
    page.goto(f"{real_url}/en/models/{section['id']}/")
    assert not page.locator("input.zoo-pick").first.is_visible()


def visible_rows(table) -> list[tuple[str, float]]:
    """(name, value of the first metric) of every row shown."""
    return table.locator("tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => [r.querySelector('td.zoo-name a').textContent, parseFloat(r.querySelector('td[data-sort]').dataset.sort)])")


def fragment(names: list[str]) -> str:
    """Three letters that some of the names hold and some do not."""
    for name in names:
        for start in range(len(name) - 2):
            part = name[start:start + 3].lower()
            if part.strip() == part and 0 < sum(part in other.lower() for other in names) < len(names):
                return part
    raise AssertionError(f"no three letters tell these names apart: {names}")


def test_filtering_and_sorting_work_together(page, real_url, data):
    section, benchmark = largest_table(data)
    total = len(data.rows_of(section, benchmark))
    page.goto(f"{real_url}/en/models/{section['id']}/")
    box = page.locator(f"#benchmark-{benchmark['id']} ~ .zoo-filter").first
    table = page.locator(f"#benchmark-{benchmark['id']} ~ div table").first
    field = box.locator("input")
    part = fragment([name for name, _ in visible_rows(table)])
    field.fill(part)
    names = [name for name, _ in visible_rows(table)]
    assert names and all(part in name.lower() for name in names) and len(names) < total
    assert box.locator(".zoo-filter__count").inner_text() == f"Showing {len(names)} of {total} rows"
    assert box.locator(".zoo-filter__count").get_attribute("role") == "status"
    header = table.locator("thead th").nth(table.locator("thead th").count() - len(benchmark["metrics"]))
    header.click()
    values = [value for _, value in visible_rows(table)]
    assert values == sorted(values) and len(values) == len(names)
    header.click()
    values = [value for _, value in visible_rows(table)]
    assert values == sorted(values, reverse=True)
    field.fill("")
    values = [value for _, value in visible_rows(table)]
    assert len(values) == total and values == sorted(values, reverse=True)
    models = page.locator("#models ~ .zoo-filter input")
    everyone = page.locator("table.zoo-models tbody tr td.zoo-model-name").all_inner_texts()
    part = fragment(everyone)
    models.fill(part)
    shown = page.locator("table.zoo-models tbody tr:not([hidden]) td.zoo-model-name").all_inner_texts()
    assert shown and all(part in name.lower() for name in shown) and len(shown) < len(everyone)


def test_atlas_entries_filter_by_tag_and_by_kind_of_link(page, real_url, data):
    """In the category with the most entries: each filter shows exactly the entries it names."""
    counts = {}
    for category, _ in data.entries:
        counts[category] = counts.get(category, 0) + 1
    page.goto(f"{real_url}/en/atlas/{max(counts, key=counts.get)}/")
    box = page.locator(".zoo-entry-filter")
    cards = page.locator(".zoo-entry-summary").evaluate_all(
        "e => e.map(x => [x.querySelector('a').getAttribute('href'), x.dataset.tags.split(' '), x.dataset.kinds.split(' ')])")
    everyone = {href for href, _, _ in cards}

    def shown() -> set:
        return set(page.locator(".zoo-entry-summary:not([hidden])").evaluate_all(
            "e => e.map(x => x.querySelector('a').getAttribute('href'))"))

    tag = next(tag for _, tags, _ in cards for tag in tags
               if 0 < sum(tag in other for _, other, _ in cards) < len(cards))
    with_tag = {href for href, tags, _ in cards if tag in tags}
    box.locator('select[name="tags"]').select_option(tag)
    assert shown() == with_tag
    assert box.locator(".zoo-filter__count").inner_text() == f"Showing {len(with_tag)} of {len(cards)} entries"
    kind = next(kind for href, tags, kinds in cards if href in with_tag for kind in kinds)
    box.locator('select[name="kinds"]').select_option(kind)
    both_ways = {href for href, tags, kinds in cards if tag in tags and kind in kinds}
    assert both_ways and shown() == both_ways
    box.locator('select[name="tags"]').select_option("")
    box.locator('select[name="kinds"]').select_option("")
    assert shown() == everyone
