"""Choosing by trade-off (issue 19): accuracy-against-cost charts with their
Pareto front, budgets on tables and leaderboards, and every view of a table
kept in its address. Expectations come from data/ through tests/tradeoff_data.py,
never from the hooks."""

from __future__ import annotations

import statistics

import pytest

from browsing import open_context
from tradeoff_data import Tradeoffs

LANGUAGES = {"zh": "", "en": "en/"}
LOG = {"zh": "，对数刻度", "en": ", log scale"}
SHOWN = "tbody tr:not([hidden]):not([data-budget=out])"


@pytest.fixture(scope="module")
def trades(data) -> Tradeoffs:
    return Tradeoffs(data.root)


def figure_id(benchmark, column: str) -> str:
    return f"trade-{benchmark.section}-{benchmark.id}-" + ("size" if column == "size" else f"time-{column}")


def label(result, lang: str) -> str:
    return result.name[lang] + (f" ({result.backbone})" if result.backbone else "")


# -- the charts, in the built pages ----------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_benchmark_with_a_trade_off_charts_it_with_the_front_from_the_data(real_site, article_of, trades, lang):
    charts = 0
    for benchmark in trades.with_tradeoffs:
        soup = article_of(real_site, f"{LANGUAGES[lang]}leaderboards/{benchmark.section}/{benchmark.id}")
        drawn = {figure["id"] for figure in soup.select("figure.zoo-trade")}
        assert drawn == {figure_id(benchmark, column) for column in trades.charted(benchmark)}, benchmark.id
        for column in trades.charted(benchmark):
            figure = soup.find(id=figure_id(benchmark, column))
            pairs, front = benchmark.pairs(column), benchmark.front(column)
            assert len(figure.select("a.zoo-trade__point")) == len(pairs)
            assert len(figure.select("a.zoo-trade__point--front")) == len(front)
            listed = [item.get_text().rpartition(": ")[0] for item in figure.select("ol.zoo-trade__list li")]
            assert listed == [label(result, lang) for result in front], (benchmark.id, column)
            costs = [result.cost(column) for result in pairs]
            assert (LOG[lang] in figure.find("desc").get_text()) == (max(costs) > 10 * min(costs)), (benchmark.id, column)
            charts += 1
    assert charts >= 10  # the target


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_point_is_a_link_named_with_its_model_and_both_values(real_site, article_of, trades, lang):
    benchmark = trades.largest()
    soup = article_of(real_site, f"{LANGUAGES[lang]}leaderboards/{benchmark.section}/{benchmark.id}")
    for figure in soup.select("figure.zoo-trade"):
        svg = figure.find("svg")
        title, desc = svg["aria-labelledby"].split()
        assert svg.find(id=title).get_text() and svg.find(id=desc).get_text()
        for point in figure.select("a.zoo-trade__point"):
            result = next(r for r in benchmark.results if r.key == point["data-key"])
            name = point["aria-label"]
            assert point["href"] and name == point.find("title").get_text()
            assert name.startswith(label(result, lang) + ("：" if lang == "zh" else ": "))


def test_the_tab_key_walks_from_point_to_point_and_each_is_read_with_its_values(page, real_url, trades):
    benchmark = trades.largest()
    page.goto(f"{real_url}/en/leaderboards/{benchmark.section}/{benchmark.id}/")
    points = page.locator("figure.zoo-trade").first.locator("a.zoo-trade__point")
    names = points.evaluate_all("points => points.map(p => p.getAttribute('aria-label'))")
    points.first.focus()
    for name in names[1:4]:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == name
    # The accessible name a screen reader gets is the model with both values.
    assert page.get_by_role("link", name=names[0], exact=True).count() == 1


# -- budgets, in Chromium --------------------------------------------------------------

def shown_keys(page, view: str) -> list[str]:
    return page.locator(f'table[data-view="{view}"] {SHOWN}').evaluate_all("rows => rows.map(r => r.dataset.key)")


def budgets(benchmark, trades):
    """Budgets derived from the data: the median of a charted time, that and the median size,
    and the accelerator most of the models run on."""
    columns = trades.charted(benchmark)
    median = {c: statistics.median(r.cost(c) for r in benchmark.pairs(c)) for c in columns}
    found = [{columns[0]: median[columns[0]]}]
    if "size" in median and columns[0] != "size":
        found.append({columns[0]: median[columns[0]], "size": median["size"]})
    targets = [t for r in benchmark.results for t in r.supported_on]
    target = max(sorted(set(targets)), key=targets.count) if targets else None
    return [(limits, None) for limits in found] + ([({}, target)] if target else [])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_best_model_within_a_budget_agrees_with_the_data(page, real_url, trades, lang):
    benchmark = trades.largest()
    page.goto(f"{real_url}/{LANGUAGES[lang]}leaderboards/{benchmark.section}/{benchmark.id}/")
    form = page.locator(f'form.zoo-budget[data-view="{benchmark.id}"]')
    for limits, target in budgets(benchmark, trades):
        form.locator("button[type=reset]").click()
        for column, limit in limits.items():
            form.locator(f'input[data-column="{column}"]').fill(f"{limit:g}")
        if target:
            form.locator("select[name=on]").select_option(target)
        within = benchmark.within(limits, target)
        assert sorted(shown_keys(page, benchmark.id)) == sorted(r.key for r in within), (limits, target)
        marked = page.locator(".zoo-budget__mark").evaluate_all("marks => marks.map(m => m.closest('tr').dataset.key)")
        assert len(marked) == 1 and marked[0] in {r.key for r in benchmark.best_within(limits, target)}, (limits, target)
        dimmed = set(page.locator(".zoo-trade__point--out").evaluate_all("points => points.map(p => p.dataset.key)"))
        drawn = set(page.locator(".zoo-trade__point").evaluate_all("points => points.map(p => p.dataset.key)"))
        assert dimmed == drawn - {r.key for r in within}


