"""Charts beside the comparison tables: inline SVG drawn at build time
(hooks/zoosite/charts.py lays them out, templates/charts.j2 draws them)."""

from __future__ import annotations

import re

import pytest

from expected import both
from page_kinds import largest_section
from browsing import PHONE, PAST_THE_EDGE

LANGUAGES = {"zh": "", "en": "en/"}

# The fixture's tables (tests/fixtures/mini/data/models/demo.yml), best first:
# top-1 spreads from 9.5 to 104.5; the error rate, lower is better, is 15.8 and 22.3.
DEMO = {
    "imagenet-val": {"zh": [("Beta", "104.5"), ("Alpha", "45.0"), ("伽马", "9.5")],
                     "en": [("Beta", "104.5"), ("Alpha", "45.0"), ("Gamma", "9.5")]},
    "lines-error": {"zh": [("Beta", "15.8"), ("Alpha", "22.3")], "en": [("Beta", "15.8"), ("Alpha", "22.3")]},
}
DESC = {
    "zh": {"imagenet-val": "Beta的Top-1 准确率最高，为 104.5%；伽马最低，为 9.5%。条形从零开始，坐标轴从 0 到 125。",
           "lines-error": "Beta的错误率最低，为 15.8%；Alpha最高，为 22.3%。坐标轴从 14 到 24，不从零开始。"},
    "en": {"imagenet-val": "Beta has the highest Top-1 accuracy, 104.5%; Gamma the lowest, 9.5%. "
                           "The bars start at zero; the axis runs from 0 to 125.",
           "lines-error": "Beta has the lowest Error rate, 15.8%; Alpha the highest, 22.3%. "
                          "The axis runs from 14 to 24; it does not start at zero."},
}


def chart(soup, section: str, benchmark: str, kind: str = "ranking"):
    """A table's chart, found by the title it is labelled with."""
    title = soup.find(id=f"chart-{section}-{benchmark}-{kind}-title")
    assert title is not None, f"no {kind} chart for {benchmark}"
    return title.find_parent("svg")


def rows(svg) -> list[tuple[str, str]]:
    """(name, value) of every mark, in drawing order."""
    return [(row.select_one(".zoo-chart__label").get_text(), row.select_one(".zoo-chart__value").get_text())
            for row in svg.select(".zoo-chart__row")]


def ticks(svg) -> list[str]:
    return [tick.get_text() for tick in svg.select(".zoo-chart__tick")]


