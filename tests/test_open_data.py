"""Trust and reuse: the open data matches the data files value for value, the
"Use the data" page runs as written, every result names its source, and pages
date their data from git history."""

from __future__ import annotations

import csv
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from expected import both
from sites import PROJECT, build_both, copy_fixture


def unit(metric: dict) -> str:
    return "%" if metric["unit"] == "percent" else metric["unit"]


def test_models_json_holds_every_model_and_every_value(real_site, data):
    published = json.loads((real_site / "data/models.json").read_text(encoding="utf-8"))
    by_id = {model["id"]: model for model in published["models"]}
    tables = {(section["id"], benchmark["id"]): benchmark for section, benchmark in data.tables}
    for section, model in data.models:
        mine = by_id.pop(model["id"])
        assert mine["section"] == section["id"] and mine["page"] == f"models/{section['id']}/#{model['id']}"
        assert mine["name"] == both(model["name"]) and mine["description"] == model["description"]
        assert [link.get("url") or link.get("address") for link in mine["links"]] == \
               [link.get("url") or link.get("address") for link in model["links"]]
        results = {(r["benchmark"], r["backbone"]): r for r in mine["results"]}
        for row in (row for row in data.rows if row.model is model):
            benchmark = tables.get((section["id"], row.result["benchmark"]))
            if benchmark is None:
                continue
            shown = results.pop((f"{section['id']}/{benchmark['id']}", row.result.get("backbone")))
            assert shown["source"] == (row.result.get("source") or benchmark.get("source") or section["source"])
            assert [v["id"] for v in shown["values"]] == benchmark["metrics"]
            for value in shown["values"]:
                metric = data.metrics[value["id"]]
                assert value["value"] == row.value(value["id"]) and value["written"] == row.written[value["id"]]
                assert (value["unit"], value["higher_is_better"]) == (metric["unit"], metric["higher_is_better"])
        assert not results, f"{model['id']}: results published that the data does not hold: {list(results)}"
    assert not by_id, f"models published that the data does not hold: {list(by_id)}"


def test_benchmarks_json_and_every_csv_hold_every_row(real_site, data):
    published = {b["id"]: b for b in json.loads((real_site / "data/benchmarks.json").read_text(encoding="utf-8"))["benchmarks"]}
    for section, benchmark in data.tables:
        mine = published.pop(f"{section['id']}/{benchmark['id']}")
        rows = data.rows_of(section, benchmark)
        assert sorted(row["model"] for row in mine["rows"]) == sorted(row.model["id"] for row in rows)
        with open(real_site / mine["csv"], encoding="utf-8", newline="") as stream:
            header, *body = list(csv.reader(stream))
        metrics = benchmark["metrics"]
        assert header[-len(metrics):] == [f"{both(data.metrics[m]['name'])['en']} ({unit(data.metrics[m])})" for m in metrics]
        assert len(body) == len(rows)
        written = {(row.model["id"], row.result.get("backbone") or ""): row.written for row in rows}
        for line in body:
            backbone = line[2] if header[2] == "backbone" else ""
            assert line[-len(metrics):] == [written[line[0], backbone][m] for m in metrics], line
    assert not published, f"benchmarks published that the data does not hold: {list(published)}"


def test_atlas_json_holds_every_entry_and_link(real_site, data):
    published = {e["id"]: e for e in json.loads((real_site / "data/atlas.json").read_text(encoding="utf-8"))["entries"]}
    for category, entry in data.entries:
        mine = published.pop(entry["id"])
        assert mine["summary"] == entry["summary"] and mine["category"] == category
        assert [link.get("url") or link.get("address") for link in mine["links"]] == \
               [link.get("url") or link.get("address") for link in entry["links"]]
    assert not published


