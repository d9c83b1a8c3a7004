"""The catalogue as open data under /data/: JSON, CSV, a model index and the schemas.

One copy for the whole site, written by the first language's build. Every text
holds both languages ({"zh": …, "en": …}); addresses of pages are relative to
the site's root without a language prefix (models/detection/#yolov3); numbers
are numbers, each with the text the data file writes it as (76.50), so that a
reader can show it exactly. models.json is also what the compare view reads.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml

LINK_FIELDS = ("title", "gloss", "url", "address", "kind", "gone")
SOURCE_FIELDS = ("url", "title", "kind", "date", "hardware", "settings")


def both(value) -> dict | None:
    """A name as {zh, en}, also where the data writes one name for both."""
    if value is None or isinstance(value, dict):
        return value
    return {"zh": value, "en": value}


def benchmark_key(table: dict) -> str:
    # Benchmark ids are unique within a section only.
    return f"{table['section']['id']}/{table['benchmark']['id']}"


def metric(metric: dict) -> dict:
    return {"id": metric["id"], "name": both(metric["name"]), "unit": metric["unit"],
            "higher_is_better": metric["higher_is_better"]}


def source(value: dict | None) -> dict | None:
    return {name: value[name] for name in SOURCE_FIELDS if value.get(name) is not None} if value else None


def link(value: dict) -> dict:
    return {name: value[name] for name in LINK_FIELDS if value.get(name) not in (None, False)}


def tables(catalogue) -> list[dict]:
    return [table for section in catalogue.sections for table in section["tables"] if table["metrics"]]


def models(catalogue) -> dict:
    by_key = {(table["section"]["id"], table["benchmark"]["id"]): table for table in tables(catalogue)}
    listed = []
    for section in catalogue.sections:
        for model in section["models"]:
            results = []
            for result in model["results"]:
                table = by_key.get((section["id"], result["benchmark"]))
                if table is None:  # a dataset the source names without numbers
                    continue
                row = next(row for row in table["rows"] if row["result"] is result)
                results.append({
                    "benchmark": benchmark_key(table),
                    "dataset": table["dataset"]["id"],
                    "split": table["benchmark"]["split"],
                    "backbone": result["backbone"],
                    "values": [{**metric(m), "value": result["values"][m["id"]], "written": result["written"][m["id"]]}
                               for m in table["metrics"]],
                    "source": source(row["source"]),
                })
            listed.append({
                "id": model["id"], "name": both(model["name"]), "full_name": both(model["full_name"]),
                "task": model["task"], "section": section["id"], "page": f"models/{section['id']}/#{model['id']}",
                "description": model["description"], "links": [link(item) for item in model["links"]],
                "results": results,
            })
    return {
        "sections": {section["id"]: {"title": section["title"], "area": section["area"], "tags": section["tags"],
                                     "page": f"models/{section['id']}/"} for section in catalogue.sections},
        "tags": {tag["id"]: tag["name"] for tag in catalogue.tags.values()},
        "datasets": {dataset["id"]: {"name": both(dataset["name"])} for dataset in catalogue.datasets.values()},
        "benchmarks": {benchmark_key(table): {"dataset": table["dataset"]["id"], "split": table["benchmark"]["split"],
                                              "metrics": [m["id"] for m in table["metrics"]]}
                       for table in tables(catalogue)},
        "metrics": {m["id"]: {key: value for key, value in metric(m).items() if key != "id"}
                    for m in catalogue.metrics.values()},
        "models": listed,
    }


def benchmarks(catalogue) -> dict:
    listed = []
    for table in tables(catalogue):
        key = benchmark_key(table)
        listed.append({
            "id": key, "section": table["section"]["id"], "dataset": {"id": table["dataset"]["id"],
                                                                      "name": both(table["dataset"]["name"])},
            "split": table["benchmark"]["split"], "note": table["benchmark"]["note"],
            "metrics": [metric(m) for m in table["metrics"]], "source": source(table["source"]),
            "page": f"models/{table['section']['id']}/#benchmark-{table['benchmark']['id']}", "csv": csv_path(table),
            "rows": [{"model": row["model"]["id"], "name": both(row["model"]["name"]), "backbone": row["result"]["backbone"],
                      "values": {m["id"]: {"value": row["result"]["values"][m["id"]], "written": row["result"]["written"][m["id"]]}
                                 for m in table["metrics"]},
                      "source": source(row["source"])} for row in table["rows"]],
        })
    return {"benchmarks": listed}


def atlas(catalogue) -> dict:
    return {
        "categories": [{"id": c["id"], "name": c["name"], "purpose": c["purpose"], "page": f"atlas/{c['id']}/"}
                       for c in catalogue.categories],
        "tags": {tag["id"]: tag["name"] for tag in catalogue.tags.values()},
        "entries": [{
            "id": entry["id"], "name": both(entry["name"]), "category": entry["category"], "parent": entry["parent"],
            "summary": entry["summary"], "features": entry["features"], "principles": entry["principles"],
            "scenarios": entry["scenarios"], "tags": entry["tags"], "related": entry["related"] if "related" in entry else [],
            "model_sections": entry["model_sections"], "links": [link(item) for item in entry["links"]],
            "page": f"atlas/{entry['id']}/",
        } for entry in catalogue.entries],
    }


def csv_path(table: dict) -> str:
    return f"data/benchmarks/{table['section']['id']}/{table['benchmark']['id']}.csv"


def column(metric: dict) -> str:
    """A metric's column heading: its English name and its unit."""
    unit = "%" if metric["unit"] == "percent" else metric["unit"]
    return f"{both(metric['name'])['en']} ({unit})"


