"""The catalogue as open data under /data/: JSON with their JSON Schemas, one CSV per
benchmark, a Frictionless data package, a model index and the schemas of the sources.

One copy for the whole site, written by the first language's build. Every file
says which commit of data/ it comes from (generated_from). Every record's own
id is named for its kind (model_id, benchmark_id, metric_id…), so that ids never
collide when tables are joined or flattened; a result has the same shape in
every file. Texts hold both languages ({"zh": …, "en": …}); page addresses are
absolute, one per language; numbers are numbers, each with the text the data
file writes it as (76.50), so that a reader can show it exactly. models.json
and benchmarks.json are also what the compare view reads.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml

# The published JSON files, each described by <name>.schema.json beside it
# (from schemas/open-data/, with the definitions they share).
JSON_FILES = ("models.json", "benchmarks.json", "atlas.json")
SOURCE_FIELDS = ("url", "title", "kind", "date", "hardware", "settings", "commit", "path")
# The columns of every benchmark's CSV before its metrics and costs.
CSV_FIELDS = ("benchmark_id", "rank", "model_id", "model_name_zh", "model_name_en", "backbone")


def column(metric) -> dict:
    """A column of a benchmark: a metric, or a cost (inference times under one condition, or the size)."""
    return {"metric_id": metric.id, "kind": metric.kind, "name": metric.name, "unit": metric.unit,
            "symbol": metric.symbol, "higher_is_better": metric.higher_is_better,
            **({"condition_id": metric.condition.id} if metric.kind == "time" else {})}


def number(value) -> dict:
    """One value of a result. A size's value is in MB; it is written in its own unit (1.04 GB)."""
    return {"metric_id": value.metric.id, "value": value.number, "written": value.written, "best": value.best,
            **({"written_unit": value.unit} if value.unit else {})}


def condition(value) -> dict:
    """How a column of inference times was measured; null where the source does not say."""
    return {"condition_id": value.id, "name": value.name, "target_id": value.target.id, "device": value.device,
            "precision": value.precision, "threads": value.threads, "batch": value.batch, "mode": value.mode,
            "backend": value.backend, "software": value.software, "source": source(value.source)}


def source(value) -> dict | None:
    return {name: getattr(value, name) for name in SOURCE_FIELDS if getattr(value, name) is not None} if value else None


def link(value) -> dict:
    fields = {"title": value.title, "gloss": value.gloss, "url": value.url, "address": value.address,
              "kind": value.kind, "gone": value.gone}
    return {name: item for name, item in fields.items() if item not in (None, False)}


def result(model_id: str, value) -> dict:
    """One model's result on one benchmark: the same shape in models.json and benchmarks.json."""
    return {
        "model_id": model_id, "benchmark_id": value.table, "dataset_id": value.dataset.id, "backbone": value.backbone,
        "rank": value.rank,
        "values": [number(item) for item in value.values + tuple(cost for cost in value.costs if cost)],
        "source": source(value.source),
    }


def tags(site) -> list:
    return [{"tag_id": tag.id, "group": tag.group, "name": tag.name} for tag in site.tags.values()]


def header(name: str, address, generated_from: str) -> dict:
    return {"$schema": address.file(f"data/{name.removesuffix('.json')}.schema.json"), "generated_from": generated_from,
            "site_url": address.root}


def models(site, address, generated_from: str) -> dict:
    return {
        **header("models.json", address, generated_from),
        "sections": [{"section_id": section.id, "area_id": section.area, "title": section.title, "tags": list(section.tags),
                      "url": address.pages(section.page)} for section in site.sections],
        "tags": tags(site),
        "models": [{
            "model_id": model.id, "name": model.name, "full_name": model.full_name, "aliases": list(model.aliases),
            "task": model.task, "section_id": model.section, "url": address.pages(model.page),
            "description": model.description, "links": [link(item) for item in model.links],
            "artefacts": [{"kind": item.kind, "url": item.url} for item in model.artefacts],
            "supported_on": [target.id for target in model.supported_on], "withdrawn": model.withdrawn,
            # a dataset the source names without numbers is no benchmark, and gives no result
            "results": [result(model.id, item) for item in model.results if site.table[item.table].is_comparison],
        } for model in site.models],
    }