def test_without_script_the_whole_table_shows_and_no_budget_form(browser, real_url, trades):
    benchmark = trades.largest()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{real_url}/en/leaderboards/{benchmark.section}/{benchmark.id}/?{benchmark.id}.max.size=1")
        assert page.locator(f'table[data-view="{benchmark.id}"] tbody tr').count() == len(benchmark.results)
        assert not page.locator("form.zoo-budget").is_visible()
        assert page.locator("figure.zoo-trade svg").first.is_visible()
    finally:
        context.close()


# -- every view in the address, in Chromium ------------------------------------------------

def view_of(page, view: str) -> dict:
    """What a reader sees of a table: its rows in order, and the picks."""
    return {"rows": shown_keys(page, view),
            "picked": page.locator("input.zoo-pick:checked").evaluate_all(
                "boxes => [...new Set(boxes.map(b => b.dataset.model))].sort()")}


def make_view(page, benchmark, trades) -> list[dict]:
    """Filter, budget, sort and pick, as a reader does; the view after each step that makes history."""
    views = []
    table = page.locator(f'table[data-view="{benchmark.id}"]')
    # The first word of model ids that most rows, but not all, start with.
    counts = {w: sum(r.model.startswith(w) for r in benchmark.results) for w in {r.model.split("-")[0] for r in benchmark.results}}
    word = max(sorted(w for w in counts if counts[w] < len(benchmark.results)), key=counts.get)
    table_filter = page.locator(f'.zoo-filter:has(+ .zoo-table-wrap table[data-view="{benchmark.id}"]) input')
    table_filter.fill(word)
    table_filter.blur()
    views.append(view_of(page, benchmark.id))
    column = trades.charted(benchmark)[-1]
    limit = statistics.median(r.cost(column) for r in benchmark.pairs(column))
    budget = page.locator(f'form.zoo-budget[data-view="{benchmark.id}"] input[data-column="{column}"]')
    budget.fill(f"{limit:g}")
    budget.blur()
    views.append(view_of(page, benchmark.id))
    heading = table.locator(f'thead th[data-column="{trades.charted(benchmark)[0]}"]')
    for _ in range(2):  # ascending, then descending: the dearest first
        heading.click()
        views.append(view_of(page, benchmark.id))
    for box in table.locator(f"{SHOWN} input.zoo-pick").all()[:2]:
        box.check()
        views.append(view_of(page, benchmark.id))
    return views


@pytest.mark.parametrize("kind", ["leaderboard", "section"])
def test_a_restored_address_shows_the_same_rows_in_the_same_order_in_either_language(
        browser, new_page, real_url, trades, kind):
    benchmark = trades.largest()
    path = (f"leaderboards/{benchmark.section}/{benchmark.id}/" if kind == "leaderboard"
            else f"models/{benchmark.section}/")
    page = new_page()
    page.goto(f"{real_url}/en/{path}")
    wanted = make_view(page, benchmark, trades)[-1]
    assert wanted["rows"] and len(wanted["picked"]) == 2
    query = page.url.partition("?")[2]
    for prefix in LANGUAGES.values():
        context = open_context(browser)  # a context of its own: nothing carried over but the address
        try:
            other = context.new_page()
            other.goto(f"{real_url}/{prefix}{path}?{query}")
            assert view_of(other, benchmark.id) == wanted, prefix
        finally:
            context.close()


def test_the_language_switch_keeps_the_view(page, real_url, trades):
    benchmark = trades.largest()
    page.goto(f"{real_url}/leaderboards/{benchmark.section}/{benchmark.id}/")
    wanted = make_view(page, benchmark, trades)[-1]
    query = page.url.partition("?")[2]
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"**/en/leaderboards/{benchmark.section}/{benchmark.id}/?*")
    assert page.url.partition("?")[2] == query
    assert view_of(page, benchmark.id) == wanted


def test_back_walks_through_the_changes(page, real_url, trades):
    benchmark = trades.largest()
    page.goto(f"{real_url}/en/leaderboards/{benchmark.section}/{benchmark.id}/")
    first = view_of(page, benchmark.id)
    views = [first] + make_view(page, benchmark, trades)
    for earlier in reversed(views[:-1]):
        page.go_back()
        assert view_of(page, benchmark.id) == earlier