def test_model_index_and_schemas_are_published(real_site, data):
    """Every model in the model-index shape, with its results, its first paper and its code."""
    index = yaml.safe_load((real_site / "data/model-index.yml").read_text(encoding="utf-8"))["Models"]
    listed = {(entry["Name"], entry["In Collection"]): entry for entry in index}
    assert len(listed) == len(index) == len(data.models)
    datasets = {dataset["id"]: dataset for dataset in data.read("datasets.yml")["datasets"]}
    tables = {(section["id"], benchmark["id"]): benchmark for section, benchmark in data.tables}
    for section, model in data.models:
        entry = listed[both(model["name"])["en"], both(section["title"])["en"]]
        results = []
        for row in (row for row in data.rows if row.model is model):
            benchmark = tables.get((section["id"], row.result["benchmark"]))
            if benchmark:
                dataset = both(datasets[benchmark["dataset"]]["name"])["en"]
                results.append({"Task": both(section["title"])["en"],
                                "Dataset": f"{dataset} ({benchmark['split']})" if benchmark.get("split") else dataset,
                                "Metrics": {f"{both(data.metrics[m]['name'])['en']} ({unit(data.metrics[m])})": row.value(m)
                                            for m in benchmark["metrics"]}})
        assert entry.get("Results", []) == results, model["id"]
        paper = next((link for link in model["links"] if data.kind_of(link) == "paper" and link.get("url")), None)
        assert entry.get("Paper") == ({"Title": paper["title"], "URL": paper["url"]} if paper else None), model["id"]
        code = next((link["url"] for link in model["links"] if data.kind_of(link) == "repository"), None)
        assert entry.get("Code") == code, model["id"]
    for schema in (PROJECT / "schemas").glob("*.json"):
        assert (real_site / "data/schemas" / schema.name).read_bytes() == schema.read_bytes()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_use_the_data_page_runs_as_written(real_site, real_url, data, prefix):
    page = (real_site / prefix / "open-data/index.html").read_text(encoding="utf-8")
    blocks = [html.unescape(code) for code in re.findall(r'<pre><code class="language-python">(.*?)</code></pre>', page, re.S)]
    assert len(blocks) == 2 and "import pandas" in blocks[1]
    outputs = []
    for code in blocks:
        assert 'BASE = "https://paddle-atlas.github.io/data/"' in code
        done = subprocess.run([sys.executable, "-c", code.replace("https://paddle-atlas.github.io/data/", real_url + "/data/")],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    # The example names one benchmark's CSV and prints its best model, as the data has it.
    section_id, benchmark_id = re.search(r'read\("benchmarks/([^/]+)/([^"]+)\.csv"\)', blocks[0]).groups()
    section = data.section(section_id)
    benchmark = next(b for b in section["benchmarks"] if b["id"] == benchmark_id)
    best = data.best(section, benchmark, benchmark["metrics"][0])
    assert f"best: {both(best.model['name'])['en']} {best.written[benchmark['metrics'][0]]}" in outputs[0]
    assert best.model["id"] in outputs[1]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_table_on_the_site_names_its_source(real_site, article_of, data, prefix):
    for section, benchmark in data.tables:
        soup = article_of(real_site, f"{prefix}models/{section['id']}")
        table = soup.select_one(f"#benchmark-{benchmark['id']} ~ .zoo-table-wrap table")
        own = benchmark.get("source") or section["source"]
        line = table.find_parent("div").find_next_sibling("p", class_="zoo-source")
        assert line.select_one(f'a[href="{own["url"]}"]').get_text() == own["title"], benchmark["id"]
        assert line.select_one(f'a[href$="/{section["id"]}/{benchmark["id"]}.csv"]'), "no CSV link"
        # A value with a source of its own carries a mark that names it.
        marked = [row for row in data.rows_of(section, benchmark) if row.result.get("source") not in (None, own)]
        assert len(table.select(".zoo-source-mark")) == len(marked), benchmark["id"]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_value_with_its_own_source_and_an_old_source_are_marked(mini_built, html_of, prefix):
    soup = html_of(mini_built, prefix + "models/demo")
    imagenet = soup.select_one("#benchmark-imagenet-val ~ div table")
    alpha = imagenet.find("a", href="#alpha").find_parent("tr")
    mark = alpha.select_one("a.zoo-source-mark")
    assert mark["href"] == "https://example.com/alpha-reproduced" and "Alpha reproduced" in mark.get_text()
    assert len(imagenet.select(".zoo-source-mark")) == 1
    # The notice comes right under the heading of a table whose source is older than freshness_days.
    assert "zoo-stale" not in soup.select_one("#benchmark-imagenet-val").find_next_sibling()["class"]
    stale = soup.select_one("#benchmark-lines-error").find_next_sibling()
    assert "zoo-stale" in stale["class"] and "2015-03-01" in stale.get_text() and "730" in stale.get_text()


def test_the_source_mark_shows_its_source_on_hover_and_on_keyboard_focus(page, mini_url):
    page.goto(f"{mini_url}/en/models/demo/")
    mark = page.locator("#benchmark-imagenet-val ~ div a.zoo-source-mark")
    tip = mark.locator(".zoo-tip")
    assert tip.bounding_box()["width"] <= 1
    mark.hover()
    assert tip.bounding_box()["width"] > 50 and "Alpha reproduced" in tip.inner_text()
    page.mouse.move(0, 0)
    mark.focus()
    assert tip.bounding_box()["width"] > 50


def git(folder: Path, *args: str, date: str | None = None) -> str:
    stamp = {"GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00"} if date else {}
    return subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                          check=True, capture_output=True, text=True, env={**os.environ, **stamp}).stdout


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """The tiny fixture site in a repository with a known history: every file on
    2024-01-15, then the atlas category on 2025-03-02."""
    origin = copy_fixture("mini", tmp_path_factory.mktemp("history") / "origin")
    git(origin, "init", "-q")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "one", date="2024-01-15")
    tools = origin / "data/atlas/tools.yml"
    tools.write_text(tools.read_text(encoding="utf-8").replace("en: Drives nails.", "en: Drives nails straight."),
                     encoding="utf-8")
    git(origin, "commit", "-qam", "two", date="2025-03-02")
    return origin