def benchmarks(site, address, generated_from: str) -> dict:
    return {
        **header("benchmarks.json", address, generated_from),
        "datasets": [{"dataset_id": dataset.id, "name": dataset.name, "aliases": list(dataset.aliases),
                      "in_house": dataset.in_house}
                     for dataset in site.datasets.values()],
        "metrics": [column(metric) for metric in site.metrics.values()],
        "targets": [{"target_id": target.id, "name": target.name, "kind": target.kind, "vendor": target.vendor}
                    for target in site.targets.values()],
        "conditions": [condition(item) for item in site.conditions.values()],
        "benchmarks": [{
            "benchmark_id": table.key, "section_id": table.section, "dataset_id": table.dataset.id, "split": table.split,
            "label": table.label, "note": table.note, "metrics": [column(metric) for metric in table.columns],
            "source": source(table.source), "url": address.pages(table.section_page, table.anchor),
            "leaderboard": address.pages(table.leaderboard), "csv": address.file(table.csv),
            "results": [result(row.model.id, row.result) for row in table.rows],
        } for table in site.tables],
    }


def atlas(site, address, generated_from: str) -> dict:
    return {
        **header("atlas.json", address, generated_from),
        "categories": [{"category_id": c.id, "name": c.name, "purpose": c.purpose, "url": address.pages(c.page)}
                       for c in site.categories],
        "tags": tags(site),
        "entries": [{
            "entry_id": entry.id, "name": entry.name, "category_id": entry.category, "parent_id": entry.parent,
            "summary": entry.summary, "features": list(entry.features), "principles": list(entry.principles),
            "scenarios": list(entry.scenarios), "tags": list(entry.tags), "related": list(entry.related),
            "model_sections": list(entry.model_sections), "links": [link(item) for item in entry.links],
            "url": address.pages(entry.page),
        } for entry in site.entries],
    }


