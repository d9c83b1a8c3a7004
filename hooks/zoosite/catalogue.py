"""Load every data file once, check it, and index its records for the rules and the views.

Loading happens in on_config, which MkDocs runs before it cleans site/: a bad
file therefore stops the build while the previous site is still in place.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from . import data_files, rules
from .schema import Schemas, Verdict
from .yaml_strict import Document, Problem, YamlProblem, parse

# Where each kind of data file lives (relative to the data folder), and the
# schema that describes it.
DATA_KINDS = {
    "model-areas.yml": "model-areas",
    "metrics.yml": "metrics",
    "datasets.yml": "datasets",
    "tags.yml": "tags",
    "link-rules.yml": "link-rules",
    "atlas-categories.yml": "atlas-categories",
    "hardware.yml": "hardware",
    "models/*.yml": "model-section",
    "models/*/*.yml": "model-part",
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
# schemas) are those of its previous load is not parsed or checked again: the
# records are never changed after loading, so the same verdict serves again.
_checked: dict[tuple[str, str], tuple] = {}


def checked(path: Path, shown: str, kind: str, data_dir: Path, schemas: Schemas) -> Verdict:
    """One data file read and checked against its schema; raise YamlProblem."""
    try:
        raw = data_files.read(path, data_dir)
    except OSError:
        raise YamlProblem(Problem(shown, 1, 1, data_files.REFUSED)) from None
    previous = _checked.get((str(path), shown))
    if previous and previous[0] == raw and previous[1] is schemas:
        return previous[2]
    verdict = schemas.check(kind, parse(raw, shown))
    verdict.problems[:0] = schema_line(raw, shown, kind, schemas.folder, path)
    if data_files.read(path, data_dir) == raw:  # kept only if the file was not saved again while it was read
        _checked[str(path), shown] = (raw, schemas, verdict)
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
    return catalogue


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
            if kind in ("model-section", "model-part"):
                self._add("section" if kind == "model-section" else "part", document, (), data)
                for i, benchmark in enumerate(data.get("benchmarks", [])):
                    self._add("benchmark", document, ("benchmarks", i), benchmark)
                for field, record_kind in (("models", "model"), ("extends", "extension")):
                    for i, model in enumerate(data.get(field, [])):
                        self._add(record_kind, document, (field, i), model)
                        for j, result in enumerate(model.get("results", [])):
                            self._add("result", document, (field, i, "results", j), result)
                self._links(document, (), data)
            elif kind == "atlas-category":
                for i, entry in enumerate(data["entries"]):
                    self._add("entry", document, ("entries", i), entry)
                self._add("category-file", document, (), data)
            else:
                if kind == "model-areas":
                    self._add("zoo", document, (), data)
                plural = {"model-areas": "areas", "link-rules": "rules", "atlas-categories": "categories",
                          "hardware": "targets"}.get(kind, kind)
                singular = {"areas": "area", "rules": "rule", "categories": "category", "metrics": "metric",
                            "datasets": "dataset", "tags": "tag", "targets": "target"}[plural]
                for i, item in enumerate(data[plural]):
                    self._add(singular, document, (plural, i), item)
                for i, item in enumerate(data.get("conditions", [])):
                    self._add("condition", document, ("conditions", i), item)
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

    @staticmethod
    def section_of(document: Document) -> str | None:
        """The Model Zoo section of a section file (its id) or of a part file (its section)."""
        return document.data.get("section", document.data.get("id"))

    def of_section(self, kind: str, section: str) -> list[Record]:
        """The records of one Model Zoo section: from its own file and from its part files."""
        return [r for r in self.of(kind) if self.section_of(r.document) == section]

    def index(self, kind: str) -> dict[str, dict]:
        return {r.value["id"]: r.value for r in self.of(kind)}
