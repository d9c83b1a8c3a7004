"""Trust and reuse: the open data matches the data files value for value and is
accepted by the tools its users run (the model-index checker, Frictionless, JSON
Schema validation of every published JSON file against its published schema);
the "Use the data" page's examples run as written; every result names its
source; pages date their data from git history."""

from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from expected import both
from sites import PROJECT, BuildFailed, build_both, copy_fixture

BIN = Path(sys.executable).parent
SITE_URL = "https://paddle-atlas.github.io/"


def published(site: Path, name: str) -> dict:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def cost_columns(data, section: dict, benchmark: dict) -> list[str]:
    """A benchmark's cost columns: one per timing condition, then the size where a row gives one."""
    sized = any("size" in row.costs for row in data.rows_of(section, benchmark))
    return [f"time-{condition}" for condition in benchmark.get("timings", [])] + (["size"] if sized else [])


MEGABYTES = {"KB": 1 / 1024, "MB": 1, "GB": 1024}


def check_cost(value: dict, row) -> None:
    """A published time or size against the data file: the number, and the text as written."""
    column = value["metric_id"]
    if column == "size":
        size = row.result["size"]
        assert value["value"] == size["value"] * MEGABYTES[size["unit"]] and value["written_unit"] == size["unit"]
        assert f"{value['written']} {value['written_unit']}" == row.costs["size"]
    else:
        assert value["value"] == row.result["time"][column.removeprefix("time-")]
        assert value["written"] == row.costs[column] and "written_unit" not in value


# -- what the files hold ---------------------------------------------------------


def test_models_json_holds_every_model_and_every_value(real_site, data):
    by_id = {model["model_id"]: model for model in published(real_site, "models.json")["models"]}
    tables = {(section["id"], benchmark["id"]): benchmark for section, benchmark in data.tables}
    for section, model in data.models:
        mine = by_id.pop(model["id"])
        assert mine["section_id"] == section["id"]
        assert mine["url"] == {"zh": f"{SITE_URL}models/{section['id']}/{model['id']}/",
                               "en": f"{SITE_URL}en/models/{section['id']}/{model['id']}/"}
        assert mine["name"] == both(model["name"]) and mine["description"] == model.get("description")
        # Downloads and accelerators: the model's own, and those a part file adds to it.
        assert {(a["kind"], a["url"]) for a in model.get("artefacts", [])} <= {(a["kind"], a["url"]) for a in mine["artefacts"]}
        assert set(model.get("supported_on", [])) <= set(mine["supported_on"])
        assert mine["withdrawn"] == model.get("withdrawn")
        assert [link.get("url") or link.get("address") for link in mine["links"]] == \
               [link.get("url") or link.get("address") for link in model.get("links", [])]
        results = {(r["benchmark_id"], r["backbone"]): r for r in mine["results"]}
        for row in (row for row in data.rows if row.model is model):
            benchmark = tables.get((section["id"], row.result["benchmark"]))
            if benchmark is None:
                continue
            shown = results.pop((f"{section['id']}/{benchmark['id']}", row.result.get("backbone")))
            assert shown["model_id"] == model["id"] and shown["dataset_id"] == benchmark["dataset"]
            assert shown["source"] == (row.result.get("source") or benchmark.get("source") or row.source)
            # The metrics it has a number for, then its times and size, in the table's column order.
            assert [v["metric_id"] for v in shown["values"]] == \
                   [m for m in benchmark["metrics"] if m in row.written] + \
                   [c for c in cost_columns(data, section, benchmark) if c in row.costs]
            for value in shown["values"]:
                if value["metric_id"] in row.written:
                    assert value["value"] == row.value(value["metric_id"])
                    assert value["written"] == row.written[value["metric_id"]]
                else:
                    check_cost(value, row)
        assert not results, f"{model['id']}: results the data does not hold: {list(results)}"
    assert not by_id, f"models published that the data does not hold: {list(by_id)}"


