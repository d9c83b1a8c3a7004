"""A copy of the project whose data is the real content repeated `factor` times.

Every Model Zoo section (with its part files) and atlas category file is
written `factor` times, each copy with its own ids (`-x2`, `-x3`, …) and
references that stay inside the copy, so models, benchmarks, results, atlas
entries and links all grow by the same factor and the data passes the same
schemas and rules as the real data.
Copies of a section share its area; copies of a category are new categories.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from sites import copy_project


def synthesize(factor: int, destination: Path) -> Path:
    if destination.exists():
        shutil.rmtree(destination)
    copy_project(destination)
    data = destination / "data"
    for path in sorted((data / "models").glob("*.yml")):
        section = read(path)
        for k in range(2, factor + 1):
            write(data / "models" / f"{section['id']}-x{k}.yml", path, copy_section(section, k))
    for path in sorted((data / "models").glob("*/*.yml")):
        part = read(path)
        for k in range(2, factor + 1):
            target = data / "models" / suffix(part["section"], k) / path.name
            target.parent.mkdir(exist_ok=True)
            write(target, path, copy_part(part, k))
    categories = read(data / "atlas-categories.yml")
    extra = []
    for path in sorted((data / "atlas").glob("*.yml")):
        category = read(path)
        for k in range(2, factor + 1):
            write(data / "atlas" / f"{category['category']}-x{k}.yml", path, copy_category(category, k))
    for k in range(2, factor + 1):
        for item in categories["categories"]:
            extra.append({**item, "id": f"{item['id']}-x{k}", "order": item["order"] + 150 * k,
                          "name": {lang: f"{text} {k}" for lang, text in item["name"].items()}})
    categories["categories"] += extra
    write(data / "atlas-categories.yml", data / "atlas-categories.yml", categories)
    return destination


def suffix(identifier: str, k: int) -> str:
    return f"{identifier}-x{k}"


def renamed(name, k: int):
    if isinstance(name, dict):
        return {lang: f"{text} {k}" for lang, text in name.items()}
    return f"{name} {k}"


def copy_section(section: dict, k: int) -> dict:
    copy = {**section, "id": suffix(section["id"], k), "title": renamed(section["title"], k)}
    copy["benchmarks"] = [{**b, "id": suffix(b["id"], k)} for b in section.get("benchmarks", [])]
    copy["models"] = [
        {**model, "id": suffix(model["id"], k), "name": renamed(model["name"], k),
         "results": [{**r, "benchmark": suffix(r["benchmark"], k)} for r in model.get("results", [])]}
        for model in section.get("models", [])
    ]
    return {key: value for key, value in copy.items() if value != [] or key in section}


def copy_results(results: list, k: int) -> list:
    return [{**r, "benchmark": suffix(r["benchmark"], k)} for r in results]


def copy_part(part: dict, k: int) -> dict:
    """A part file for the k-th copy of its section: its models renamed, its extensions pointing at the copy's."""
    copy = {**part, "section": suffix(part["section"], k),
            "benchmarks": [{**b, "id": suffix(b["id"], k)} for b in part.get("benchmarks", [])]}
    if "models" in part:
        copy["models"] = [{**model, "id": suffix(model["id"], k), "name": renamed(model["name"], k),
                           "results": copy_results(model.get("results", []), k)} for model in part["models"]]
    if "extends" in part:
        copy["extends"] = [{**entry, "model": suffix(entry["model"], k), "results": copy_results(entry.get("results", []), k)}
                           for entry in part["extends"]]
    return copy


def copy_category(category: dict, k: int) -> dict:
    entries = []
    for entry in category["entries"]:
        copy = {**entry, "id": suffix(entry["id"], k), "name": renamed(entry["name"], k)}
        if "parent" in entry:
            copy["parent"] = suffix(entry["parent"], k)
        if "related" in entry:
            copy["related"] = [suffix(other, k) for other in entry["related"]]
        entries.append(copy)
    return {"category": suffix(category["category"], k), "entries": entries}


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # the data files refuse anchors and aliases
        return True


def write(path: Path, like: Path, data: dict) -> None:
    """Write data with the schema line of the file it copies."""
    first = like.read_text(encoding="utf-8").split("\n", 1)[0]
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(first + "\n" + body, encoding="utf-8")
