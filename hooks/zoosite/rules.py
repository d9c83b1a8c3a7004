"""Rules that span files: unique ids, references that resolve, no repeated links.

Each rule is a small function that yields problems; `check` runs them all so
that a contributor sees every problem from one run.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import replace
from pathlib import PurePosixPath

from . import links

# Anchors the section page uses for its own headings; a model id equal to one
# of them would make two elements share an id.
SECTION_ANCHORS = {"benchmarks", "datasets", "models", "links", "notes", "related", "downloads"}


def check(catalogue) -> list:
    problems = []
    for rule in RULES:
        problems.extend(rule(catalogue))
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


def unique_ids(catalogue):
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


def file_names(catalogue):
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


def _refer(record, field, known: dict, what: str, where: str):
    values = record.value.get(field)
    if values is None:
        return
    for i, value in enumerate(values if isinstance(values, list) else [values]):
        if value not in known:
            close = difflib.get_close_matches(value, list(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            more = (field, i) if isinstance(values, list) else (field,)
            yield record.problem(f"{field} refers to the unknown {what} '{value}'{hint}; expected an id from {where}", *more)


def references(catalogue):
    areas, tags = catalogue.index("area"), catalogue.index("tag")
    metrics, datasets = catalogue.index("metric"), catalogue.index("dataset")
    sections, entries = catalogue.index("section"), catalogue.index("entry")
    categories = catalogue.index("category")
    targets, conditions = catalogue.index("target"), catalogue.index("condition")
    for record in catalogue.of("section"):
        yield from _refer(record, "area", areas, "area", "data/model-areas.yml")
        yield from _refer(record, "tags", tags, "tag", "data/tags.yml")
    for record in catalogue.of("part"):
        yield from _refer(record, "section", sections, "Model Zoo section", "data/models/*.yml")
    for record in catalogue.of("benchmark"):
        yield from _refer(record, "dataset", datasets, "dataset", "data/datasets.yml")
        yield from _refer(record, "metrics", metrics, "metric", "data/metrics.yml")
        yield from _refer(record, "timings", conditions, "condition", "the conditions of data/hardware.yml")
    for record in catalogue.of("condition"):
        yield from _refer(record, "target", targets, "hardware target", "the targets of data/hardware.yml")
    for record in catalogue.of("model") + catalogue.of("extension"):
        yield from _refer(record, "supported_on", targets, "hardware target", "the targets of data/hardware.yml")
    for record in catalogue.of("extension"):
        section = catalogue.section_of(record.document)
        others = {r.value["id"]: r for r in catalogue.of_section("model", section) if r.document is not record.document}
        yield from _refer(record, "model", others, f"model of the section {section}", f"the other files of the section {section}")
    for record in catalogue.of("entry"):
        yield from _refer(record, "tags", tags, "tag", "data/tags.yml")
        yield from _refer(record, "related", entries, "atlas entry", "data/atlas/*.yml")
        yield from _refer(record, "parent", entries, "atlas entry", "data/atlas/*.yml")
        yield from _refer(record, "model_sections", sections, "Model Zoo section", "data/models/*.yml")
        if record.value["id"] in record.value.get("related", []):
            yield record.problem("an entry cannot be related to itself; remove its own id from related", "related")
    for record in catalogue.of("category-file"):
        yield from _refer(record, "category", categories, "category", "data/atlas-categories.yml")
    files = {r.value["category"] for r in catalogue.of("category-file")}
    for record in catalogue.of("category"):
        if record.value["id"] not in files:
            yield record.problem(f"the category '{record.value['id']}' has no entries; expected a file data/atlas/{record.value['id']}.yml", "id")


def parents(catalogue):
    entries = catalogue.index("entry")
    category = {r.value["id"]: r.document.data["category"] for r in catalogue.of("entry")}
    for record in catalogue.of("entry"):
        seen, current = {record.value["id"]}, record.value
        while "parent" in current and current["parent"] in entries:
            if current["parent"] in seen:
                yield record.problem(f"parent '{record.value['parent']}' leads back to '{current['parent']}'; entries cannot contain each other in a loop", "parent")
                break
            seen.add(current["parent"])
            current = entries[current["parent"]]
        parent = entries.get(record.value.get("parent"))
        own = category[record.value["id"]]
        if parent and category[parent["id"]] != own:
            yield record.problem(f"the parent '{parent['id']}' is in the category '{category[parent['id']]}'; expected an entry of the same category ({own})", "parent")


def results(catalogue):
    for section in catalogue.of("section"):
        identifier = section.value["id"]
        benchmarks = {r.value["id"]: r.value for r in catalogue.of_section("benchmark", identifier)}
        for record in catalogue.of_section("result", identifier):
            result = record.value
            benchmark = benchmarks.get(result["benchmark"])
            if benchmark is None:
                listing = ", ".join(benchmarks) or "none (add a benchmarks list to this section)"
                yield record.problem(f"benchmark '{result['benchmark']}' is not a benchmark of this section; expected one of: {listing}", "benchmark")
                continue
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


def sources(catalogue):
    """Every result names where it comes from, and every source date is a real date."""
    for section in catalogue.of("section"):
        benchmarks = {b["id"]: b for b in section.value.get("benchmarks", [])}
        for record in catalogue.of_section("result", section.value["id"]):
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
                yield record.problem(f"source.date '{date}' is not a date; expected a real date as YYYY-MM-DD, "
                                     "such as \"2019-10-01\"", "source", "date")


def _date(text: str) -> datetime.date | None:
    """A fact's date: a day (2024-03-28) or, where the source gives no day, a month (2025-11)."""
    try:
        return datetime.date.fromisoformat(text if len(text) > 7 else text + "-01")
    except ValueError:
        return None


