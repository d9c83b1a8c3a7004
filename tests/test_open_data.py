"""Trust and reuse: the open data matches the data files value for value, the
"Use the data" page runs as written, every result names its source, and pages
date their data from git history."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sites import REPO, build_both, copy_fixture
from zoosite.yaml_strict import read

DATA = REPO / "data"


def sections() -> list[dict]:
    """The Model Zoo data as PyYAML reads it, independently of the build's reader."""
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((DATA / "models").glob("*.yml"))]


def written_numbers(section_id: str) -> dict:
    """(model, benchmark, metric) -> the number's text in the data file."""
    document = read(str(DATA / "models" / f"{section_id}.yml"))
    out = {}
    for i, model in enumerate(document.data.get("models", [])):
        for j, result in enumerate(model.get("results", [])):
            for metric in result["values"]:
                out[model["id"], result["benchmark"], metric] = document.plain[("models", i, "results", j, "values", metric)]
    return out


def both(name) -> dict:
    return name if isinstance(name, dict) else {"zh": name, "en": name}


METRICS = {m["id"]: m for m in yaml.safe_load((DATA / "metrics.yml").read_text(encoding="utf-8"))["metrics"]}


def test_models_json_holds_every_model_and_every_value(real_site):
    published = json.loads((real_site / "data/models.json").read_text(encoding="utf-8"))
    by_id = {model["id"]: model for model in published["models"]}
    count = 0
    for section in sections():
        benchmarks = {b["id"]: b for b in section.get("benchmarks", [])}
        texts = written_numbers(section["id"])
        for model in section.get("models", []):
            mine = by_id.pop(model["id"])
            assert mine["section"] == section["id"] and mine["page"] == f"models/{section['id']}/#{model['id']}"
            assert mine["name"] == both(model["name"]) and mine["description"] == model["description"]
            assert [link.get("url") or link.get("address") for link in mine["links"]] == \
                   [link.get("url") or link.get("address") for link in model["links"]]
            results = {r["benchmark"]: r for r in mine["results"]}
            for result in model.get("results", []):
                benchmark = benchmarks[result["benchmark"]]
                if not benchmark["metrics"]:
                    continue
                shown = results.pop(f"{section['id']}/{result['benchmark']}")
                source = result.get("source") or benchmark.get("source") or section["source"]
                assert shown["source"] == source
                assert [v["id"] for v in shown["values"]] == benchmark["metrics"]
                for value in shown["values"]:
                    metric = METRICS[value["id"]]
                    assert value["value"] == result["values"][value["id"]]
                    assert value["written"] == texts[model["id"], result["benchmark"], value["id"]]
                    assert (value["unit"], value["higher_is_better"]) == (metric["unit"], metric["higher_is_better"])
                    count += 1
            assert not results
    assert not by_id, f"models published that the data does not hold: {list(by_id)}"
    assert count > 50  # the loop above visited every value of the data


def test_benchmarks_json_and_every_csv_hold_every_row(real_site):
    published = {b["id"]: b for b in json.loads((real_site / "data/benchmarks.json").read_text(encoding="utf-8"))["benchmarks"]}
    tables = 0
    for section in sections():
        texts = written_numbers(section["id"])
        for benchmark in section.get("benchmarks", []):
            if not benchmark["metrics"]:
                continue
            tables += 1
            mine = published.pop(f"{section['id']}/{benchmark['id']}")
            rows = [(m["id"], r) for m in section["models"] for r in m.get("results", []) if r["benchmark"] == benchmark["id"]]
            assert sorted(row["model"] for row in mine["rows"]) == sorted(model for model, _ in rows)
            with open(real_site / mine["csv"], encoding="utf-8", newline="") as stream:
                table = list(csv.reader(stream))
            header, body = table[0], table[1:]
            for metric in benchmark["metrics"]:
                unit = "%" if METRICS[metric]["unit"] == "percent" else METRICS[metric]["unit"]
                assert f"{both(METRICS[metric]['name'])['en']} ({unit})" in header
            assert len(body) == len(rows)
            for line in body:
                model = line[0]
                for metric, cell in zip(benchmark["metrics"], line[len(header) - len(benchmark["metrics"]):]):
                    assert cell == texts[model, benchmark["id"], metric]
    assert not published and tables == 16


