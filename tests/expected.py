"""What the data files say, read independently of the build.

Tests derive what the site must show from here, never from a count or a list
of today's data: values through plain PyYAML (`yaml.safe_load`), and how a
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


def both(text) -> dict:
    """A text as {zh, en}, whether the data wrote one string or two."""
    return text if isinstance(text, dict) else {"zh": text, "en": text}


def raw_numbers(path: Path) -> dict:
    """{(model index, result index, metric): the characters the file writes the value with}."""
    text = path.read_text(encoding="utf-8")
    out = {}
    for i, model in enumerate(_items(_get(yaml.compose(text, Loader=yaml.SafeLoader), "models"))):
        for j, result in enumerate(_items(_get(model, "results"))):
            for key, value in _items(_get(result, "values")):
                out[i, j, key.value] = text[value.start_mark.index:value.end_mark.index]
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

    def value(self, metric: str) -> float:
        return self.result["values"][metric]


class Data:
    """The data/ folder of a project, as PyYAML reads it."""

    def __init__(self, root: Path):
        self.root = root
        self.folder = root / "data"

    def read(self, relative: str):
        return yaml.safe_load((self.folder / relative).read_text(encoding="utf-8"))

    @cached_property
    def sections(self) -> list[dict]:
        return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in self.section_files]

    @cached_property
    def section_files(self) -> list[Path]:
        return sorted((self.folder / "models").glob("*.yml"))

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
        """Every result, with the text of its numbers."""
        out = []
        for path, section in zip(self.section_files, self.sections):
            written = raw_numbers(path)
            for i, model in enumerate(section.get("models", [])):
                for j, result in enumerate(model.get("results", [])):
                    out.append(Row(section, model, result,
                                   {metric: written[i, j, metric] for metric in result.get("values") or {}}))
        return out

    def rows_of(self, section: dict, benchmark: dict) -> list[Row]:
        return [row for row in self.rows if row.section is section and row.result["benchmark"] == benchmark["id"]]

    def best(self, section: dict, benchmark: dict, metric: str) -> Row:
        """The row with the best value of a metric (the first such row in the file on a tie)."""
        higher = self.metrics[metric]["higher_is_better"]
        rows = self.rows_of(section, benchmark)
        top = (max if higher else min)(row.value(metric) for row in rows)
        return next(row for row in rows if row.value(metric) == top)

    def worst(self, section: dict, benchmark: dict, metric: str) -> Row:
        higher = self.metrics[metric]["higher_is_better"]
        rows = self.rows_of(section, benchmark)
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
            category = yaml.safe_load(path.read_text(encoding="utf-8"))
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