def table_csv(table: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    backbone = table["has_backbone"]
    writer.writerow(["model_id", "model"] + (["backbone"] if backbone else []) + [column(m) for m in table["metrics"]])
    for row in table["rows"]:
        result = row["result"]
        writer.writerow([row["model"]["id"], both(row["model"]["name"])["en"]] + ([result["backbone"] or ""] if backbone else [])
                        + [result["written"][m["id"]] for m in table["metrics"]])
    return out.getvalue()


def model_index(catalogue) -> str:
    """The Papers with Code / OpenMMLab model-index shape, with English names."""
    index = []
    by_key = {(t["section"]["id"], t["benchmark"]["id"]): t for t in tables(catalogue)}
    for section in catalogue.sections:
        for model in section["models"]:
            entry = {"Name": both(model["name"])["en"], "In Collection": section["title"]["en"]}
            results = []
            for result in model["results"]:
                table = by_key.get((section["id"], result["benchmark"]))
                if table:
                    dataset = both(table["dataset"]["name"])["en"]
                    results.append({"Task": section["title"]["en"],
                                    "Dataset": f"{dataset} ({table['benchmark']['split']})" if table["benchmark"]["split"] else dataset,
                                    "Metrics": {column(m): result["values"][m["id"]] for m in table["metrics"]}})
            if results:
                entry["Results"] = results
            paper = next((item for item in model["links"] if item.get("kind") == "paper" and item.get("url")), None)
            if paper:
                entry["Paper"] = {"Title": paper["title"], "URL": paper["url"]}
            code = next((item["url"] for item in model["links"] if item.get("kind") == "repository"), None)
            if code:
                entry["Code"] = code
            index.append(entry)
    # libyaml's emitter, when PyYAML has it: the same text, five times faster.
    return yaml.dump({"Models": index}, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                     allow_unicode=True, sort_keys=False, width=1000)


def files(catalogue, schemas: Path) -> dict[str, str]:
    """Every file under /data/, by path from the site's root."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, indent=1) + "\n"

    out = {
        "data/models.json": dump(models(catalogue)),
        "data/benchmarks.json": dump(benchmarks(catalogue)),
        "data/atlas.json": dump(atlas(catalogue)),
        "data/model-index.yml": model_index(catalogue),
    }
    out.update({csv_path(table): table_csv(table) for table in tables(catalogue)})
    out.update({f"data/schemas/{path.name}": path.read_text(encoding="utf-8") for path in sorted(schemas.glob("*.json"))})
    return out
