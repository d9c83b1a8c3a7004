"""What the data files say, read independently of the build.

Tests derive what the site must show from here, never from a count or a list
of today's data: values through plain PyYAML (`read_yaml`), and how a
number is written through the file's own characters (the start and end of
its node). Nothing here imports the hooks, so a mistake in the build's reader
cannot hide itself by being repeated in the expectation.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

import yaml

# PyYAML's safe loader on libyaml, the C parser its wheels include: the same values and
# positions as the pure-Python one, read about eight times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path):
    """A data file's values, as plain PyYAML reads them."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


def both(text) -> dict:
    """A text as {zh, en}, whether the data wrote one string or two."""
    return text if isinstance(text, dict) else {"zh": text, "en": text}


def raw_numbers(path: Path, owners: str = "models") -> dict:
    """{(model index, result index, column): the characters the file writes the value with}, for the models
    of a file or its extends; a time's column is time-<condition id>, a size's is size (as written, with its unit)."""
    text = path.read_text(encoding="utf-8")
    out = {}

    def written(node) -> str:
        return text[node.start_mark.index:node.end_mark.index]

    for i, model in enumerate(_items(_get(yaml.compose(text, Loader=LOADER), owners))):
        for j, result in enumerate(_items(_get(model, "results"))):
            for key, value in _items(_get(result, "values")):
                out[i, j, key.value] = written(value)
            for key, value in _items(_get(result, "time")):
                out[i, j, f"time-{key.value}"] = written(value)
            size = _get(result, "size")
            if size is not None:
                out[i, j, "size"] = f"{written(_get(size, 'value'))} {_get(size, 'unit').value}"
    return out


def _get(node, key: str):
    return next((value for name, value in node.value if name.value == key), None)


def _items(node) -> list:
    return node.value if node is not None else []


@dataclass(frozen=True)
class Row:
    """One result of one model on one benchmark, and its numbers as the file writes them."""

    section: dict
    model: dict
    result: dict
    written: dict  # metric id -> text
    costs: dict  # time-<condition id> or size -> text (a size with its unit)
    source: dict | None  # the source of the file that holds it (a part file's own, else its section's)

    def value(self, metric: str) -> float | None:
        """None where the source gives no number (an imported list leaves it out)."""
        return self.result["values"].get(metric)


class Data:
    """The data/ folder of a project, as PyYAML reads it."""

    def __init__(self, root: Path):
        self.root = root
        self.folder = root / "data"

    def read(self, relative: str):
        return read_yaml(self.folder / relative)

    @cached_property
    def sections(self) -> list[dict]:
        """Each section with the benchmarks and models of its part files (data/models/<section>/*.yml) after its
        own; a part file's benchmark without a source of its own has the part file's."""
        out = []
        for path in self.section_files:
            section = read_yaml(path)
            parts = [read_yaml(part) for part in self.part_files(section["id"])]
            for part in parts:
                part["benchmarks"] = [{"source": part["source"], **b} for b in part.get("benchmarks", [])]
            for field in ("benchmarks", "models"):
                found = section.get(field, []) + [item for part in parts for item in part.get(field, [])]
                if found:
                    section[field] = found
            out.append(section)
        return out

    @cached_property
    def section_files(self) -> list[Path]:
        return sorted((self.folder / "models").glob("*.yml"))

    def part_files(self, section_id: str) -> list[Path]:
        return sorted((self.folder / "models" / section_id).glob("*.yml"))

    def section(self, section_id: str) -> dict:
        return next(section for section in self.sections if section["id"] == section_id)

    @cached_property
    def models(self) -> list[tuple[dict, dict]]:
        """(section, model) for every model."""
        return [(section, model) for section in self.sections for model in section.get("models", [])]

    @cached_property
    def metrics(self) -> dict[str, dict]:
        return {metric["id"]: metric for metric in self.read("metrics.yml")["metrics"]}

    @cached_property
    def tables(self) -> list[tuple[dict, dict]]:
        """(section, benchmark) for every benchmark with metrics: each is a comparison table."""
        return [(section, benchmark) for section in self.sections
                for benchmark in section.get("benchmarks", []) if benchmark["metrics"]]

    @cached_property
    def rows(self) -> list[Row]:
        """Every result, with the text of its numbers: a section file's, then its part files' (a part file's
        extends give results to a model of another file)."""
        out = []
        for path, section in zip(self.section_files, self.sections):
            models = {model["id"]: model for model in section.get("models", [])}
            for file in [path, *self.part_files(section["id"])]:
                document = read_yaml(file)
                for owners in ("models", "extends"):
                    written = raw_numbers(file, owners)
                    for i, owner in enumerate(document.get(owners, [])):
                        model = models[owner["model"] if owners == "extends" else owner["id"]]
                        for j, result in enumerate(owner.get("results", [])):
                            texts = {key: text for (a, b, key), text in written.items() if (a, b) == (i, j)}
                            out.append(Row(section, model, result,
                                           {m: texts[m] for m in result.get("values") or {}},
                                           {k: v for k, v in texts.items() if k.startswith("time-") or k == "size"},
                                           document.get("source")))
        return out

    def rows_of(self, section: dict, benchmark: dict) -> list[Row]:
        return [row for row in self.rows if row.section is section and row.result["benchmark"] == benchmark["id"]]

    def best(self, section: dict, benchmark: dict, metric: str) -> Row:
        """The row with the best value of a metric (the first such row in the file on a tie)."""
        higher = self.metrics[metric]["higher_is_better"]
        rows = [row for row in self.rows_of(section, benchmark) if row.value(metric) is not None]
        top = (max if higher else min)(row.value(metric) for row in rows)
        return next(row for row in rows if row.value(metric) == top)

    def worst(self, section: dict, benchmark: dict, metric: str) -> Row:
        higher = self.metrics[metric]["higher_is_better"]
        rows = [row for row in self.rows_of(section, benchmark) if row.value(metric) is not None]
        bottom = (min if higher else max)(row.value(metric) for row in rows)
        return next(row for row in rows if row.value(metric) == bottom)

    @cached_property
    def categories(self) -> list[dict]:
        return self.read("atlas-categories.yml")["categories"]

    @cached_property
    def category_files(self) -> list[Path]:
        return sorted((self.folder / "atlas").glob("*.yml"))

    @cached_property
    def entries(self) -> list[tuple[str, dict]]:
        """(category id, entry) for every atlas entry."""
        out = []
        for path in self.category_files:
            category = read_yaml(path)
            out += [(category["category"], entry) for entry in category["entries"]]
        return out

    @cached_property
    def counts(self) -> dict[str, int]:
        """What the home page counts."""
        return {"models": len(self.models), "benchmarks": len(self.tables), "entries": len(self.entries),
                "links": sum(len(entry["links"]) for _, entry in self.entries)}

    @cached_property
    def link_rules(self) -> dict:
        return self.read("link-rules.yml")

    def kind_of(self, link: dict) -> str | None:
        """A link's kind: its own, or that of the first rule of data/link-rules.yml its address fits."""
        if link.get("kind") or not link.get("url"):
            return link.get("kind") or "other"
        parts = urlsplit(link["url"])
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        for rule in self.link_rules["rules"]:
            if fnmatch.fnmatch((parts.hostname or "").lower(), rule["host"]) and re.match(rule.get("path", ""), path):
                return rule["kind"]
        return None

    def is_gone(self, link: dict) -> bool:
        host = (urlsplit(link.get("url") or "").hostname or "").lower()
        return host in {gone["host"] for gone in self.link_rules.get("gone", [])}
