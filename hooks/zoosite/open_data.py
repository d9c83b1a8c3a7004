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

from .views import page_url

SOURCE_FIELDS = ("url", "title", "kind", "date", "hardware", "settings")


def metric(metric) -> dict:
    return {"id": metric.id, "name": metric.name, "unit": metric.unit, "higher_is_better": metric.higher_is_better}


def source(value) -> dict | None:
    return {name: getattr(value, name) for name in SOURCE_FIELDS if getattr(value, name) is not None} if value else None


def link(value) -> dict:
    fields = {"title": value.title, "gloss": value.gloss, "url": value.url, "address": value.address,
              "kind": value.kind, "gone": value.gone}
    return {name: item for name, item in fields.items() if item not in (None, False)}


def models(site) -> dict:
    listed = []
    for model in site.models:
        listed.append({
            "id": model.id, "name": model.name, "full_name": model.full_name, "task": model.task,
            "section": model.section, "page": page_url(model.page), "description": model.description,
            "links": [link(item) for item in model.links],
            # a dataset the source names without numbers has no results here
            "results": [{
                "benchmark": result.table, "dataset": result.dataset.id,
                "split": site.table[result.table].split,
                "backbone": result.backbone,
                "values": [{**metric(value.metric), "value": value.number, "written": value.written} for value in result.values],
                "source": source(result.source),
            } for result in model.results if result.values],
        })
    return {
        "sections": {section.id: {"title": section.title, "area": section.area, "tags": list(section.tags),
                                  "page": page_url(section.page)} for section in site.sections},
        "tags": {tag.id: tag.name for tag in site.tags.values()},
        "datasets": {dataset.id: {"name": dataset.name} for dataset in site.datasets.values()},
        "benchmarks": {table.key: {"dataset": table.dataset.id, "split": table.split,
                                   "metrics": [m.id for m in table.metrics]} for table in site.tables},
        "metrics": {m.id: {key: value for key, value in metric(m).items() if key != "id"} for m in site.metrics.values()},
        "models": listed,
    }


def benchmarks(site) -> dict:
    return {"benchmarks": [{
        "id": table.key, "section": table.section, "dataset": {"id": table.dataset.id, "name": table.dataset.name},
        "split": table.split, "note": table.note, "metrics": [metric(m) for m in table.metrics],
        "source": source(table.source), "page": f"{page_url(table.section_page)}#{table.anchor}", "csv": table.csv,
        "rows": [{"model": row.model.id, "name": row.model.name, "backbone": row.result.backbone,
                  "values": {value.metric.id: {"value": value.number, "written": value.written}
                             for value in row.result.values},
                  "source": source(row.result.source)} for row in table.rows],
    } for table in site.tables]}


def atlas(site) -> dict:
    return {
        "categories": [{"id": c.id, "name": c.name, "purpose": c.purpose, "page": page_url(c.page)}
                       for c in site.categories],
        "tags": {tag.id: tag.name for tag in site.tags.values()},
        "entries": [{
            "id": entry.id, "name": entry.name, "category": entry.category, "parent": entry.parent,
            "summary": entry.summary, "features": list(entry.features), "principles": list(entry.principles),
            "scenarios": list(entry.scenarios), "tags": list(entry.tags), "related": list(entry.related),
            "model_sections": list(entry.model_sections), "links": [link(item) for item in entry.links],
            "page": page_url(entry.page),
        } for entry in site.entries],
    }


def column(metric) -> str:
    """A metric's column heading: its English name and its unit."""
    unit = "%" if metric.unit == "percent" else metric.unit
    return f"{metric.name['en']} ({unit})"


def table_csv(table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    backbone = table.has_backbone
    writer.writerow(["model_id", "model"] + (["backbone"] if backbone else []) + [column(m) for m in table.metrics])
    for row in table.rows:
        writer.writerow([row.model.id, row.model.name["en"]] + ([row.result.backbone or ""] if backbone else [])
                        + [value.written for value in row.result.values])
    return out.getvalue()


def model_index(site) -> str:
    """The Papers with Code / OpenMMLab model-index shape, with English names."""
    index = []
    for model in site.models:
        section = site.section[model.section]
        entry = {"Name": model.name["en"], "In Collection": section.title["en"]}
        results = []
        for result in model.results:
            if result.values:
                table = site.table[result.table]
                dataset = table.dataset.name["en"]
                results.append({"Task": section.title["en"],
                                "Dataset": f"{dataset} ({table.split})" if table.split else dataset,
                                "Metrics": {column(v.metric): v.number for v in result.values}})
        if results:
            entry["Results"] = results
        paper = next((item for item in model.links if item.kind == "paper" and item.url), None)
        if paper:
            entry["Paper"] = {"Title": paper.title, "URL": paper.url}
        code = next((item.url for item in model.links if item.kind == "repository"), None)
        if code:
            entry["Code"] = code
        index.append(entry)
    # libyaml's emitter, when PyYAML has it: the same text, five times faster.
    return yaml.dump({"Models": index}, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                     allow_unicode=True, sort_keys=False, width=1000)


def files(site, schemas: Path) -> dict[str, str]:
    """Every file under /data/, by path from the site's root."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, indent=1) + "\n"

    out = {
        "data/models.json": dump(models(site)),
        "data/benchmarks.json": dump(benchmarks(site)),
        "data/atlas.json": dump(atlas(site)),
        "data/model-index.yml": model_index(site),
    }
    out.update({table.csv: table_csv(table) for table in site.tables})
    out.update({f"data/schemas/{path.name}": path.read_text(encoding="utf-8") for path in sorted(schemas.glob("*.json"))})
    return out