def facts(catalogue):
    """An entry's facts name known hardware, real dates, and no release after the day they were checked."""
    targets = catalogue.index("target")
    for record in catalogue.of("entry"):
        if "facts" not in record.value:
            continue
        found = replace(record, location=record.location + ("facts",), value=record.value["facts"])
        yield from _refer(found, "hardware", targets, "hardware target", "data/hardware.yml")
        dates = {"checked": found.value.get("checked"), "release": (found.value.get("release") or {}).get("date")}
        for name, text in dates.items():
            if text is not None and _date(text) is None:
                where = ("release", "date") if name == "release" else (name,)
                yield found.problem(f"{'.'.join(where)} '{text}' is not a date; expected a real day as YYYY-MM-DD "
                                    "(\"2024-03-28\"), or a month as YYYY-MM", *where)
        released, checked = dates["release"], dates["checked"]
        if released and checked and _date(released) and _date(checked):
            # Compare at the precision both give: a release in 2025-11 is not after a check on 2025-11-05.
            length = min(len(released), len(checked))
            if released[:length] > checked[:length]:
                yield found.problem(f"release.date {released} is after checked {checked}; the release must be one the "
                                    "sources showed on the day they were checked", "release", "date")


def papers(catalogue):
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


def link_rules(catalogue):
    for record in catalogue.of("rule"):
        if "path" in record.value:
            try:
                re.compile(record.value["path"])
            except re.error as error:
                yield record.problem(f"path is not a valid regular expression ({error}); expected a Python regular expression", "path")


def repeated_links(catalogue):
    owners = catalogue.of("zoo") + catalogue.of("area") + catalogue.of("section") + catalogue.of("model") + catalogue.of("entry")
    for owner in owners:
        seen = {}
        for i, link in enumerate(owner.value.get("links", [])):
            target = link.get("url") or link.get("address")
            if target in seen:
                yield owner.problem(f"the link {target} is listed twice (first as links[{seen[target]}]); list it once", "links", i)
            else:
                seen[target] = i


def link_kinds(catalogue):
    try:
        derive = links.Rules([r.value for r in catalogue.of("rule")], [])
    except re.error:
        return  # reported by link_rules
    for record in catalogue.of("link"):
        link = record.value
        if "kind" not in link and "url" in link and derive.kind_for(link["url"]) is None:
            yield record.problem(f"no rule in data/link-rules.yml tells the kind of {link['url']}; add kind: repository, documentation, tutorial, course, paper, dataset, discussion, article, competition, product, model or other")


RULES = [unique_ids, file_names, references, parents, results, sources, facts, papers, link_rules, repeated_links, link_kinds]