# -- the fixture site -----------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("benchmark", DEMO)
def test_every_table_has_a_labelled_chart_in_the_page_language(mini_built, html_of, lang, benchmark):
    soup = html_of(mini_built, f"{LANGUAGES[lang]}models/demo/")
    svg = chart(soup, "demo", benchmark)
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title")["id"] == title_id and svg.find("desc")["id"] == desc_id
    title = svg.find("title").get_text()
    assert ("由好到差" in title) if lang == "zh" else title.endswith(", best first")
    assert svg.find("desc").get_text() == DESC[lang][benchmark]
    # Right after its table, before the source line.
    figure = svg.find_parent("figure")
    assert "zoo-table-wrap" in figure.find_previous_sibling()["class"]
    assert "zoo-source" in figure.find_next_sibling()["class"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("benchmark", DEMO)
def test_one_mark_per_row_best_first_with_name_and_value_as_written(mini_built, html_of, lang, benchmark):
    svg = chart(html_of(mini_built, f"{LANGUAGES[lang]}models/demo/"), "demo", benchmark)
    assert rows(svg) == DEMO[benchmark][lang]
    assert len(svg.select(".zoo-chart__mark")) == len(DEMO[benchmark][lang])
    heights = [float(row.select_one(".zoo-chart__label")["y"]) for row in svg.select(".zoo-chart__row")]
    assert heights == sorted(heights)


def test_widely_spread_values_are_bars_from_zero(mini_built, html_of):
    svg = chart(html_of(mini_built, "en/models/demo/"), "demo", "imagenet-val")
    bars = svg.select("rect.zoo-chart__mark")
    assert len(bars) == 3 and not svg.select("circle")
    assert ticks(svg)[0] == "0"
    assert len({bar["x"] for bar in bars}) == 1  # every bar starts where the axis does, at 0
    # Lengths in proportion to the values: 104.5, 45.0, 9.5.
    lengths = [float(bar["width"]) for bar in bars]
    assert lengths[1] / lengths[0] == pytest.approx(45.0 / 104.5, abs=0.005)
    assert lengths[2] / lengths[0] == pytest.approx(9.5 / 104.5, abs=0.005)


def test_close_values_are_dots_on_a_labelled_range(mini_built, html_of):
    svg = chart(html_of(mini_built, "en/models/demo/"), "demo", "lines-error")
    assert len(svg.select("circle.zoo-chart__mark")) == 2 and not svg.select("rect")
    assert ticks(svg)[0] == "14" and ticks(svg)[-1] == "24"
    # Lower is better, so the best (smallest) comes first and lies further left.
    first, second = svg.select("circle.zoo-chart__mark")
    assert float(first["cx"]) < float(second["cx"])


def test_a_single_metric_table_has_no_pair_chart(mini_built, html_of):
    soup = html_of(mini_built, "en/models/demo/")
    assert soup.find(id="chart-demo-imagenet-val-pair-title") is None
    assert len(soup.select("figure.zoo-charts svg")) == 2


# -- the real site --------------------------------------------------------------

def section_pages(site):
    return sorted(site.glob("models/*/index.html"))


def label(row, lang: str) -> str:
    name = both(row.model["name"])[lang]
    return f"{name} ({row.result['backbone']})" if row.result.get("backbone") else name


def best_first(data, section, benchmark) -> list:
    """A table's rows as its ranking chart draws them: those with a number in the first metric (an imported
    list may give none), best first, ties in file order."""
    metric = benchmark["metrics"][0]
    sign = -1 if data.metrics[metric]["higher_is_better"] else 1
    measured = [row for row in data.rows_of(section, benchmark) if row.value(metric) is not None]
    return sorted(measured, key=lambda row: sign * row.value(metric))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_comparison_table_has_its_charts_with_every_row_as_written(real_site, article_of, data, lang):
    for section, benchmark in data.tables:
        soup = article_of(real_site, f"{LANGUAGES[lang]}models/{section['id']}")
        table = soup.select_one(f"#benchmark-{benchmark['id']} ~ .zoo-table-wrap table")
        figure = table.find_parent("div").find_next_sibling()
        assert figure.name == "figure" and "zoo-charts" in figure["class"], benchmark["id"]
        ordered = best_first(data, section, benchmark)
        metric = benchmark["metrics"][0]
        svg = chart(soup, section["id"], benchmark["id"])
        assert rows(svg) == [(label(row, lang), row.written[metric]) for row in ordered], benchmark["id"]
        values = [row.value(metric) for row in ordered]
        low, high = float(ticks(svg)[0]), float(ticks(svg)[-1])
        if len(values) > 1 and min(values) > max(values) / 2:
            # Values far from zero: dots on a labelled range that holds them all.
            assert len(svg.select("circle.zoo-chart__mark")) == len(values) and not svg.select("rect")
            assert low <= min(values) and high >= max(values) and low > 0
            assert f"{low:g}" in svg.find("desc").get_text() and f"{high:g}" in svg.find("desc").get_text()
        else:
            assert len(svg.select("rect.zoo-chart__mark")) == len(values) and low == 0 and high >= max(values)
        pair = soup.find(id=f"chart-{section['id']}-{benchmark['id']}-pair-title")
        # The two-metric chart holds the rows with both numbers.
        both_given = [row for row in ordered if set(benchmark["metrics"][:2]) <= set(row.written)]
        assert (pair is not None) == (len(benchmark["metrics"]) > 1 and len(both_given) > 1), benchmark["id"]
        if pair:
            texts = {text.get_text() for text in pair.find_parent("svg").select(".zoo-chart__label")}
            first, second = benchmark["metrics"][:2]
            for row in both_given:
                assert f"{label(row, lang)} {row.written[first]}" in texts
                assert f"{row.written[second]} {label(row, lang)}" in texts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_charts_hold_no_script_nor_outside_reference(real_site, lang):
    for path in section_pages(real_site / LANGUAGES[lang]):
        for figure in re.findall(r'<figure class="zoo-charts".*?</figure>', path.read_text(encoding="utf-8"), re.S):
            assert "<script" not in figure and "href" not in figure and "url(" not in figure


# -- in a browser ---------------------------------------------------------------

def luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: str, background: str) -> float:
    """WCAG contrast of a CSS colour (maybe translucent) drawn over an opaque background."""
    *fg, alpha = [float(n) for n in re.findall(r"[\d.]+", colour)] + ([1.0] if colour.startswith("rgb(") else [])
    bg = [float(n) for n in re.findall(r"[\d.]+", background)][:3]
    seen = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg)]
    light, dark = sorted([luminance(seen), luminance(bg)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


COLOURS = """() => {
  const background = getComputedStyle(document.body).backgroundColor;
  const fill = element => getComputedStyle(element).fill;
  return {background,
          marks: [...document.querySelectorAll('.zoo-chart__mark')].map(fill),
          texts: [...document.querySelectorAll('.zoo-chart__svg text')].map(fill)};
}"""

# Every text inside its chart's drawing area: the widths estimated at build
# time were wide enough for the fonts the browser really used.
OVERFLOW = """() => [...document.querySelectorAll('.zoo-chart__svg')].flatMap(svg => {
  const box = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].map(text => [text.textContent, text.getBBox()])
    .filter(([, b]) => b.x < box.x || b.y < box.y || b.x + b.width > box.width || b.y + b.height > box.height)
    .map(([content]) => content);
})"""

# The smallest size chart text is shown at, in CSS pixels.
SMALLEST_TEXT = """Math.min(...[...document.querySelectorAll('.zoo-chart__svg')].map(
  svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width * svg.getAttribute('font-size')))"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_marks_and_texts_stand_out_in_both_colour_schemes(new_page, real_site, real_url, data, scheme):
    path = f"en/models/{largest_section(data)['id']}/"
    page = new_page(color_scheme=scheme)
    page.goto(f"{real_url}/{path}")
    scheme_name = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme_name == ("default" if scheme == "light" else "slate")
    colours = page.evaluate(COLOURS)
    marks = (real_site / path / "index.html").read_text(encoding="utf-8").count("zoo-chart__mark")
    assert len(colours["marks"]) == marks > 0 and colours["texts"]
    assert all(contrast(mark, colours["background"]) >= 3 for mark in colours["marks"]), colours["marks"][0]
    assert all(contrast(text, colours["background"]) >= 4.5 for text in colours["texts"]), colours["texts"][0]


def test_every_label_fits_its_chart_and_nothing_is_past_the_edge_of_a_phone(new_page, real_site, real_url):
    """Every section page with charts, in both languages, on a phone (360 px wide): the widths of the
    labels were estimated at build time, name by name, so every chart is checked."""
    page = new_page(**PHONE)
    problems = []
    for prefix in LANGUAGES.values():
        for path in section_pages(real_site / prefix):
            if b"zoo-charts" not in path.read_bytes():
                continue
            address = f"/{prefix}models/{path.parent.name}/"
            page.goto(real_url + address)
            problems += [f"{address}: {text} overflows its chart" for text in page.evaluate(OVERFLOW)]
            problems += [f"{address}: {element} on a {PHONE['viewport']['width']} px screen"
                         for element in page.evaluate(PAST_THE_EDGE)]
            # Text never shrinks below 9 px: a narrower chart scrolls in its own box.
            if page.evaluate(SMALLEST_TEXT) < 8.9:
                problems.append(f"{address}: chart text below 9 px")
    assert not problems, "\n".join(problems)