def test_a_result_has_one_shape_in_both_files(real_site, data):
    """The same result, key for key, in models.json and benchmarks.json; no key names two kinds of id."""
    from_models = {(r["model_id"], r["benchmark_id"], r["backbone"]): r
                   for model in published(real_site, "models.json")["models"] for r in model["results"]}
    from_benchmarks = {(r["model_id"], r["benchmark_id"], r["backbone"]): r
                       for benchmark in published(real_site, "benchmarks.json")["benchmarks"] for r in benchmark["results"]}
    tables = {(section["id"], benchmark["id"]) for section, benchmark in data.tables}
    on_tables = [row for row in data.rows if (row.section["id"], row.result["benchmark"]) in tables]
    assert from_models == from_benchmarks and len(from_models) == len(on_tables)
    for result in from_models.values():
        assert "id" not in result and all("id" not in value for value in result["values"])


def test_benchmarks_json_and_every_csv_hold_every_row(real_site, data):
    catalogue = published(real_site, "benchmarks.json")
    mine = {b["benchmark_id"]: b for b in catalogue["benchmarks"]}
    package = {resource["path"]: resource for resource in published(real_site, "datapackage.json")["resources"]}
    splits = {"train", "val", "test", "val2017", "test-dev", "unstated"}
    for section, benchmark in data.tables:
        key = f"{section['id']}/{benchmark['id']}"
        shown = mine.pop(key)
        # Every benchmark states its split, or says the source gave none.
        assert shown["split"] == benchmark["split"] and shown["split"] in splits
        rows = data.rows_of(section, benchmark)
        assert sorted(r["model_id"] for r in shown["results"]) == sorted(row.model["id"] for row in rows)
        assert shown["csv"] == f"{SITE_URL}data/benchmarks/{key}.csv"
        with open(real_site / "data" / "benchmarks" / f"{key}.csv", encoding="utf-8", newline="") as stream:
            header, *body = list(csv.reader(stream))
        # Headers are ids; the data package gives each column's title and unit, and a time's conditions.
        costs = cost_columns(data, section, benchmark)
        assert header == ["benchmark_id", "rank", "model_id", "model_name_zh", "model_name_en", "backbone",
                          *benchmark["metrics"], *costs]
        assert [c["metric_id"] for c in shown["metrics"]] == [*benchmark["metrics"], *costs]
        fields = {f["name"]: f for f in package[f"benchmarks/{key}.csv"]["schema"]["fields"]}
        for metric in benchmark["metrics"]:
            assert fields[metric]["type"] == "number" and fields[metric]["unit"] == data.metrics[metric]["unit"]
            assert fields[metric]["title"].startswith(both(data.metrics[metric]["name"])["en"])
        for column in costs:
            assert fields[column]["type"] == "number" and fields[column]["unit"] == ("MB" if column == "size" else "ms")
            assert fields[column]["higher_is_better"] is False
            assert fields[column].get("condition_id") == (None if column == "size" else column.removeprefix("time-"))
        texts = {(row.model["id"], row.result.get("backbone") or ""): {**row.written, **row.costs} for row in rows}
        assert len(body) == len(rows)
        for line in body:
            assert line[0] == key
            # A size in MB is as written; an empty cell is a number the source does not give.
            expected = [texts[line[2], line[5]].get(column, "").removesuffix(" MB")
                        for column in [*benchmark["metrics"], *costs]]
            assert line[6:] == expected
    assert not mine, f"benchmarks published that the data does not hold: {list(mine)}"


def test_every_time_names_its_conditions(real_site, data):
    """benchmarks.json states each timing condition once, as data/hardware.yml does, with the chip it names."""
    catalogue = published(real_site, "benchmarks.json")
    hardware = data.read("hardware.yml")
    conditions = {c["condition_id"]: c for c in catalogue["conditions"]}
    assert set(conditions) == {c["id"] for c in hardware.get("conditions", [])}
    for condition in hardware.get("conditions", []):
        shown = conditions[condition["id"]]
        assert shown["device"] == condition["device"] and shown["target_id"] == condition["target"]
        assert shown["name"] == both(condition["name"]) and shown["mode"] == both(condition["mode"])
        for field in ("precision", "threads", "batch", "software"):
            assert shown[field] == condition.get(field), field
    assert {t["target_id"] for t in catalogue["targets"]} == {t["id"] for t in hardware["targets"]}
    timed = [c for b in catalogue["benchmarks"] for c in b["metrics"] if c["kind"] == "time"]
    assert all(c["condition_id"] in conditions and c["metric_id"] == f"time-{c['condition_id']}" for c in timed)
    # Every timing column of the data is published, under its conditions.
    assert len(timed) == sum(len(benchmark.get("timings", [])) for _, benchmark in data.tables)


