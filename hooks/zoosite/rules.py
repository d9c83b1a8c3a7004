"""Rules that span files: unique ids, references that resolve, no repeated links.

Each rule is a small function that yields problems; `check` runs them all so
that a contributor sees every problem from one run. They run on every record
that has the right shape, even while other files or records have problems;
what could not be read is `Withheld`, and references into it are not checked.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from . import links, patterns
from .yaml_strict import Suggestions, excerpt

# Anchors the section page uses for its own headings; a model id equal to one
# of them would make two elements share an id.
SECTION_ANCHORS = {"benchmarks", "datasets", "models", "links", "notes", "related", "downloads"}


@dataclass
class Withheld:
    """What the rules cannot see: the kinds of data (as in catalogue.DATA_KINDS)
    with a file that could not be read at all, and the ids in records or files
    left out because of their own problems."""

    unread: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)


# Which kind of data file declares the ids that a reference names.
DECLARED_IN = {"area": "model-areas", "metric": "metrics", "dataset": "datasets", "tag": "tags", "target": "hardware",
               "condition": "hardware", "category": "atlas-categories", "entry": "atlas-category",
               "section": "model-section", "model": "model-section"}


def check(catalogue, withheld: Withheld) -> list:
    problems = []
    for rule in RULES:
        problems.extend(rule(catalogue, withheld))
    return problems


def _unique(records, what: str, namespace: str):
    seen = {}
    for record in records:
        identifier = record.value["id"]
        if identifier in seen:
            path, line, column = seen[identifier].at("id")
            yield record.problem(f"the {what} id '{identifier}' is already used at {path}:{line}:{column}; {namespace}", "id")
        else:
            seen[identifier] = record


def unique_ids(catalogue, withheld):
    for kind, what in (("area", "area"), ("metric", "metric"), ("dataset", "dataset"), ("tag", "tag"),
                       ("target", "hardware target"), ("condition", "condition"), ("section", "section"),
                       ("model", "model")):
        yield from _unique(catalogue.of(kind), what, f"{what} ids must be unique across all files")
    # Categories and entries share the /atlas/<id>/ address space.
    yield from _unique(catalogue.of("category") + catalogue.of("entry"), "atlas",
                       "atlas categories and entries share /atlas/<id>/, so their ids must all differ")
    for section in catalogue.of("section"):
        benchmarks = catalogue.of_section("benchmark", section.value["id"])
        yield from _unique(benchmarks, "benchmark", "benchmark ids must be unique within a section and its part files")


def dataset_aliases(catalogue, withheld):
    """A reader who looks a dataset up by an alias must land on one dataset."""
    names = {record.value["id"]: record.at("id") for record in catalogue.of("dataset")}
    for record in catalogue.of("dataset"):
        for i, alias in enumerate(record.value.get("aliases", [])):
            if alias in names:
                path, line, column = names[alias]
                yield record.problem(f"the alias '{alias}' is already a dataset id or alias at {path}:{line}:{column}; "
                                     "expected an alias that names this dataset only", "aliases", i)
            else:
                names[alias] = record.at("aliases", i)


def cost_columns(catalogue, withheld):
    """A table's cost columns are named size and time-<condition id>, beside its metrics."""
    for record in catalogue.of("metric"):
        identifier = record.value["id"]
        if identifier == "size" or identifier.startswith("time-"):
            yield record.problem(f"the metric id '{identifier}' names a column of inference times or sizes; "
                                 "expected another id (not size, not starting with time-)", "id")


def file_names(catalogue, withheld):
    for record in catalogue.of("section"):
        expected = PurePosixPath(record.document.path).stem
        if record.value["id"] != expected:
            yield record.problem(f"the section id is '{record.value['id']}' but the file is named {expected}.yml; expected id: {expected}", "id")
    for record in catalogue.of("part"):
        expected = PurePosixPath(record.document.path).parent.name
        if record.value["section"] != expected:
            yield record.problem(f"the section is '{record.value['section']}' but the file is in the folder {expected}/; expected section: {expected}", "section")
    for record in catalogue.of("category-file"):
        expected = PurePosixPath(record.document.path).stem
        if record.value["category"] != expected:
            yield record.problem(f"category is '{record.value['category']}' but the file is named {expected}.yml; expected category: {expected}", "category")


