"""Trust and reuse: the open data matches the data files value for value and is
accepted by the tools its users run (the model-index checker, Frictionless, JSON
Schema validation of every published JSON file against its published schema);
the "Use the data" page's examples run as written; every result names its
source; pages date their data from git history."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sites import REPO, BuildFailed, build_both, copy_fixture

DATA = REPO / "data"
BIN = Path(sys.executable).parent
SITE_URL = "https://paddle-atlas.github.io/"


# -- the data files, read independently of the build ---------------------------


def both(name) -> dict:
    return name if isinstance(name, dict) else {"zh": name, "en": name}


def written(node) -> object:
    """A YAML node as data, with every number kept as the text the file writes (76.50)."""
    if isinstance(node, yaml.MappingNode):
        return {key.value: written(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [written(item) for item in node.value]
    return node.value


def sections() -> list[tuple[dict, dict]]:
    """(section as PyYAML reads it, the same with numbers as written)."""
    return [(yaml.safe_load(path.read_text(encoding="utf-8")), written(yaml.compose(path.read_text(encoding="utf-8"))))
            for path in sorted((DATA / "models").glob("*.yml"))]


METRICS = {m["id"]: m for m in yaml.safe_load((DATA / "metrics.yml").read_text(encoding="utf-8"))["metrics"]}
DATASETS = {d["id"]: d for d in yaml.safe_load((DATA / "datasets.yml").read_text(encoding="utf-8"))["datasets"]}


def rows_of(section: tuple[dict, dict], benchmark: dict) -> list[tuple[dict, dict, dict]]:
    """(model, result, the result's values as written) of one benchmark."""
    data, text = section
    return [(model, result, text["models"][i]["results"][j]["values"])
            for i, model in enumerate(data.get("models", []))
            for j, result in enumerate(model.get("results", [])) if result["benchmark"] == benchmark["id"]]


def published(site: Path, name: str) -> dict:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


# -- what the files hold ---------------------------------------------------------


def test_models_json_holds_every_model_and_every_value(real_site):
    by_id = {model["model_id"]: model for model in published(real_site, "models.json")["models"]}
    count = 0
    for section in sections():
        data = section[0]
        benchmarks = {b["id"]: b for b in data.get("benchmarks", [])}
        for model in data.get("models", []):
            mine = by_id.pop(model["id"])
            assert mine["section_id"] == data["id"]
            assert mine["url"] == {"zh": f"{SITE_URL}models/{data['id']}/#{model['id']}",
                                   "en": f"{SITE_URL}en/models/{data['id']}/#{model['id']}"}
            assert mine["name"] == both(model["name"]) and mine["description"] == model["description"]
            assert [link.get("url") or link.get("address") for link in mine["links"]] == \
                   [link.get("url") or link.get("address") for link in model["links"]]
            results = {(r["benchmark_id"], r["backbone"]): r for r in mine["results"]}
            for benchmark in benchmarks.values():
                if not benchmark["metrics"]:
                    continue
                for owner, result, text in rows_of(section, benchmark):
                    if owner is not model:
                        continue
                    shown = results.pop((f"{data['id']}/{benchmark['id']}", result.get("backbone")))
                    assert shown["model_id"] == model["id"] and shown["dataset_id"] == benchmark["dataset"]
                    assert shown["source"] == result.get("source") or benchmark.get("source") or data["source"]
                    assert [v["metric_id"] for v in shown["values"]] == benchmark["metrics"]
                    for value in shown["values"]:
                        assert value["value"] == result["values"][value["metric_id"]]
                        assert value["written"] == text[value["metric_id"]]
                        count += 1
            assert not results, f"{model['id']}: results the data does not hold: {list(results)}"
    assert not by_id, f"models published that the data does not hold: {list(by_id)}"
    assert count > 50


def test_a_result_has_one_shape_in_both_files(real_site):
    """The same result, key for key, in models.json and benchmarks.json; no key names two kinds of id."""
    from_models = {(r["model_id"], r["benchmark_id"], r["backbone"]): r
                   for model in published(real_site, "models.json")["models"] for r in model["results"]}
    from_benchmarks = {(r["model_id"], r["benchmark_id"], r["backbone"]): r
                       for benchmark in published(real_site, "benchmarks.json")["benchmarks"] for r in benchmark["results"]}
    assert from_models == from_benchmarks and len(from_models) > 50
    for result in from_models.values():
        assert "id" not in result and all("id" not in value for value in result["values"])


def test_benchmarks_json_and_every_csv_hold_every_row(real_site):
    catalogue = published(real_site, "benchmarks.json")
    mine = {b["benchmark_id"]: b for b in catalogue["benchmarks"]}
    package = {resource["path"]: resource for resource in published(real_site, "datapackage.json")["resources"]}
    splits = {"train", "val", "test", "val2017", "test-dev", "unstated"}
    for section in sections():
        data = section[0]
        for benchmark in data.get("benchmarks", []):
            if not benchmark["metrics"]:
                continue
            key = f"{data['id']}/{benchmark['id']}"
            shown = mine.pop(key)
            # Every benchmark states its split, or says the source gave none.
            assert shown["split"] == benchmark["split"] and shown["split"] in splits
            rows = rows_of(section, benchmark)
            assert sorted(r["model_id"] for r in shown["results"]) == sorted(model["id"] for model, _, _ in rows)
            assert shown["csv"] == f"{SITE_URL}data/benchmarks/{key}.csv"
            with open(real_site / "data" / "benchmarks" / f"{key}.csv", encoding="utf-8", newline="") as stream:
                header, *body = list(csv.reader(stream))
            # Headers are ids; the data package gives each metric's title and unit.
            assert header == ["benchmark_id", "rank", "model_id", "model_name_zh", "model_name_en", "backbone",
                              *benchmark["metrics"]]
            fields = {f["name"]: f for f in package[f"benchmarks/{key}.csv"]["schema"]["fields"]}
            for metric in benchmark["metrics"]:
                assert fields[metric]["type"] == "number" and fields[metric]["unit"] == METRICS[metric]["unit"]
                assert fields[metric]["title"].startswith(both(METRICS[metric]["name"])["en"])
            texts = {(model["id"], result.get("backbone") or ""): text for model, result, text in rows}
            assert len(body) == len(rows)
            for line in body:
                assert line[0] == key
                assert line[-len(benchmark["metrics"]):] == [texts[line[2], line[5]][m] for m in benchmark["metrics"]]
    assert not mine, f"benchmarks published that the data does not hold: {list(mine)}"


def test_atlas_json_holds_every_entry_and_link(real_site):
    mine = {e["entry_id"]: e for e in published(real_site, "atlas.json")["entries"]}
    for path in sorted((DATA / "atlas").glob("*.yml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
            shown = mine.pop(entry["id"])
            assert shown["summary"] == entry["summary"] and shown["category_id"] == path.stem
            assert shown["url"]["en"] == f"{SITE_URL}en/atlas/{entry['id']}/"
            assert [link.get("url") or link.get("address") for link in shown["links"]] == \
                   [link.get("url") or link.get("address") for link in entry["links"]]
    assert not mine


def test_dataset_aliases_come_from_the_data(real_site):
    datasets = {d["dataset_id"]: d for d in published(real_site, "benchmarks.json")["datasets"]}
    assert set(datasets) == set(DATASETS)
    for identifier, dataset in DATASETS.items():
        assert datasets[identifier]["aliases"] == dataset.get("aliases", [])
    assert "imagenet" in datasets["imagenet-2012"]["aliases"]


def test_an_alias_that_names_two_datasets_is_refused(mini):
    datasets = mini / "data" / "datasets.yml"
    datasets.write_text(datasets.read_text(encoding="utf-8").replace("{id: lines,", "{id: lines, aliases: [imagenet-1k],"),
                        encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_both(mini)
    assert ("data/datasets.yml:4:27: the alias 'imagenet-1k' is already a dataset id or alias at data/datasets.yml:3:46; "
            "expected an alias that names this dataset only") in str(failure.value)


def test_every_page_address_in_the_files_is_absolute_and_leads_to_a_page(real_site):
    addresses = []

    def collect(value, key=""):
        if isinstance(value, dict):
            if key in ("url", "leaderboard") and set(value) == {"zh", "en"}:
                addresses.extend(value.values())
            for name, item in value.items():
                collect(item, name)
        elif isinstance(value, list):
            for item in value:
                collect(item, key)

    for name in ("models.json", "benchmarks.json", "atlas.json"):
        content = published(real_site, name)
        assert content["site_url"] == SITE_URL
        collect(content)
    assert len(addresses) > 400
    for address in addresses:
        assert address.startswith(SITE_URL), address
        path = address.removeprefix(SITE_URL).split("#")[0]
        assert (real_site / path / "index.html").is_file(), address


# -- the tools users run ---------------------------------------------------------


def schema_validator(site: Path, name: str):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in (site / "data").glob("*.schema.json")}
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in schemas.items())
    return Draft202012Validator({"$ref": name}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("name", ["models.json", "benchmarks.json", "atlas.json"])
def test_every_json_file_passes_its_published_schema(real_site, name):
    content = published(real_site, name)
    schema = name.replace(".json", ".schema.json")
    assert content["$schema"] == f"{SITE_URL}data/{schema}" and (real_site / "data" / schema).is_file()
    assert re.fullmatch(r"[0-9a-f]{40}|unknown", content["generated_from"])
    validator = schema_validator(real_site, schema)
    assert [error.message for error in validator.iter_errors(content)] == []
    # The schema is strict enough to notice a result shaped the old way.
    model = next(m for m in content["models"]) if name == "models.json" else None
    if model:
        model["results"][0]["values"][0]["id"] = "top1"
        assert not validator.is_valid(content)


def test_the_source_schemas_stay_published_and_are_labelled(real_site, html_of):
    for schema in (REPO / "schemas").glob("*.json"):
        assert (real_site / "data/schemas" / schema.name).read_bytes() == schema.read_bytes()
    for prefix, words in (("", "源数据"), ("en/", "YAML files in the repository's data/ folder")):
        row = html_of(real_site, prefix + "open-data").find("code", string="schemas/*.schema.json").find_parent("tr")
        assert words in row.get_text()


def test_templates_strings_pass_their_schema_in_every_build(tmp_path):
    from zoosite.catalogue import DataError
    from zoosite.pages import interface_strings
    from zoosite.schema import Schemas

    schemas = Schemas(REPO / "schemas")
    assert interface_strings(REPO / "templates", schemas)["split.test-dev"]["en"] == "test-dev"
    bad = tmp_path / "templates"
    bad.mkdir()
    text = (REPO / "templates" / "strings.yml").read_text(encoding="utf-8")
    (bad / "strings.yml").write_text(text.replace('  zoo.title:\n    zh: "模型库"\n', '  zoo.title:\n'), encoding="utf-8")
    with pytest.raises(DataError) as failure:
        interface_strings(bad, schemas)
    assert str(failure.value).startswith("templates/strings.yml:")
    assert "is missing the field 'zh'" in str(failure.value)


def test_the_model_index_checker_finds_no_error(real_site):
    """`mi check` exits 0 even when it reports errors: its output is the verdict."""
    index = real_site / "data" / "model-index.yml"
    done = subprocess.run([str(BIN / "mi"), "check", str(index)], capture_output=True, text=True)
    assert done.stdout.splitlines() == [f"Checking {index}", "All good!"], done.stdout


def test_the_model_index_keeps_collections_backbones_and_written_digits(real_site):
    text = (real_site / "data/model-index.yml").read_text(encoding="utf-8")
    index = yaml.safe_load(text)
    collections = {c["Name"] for c in index["Collections"]}
    assert {model["In Collection"] for model in index["Models"]} <= collections
    resnet = next(model for model in index["Models"] if model["Name"] == "ResNet50")
    assert resnet["Results"] == [{"Task": "Image classification", "Dataset": "ImageNet-2012 (val)",
                                  "Metrics": {"Top-1 accuracy": "76.50%", "Top-5 accuracy": "93.00%"}}]
    yolo = next(model for model in index["Models"] if model["Name"] == "YOLOv3")
    assert yolo["Metadata"] == {"Architecture": ["DarkNet"]}
    assert yolo["Results"][0]["Dataset"] == "MS-COCO"  # the source names no split
    commit = published(real_site, "models.json")["generated_from"]
    assert text.startswith(f"# Generated from data/ at commit {commit};")


def test_frictionless_validates_the_data_package(real_site, tmp_path):
    done = subprocess.run([str(BIN / "frictionless"), "validate", "datapackage.json"], cwd=real_site / "data",
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    package = published(real_site, "datapackage.json")
    names = {resource["name"] for resource in package["resources"]}
    assert {"models", "benchmarks", "datasets", "metrics", "entries", "model-index"} <= names
    assert sum(resource.get("format") == "csv" for resource in package["resources"]) == 16
    models = next(resource for resource in package["resources"] if resource["name"] == "models")
    assert models["schema"]["primaryKey"] == ["model_id"]
    # A row naming a model the package does not hold breaks the foreign key, and the tool says so.
    broken = tmp_path / "data"
    shutil.copytree(real_site / "data", broken)
    table = broken / "benchmarks/classification/imagenet-val.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",resnet50,", ",no-such-model,"), encoding="utf-8")
    done = subprocess.run([str(BIN / "frictionless"), "validate", "--json", "datapackage.json"], cwd=broken,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "foreign-key" in {error["type"] for task in json.loads(done.stdout)["tasks"] for error in task["errors"]}


def test_generated_from_names_the_commit_of_data(tmp_path):
    def git(*args):
        identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
        return subprocess.run(["git", *identity, *args], cwd=root, check=True, capture_output=True, text=True).stdout

    root = copy_fixture("mini", tmp_path / "mini")
    build_both(root)
    assert published(root / "site", "models.json")["generated_from"] == "unknown"  # no git
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "data")
    build_both(root)
    commit = git("rev-parse", "HEAD").strip()
    for name in ("models.json", "benchmarks.json", "atlas.json", "datapackage.json"):
        assert published(root / "site", name)["generated_from"] == commit
    with open(root / "data/tags.yml", "a", encoding="utf-8") as tags:
        tags.write("# an edit not yet committed\n")
    build_both(root)
    assert published(root / "site", "models.json")["generated_from"] == "unknown"


# -- the "Use the data" page -----------------------------------------------------


def python_blocks(site: Path, prefix: str) -> list[str]:
    page = (site / prefix / "open-data/index.html").read_text(encoding="utf-8")
    return [html.unescape(code) for code in re.findall(r'<pre><code class="language-python">(.*?)</code></pre>', page, re.S)]


def run(code: str, url: str) -> str:
    assert f'BASE = "{SITE_URL}data/"' in code
    done = subprocess.run([sys.executable, "-c", code.replace(f"{SITE_URL}data/", url + "/data/")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_use_the_data_page_runs_as_written(real_site, real_url, prefix):
    plain, setup, top, on_dataset, one_model = python_blocks(real_site, prefix)
    classification = next(section for section in sections() if section[0]["id"] == "classification")
    benchmark = classification[0]["benchmarks"][0]
    rows = sorted(rows_of(classification, benchmark), key=lambda row: -row[1]["values"]["top1"])

    output = run(plain, real_url)
    assert f"best: {rows[0][0]['name']} {rows[0][2]['top1']}" in output

    # The top 3 on the benchmark, digits as written.
    lines = run(setup + "\n" + top, real_url).splitlines()
    assert len(lines) == 4
    for line, (model, _, text) in zip(lines[1:], rows[:3]):
        assert line.split()[2:] == [model["id"], text["top1"]]

    # Every result on the dataset, found through the alias the page uses.
    output = run(setup + "\n" + on_dataset, real_url)
    assert 'ids["imagenet"]' in on_dataset
    for model, _, text in rows:
        assert re.search(rf"{re.escape(model['id'])}\s+top1\s+{re.escape(text['top1'])}", output), model["id"]
    assert output.count("classification/imagenet-val") == 2 * len(rows)

    # One model across benchmarks: the first with the most results.
    output = run(setup + "\n" + one_model, real_url)
    segmentation = next(section for section in sections() if section[0]["id"] == "segmentation")
    assert '"pspnet-res101"' in one_model
    for benchmark in segmentation[0]["benchmarks"]:
        text = next(text for model, _, text in rows_of(segmentation, benchmark) if model["id"] == "pspnet-res101")
        assert re.search(rf"segmentation/{benchmark['id']}\s+miou\s+{re.escape(text['miou'])}", output)


# -- sources, dates and citations on the pages -----------------------------------


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
def test_a_table_whose_source_names_no_split_says_so(real_site, html_of, prefix):
    said = {"": "来源未注明数据划分", "en/": "the source does not name the split"}[prefix]
    soup = html_of(real_site, prefix + "models/detection")
    sources = {p.find_previous("h3")["id"]: p.get_text() for p in soup.select("p.zoo-source")}
    assert said in sources["benchmark-coco-box"] and said not in sources["benchmark-voc2007-test"]


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