def test_atlas_json_holds_every_entry_and_link(real_site, data):
    mine = {e["entry_id"]: e for e in published(real_site, "atlas.json")["entries"]}
    for category, entry in data.entries:
        shown = mine.pop(entry["id"])
        assert shown["summary"] == entry["summary"] and shown["category_id"] == category
        assert shown["url"]["en"] == f"{SITE_URL}en/atlas/{entry['id']}/"
        assert [link.get("url") or link.get("address") for link in shown["links"]] == \
               [link.get("url") or link.get("address") for link in entry["links"]]
    assert not mine


def test_dataset_aliases_come_from_the_data(real_site, data):
    datasets = {d["dataset_id"]: d for d in published(real_site, "benchmarks.json")["datasets"]}
    declared = {dataset["id"]: dataset for dataset in data.read("datasets.yml")["datasets"]}
    assert set(datasets) == set(declared)
    for identifier, dataset in declared.items():
        assert datasets[identifier]["aliases"] == dataset.get("aliases", [])


def test_an_alias_that_names_two_datasets_is_refused(mini):
    datasets = mini / "data" / "datasets.yml"
    datasets.write_text(datasets.read_text(encoding="utf-8").replace("{id: lines,", "{id: lines, aliases: [imagenet-1k],"),
                        encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_both(mini)
    assert ("data/datasets.yml:4:27: the alias 'imagenet-1k' is already a dataset id or alias at data/datasets.yml:3:46; "
            "expected an alias that names this dataset only") in str(failure.value)


def test_every_page_address_in_the_files_is_absolute_and_leads_to_a_page(real_site, data):
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
    for section, model in data.models:
        assert f"{SITE_URL}en/models/{section['id']}/{model['id']}/" in addresses, model["id"]
    for _, entry in data.entries:
        assert f"{SITE_URL}en/atlas/{entry['id']}/" in addresses, entry["id"]
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
    for schema in (PROJECT / "schemas").glob("*.json"):
        assert (real_site / "data/schemas" / schema.name).read_bytes() == schema.read_bytes()
    for prefix, words in (("", "源数据"), ("en/", "YAML files in the repository's data/ folder")):
        row = html_of(real_site, prefix + "open-data").find("code", string="schemas/*.schema.json").find_parent("tr")
        assert words in row.get_text()


def test_templates_strings_pass_their_schema_in_every_build(tmp_path):
    from zoosite.catalogue import DataError
    from zoosite.pages import interface_strings
    from zoosite.schema import Schemas

    schemas = Schemas(PROJECT / "schemas")
    assert interface_strings(PROJECT / "templates", schemas)["split.test-dev"]["en"] == "test-dev"
    bad = tmp_path / "templates"
    bad.mkdir()
    text = (PROJECT / "templates" / "strings.yml").read_text(encoding="utf-8")
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


def test_the_model_index_keeps_collections_backbones_and_written_digits(real_site, data):
    """Every result of every comparison table, under its model and collection, with its digits as written; its
    times name their conditions (the format has no field for them) and its size keeps its unit."""
    conditions = {c["id"]: c for c in data.read("hardware.yml").get("conditions", [])}

    def time_name(condition: dict) -> str:
        settings = [condition["device"], condition.get("precision"),
                    f"{condition['threads']} threads" if condition.get("threads") else None,
                    f"batch {condition['batch']}" if condition.get("batch") else None,
                    both(condition["mode"])["en"], both(condition["backend"])["en"] if condition.get("backend") else None]
        return "Inference time (" + ", ".join(item for item in settings if item) + ")"

    text = (real_site / "data/model-index.yml").read_text(encoding="utf-8")
    index = yaml.safe_load(text)
    collections = {c["Name"] for c in index["Collections"]}
    assert {model["In Collection"] for model in index["Models"]} <= collections
    datasets = {dataset["id"]: dataset for dataset in data.read("datasets.yml")["datasets"]}
    tables = {(section["id"], benchmark["id"]): benchmark for section, benchmark in data.tables}
    for row in data.rows:
        benchmark = tables.get((row.section["id"], row.result["benchmark"]))
        if benchmark is None:
            continue
        name, backbone = both(row.model["name"])["en"], row.result.get("backbone")
        entries = [entry for entry in index["Models"] if entry["In Collection"] == both(row.section["title"])["en"]
                   and entry["Name"] in (name, f"{name} ({backbone})")
                   and entry.get("Metadata", {}).get("Architecture", [None]) == [backbone]]
        dataset = both(datasets[benchmark["dataset"]]["name"])["en"]
        split = f" ({benchmark['split']})" if benchmark["split"] != "unstated" else ""
        wanted = {both(data.metrics[m]["name"])["en"]: row.written[m] + ("%" if data.metrics[m]["unit"] == "percent" else "")
                  for m in benchmark["metrics"] if m in row.written}
        wanted.update({time_name(conditions[c.removeprefix("time-")]) if c != "size" else "Model size":
                       text if c == "size" else f"{text} ms" for c, text in row.costs.items()})
        found = [result for entry in entries for result in entry.get("Results", [])
                 if result["Dataset"] == dataset + split and wanted.items() <= result["Metrics"].items()]
        assert found, (row.model["id"], benchmark["id"], wanted)
    commit = published(real_site, "models.json")["generated_from"]
    assert text.startswith(f"# Generated from data/ at commit {commit};")


def test_frictionless_validates_the_data_package(real_site, data, tmp_path):
    done = subprocess.run([str(BIN / "frictionless"), "validate", "datapackage.json"], cwd=real_site / "data",
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    package = published(real_site, "datapackage.json")
    names = {resource["name"] for resource in package["resources"]}
    assert {"models", "benchmarks", "datasets", "metrics", "entries", "model-index"} <= names
    assert sum(resource.get("format") == "csv" for resource in package["resources"]) == len(data.tables)
    models = next(resource for resource in package["resources"] if resource["name"] == "models")
    assert models["schema"]["primaryKey"] == ["model_id"]
    # A row naming a model the package does not hold breaks the foreign key, and the tool says so.
    broken = tmp_path / "data"
    shutil.copytree(real_site / "data", broken)
    section, benchmark = data.tables[0]
    model = data.rows_of(section, benchmark)[0].model["id"]
    path = f"benchmarks/{section['id']}/{benchmark['id']}.csv"
    table = broken / path
    table.write_text(table.read_text(encoding="utf-8").replace(f",{model},", ",no-such-model,", 1), encoding="utf-8")
    # Only that table and the resources its foreign keys reach, so the tool reads a few files, not all of them.
    named = {resource["name"]: resource for resource in package["resources"]}
    kept = [next(name for name, resource in named.items() if resource.get("path") == path)]
    for name in kept:
        kept += [key["reference"]["resource"] for key in named[name].get("schema", {}).get("foreignKeys", [])
                 if key["reference"]["resource"] not in ("", *kept)]
    (broken / "datapackage.json").write_text(
        json.dumps({**package, "resources": [named[name] for name in kept]}), encoding="utf-8")
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


def best_first(data, section: dict, benchmark: dict) -> list:
    """A table's rows as the site ranks them: best first by the first metric, ties in file order, rows without it last."""
    metric = benchmark["metrics"][0]
    sign = -1 if data.metrics[metric]["higher_is_better"] else 1
    return sorted(data.rows_of(section, benchmark),
                  key=lambda row: (row.value(metric) is None, sign * (row.value(metric) or 0)))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_use_the_data_page_runs_as_written(real_site, real_url, data, prefix):
    plain, setup, top, on_dataset, one_model, *timed = python_blocks(real_site, prefix)
    # The examples name a table, a dataset alias and a model; each output is checked against the data.
    section_id, benchmark_id = re.search(r'read\("benchmarks/([^/]+)/([^"]+)\.csv"\)', plain).groups()
    section = data.section(section_id)
    benchmark = next(b for b in section["benchmarks"] if b["id"] == benchmark_id)
    metric = benchmark["metrics"][0]
    rows = best_first(data, section, benchmark)

    output = run(plain, real_url)
    assert f"best: {both(rows[0].model['name'])['en']} {rows[0].written[metric]}" in output

    # The top 3 on the benchmark, digits as written.
    lines = run(setup + "\n" + top, real_url).splitlines()
    assert len(lines) == 1 + min(3, len(rows))
    for line, row in zip(lines[1:], rows[:3]):
        assert line.split()[2:] == [row.model["id"], row.written[metric]]

    # Every result on the dataset, found through the alias the page uses.
    alias = re.search(r'ids\["([^"]+)"\]', on_dataset).group(1)
    dataset = next(d for d in data.read("datasets.yml")["datasets"] if alias in (d["id"], *d.get("aliases", [])))
    on_it = [row for s, b in data.tables if b["dataset"] == dataset["id"] for row in data.rows_of(s, b)]
    output = run(setup + "\n" + on_dataset, real_url)
    for row in on_it:
        for name, text in row.written.items():
            assert re.search(rf"{re.escape(row.model['id'])}\s+{re.escape(name)}\s+{re.escape(text)}", output), row.model["id"]

    # One model across benchmarks: one with the most results.
    model_id = re.search(r'values\["model_id"\] == "([^"]+)"', one_model).group(1)
    counts = {}
    for row in data.rows:
        if row.written:
            counts[row.model["id"]] = counts.get(row.model["id"], 0) + 1
    assert counts[model_id] == max(counts.values())
    output = run(setup + "\n" + one_model, real_url)
    for row in (row for row in data.rows if row.model["id"] == model_id):
        for name, text in row.written.items():
            assert re.search(rf"{re.escape(row.section['id'])}/{re.escape(row.result['benchmark'])}\s+{re.escape(name)}\s+"
                             rf"{re.escape(text)}", output), (row.result["benchmark"], name)


    # The fastest models under a timing condition, with their accuracy; only where the data has times.
    with_times = [(s, b) for s, b in data.tables if b.get("timings")]
    assert len(timed) == (1 if with_times else 0)
    if with_times:
        section_id, benchmark_id = re.search(r'values\["benchmark_id"\] == "([^/]+)/([^"]+)"', timed[0]).groups()
        condition = re.search(r'c\["condition_id"\] == "([^"]+)"', timed[0]).group(1)
        section, benchmark = next((s, b) for s, b in with_times if s["id"] == section_id and b["id"] == benchmark_id)
        assert condition == benchmark["timings"][0]
        stated = next(c for c in data.read("hardware.yml")["conditions"] if c["id"] == condition)
        metric = benchmark["metrics"][0]
        ranked = [row for row in best_first(data, section, benchmark) if f"time-{condition}" in row.costs]
        fastest = sorted(ranked, key=lambda row: row.result["time"][condition])[:5]
        lines = run(setup + "\n" + timed[0], real_url).splitlines()
        assert lines[0] == f"{stated['device']} {stated.get('precision')} {both(stated['mode'])['en']}"
        assert [line.split() for line in lines[1:]] == \
               [[row.model["id"], row.costs[f"time-{condition}"], "ms", row.written.get(metric, "-")] for row in fastest]


# -- sources, dates and citations on the pages -----------------------------------


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
def test_a_table_whose_source_names_no_split_says_so(real_site, article_of, data, prefix):
    said = {"": "来源未注明数据划分", "en/": "the source does not name the split"}[prefix]
    for section, benchmark in data.tables:
        soup = article_of(real_site, f"{prefix}models/{section['id']}")
        line = soup.select_one(f"#benchmark-{benchmark['id']} ~ .zoo-table-wrap").find_next_sibling("p", class_="zoo-source")
        assert (said in line.get_text()) == (benchmark["split"] == "unstated"), benchmark["id"]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_value_with_its_own_source_and_an_old_source_are_marked(mini_built, html_of, prefix):
    soup = html_of(mini_built, prefix + "models/demo")
    imagenet = soup.select_one("#benchmark-imagenet-val ~ div table")
    alpha = imagenet.find("input", attrs={"data-model": "alpha"}).find_parent("tr")
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