class Resolver:
    """Finds references to unknown ids, except those into what is withheld."""

    def __init__(self, catalogue, withheld: Withheld):
        self.known = {kind: catalogue.index(kind) for kind in DECLARED_IN}
        self.withheld = withheld
        self.suggestions = Suggestions()

    def refer(self, record, field, kind: str, what: str, where: str, known: dict | None = None):
        """known: the ids this reference may name, where they are fewer than every id of its kind."""
        values = record.value.get(field)
        if values is None or DECLARED_IN[kind] in self.withheld.unread:
            return
        known = self.known[kind] if known is None else known
        for i, value in enumerate(values if isinstance(values, list) else [values]):
            if value not in known and value not in self.withheld.ids:
                hint = self.suggestions.hint(value, known)
                more = (field, i) if isinstance(values, list) else (field,)
                yield record.problem(f"{field} refers to the unknown {what} '{excerpt(value)}'{hint}; expected an id from {where}", *more)


def references(catalogue, withheld):
    refer = Resolver(catalogue, withheld).refer
    for record in catalogue.of("section"):
        yield from refer(record, "area", "area", "area", "data/model-areas.yml")
        yield from refer(record, "tags", "tag", "tag", "data/tags.yml")
    for record in catalogue.of("part"):
        yield from refer(record, "section", "section", "Model Zoo section", "data/models/*.yml")
    for record in catalogue.of("benchmark"):
        yield from refer(record, "dataset", "dataset", "dataset", "data/datasets.yml")
        yield from refer(record, "metrics", "metric", "metric", "data/metrics.yml")
        yield from refer(record, "timings", "condition", "condition", "the conditions of data/hardware.yml")
    for record in catalogue.of("condition"):
        yield from refer(record, "target", "target", "hardware target", "the targets of data/hardware.yml")
    for record in catalogue.of("model") + catalogue.of("extension"):
        yield from refer(record, "supported_on", "target", "hardware target", "the targets of data/hardware.yml")
    for record in catalogue.of("extension"):
        section = catalogue.section_of(record.document)
        others = {r.value["id"]: r for r in catalogue.of_section("model", section) if r.document is not record.document}
        yield from refer(record, "model", "model", f"model of the section {section}",
                         f"the other files of the section {section}", known=others)
    for record in catalogue.of("entry"):
        yield from refer(record, "tags", "tag", "tag", "data/tags.yml")
        yield from refer(record, "related", "entry", "atlas entry", "data/atlas/*.yml")
        yield from refer(record, "parent", "entry", "atlas entry", "data/atlas/*.yml")
        yield from refer(record, "model_sections", "section", "Model Zoo section", "data/models/*.yml")
        if record.value["id"] in record.value.get("related", []):
            yield record.problem("an entry cannot be related to itself; remove its own id from related", "related")
    for record in catalogue.of("category-file"):
        yield from refer(record, "category", "category", "category", "data/atlas-categories.yml")
    files = {r.value["category"] for r in catalogue.of("category-file")} | withheld.ids
    for record in catalogue.of("category"):
        if record.value["id"] not in files and "atlas-category" not in withheld.unread:
            yield record.problem(f"the category '{record.value['id']}' has no entries; expected a file data/atlas/{record.value['id']}.yml", "id")


# The category page shows an entry's children and their children, and no deeper.
MAX_DEPTH = 2


def parents(catalogue, withheld):
    entries = catalogue.index("entry")
    category = {r.value["id"]: r.document.data["category"] for r in catalogue.of("entry")}
    # Each chain of parents is followed once, and what is found is kept for every
    # entry on it: walking a chain of thousands from each of its entries would
    # stall the check. `loop` holds where following parents first meets an
    # entry twice; `depth`, how many levels below a top entry an entry stands.
    depth, loop = {}, {}
    for start in entries:
        path, on_path, current = [], {}, start
        while current in entries and current not in depth and current not in loop and current not in on_path:
            on_path[current] = len(path)
            path.append(current)
            current = entries[current].get("parent")
        if current in on_path:
            for node in path[on_path[current]:]:
                loop[node] = node
            for node in path[: on_path[current]]:
                loop[node] = current
        elif current in loop:
            for node in path:
                loop[node] = current if loop[current] == current else loop[current]
        else:
            below = depth.get(current, -1)
            for node in reversed(path):
                below += 1
                depth[node] = below
    for record in catalogue.of("entry"):
        entry = record.value
        if entry["id"] in loop:
            yield record.problem(f"parent '{entry['parent']}' leads back to '{loop[entry['id']]}'; entries cannot contain each other in a loop", "parent")
        elif depth[entry["id"]] == MAX_DEPTH + 1:  # deeper entries follow from this one
            yield record.problem(f"parent '{entry['parent']}' puts this entry {MAX_DEPTH + 1} levels below a top entry; expected at most "
                                 f"{MAX_DEPTH} (an entry, its children and theirs), as deeper ones are not shown", "parent")
        parent = entries.get(entry.get("parent"))
        own = category[entry["id"]]
        if parent and category[parent["id"]] != own:
            yield record.problem(f"the parent '{parent['id']}' is in the category '{category[parent['id']]}'; expected an entry of the same category ({own})", "parent")


