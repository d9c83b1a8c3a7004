"""Load every data file once, check it, and index it for the page templates.

Loading happens in on_config, which MkDocs runs before it cleans site/: a bad
file therefore stops the build while the previous site is still in place.
"""

from __future__ import annotations

import fnmatch
import os
import pickle
from dataclasses import dataclass, replace
from pathlib import Path

import citations
import data_files
import links
import rules
from schema import Schemas, Verdict
from yaml_strict import Document, Problem, YamlProblem, parse

# Where each kind of data file lives (relative to the data folder), and the
# schema that describes it.
DATA_KINDS = {
    "model-areas.yml": "model-areas",
    "metrics.yml": "metrics",
    "datasets.yml": "datasets",
    "tags.yml": "tags",
    "link-rules.yml": "link-rules",
    "atlas-categories.yml": "atlas-categories",
    "models/*.yml": "model-section",
    "atlas/*.yml": "atlas-category",
}


class DataError(Exception):
    """Everything wrong with the data, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column))
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} in the data; nothing was built.")
        super().__init__("\n".join(lines))


def kind_of(relative: str) -> str | None:
    for pattern, kind in DATA_KINDS.items():
        if fnmatch.fnmatchcase(relative, pattern) and relative.count("/") == pattern.count("/"):
            return kind
    return None


def kinds_at(relative: str) -> set[str]:
    """The kinds of data that a file or folder (relative to data/) may hold."""
    if relative == ".":
        return set(DATA_KINDS.values())
    return {kind for pattern, kind in DATA_KINDS.items()
            if fnmatch.fnmatchcase(relative, pattern) or pattern.startswith(relative + "/")}


def schema_line(raw: bytes, shown: str, kind: str, schemas_dir: Path, path: Path) -> list[Problem]:
    """Each file's first line points editors at its schema."""
    target = os.path.relpath(schemas_dir / f"{kind}.schema.json", path.parent).replace(os.sep, "/")
    expected = f"# yaml-language-server: $schema={target}"
    first = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace").rstrip("\r").removeprefix("\ufeff")
    if first == expected:
        return []
    return [Problem(shown, 1, 1, f"the first line must point editors at the schema; expected: {expected}")]


# A preview worker loads the data for every rebuild. A file whose bytes (and
# schemas) are those of its previous load is not parsed or checked again: it
# gets a fresh copy of the readable data it had then, before the build filled
# anything in.
_checked: dict[tuple[str, str], tuple] = {}


def checked(path: Path, shown: str, kind: str, data_dir: Path, schemas: Schemas) -> Verdict:
    """One data file read and checked against its schema; raise YamlProblem."""
    try:
        raw = data_files.read(path, data_dir)
    except OSError:
        raise YamlProblem(Problem(shown, 1, 1, data_files.REFUSED)) from None
    previous = _checked.get((str(path), shown))
    if previous and previous[0] == raw and previous[1] is schemas:
        _, _, verdict, data = previous
        return replace(verdict, readable=verdict.readable and replace(verdict.readable, data=pickle.loads(data)))
    verdict = schemas.check(kind, parse(raw, shown))
    verdict.problems[:0] = schema_line(raw, shown, kind, schemas.folder, path)
    if data_files.read(path, data_dir) == raw:  # kept only if the file was not saved again while it was read
        _checked[str(path), shown] = (raw, schemas, verdict, verdict.readable and pickle.dumps(verdict.readable.data))
    return verdict


def load(data_dir: Path, schemas: Schemas, display_root: Path) -> "Catalogue":
    """Read, validate and index every file in data_dir; raise DataError.

    Every problem is reported from one run: the cross-file rules check every
    record that has the right shape, in every file that YAML could read.
    """
    problems, documents, withheld = [], {}, rules.Withheld()
    for path, readable in data_files.walk(data_dir):
        relative = path.relative_to(data_dir).as_posix() if path != data_dir else "."
        shown = path.relative_to(display_root).as_posix() if path.is_relative_to(display_root) else str(path)
        if not readable:
            problems.append(Problem(shown, 1, 1, data_files.REFUSED))
            withheld.unread |= kinds_at(relative)
            withheld.ids.add(path.stem)
            continue
        if path.suffix not in (".yml", ".yaml"):
            continue
        kind = kind_of(relative)
        if kind is None or path.suffix == ".yaml":
            places = ", ".join(DATA_KINDS)
            problems.append(Problem(shown, 1, 1, f"this file is not read by the build; data files are named: {places} (with .yml)"))
            continue
        try:
            verdict = checked(path, shown, kind, data_dir, schemas)
        except YamlProblem as error:
            problems.append(error.problem)
            withheld.unread |= kinds_at(relative)
            withheld.ids.add(path.stem)
            continue
        problems += verdict.problems
        withheld.ids |= verdict.withheld
        if verdict.problems and kind == "link-rules":
            withheld.unread.add(kind)  # rules have no ids: without all of them, no link's kind can be judged
        elif verdict.readable is None:
            withheld.ids.add(path.stem)
        else:
            documents[relative] = (kind, verdict.readable)
    catalogue = Catalogue(documents)
    problems += rules.check(catalogue, withheld)
    if problems:
        raise DataError(problems)
    catalogue.prepare()
    return catalogue