def ages(site: Path, html_of) -> dict:
    """The "data last changed" line of a few pages, in both languages (None where there is none)."""
    lines = {}
    for prefix in ("", "en/"):
        for path in ("models/demo", "atlas/hammer", "tags"):
            line = html_of(site, prefix + path).select_one(".zoo-age")
            lines[prefix + path] = line.get_text() if line else None
    return lines


def test_a_full_clone_dates_each_page_by_its_data_file_and_a_shallow_one_shows_no_date(history, tmp_path, html_of):
    """What the deployed site shows depends on the clone it is built from (the
    deploy workflow fetches the whole history): a full clone dates each page by
    the last commit of its data file; a shallow clone's one commit would date
    every file to itself, so the pages show no date rather than a wrong one."""
    full = tmp_path / "full"
    subprocess.run(["git", "clone", "-q", f"file://{history}", str(full)], check=True)
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history}", str(shallow)], check=True)
    dated = ages(build_both(full), html_of)
    for page, line in dated.items():
        assert line and ("2025-03-02" if "hammer" in page else "2024-01-15") in line, (page, line)
    assert set(ages(build_both(shallow), html_of).values()) == {None}


def test_the_deployed_site_is_built_with_the_whole_history():
    workflow = yaml.safe_load((PROJECT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    checkouts = [step for job in workflow["jobs"].values() for step in job.get("steps", [])
                 if str(step.get("uses", "")).startswith("actions/checkout")]
    assert checkouts and all(step.get("with", {}).get("fetch-depth") == 0 for step in checkouts)


def test_the_real_site_dates_its_pages_when_built_with_history(real_site, html_of):
    """Built from a full clone, pages carry their data file's last commit date; from a
    shallow clone or a copy without history, none (make test passes in both)."""
    shallow = subprocess.run(["git", "-C", str(PROJECT), "rev-parse", "--is-shallow-repository"],
                             capture_output=True, text=True)
    with_history = shallow.returncode == 0 and shallow.stdout.strip() == "false"
    for path, data_file in (("models", "data/model-areas.yml"), ("tags", "data/tags.yml")):
        date = git(PROJECT, "log", "-1", "--format=%cs", "--", data_file).strip() if with_history else ""
        for prefix in ("", "en/"):
            line = html_of(real_site, prefix + path).select_one(".zoo-age")
            if date:
                assert line and date in line.get_text(), (prefix + path, date)
            else:
                assert line is None, (prefix + path, line)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_arxiv_papers_offer_a_citation_built_only_from_the_data(real_site, article_of, data, prefix):
    """Each model's arXiv link: its title, the id and the year the id implies; no author, venue or made-up year."""
    arxiv = re.compile(r"https?://(www\.)?arxiv\.org/(abs|pdf)/(?P<id>\d{4}\.\d{4,5})(v\d+)?(\.pdf)?$")
    checked = 0
    for section in data.sections:
        soup = article_of(real_site, f"{prefix}models/{section['id']}")
        for code in soup.select("details.zoo-cite pre code"):
            bibtex = code.get_text()
            assert "author" not in bibtex and "journal" not in bibtex and "booktitle" not in bibtex
            if "eprint" not in bibtex:
                assert "year" not in bibtex, bibtex
        for model in section.get("models", []):
            for link in model["links"]:
                found = arxiv.match(link.get("url") or "")
                if not found or data.kind_of(link) != "paper":
                    continue
                row = soup.select_one(f"tr:has(h3#{model['id']})")
                bibtex = " ".join(code.get_text() for code in row.select("details.zoo-cite pre code"))
                paper = found["id"]
                assert f"eprint = {{{paper}}}" in bibtex and f"year = {{20{paper[:2]}}}" in bibtex, (model["id"], paper)
                assert row.select_one(f'a[href="https://arxiv.org/bibtex/{paper}"]')
                checked += 1
    assert checked or not any(
        arxiv.match(link.get("url") or "") for _, model in data.models for link in model["links"])


def test_the_bibtex_entry_copies_to_the_clipboard(new_page, real_url, data):
    section, model = next((section, model) for section, model in data.models
                          if any("arxiv.org/abs/" in (link.get("url") or "") for link in model["links"]))
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{real_url}/en/models/{section['id']}/")
    cite = page.locator(f"tr:has(h3#{model['id']}) details.zoo-cite").first
    cite.locator("summary").click()
    cite.locator("button.md-code__button").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{arxiv:") and copied == cite.locator("pre code").inner_text()