def results(catalogue, withheld):
    metrics = catalogue.index("metric")
    for section in catalogue.of("section"):
        identifier = section.value["id"]
        benchmarks = {r.value["id"]: r.value for r in catalogue.of_section("benchmark", identifier)}
        for record in catalogue.of_section("result", identifier):
            result = record.value
            if result["benchmark"] in withheld.ids:
                continue
            benchmark = benchmarks.get(result["benchmark"])
            if benchmark is None:
                listing = ", ".join(benchmarks) or "none (add a benchmarks list to this section)"
                yield record.problem(f"benchmark '{result['benchmark']}' is not a benchmark of this section; expected one of: {listing}", "benchmark")
                continue
            if "metrics" not in withheld.unread and any(m not in metrics and m not in withheld.ids for m in benchmark["metrics"]):
                continue  # the benchmark's unknown metric is reported once, not with every result
            # An import leaves out what its source does not give; a contributor gives every value.
            if record.document.data.get("section") is None:
                for metric in benchmark["metrics"]:
                    if metric not in result["values"]:
                        yield record.problem(f"values has no '{metric}'; the benchmark '{benchmark['id']}' reports: {', '.join(benchmark['metrics'])}", "values")
            for metric in result["values"]:
                if metric not in benchmark["metrics"]:
                    listing = ", ".join(benchmark["metrics"]) or "no metrics (write values: {})"
                    yield record.problem(f"values has '{metric}', which the benchmark '{benchmark['id']}' does not report; expected: {listing}", "values", metric, key=True)
            for condition in result.get("time", {}):
                if condition not in benchmark.get("timings", []):
                    listing = ", ".join(benchmark.get("timings", [])) or "none (list the conditions in the benchmark's timings)"
                    yield record.problem(f"time has '{condition}', which is not a timing of the benchmark '{benchmark['id']}'; expected: {listing}", "time", condition, key=True)
        # A model's results, from its own file and from part files that extend it.
        extensions = {}
        for record in catalogue.of_section("extension", identifier):
            extensions.setdefault(record.value["model"], []).append(record)
        for model in catalogue.of_section("model", identifier):
            seen = set()
            for owner in [model, *extensions.get(model.value["id"], [])]:
                for i, result in enumerate(owner.value.get("results", [])):
                    key = (result["benchmark"], result.get("backbone"))
                    if key in seen:
                        yield owner.problem(f"the model '{model.value['id']}' has two results for benchmark '{result['benchmark']}'" + (f" with backbone {key[1]}" if key[1] else "") + "; keep one", "results", i)
                    seen.add(key)
            if model.value["id"] in SECTION_ANCHORS or model.value["id"].startswith("benchmark-"):
                yield model.problem(f"the model id '{model.value['id']}' is taken by a heading of the section page; choose another id", "id")


def sources(catalogue, withheld):
    """Every result names where it comes from, and every source date is a real date."""
    for section in catalogue.of("section"):
        benchmarks = {b["id"]: b for b in section.value.get("benchmarks", [])}
        for record in catalogue.of_section("result", section.value["id"]):
            if record.value["benchmark"] in withheld.ids:
                continue
            benchmark = benchmarks.get(record.value["benchmark"], {})
            if not (record.value.get("source") or record.document.data.get("source")
                    or benchmark.get("source") or section.value.get("source")):
                yield record.problem("this result has no source; add source (url, title, kind) to the section, "
                                     "to its benchmark or to the result itself")
    for kind in ("section", "part", "benchmark", "result", "condition"):
        for record in catalogue.of(kind):
            date = (record.value.get("source") or {}).get("date")
            if date is None:
                continue
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                yield record.problem(f"source.date '{excerpt(date)}' is not a date; expected a real date as YYYY-MM-DD, "
                                     "such as \"2019-10-01\"", "source", "date")