def table_csv(table) -> str:
    """A benchmark as rows, best first; headers are ids (the data package gives their titles and units).
    A cell is empty where the source gives no number; a size is in MB, as written when written in MB."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_FIELDS, *(column.id for column in table.columns)])
    for row in table.rows:
        writer.writerow([table.key, row.result.rank, row.model.id, row.model.name["zh"], row.model.name["en"],
                         row.result.backbone or "", *(cell_text(value) for value in row.result.cells)])
    return out.getvalue()


def cell_text(value) -> str:
    if value is None:
        return ""
    if value.unit in (None, "MB"):
        return value.written
    return repr(value.number)


def csv_resource_name(table) -> str:
    return "benchmark-" + table.key.replace("/", "-")


def data_package(site, address, generated_from: str, strings: dict) -> dict:
    """datapackage.json: every table of the open data, with its Table Schema, keys and units."""
    def field(name: str, kind: str, description: str, **more) -> dict:
        return {"name": name, "type": kind, "description": description, **more}

    def identifier(name: str, description: str) -> dict:
        return field(name, "string", description, constraints={"required": True})

    def json_table(name: str, path: str, key: str, fields: list, description: str, foreign: list = ()) -> dict:
        return {
            "name": name, "type": "table", "path": path, "format": "json", "mediatype": "application/json",
            "description": description,
            # The Data Package v2 dialect, and frictionless-py's own spelling of it.
            "dialect": {"property": name, "itemType": "object", "json": {"property": name, "keyed": True}},
            "schema": {"fields": fields, "primaryKey": [key], "foreignKeys": [
                {"fields": [own], "reference": {"resource": resource, "fields": [other]}} for own, resource, other in foreign]},
        }

    text = "a text in both languages: {zh, en}"
    addresses = "the page in each language: {zh, en}, absolute"
    resources = [
        json_table("sections", "models.json", "section_id", [
            identifier("section_id", "the section's id; its page is /models/<section_id>/"),
            field("area_id", "string", "the area that groups it"),
            field("title", "object", text), field("tags", "array", "tag ids"), field("url", "object", addresses),
        ], "Model Zoo sections (models.json, sections)"),
        json_table("tags", "models.json", "tag_id", [
            identifier("tag_id", "the tag's id"), field("group", "string", "the group the tag belongs to"),
            field("name", "object", text),
        ], "tags that sections and atlas entries carry (models.json, tags)"),
        json_table("models", "models.json", "model_id", [
            identifier("model_id", "the model's id, unique across sections"), field("name", "object", text),
            field("full_name", "object", "the name written out, in both languages, or null"),
            field("aliases", "array", "other names readers know it by"),
            field("task", "object", "the task it serves, where its section mixes several, or null"),
            field("section_id", "string", "its section"), field("url", "object", addresses),
            field("description", "object", "a text in both languages: {zh, en}, or null"),
            field("links", "array", "links about the model"),
            field("artefacts", "array", "files to download: {kind, url}"),
            field("supported_on", "array", "target ids of the accelerators it runs on"),
            field("withdrawn", "string", "the first commit of its source that no longer lists it, or null"),
            field("results", "array", "its results, each as in benchmarks.json (see models.schema.json)"),
        ], "every model with its results (models.json, models)", [("section_id", "sections", "section_id")]),
        json_table("datasets", "benchmarks.json", "dataset_id", [
            identifier("dataset_id", "the dataset's id"), field("name", "object", text),
            field("aliases", "array", "other ids readers look it up by, such as imagenet for imagenet-2012"),
            field("in_house", "boolean", "built and evaluated on by its publisher alone: its results compare that publisher's models only"),
        ], "datasets that benchmarks are measured on (benchmarks.json, datasets)"),
        json_table("metrics", "benchmarks.json", "metric_id", [
            identifier("metric_id", "the metric's id; benchmark CSVs use it as a column header"),
            field("kind", "string", "metric (a benchmark's cost columns are time or size)"),
            field("name", "object", text), field("unit", "string", "percent or score"),
            field("symbol", "string", "what follows a number of this unit (%)"),
            field("higher_is_better", "boolean", "whether a higher value is better"),
        ], "metrics (benchmarks.json, metrics)"),
        json_table("targets", "benchmarks.json", "target_id", [
            identifier("target_id", "the kind of chip's id"), field("name", "object", text),
            field("kind", "string", "cpu, gpu, npu…"), field("vendor", "string", "who makes it"),
        ], "kinds of chip that models are timed on (benchmarks.json, targets)"),
        json_table("conditions", "benchmarks.json", "condition_id", [
            identifier("condition_id", "the condition's id; a time column of a benchmark names it"),
            field("name", "object", text), field("target_id", "string", "the kind of chip"),
            field("device", "string", "the device the times were taken on"),
            field("precision", "string", "FP32, FP16…, or null where the source does not say"),
            field("threads", "integer", "CPU threads, or null"), field("batch", "integer", "batch size, or null where not stated"),
            field("mode", "object", text), field("backend", "object", "the inference backend, in both languages, or null"),
            field("software", "string", "the software versions, or null"), field("source", "object", "where it is stated"),
        ], "how inference times were measured (benchmarks.json, conditions)", [("target_id", "targets", "target_id")]),
        json_table("benchmarks", "benchmarks.json", "benchmark_id", [
            identifier("benchmark_id", "<section_id>/<benchmark>: one dataset and split with one set of metrics"),
            field("section_id", "string", "the section whose page shows it"),
            field("dataset_id", "string", "the dataset it is measured on"),
            field("split", "string", "the split, or unstated when the source does not say",
                  constraints={"enum": list(site.orders["split"])}),
            field("label", "object", "what tells it from another benchmark of the same dataset and split (PaddleX), or null"),
            field("note", "object", "conditions that hold for every result, or null"),
            field("metrics", "array", "its columns, best first by the first"), field("source", "object", "where its numbers come from"),
            field("url", "object", addresses), field("leaderboard", "object", addresses),
            field("csv", "string", "its CSV file", format="uri"), field("results", "array", "its results, best first"),
        ], "every benchmark with its results (benchmarks.json, benchmarks)",
            [("section_id", "sections", "section_id"), ("dataset_id", "datasets", "dataset_id")]),
        json_table("categories", "atlas.json", "category_id", [
            identifier("category_id", "the category's id"), field("name", "object", text),
            field("purpose", "object", text), field("url", "object", addresses),
        ], "atlas categories (atlas.json, categories)"),
        json_table("entries", "atlas.json", "entry_id", [
            identifier("entry_id", "the entry's id"), field("name", "object", text),
            field("category_id", "string", "its category"), field("parent_id", "string", "the entry it belongs to, or null"),
            field("summary", "object", text), field("features", "array", "texts"), field("principles", "array", "texts"),
            field("scenarios", "array", "texts"), field("tags", "array", "tag ids"), field("related", "array", "entry ids"),
            field("model_sections", "array", "section ids"), field("links", "array", "its links"),
            field("url", "object", addresses),
        ], "atlas entries (atlas.json, entries)",
            [("category_id", "categories", "category_id"), ("parent_id", "entries", "entry_id")]),
    ]
    for table in site.tables:
        columns = table.columns
        resources.append({
            "name": csv_resource_name(table), "type": "table", "path": table.csv.removeprefix("data/"), "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "description": f"{table.dataset.name['en']}: {', '.join(metric.name['en'] for metric in columns)}, best first",
            "schema": {
                "fields": [
                    field("benchmark_id", "string", "the benchmark (benchmarks.json)", constraints={"enum": [table.key]}),
                    field("rank", "integer", "its place on the leaderboard; equal first values share one"),
                    field("model_id", "string", "the model (models.json)", constraints={"required": True}),
                    field("model_name_zh", "string", "the model's Chinese name"),
                    field("model_name_en", "string", "the model's English name"),
                    field("backbone", "string", "the backbone the result was measured with, where the source names one"),
                    *(field(metric.id, "number", f"{metric.name['en']} ({metric.unit}), "
                            + ("higher is better" if metric.higher_is_better else "lower is better")
                            + (f"; timed as the condition {metric.condition.id} of benchmarks.json says"
                               if metric.kind == "time" else "")
                            + "; written as the source writes it",
                            title=metric.name["en"] + (f" ({metric.symbol})" if metric.symbol else ""),
                            titles=metric.name, unit=metric.unit, higher_is_better=metric.higher_is_better,
                            **({"condition_id": metric.condition.id} if metric.kind == "time" else {}))
                      for metric in columns),
                ],
                "primaryKey": ["model_id", "backbone"],
                "foreignKeys": [{"fields": ["model_id"], "reference": {"resource": "models", "fields": ["model_id"]}},
                                {"fields": ["benchmark_id"], "reference": {"resource": "benchmarks", "fields": ["benchmark_id"]}}],
            },
        })
    resources.append({"name": "model-index", "path": "model-index.yml", "format": "yaml", "mediatype": "application/yaml",
                      "description": "the Papers with Code model-index format, English names"})
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "paddle-atlas",
        "title": strings["data.package"]["en"],
        "description": strings["data.lead"]["en"],
        "homepage": address.page("open-data.md", "en"),
        "generated_from": generated_from,
        "licenses": [{"name": "Apache-2.0", "path": "https://www.apache.org/licenses/LICENSE-2.0",
                      "title": "Apache License 2.0"}],
        "resources": resources,
    }


def metric_text(value) -> str:
    """A number as the source writes it, with its unit: 76.50%, 12.03 ms, 1.04 GB."""
    if value.metric.kind == "metric":
        return value.written + value.metric.symbol
    return f"{value.written} {value.unit or value.metric.unit}"


def metric_name(column) -> str:
    """A column's English name; a time's names the conditions it was taken under, as the format has no field for them."""
    if column.kind != "time":
        return column.name["en"]
    c = column.condition
    settings = [c.device, c.precision, f"{c.threads} threads" if c.threads else None,
                f"batch {c.batch}" if c.batch else None, c.mode["en"], c.backend["en"] if c.backend else None]
    return "Inference time (" + ", ".join(item for item in settings if item) + ")"


def model_index(site, address, generated_from: str) -> str:
    """The Papers with Code model-index: one collection per section, English names, numbers as written.

    A model measured with several backbones becomes one entry per backbone, since
    the format gives a model one architecture."""
    collections = [{"Name": section.title["en"], "README": address.page(section.page, "en")}
                   for section in site.sections if section.models]
    index = []
    for model in site.models:
        section = site.section[model.section]
        groups = {}
        for item in model.results:
            if site.table[item.table].is_comparison:
                groups.setdefault(item.backbone, []).append(item)
        for backbone, results in groups.items() or [(None, [])]:
            entry = {"Name": model.name["en"] + (f" ({backbone})" if len(groups) > 1 else ""),
                     "In Collection": section.title["en"], "README": address.page(model.page, "en")}
            if backbone:
                entry["Metadata"] = {"Architecture": [backbone]}
            if results:
                entry["Results"] = [{
                    "Task": section.title["en"],
                    "Dataset": item.dataset.name["en"] + (f" ({site.table[item.table].split})"
                                                          if site.table[item.table].split_stated else ""),
                    "Metrics": {metric_name(value.metric): metric_text(value)
                                for value in item.values + tuple(cost for cost in item.costs if cost)},
                } for item in results]
            paper = next((item for item in model.links if item.kind == "paper" and item.url), None)
            if paper:
                entry["Paper"] = {"Title": paper.title, "URL": paper.url}
            code = next((item.url for item in model.links if item.kind == "repository"), None)
            if code:
                entry["Code"] = code
            index.append(entry)
    # libyaml's emitter, when PyYAML has it: the same text, five times faster.
    body = yaml.dump({"Collections": collections, "Models": index}, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                     allow_unicode=True, sort_keys=False, width=1000)
    return f"# Generated from data/ at commit {generated_from}; see {address.file('data/datapackage.json')}\n" + body


def downloads(site) -> list[tuple[str, str]]:
    """Every data file, as (path from the site's root, media type)."""
    return ([(f"data/{name}", "application/json") for name in (*JSON_FILES, "datapackage.json")]
            + [("data/model-index.yml", "application/yaml")] + [(table.csv, "text/csv") for table in site.tables])


def files(site, address, generated_from: str, strings: dict, schemas: Path) -> dict[str, str]:
    """Every file under /data/, by path from the site's root."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, indent=1) + "\n"

    out = {
        "data/models.json": dump(models(site, address, generated_from)),
        "data/benchmarks.json": dump(benchmarks(site, address, generated_from)),
        "data/atlas.json": dump(atlas(site, address, generated_from)),
        "data/datapackage.json": dump(data_package(site, address, generated_from, strings)),
        "data/model-index.yml": model_index(site, address, generated_from),
    }
    out.update({table.csv: table_csv(table) for table in site.tables})
    out.update({f"data/{path.name}": path.read_text(encoding="utf-8")
                for path in sorted((schemas / "open-data").glob("*.schema.json"))})
    # The schemas of the YAML files in the repository's data/, which the build reads.
    out.update({f"data/schemas/{path.name}": path.read_text(encoding="utf-8") for path in sorted(schemas.glob("*.json"))})
    return out