def test_atlas_json_holds_every_entry_and_link(real_site):
    published = {e["id"]: e for e in json.loads((real_site / "data/atlas.json").read_text(encoding="utf-8"))["entries"]}
    for path in sorted((DATA / "atlas").glob("*.yml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
            mine = published.pop(entry["id"])
            assert mine["summary"] == entry["summary"] and mine["category"] == path.stem
            assert [link.get("url") or link.get("address") for link in mine["links"]] == \
                   [link.get("url") or link.get("address") for link in entry["links"]]
    assert not published


def test_model_index_and_schemas_are_published(real_site):
    index = yaml.safe_load((real_site / "data/model-index.yml").read_text(encoding="utf-8"))["Models"]
    resnet = next(model for model in index if model["Name"] == "ResNet50")
    assert resnet["Results"] == [{"Task": "Image classification", "Dataset": "ImageNet-2012 (val)",
                                  "Metrics": {"Top-1 accuracy (%)": 76.5, "Top-5 accuracy (%)": 93.0}}]
    yolo = next(model for model in index if model["Name"] == "YOLOv3")
    assert yolo["Paper"]["URL"] == "https://arxiv.org/pdf/1812.01187.pdf"
    for schema in (REPO / "schemas").glob("*.json"):
        assert (real_site / "data/schemas" / schema.name).read_bytes() == schema.read_bytes()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_use_the_data_page_runs_as_written(real_site, real_url, prefix):
    page = (real_site / prefix / "open-data/index.html").read_text(encoding="utf-8")
    blocks = [html.unescape(code) for code in re.findall(r'<pre><code class="language-python">(.*?)</code></pre>', page, re.S)]
    assert len(blocks) == 2 and "import pandas" in blocks[1]
    outputs = []
    for code in blocks:
        assert 'BASE = "https://paddle-atlas.github.io/data/"' in code
        done = subprocess.run([sys.executable, "-c", code.replace("https://paddle-atlas.github.io/data/", real_url + "/data/")],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert "best: SENet154_vd 81.40" in outputs[0]
    assert "senet154-vd" in outputs[1] and "resnet50" in outputs[1]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_table_on_the_site_names_its_source(real_site, html_of, prefix):
    tables = 0
    for path in sorted((real_site / prefix / "models").glob("*/index.html")):
        soup = html_of(real_site, path.parent.relative_to(real_site).as_posix())
        for table in soup.select("table.zoo-sortable"):
            tables += 1
            source = table.find_parent("div").find_next_sibling("p", class_="zoo-source")
            assert source.select_one('a[href="https://github.com/PaddlePaddle/models"]').get_text() == \
                "PaddlePaddle Models (README)"
            assert source.select_one('a[href$=".csv"]'), "no CSV link"
            # On the real site every value shares its table's source.
            assert not table.select(".zoo-source-mark")
    assert tables == 16


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


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout


def test_pages_date_their_data_file_from_git(real_site, html_of):
    checked = 0
    for path, data_file in (("models/classification", "data/models/classification.yml"),
                            ("atlas/fastdeploy", "data/atlas/deployment.yml"), ("tags", "data/tags.yml")):
        date = git(REPO, "log", "-1", "--format=%cs", "--", data_file).strip()
        for prefix in ("", "en/"):
            assert date in html_of(real_site, prefix + path).select_one(".zoo-age").get_text()
            checked += 1
    assert checked == 6


def test_without_history_pages_show_no_date(tmp_path, html_of):
    """A shallow clone's one commit would date every file; the site shows nothing instead."""
    origin = copy_fixture("mini", tmp_path / "origin")
    git(origin, "init", "-q")
    git(origin, "-c", "user.name=t", "-c", "user.email=t@example.com", "add", "-A")
    git(origin, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "one")
    git(origin, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "two")
    full = build_both(origin)
    assert html_of(full, "models/demo").select_one(".zoo-age")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(shallow)], check=True)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(origin / name, shallow / name)
    site = build_both(shallow)
    assert not html_of(site, "models/demo").select_one(".zoo-age")
    assert not html_of(site, "en/atlas/hammer").select_one(".zoo-age")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_paper_links_offer_a_citation_built_only_from_the_data(real_site, html_of, prefix):
    soup = html_of(real_site, prefix + "models/detection")
    cite = soup.select_one("tr:has(h3#yolov3) details.zoo-cite")
    bibtex = cite.select_one("pre code").get_text()
    assert "eprint = {1812.01187}" in bibtex and "year = {2018}" in bibtex
    assert "title = {Bag of Tricks for Image Classification with Convolutional Neural Networks}" in bibtex
    assert "author" not in bibtex and "journal" not in bibtex and "booktitle" not in bibtex
    assert cite.select_one('a[href="https://arxiv.org/bibtex/1812.01187"]')
    acl = html_of(real_site, prefix + "models/dialogue").select("details.zoo-cite pre code")
    aclweb = next(code.get_text() for code in acl if "aclweb.org" in code.get_text())
    assert "year" not in aclweb and "eprint" not in aclweb


def test_the_bibtex_entry_copies_to_the_clipboard(browser, real_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{real_url}/en/models/speech/")
    cite = page.locator("tr:has(h3#deepspeech2) details.zoo-cite")
    cite.locator("summary").click()
    cite.locator("button.md-code__button").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{arxiv:1512.02595,") and "year = {2015}" in copied
    context.close()