def _date(text: str) -> datetime.date | None:
    """A fact's date: a day (2024-03-28) or, where the source gives no day, a month (2025-11)."""
    try:
        return datetime.date.fromisoformat(text if len(text) > 7 else text + "-01")
    except ValueError:
        return None


def facts(catalogue, withheld):
    """An entry's facts name known hardware, real dates, and no release after the day they were checked."""
    refer = Resolver(catalogue, withheld).refer
    for record in catalogue.of("entry"):
        if "facts" not in record.value:
            continue
        found = replace(record, location=record.location + ("facts",), value=record.value["facts"])
        yield from refer(found, "hardware", "target", "hardware target", "data/hardware.yml")
        dates = {"checked": found.value.get("checked"), "release": (found.value.get("release") or {}).get("date")}
        for name, text in dates.items():
            if text is not None and _date(text) is None:
                where = ("release", "date") if name == "release" else (name,)
                yield found.problem(f"{'.'.join(where)} '{excerpt(text)}' is not a date; expected a real day as YYYY-MM-DD "
                                    "(\"2024-03-28\"), or a month as YYYY-MM", *where)
        released, checked = dates["release"], dates["checked"]
        if released and checked and _date(released) and _date(checked):
            # Compare at the precision both give: a release in 2025-11 is not after a check on 2025-11-05.
            length = min(len(released), len(checked))
            if released[:length] > checked[:length]:
                yield found.problem(f"release.date {released} is after checked {checked}; the release must be one the "
                                    "sources showed on the day they were checked", "release", "date")


def papers(catalogue, withheld):
    """A paper's year is the year it first appeared, which its arXiv id gives."""
    for record in catalogue.of("model"):
        paper = record.value.get("paper") or {}
        if "arxiv" not in paper:
            continue
        digits = paper["arxiv"].split("/")[-1][:2]
        year = (1900 if int(digits) >= 91 else 2000) + int(digits)
        if paper["year"] != year:
            yield record.problem(f"paper.year is {paper['year']} but the arXiv id {paper['arxiv']} dates from {year}; "
                                 f"expected the year it first appeared: {year}", "paper", "year")


def link_rules(catalogue, withheld):
    for record in catalogue.of("rule"):
        if "path" in record.value:
            try:
                re.compile(record.value["path"])
            except re.error as error:
                yield record.problem(f"path is not a valid regular expression ({error}); expected a Python regular expression", "path")
                continue
            # Every link is matched against every rule, so one slow pattern stalls the build.
            if not patterns.backtracking(record.value["path"]).at_most_quadratic(anchored=True):
                yield record.problem("path can be matched in many ways at once (a repetition inside a repetition, two "
                                     "repetitions that take the same characters, a back reference or a lookaround), "
                                     "which makes matching slow; expected at most two places where a character may be "
                                     r"taken two ways, such as /[^/]+/[^/]+/blob/.*\.md$", "path")


def repeated_links(catalogue, withheld):
    owners = catalogue.of("zoo") + catalogue.of("area") + catalogue.of("section") + catalogue.of("model") + catalogue.of("entry")
    for owner in owners:
        seen = {}
        for i, link in enumerate(owner.value.get("links", [])):
            target = link.get("url") or link.get("address")
            if target in seen:
                yield owner.problem(f"the link {excerpt(target)} is listed twice (first as links[{seen[target]}]); list it once", "links", i)
            else:
                seen[target] = i


def link_kinds(catalogue, withheld):
    if "link-rules" in withheld.unread:
        return
    try:
        derive = links.Rules([r.value for r in catalogue.of("rule")], [])
    except re.error:
        return  # reported by link_rules
    for record in catalogue.of("link"):
        link = record.value
        if "kind" not in link and "url" in link and derive.kind_for(link["url"]) is None:
            yield record.problem(f"no rule in data/link-rules.yml tells the kind of {excerpt(link['url'])}; add kind: repository, documentation, tutorial, course, paper, dataset, discussion, article, competition, product, model or other")


RULES = [unique_ids, dataset_aliases, cost_columns, file_names, references, parents, results, sources, facts, papers, link_rules, repeated_links, link_kinds]
