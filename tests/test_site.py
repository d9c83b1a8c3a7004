"""The real site: every model, number, entry and link of data/ (and at least every
one of the seeds) in both languages, and whole-site properties of every page,
read once from the built files (tests/site_facts.py)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from expected import both
from page_kinds import KINDS, examples, kinds_of
from site_facts import of_language

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_MODELS = json.loads((FIXTURES / "seed_models.json").read_text(encoding="utf-8"))["rows"]
SEED_ATLAS = json.loads((FIXTURES / "seed_inventory.json").read_text(encoding="utf-8"))["sections"]
# Entries the site files elsewhere than the seed's headings did (issue 17, "misfiled
# entries"), each now a top-level entry of this category.
REFILED = {
    "paddle-fleetx": "distributed-training",  # large-model training, not deployment
    "paddle2onnx": "compression-conversion",  # a converter of its own, not part of PaddleSlim
    "vision-language": "llm-multimodal",  # multimodal models, not a CV suite
    "text-to-image": "llm-multimodal",
}
for section in SEED_ATLAS[1:]:
    if section["entry"] in REFILED:
        section["category"] = REFILED[section["entry"]]
        section.pop("parent", None)
LANGUAGES = {"zh": "", "en": "en/"}
ORIGIN = "https://paddle-atlas.github.io/"


def model_rows(soup):
    return soup.select("table.zoo-models tbody tr")


def numbers_in(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]


# -- what data/ holds, on its pages --------------------------------------------

def rows_by_model(soup) -> dict:
    """{model id: its row} of a section page's models table."""
    return {row.h3["id"]: row for row in model_rows(soup)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_model_is_on_its_section_page_with_its_numbers_as_written(real_site, article_of, data, lang):
    for section in data.sections:
        rows = rows_by_model(article_of(real_site, f"{LANGUAGES[lang]}models/{section['id']}"))
        models = section.get("models", [])
        assert list(rows) == [model["id"] for model in models], section["id"]
        for model in models:
            row = rows[model["id"]]
            assert both(model["name"])[lang] in row.select_one("td.zoo-model-name").get_text(" ")
            shown = row.select("td")[1].get_text(" ")
            for result in (r for r in data.rows if r.model is model):
                for text in result.written.values():
                    assert re.search(rf"(^|\s){re.escape(text)}%?(\s|$)", shown), f"{model['id']}: {text} is not in its row"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_seed_model_is_on_its_section_page_with_its_numbers(real_site, article_of, lang):
    """The source facts stay on the site, whatever is added: at least every seed model and number."""
    for section in {row["section"] for row in SEED_MODELS}:
        rows = rows_by_model(article_of(real_site, f"{LANGUAGES[lang]}models/{section}"))
        names = {anchor: row.select_one("td.zoo-model-name").get_text(" ", strip=True)
                 for anchor, row in rows_by_model(article_of(real_site, f"models/{section}")).items()}
        for seed in (r for r in SEED_MODELS if r["section"] == section):
            anchor = next((i for i, text in names.items() if text.startswith(seed["name"])), None)
            assert anchor, f"{seed['name']} is missing from /models/{section}/"
            shown = numbers_in(rows[anchor].select("td")[1].get_text(" "))
            for number in seed["numbers"]:
                assert number in shown, f"{seed['name']}: {number} is not on {lang} models/{section}/ ({shown})"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_counts_the_models_of_every_section(real_site, html_of, data, lang):
    soup = html_of(real_site, f"{LANGUAGES[lang]}models")
    counts = {cell["data-section"]: int(cell.get_text()) for cell in soup.select("[data-section]")}
    assert counts == {section["id"]: len(section.get("models", [])) for section in data.sections}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_table_ranks_only_the_models_measured_on_its_benchmark_and_marks_the_best(real_site, article_of, data, lang):
    """Like with like: a table's rows are exactly the results on its benchmark; the best of each column is marked."""
    for section, benchmark in data.tables:
        soup = article_of(real_site, f"{LANGUAGES[lang]}models/{section['id']}")
        table = soup.select_one(f"#benchmark-{benchmark['id']} ~ .zoo-table-wrap table")
        rows = data.rows_of(section, benchmark)
        shown = Counter(tr.select_one('input.zoo-pick')["data-model"] for tr in table.select("tbody tr"))
        assert shown == Counter(row.model["id"] for row in rows), (section["id"], benchmark["id"])
        best = {cell["data-sort"] for cell in table.select("td.zoo-best")}
        for metric in benchmark["metrics"]:
            top = data.best(section, benchmark, metric).value(metric)
            assert any(float(value) == top for value in best), (section["id"], benchmark["id"], metric, best)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_time_and_size_is_in_its_table_under_the_conditions_it_was_taken(real_site, article_of, data, lang):
    """The cost columns of every table that has them: each time and size as written, the fastest and smallest
    marked, and under the table each timing column's conditions, once, in the page's language."""
    conditions = {c["id"]: c for c in data.read("hardware.yml").get("conditions", [])}
    sections = {section["id"]: section for section in data.sections}
    for section in sections.values():
        for benchmark in section.get("benchmarks", []):
            rows = data.rows_of(section, benchmark)
            costs = [f"time-{c}" for c in benchmark.get("timings", [])] + (["size"] if any("size" in r.costs for r in rows) else [])
            if not costs:
                continue
            soup = article_of(real_site, f"{LANGUAGES[lang]}models/{section['id']}")
            table = soup.select_one(f"#benchmark-{benchmark['id']} ~ .zoo-table-wrap table")
            headers = [th.get_text(" ", strip=True) for th in table.select("thead th.zoo-cost")]
            assert len(headers) == len(costs), (section["id"], benchmark["id"], headers)
            for column, heading in zip(costs, headers):
                if column != "size":
                    assert heading.startswith(both(conditions[column.removeprefix("time-")]["name"])[lang]), heading
            texts = {(row.model["id"], row.result.get("backbone")): row.costs for row in rows}
            names = [th.get_text(" ", strip=True) for th in table.select("thead th")]
            backbone_heading = {"zh": "骨干网络", "en": "Backbone"}[lang]
            column_of_backbone = names.index(backbone_heading) if backbone_heading in names else None
            for tr in table.select("tbody tr"):
                model = tr.select_one("input.zoo-pick")["data-model"]
                cells = tr.find_all(["th", "td"], recursive=False)
                backbone = cells[column_of_backbone].get_text(strip=True) if column_of_backbone is not None else "—"
                written = texts[model, None if backbone == "—" else backbone]
                for column, cell in zip(costs, tr.select("td")[-len(costs):]):
                    shown = cell.get_text(" ", strip=True)
                    if column not in written:
                        assert shown == "—", (model, column, shown)
                    elif column == "size":
                        number, unit = written["size"].split()
                        assert shown.split()[0] == number and (unit in shown or f"({unit})" in headers[-1]), (model, shown)
                    else:
                        assert shown.split()[0] == written[column], (model, column, shown)
            for k, column in enumerate(costs):
                present = [(row.result["time"][column.removeprefix("time-")] if column != "size" else None, row)
                           for row in rows if column in row.costs]
                if column != "size" and present:
                    fastest = min(value for value, _ in present)
                    marked = [float(tr.select("td")[-len(costs) + k]["data-sort"]) for tr in table.select("tbody tr")
                              if "zoo-best" in tr.select("td")[-len(costs) + k]["class"]]
                    assert marked and all(value == fastest for value in marked), (benchmark["id"], column, marked)
            stated = table.find_parent("div").find_next_sibling("div", class_="zoo-conditions")
            if benchmark.get("timings"):
                items = [li.get_text(" ", strip=True) for li in stated.select("li")]
                for column in costs[:len(benchmark["timings"])]:
                    condition = conditions[column.removeprefix("time-")]
                    assert any(item.startswith(both(condition["name"])[lang]) and condition["device"] in item
                               for item in items), (benchmark["id"], column, items)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_atlas_home_counts_the_entries_of_every_category(real_site, html_of, data, lang):
    home = html_of(real_site, f"{LANGUAGES[lang]}atlas")
    counts = {n["data-category"]: int(n.get_text()) for n in home.select("[data-category]")}
    expected = Counter(category for category, _ in data.entries)
    assert counts == {category["id"]: expected[category["id"]] for category in data.categories}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_shows_live_counts_that_lead_to_their_parts(real_site, html_of, data, lang):
    home = html_of(real_site, LANGUAGES[lang])
    assert {n["data-count"]: int(n.get_text()) for n in home.select("[data-count]")} == data.counts
    for number in home.select("[data-count]"):
        target = urljoin(f"/{LANGUAGES[lang]}", number.find_parent("a")["href"])
        assert (real_site / target.lstrip("/") / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_atlas_link_is_on_its_entry_page_and_gone_hosts_are_marked(real_site, article_of, data, lang):
    for _, entry in data.entries:
        soup = article_of(real_site, f"{LANGUAGES[lang]}atlas/{entry['id']}")
        items = {}
        for li in soup.select("#links ~ ul.zoo-links li"):
            a, code = li.select_one("a[href]"), li.select_one("code.zoo-link__address")
            items[a["href"] if a else unquote(code.get_text())] = li
        for link in entry["links"]:
            li = items.get(link.get("url") or link.get("address"))
            assert li is not None, f"{entry['id']}: {link.get('url') or link.get('address')} is missing"
            if link.get("address"):
                assert not li.select("a"), f"{entry['id']}: the address {link['address']} is a link"
            text = " ".join((li.select_one("a") or li.select_one(".zoo-link__text")).get_text().split())
            title = link.get("gloss") if lang == "en" and link.get("gloss") else link["title"]
            assert text == " ".join(title.split()), (entry["id"], title, text)
            assert li.select_one(f".zoo-kind--{data.kind_of(link)}"), (entry["id"], link, data.kind_of(link))
            gone = "zoo-link--gone" in li["class"]
            assert gone == data.is_gone(link), (entry["id"], link.get("url"))
            if gone:
                assert li.select_one(".zoo-badge--warn")["title"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_seed_link_is_on_the_site(site_pages, lang):
    hrefs, addresses = set(), set()
    for page in of_language(site_pages, LANGUAGES[lang]):
        hrefs.update(page.article_links)
        addresses.update(page.addresses)
    links = [link for section in SEED_ATLAS for link in section["links"]]
    missing = [link["url"] for link in links if link["url"] not in hrefs | addresses]
    assert not missing


def test_every_seed_section_is_an_entry_or_part_of_one(real_site, article_of):
    for section in SEED_ATLAS:
        if "entry" not in section:  # the guide's own title: the atlas itself
            assert article_of(real_site, "atlas").h1
            continue
        for prefix in LANGUAGES.values():
            soup = article_of(real_site, f"{prefix}atlas/{section['entry']}")
            urls = {a["href"] for a in soup.select("#links ~ ul a[href]")} | {
                unquote(c.get_text()) for c in soup.select("code.zoo-link__address")}
            assert {link["url"] for link in section["links"]} <= urls, section["heading"]
        # Chinese pages show each link under the seed's own title.
        soup = article_of(real_site, f"atlas/{section['entry']}")
        shown = {}
        for li in soup.select("#links ~ ul.zoo-links li"):
            a, code = li.select_one("a[href]"), li.select_one("code")
            shown[a["href"] if a else unquote(code.get_text())] = " ".join((a or li.select_one(".zoo-link__text")).get_text().split())
        for link in section["links"]:
            assert shown[link["url"]] == " ".join(link["title"].split()), link["url"]
        if "parent" in section:
            crumbs = soup.select("nav.zoo-breadcrumbs a")
            assert crumbs[-1]["href"] == f"../{section['parent']}/"


def related_links(soup) -> set[str]:
    """The addresses listed under a page's "Related" heading."""
    heading = soup.find(id="related")
    found = set()
    for sibling in heading.find_next_siblings() if heading else []:
        if sibling.name == "h2":
            break
        found |= {a["href"] for a in sibling.find_all("a", href=True)}
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_relations_are_shown_on_both_sides(real_site, article_of, data, lang):
    """`related` and `model_sections` are written once in an entry and shown on both pages."""
    pages = {}

    def related(path):
        if path not in pages:
            pages[path] = related_links(article_of(real_site, LANGUAGES[lang] + path))
        return pages[path]

    checked = 0
    for _, entry in data.entries:
        for other in entry.get("related", []):
            assert f"../{other}/" in related(f"atlas/{entry['id']}"), (entry["id"], other)
            assert f"../{entry['id']}/" in related(f"atlas/{other}"), (other, entry["id"])
            checked += 1
        for section in entry.get("model_sections", []):
            assert f"../../models/{section}/" in related(f"atlas/{entry['id']}"), (entry["id"], section)
            assert f"../../atlas/{entry['id']}/" in related(f"models/{section}"), (section, entry["id"])
            checked += 1
    assert checked, "no entry has a relation: the check saw nothing"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tag_index_lists_every_entry_and_section_under_its_tags(real_site, html_of, data, lang):
    soup = html_of(real_site, f"{LANGUAGES[lang]}tags")
    members = {}
    for _, entry in data.entries:
        for tag in entry.get("tags", []):
            members.setdefault(tag, set()).add(f"../atlas/{entry['id']}/")
    for section in data.sections:
        for tag in section.get("tags", []):
            members.setdefault(tag, set()).add(f"../models/{section['id']}/")
    assert members
    for tag, hrefs in members.items():
        listed = {a["href"] for a in soup.select_one(f"h3[id='{tag}']").find_next("ul").select("a")}
        assert hrefs <= listed, (tag, hrefs - listed)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chinese_headings_get_readable_anchors(real_site, html_of, lang):
    about = html_of(real_site, f"{LANGUAGES[lang]}about")
    for heading in about.select("h2[id]"):
        assert not re.fullmatch(r"_\d+", heading["id"]), heading["id"]


# -- every page, from the built files ------------------------------------------

def test_every_page_is_of_a_known_kind_and_every_kind_has_its_example(site_pages, data):
    """A new kind of page joins tests/page_kinds.py, so that the browser checks one of it."""
    unknown = {page.url: kinds_of(page.path, data) for page in site_pages.values()
               if len(kinds_of(page.path, data)) != 1}
    assert not unknown, f"pages of no kind, or of several: {unknown}"
    for kind, example in examples(data).items():
        if kind != "404":
            for prefix in LANGUAGES.values():
                path = "/" + prefix + example.split("?")[0]
                assert path in site_pages and kinds_of(site_pages[path].path, data) == [kind], (kind, path)
    assert len(KINDS) == len({kind.name for kind in KINDS})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lang_switcher_and_absolute_hreflang_on_every_page(site_pages, lang):
    prefix = LANGUAGES[lang]
    problems = []
    for page in of_language(site_pages, prefix):
        if page.lang != lang:
            problems.append(f"{page.url}: lang={page.lang}")
        if page.url.endswith("404.html"):
            continue
        path = page.path
        if page.switcher != {"zh": "/" + path, "en": "/en/" + path}:
            problems.append(f"{page.url}: switcher {page.switcher}")
        if page.alternates != {"zh": ORIGIN + path, "en": ORIGIN + "en/" + path, "x-default": ORIGIN + path}:
            problems.append(f"{page.url}: alternates {page.alternates}")
        for other in ("/" + path, "/en/" + path):
            if other not in site_pages:
                problems.append(f"{page.url}: its other language {other} does not exist")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_its_own_description(site_pages, lang):
    seen = {}
    for page in of_language(site_pages, LANGUAGES[lang]):
        if not page.url.endswith("404.html"):
            assert page.description, f"{page.url} has no description"
            seen.setdefault(page.description, []).append(page.url)
    shared = {text[:40]: urls for text, urls in seen.items() if len(urls) > 1}
    assert not shared, shared


# Link texts that say nothing of where a link goes, in the site's two languages.
GENERIC_LINK_TEXTS = {"click here", "click this", "go", "here", "this", "more", "more info", "more information",
                      "information", "learn more", "read more", "see more", "right here", "start",
                      "点击这里", "点击此处", "点此", "这里", "此处", "更多", "了解更多", "查看更多", "详情"}


def test_every_page_opens_as_browsers_and_search_engines_expect(site_pages):
    """What Lighthouse's best-practices and SEO categories read from a page's markup, on every page
    (its other audits need a browser: tests/test_quality.py's phone check). `make audit` runs Lighthouse."""
    problems = []
    for page in site_pages.values():
        viewport = page.meta.get("viewport", [""])
        found = {
            "no <!doctype html> first": not page.doctype,
            f"charset {page.charset} in the first 1024 bytes, not utf-8": page.charset != "utf-8",
            "no title": not page.title,
            f"viewport {viewport}": len(viewport) != 1 or "width=device-width" not in viewport[0]
            or re.search(r"user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*[0-4](\.|,|$)", viewport[0]),
            f"robots {page.meta.get('robots')}": any(re.search(r"noindex|none", content or "")
                                                      for content in page.meta.get("robots", [])),
            f"links that say nothing: {sorted(page.link_texts & GENERIC_LINK_TEXTS)}":
                page.link_texts & GENERIC_LINK_TEXTS,
            f"{page.images_without_alt} images without alt": page.images_without_alt,
        }
        problems += [f"{page.url}: {problem}" for problem, wrong in found.items() if wrong]
    assert not problems, "\n".join(problems[:20])


def test_chinese_pages_carry_no_english_only_interface_text(site_pages):
    wrong = [page.url for page in of_language(site_pages, "") if "Made with" in page.footer or "构建" not in page.footer]
    assert not wrong


def test_english_pages_show_no_chinese(site_pages):
    offenders = {page.url: page.cjk[:40] for page in of_language(site_pages, "en/") if page.cjk}
    assert not offenders


def test_ids_are_unique_on_every_page(site_pages):
    """Model anchors are shared addresses (/models/detection/#yolov3): no two elements may claim one."""
    twice = {page.url: page.repeated_ids[:5] for page in site_pages.values() if page.repeated_ids}
    assert not twice, twice


def test_links_inside_the_site_resolve(real_site, site_pages):
    """Every internal link and #fragment points at a file and an id that exist."""
    broken = []
    for page in site_pages.values():
        for href in page.links:
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            target = urlsplit(urljoin(page.url, href))
            path = unquote(target.path)
            file = real_site / path.lstrip("/")
            if file.is_dir() or path.endswith("/"):
                path, file = path.rstrip("/") + "/", file / "index.html"
            if not file.is_file():
                broken.append(f"{page.url} -> {href}")
            elif target.fragment and file.suffix == ".html" and unquote(target.fragment) not in site_pages[path].ids:
                broken.append(f"{page.url} -> {href} (no such anchor)")
    assert not broken, broken[:20]


def test_links_are_web_addresses_or_paths_of_the_site(site_pages):
    """A non-web address (chrome://tracing/) is shown as text: no page links to a scheme a reader cannot follow."""
    wrong = {(page.url, href) for page in site_pages.values() for href in page.links
             if urlsplit(href).scheme not in ("", "http", "https", "mailto")}
    assert not wrong, sorted(wrong)[:10]


def test_nothing_is_fetched_from_elsewhere(real_site, site_pages):
    outside = {(page.url, resource.url) for page in site_pages.values() for resource in page.resources
               if re.match(r"(https?:)?//", resource.url)}
    assert not outside, sorted(outside)[:10]
    for path in real_site.rglob("*.css"):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), f"{path} loads from elsewhere"