# Optional fields and their empty values, filled in once so that templates can
# test them plainly (the template environment fails on any undefined name).
OPTIONAL = {
    "zoo": {"about": None, "links": []},
    "area": {"summary": None, "links": []},
    "section": {"notes": [], "links": [], "tags": [], "source": None, "benchmarks": [], "models": [], "releases": []},
    "benchmark": {"split": None, "note": None, "source": None},
    "model": {"full_name": None, "aliases": [], "task": None, "results": []},
    "result": {"backbone": None, "source": None},
    "entry": {"parent": None, "features": [], "principles": [], "scenarios": [], "related": [], "model_sections": []},
    "link": {"gloss": None, "url": None, "address": None, "gone": False, "gone_note": None},
    "source": {"date": None, "hardware": None, "settings": None},
}


@dataclass
class Record:
    """A mapping from a data file, with where it stands, for rules and messages."""

    document: Document
    location: tuple
    value: dict

    def at(self, *more, key=False) -> tuple[str, int, int]:
        line, column = self.document.mark(self.location + more, key=key)
        return self.document.path, line, column

    def problem(self, message: str, *more, key=False) -> Problem:
        return Problem(*self.at(*more, key=key), message)


class Catalogue:
    """All the data of one build, indexed by id."""

    def __init__(self, documents: dict[str, tuple[str, Document]]):
        self.documents = documents
        self.records: dict[str, list[Record]] = {}
        for relative, (kind, document) in sorted(documents.items()):
            data = document.data
            if kind == "model-section":
                section = self._add("section", document, (), data)
                section.value["file"] = relative
                for i, benchmark in enumerate(data.get("benchmarks", [])):
                    self._add("benchmark", document, ("benchmarks", i), benchmark)
                for i, model in enumerate(data.get("models", [])):
                    self._add("model", document, ("models", i), model)
                    for j, result in enumerate(model.get("results", [])):
                        location = ("models", i, "results", j)
                        self._add("result", document, location, result)
                        # Numbers as written: 76.50 stays 76.50 on every page and in every file.
                        result["written"] = {metric: document.plain.get(location + ("values", metric), str(value))
                                             for metric, value in result["values"].items()}
                self._links(document, (), data)
            elif kind == "atlas-category":
                for i, entry in enumerate(data["entries"]):
                    record = self._add("entry", document, ("entries", i), entry)
                    record.value.update(category=data["category"], file=relative)
                self._add("category-file", document, (), data)
            else:
                if kind == "model-areas":
                    self._add("zoo", document, (), data)
                plural = {"model-areas": "areas", "link-rules": "rules", "atlas-categories": "categories"}.get(kind, kind)
                singular = {"areas": "area", "rules": "rule", "categories": "category", "metrics": "metric",
                            "datasets": "dataset", "tags": "tag"}[plural]
                for i, item in enumerate(data[plural]):
                    self._add(singular, document, (plural, i), item)
                for i, item in enumerate(data.get("gone", [])):
                    self._add("gone", document, ("gone", i), item)
        for kind in ("zoo", "area", "model", "entry"):
            for record in self.of(kind):
                self._links(record.document, record.location, record.value)

    def _add(self, kind, document, location, value) -> Record:
        record = Record(document, location, value)
        self.records.setdefault(kind, []).append(record)
        return record

    def _links(self, document, location, owner):
        for i, link in enumerate(owner.get("links", [])):
            self._add("link", document, location + ("links", i), link)

    def of(self, kind: str) -> list[Record]:
        return self.records.get(kind, [])

    def index(self, kind: str) -> dict[str, dict]:
        return {r.value["id"]: r.value for r in self.of(kind)}

    # -- views for the templates, computed once after the rules passed --------

    def prepare(self) -> None:
        for kind, defaults in OPTIONAL.items():
            for record in self.of(kind):
                for name, empty in defaults.items():
                    record.value.setdefault(name, type(empty)() if isinstance(empty, list) else empty)
        for kind in ("section", "benchmark", "result"):
            for record in self.of(kind):
                if record.value["source"]:
                    for name, empty in OPTIONAL["source"].items():
                        record.value["source"].setdefault(name, empty)
        self.zoo = self.of("zoo")[0].value
        self.areas = sorted(self.index("area").values(), key=lambda a: (a["order"], a["id"]))
        self.metrics = self.index("metric")
        self.datasets = self.index("dataset")
        self.tags = self.index("tag")
        self.categories = sorted(self.index("category").values(), key=lambda c: (c["order"], c["id"]))
        self.sections = sorted(
            self.index("section").values(),
            key=lambda s: ([a["id"] for a in self.areas].index(s["area"]), s["order"], s["id"]),
        )
        self.section_by_id = {s["id"]: s for s in self.sections}
        self.models = [r.value for r in self.of("model")]
        self.entries = [r.value for r in self.of("entry")]
        self.entry_by_id = {e["id"]: e for e in self.entries}

        link_kinds = links.Rules([r.value for r in self.of("rule")], [r.value for r in self.of("gone")])
        for record in self.of("link"):
            link_kinds.enrich(record.value)
        for model in self.models:
            for link in model["links"]:
                link["citation"] = citations.of(link)

        for area in self.areas:
            area["sections"] = [s for s in self.sections if s["area"] == area["id"]]
        for section in self.sections:
            section["related_entries"] = []
            section["tables"] = [self._table(section, b) for b in section.get("benchmarks", [])]
        for category in self.categories:
            category["entries"] = [e for e in self.entries if e["category"] == category["id"]]
            category["top_entries"] = [e for e in category["entries"] if not e["parent"]]
        children = {}
        for entry in self.entries:
            children.setdefault(entry["parent"], []).append(entry)
        for entry in self.entries:
            entry["children"] = children.get(entry["id"], [])
            entry["related_entries"] = []
        # What a category page filters its entries by: the tags and link kinds
        # of each entry together with those of the entries it contains.
        tag_order = list(self.tags)
        for entry in self.entries:
            family, found = [entry], 0
            while found < len(family):
                family += family[found]["children"]
                found += 1
            entry["family_tags"] = sorted({tag for e in family for tag in e["tags"]}, key=tag_order.index)
            entry["family_kinds"] = sorted({link["kind"] for e in family for link in e["links"]})
        # Relations are declared once and shown on both sides.
        for entry in self.entries:
            for other in entry.get("related", []):
                for a, b in ((entry, self.entry_by_id[other]), (self.entry_by_id[other], entry)):
                    if b not in a["related_entries"]:
                        a["related_entries"].append(b)
            for section_id in entry.get("model_sections", []):
                self.section_by_id[section_id]["related_entries"].append(entry)
        for tag in self.tags.values():
            tag["entries"] = [e for e in self.entries if tag["id"] in e["tags"]]
            tag["sections"] = [s for s in self.sections if tag["id"] in s.get("tags", [])]
        self.counts = {
            "models": len(self.models),
            # Only benchmarks with metrics make comparison tables; the others
            # list which models were trained on a dataset.
            "benchmarks": sum(1 for r in self.of("benchmark") if r.value["metrics"]),
            "entries": len(self.entries),
            "links": sum(len(e["links"]) for e in self.entries),
        }

    def _table(self, section: dict, benchmark: dict) -> dict:
        """One comparison table: the results of one benchmark, best first, each with its source."""
        metrics = [self.metrics[m] for m in benchmark["metrics"]]
        source = benchmark["source"] or section["source"]
        rows = [
            {"model": model, "result": result, "source": result["source"] or source,
             "own_source": result["source"] not in (None, source)}
            for model in section.get("models", [])
            for result in model.get("results", [])
            if result["benchmark"] == benchmark["id"]
        ]
        best = {}
        for metric in metrics:
            values = [row["result"]["values"][metric["id"]] for row in rows]
            best[metric["id"]] = (max if metric["higher_is_better"] else min)(values) if values else None
        if metrics:
            first = metrics[0]
            sign = -1 if first["higher_is_better"] else 1
            rows.sort(key=lambda row: sign * row["result"]["values"][first["id"]])
            # Leaderboard ranks by the first metric; equal values share a rank (1, 2, 2, 4).
            for position, row in enumerate(rows):
                tied = position and row["result"]["values"][first["id"]] == rows[position - 1]["result"]["values"][first["id"]]
                row["rank"] = rows[position - 1]["rank"] if tied else position + 1
        return {
            "section": section,
            "benchmark": benchmark,
            "source": source,
            "dataset": self.datasets[benchmark["dataset"]],
            "metrics": metrics,
            "rows": rows,
            "best": best,
            "has_backbone": any(row["result"]["backbone"] for row in rows),
        }
