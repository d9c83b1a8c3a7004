"""The site as its pages show it: every derived value, computed once per build.

catalogue.py loads the data files and checks them; its records stay exactly as
the files wrote them. This module reads those records once, after the rules
passed, and builds frozen views: the comparison table of each benchmark (its
key, addresses, metrics, rows best first with the numbers as written, ranks
and best marks), the models, sections, areas, atlas entries and categories,
tags, links and sources. Templates, charts, the open data, the data diff and
the compare view read these views and nothing else, so each derived value has
one definition, here.

A section is its own file (data/models/<id>.yml) together with its part files
(data/models/<id>/*.yml, written by importers): their benchmarks and models
join the section's, a part's results for a model of the section's file join
that model's, and every result is credited to the source of the file that
holds it unless it names its own.

Relations that run both ways (related atlas entries) are kept as ids, looked up
in Site.entry; everything else holds the views it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Mapping

from . import citations, tradeoffs
from . import links as link_rules

Text = Mapping[str, str]  # {"zh": …, "en": …}


def both(name) -> Text | None:
    """A name as {zh, en}, also where the data writes one name for both languages."""
    if name is None or isinstance(name, dict):
        return name
    return {"zh": name, "en": name}


def page_url(path: str) -> str:
    """models/detection.md -> models/detection/ (use_directory_urls)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@dataclass(frozen=True)
class Address:
    """Where the site is served, from site_url: the absolute address of every page in each language,
    and of the files all languages share (the open data). Feeds, sitemaps, previews and the open data
    link pages by these addresses."""

    root: str  # "https://paddle-atlas.github.io/": origin and the path every language starts with
    prefixes: Mapping[str, str]  # {"zh": "", "en": "en/"}, the first language's first

    def page(self, path: str, lang: str, anchor: str = "") -> str:
        """models/detection.md -> https://…/en/models/detection/#anchor"""
        return self.root + self.prefixes[lang] + page_url(path) + (f"#{anchor}" if anchor else "")

    def pages(self, path: str, anchor: str = "") -> dict[str, str]:
        """The page in every language: {"zh": …, "en": …}."""
        return {lang: self.page(path, lang, anchor) for lang in self.prefixes}

    def file(self, path: str) -> str:
        """A file every language shares: data/models.json -> https://…/data/models.json"""
        return self.root + path


def frozen(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)


def written_at(document, location: tuple, *more, number) -> str:
    """A number as its data file writes it (76.50, not 76.5)."""
    return document.plain.get(location + more, str(number))


@dataclass(frozen=True)
class Source:
    """Where numbers come from."""

    url: str
    title: str
    kind: str  # reported or reproduced
    date: str | None
    hardware: str | None
    settings: Text | None
    commit: str | None  # imported numbers: the commit and file they were read from
    path: str | None


@dataclass(frozen=True)
class Link:
    title: str
    gloss: str | None  # the English rendering of a title that is not in English
    url: str | None
    address: str | None  # something that is not a web link, shown as text
    kind: str
    host: str
    gone: bool
    gone_note: Text | None


# What follows a number of each unit (76.5%), the same in every language.
UNIT_SYMBOLS = {"percent": "%", "score": ""}
# Sizes are compared in MB; each keeps the unit it is written in.
MEGABYTES = {"KB": 1 / 1024, "MB": 1, "GB": 1024}
# The heading of a table's size column, the same for every table.
SIZE_NAME = {"zh": "模型大小", "en": "Model size"}


@dataclass(frozen=True)
class Target:
    """A kind of chip models run on (data/hardware.yml)."""

    id: str
    name: Text
    kind: str
    vendor: str


@dataclass(frozen=True)
class Condition:
    """How inference times were measured; None where the source does not say."""

    id: str
    name: Text  # the heading of a column of times taken this way
    target: Target
    device: str
    precision: str | None
    threads: int | None
    batch: int | None
    mode: Text
    backend: Text | None
    software: str | None
    source: "Source"


@dataclass(frozen=True)
class Metric:
    id: str
    name: Text
    unit: str
    symbol: str  # UNIT_SYMBOLS
    higher_is_better: bool
    kind: str = "metric"  # as Cost.kind: what a column of a table holds


@dataclass(frozen=True)
class Cost:
    """A column of inference times or sizes. It reads like a Metric, so that a
    table's cells, best marks and charts treat both alike; lower is better."""

    id: str  # time-<condition id>, or size: unlike any metric id (rules.cost_columns)
    kind: str  # time or size
    name: Text
    unit: str  # ms or MB: the unit of Value.number
    symbol: str  # the unit its heading names: ms, or the unit all its sizes share (else "")
    higher_is_better: bool = False
    condition: Condition | None = None  # times only


@dataclass(frozen=True)
class Dataset:
    id: str
    name: Text
    aliases: tuple[str, ...]  # other ids readers look it up by (imagenet for imagenet-2012)
    in_house: bool  # built and evaluated on by its publisher alone


@dataclass(frozen=True)
class Value:
    """One number of a result: as the data file writes it, and whether it is its column's best."""

    metric: Metric | Cost
    number: float  # for sizes, in MB
    written: str
    best: bool
    unit: str | None = None  # a size's own unit (1.04 GB), shown where it is not the column's


@dataclass(frozen=True)
class Artefact:
    kind: str  # inference, weights or config
    url: str


@dataclass(frozen=True)
class Result:
    """One model's result on one benchmark."""

    table: str  # the key of the benchmark's table
    benchmark: str
    anchor: str  # the table's heading on the section page
    dataset: Dataset | None  # None for a table of times and sizes only
    backbone: str | None
    values: tuple[Value, ...]  # the metrics it has a number for, in the benchmark's column order
    costs: tuple[Value | None, ...]  # one per Table.costs, None where the source gives none
    cells: tuple[Value | None, ...]  # one per Table.columns: the metrics, then the costs
    note: Text | None
    source: Source | None
    own_source: bool  # a source other than its table's
    rank: int | None  # on the leaderboard; equal first values share a rank; None without a lead value
    ranked: int | None  # how many results its leaderboard ranks; None where the benchmark has no leaderboard


@dataclass(frozen=True)
class Model:
    id: str
    name: Text
    full_name: Text | None
    aliases: tuple[str, ...]
    task: Text | None
    description: Text | None  # an imported model may have none; its page describes it by its data
    paper: citations.Paper | None  # the paper that introduced it
    citation: citations.Citation | None  # its BibTeX, from paper only
    links: tuple[Link, ...]
    results: tuple[Result, ...]
    artefacts: tuple[Artefact, ...]
    supported_on: tuple[Target, ...]
    withdrawn: str | None  # the first commit of its source that no longer lists it
    size: Value | None  # its size, from the first result that gives one
    times: tuple[Value, ...]  # its first time measured under each condition, in the order of data/hardware.yml
    runs_on: tuple[Target, ...]  # supported_on and the targets it was timed on, in the order of data/hardware.yml
    shipped_by: tuple["Entry", ...]  # entries related to its section whose repository its numbers or downloads come from
    section: str
    page: str  # its own page
    section_page: str  # the page that lists it; the model id is its anchor there
    data_file: str  # the file that lists it


@dataclass(frozen=True)
class Row:
    model: Model
    result: Result


@dataclass(frozen=True)
class Table:
    """One benchmark: a comparison table when it has metrics, otherwise the list
    of models the source names for its dataset."""

    key: str  # "<section>/<benchmark>": benchmark ids are unique within a section only
    id: str
    section: str
    section_title: Text
    section_page: str
    data_file: str
    anchor: str
    dataset: Dataset | None  # None for a table of times and sizes only
    split: str | None  # a split id, "unstated" when the source does not say, None without a dataset
    split_stated: bool
    label: Text | None
    note: Text | None
    metrics: tuple[Metric, ...]
    costs: tuple[Cost, ...]  # its timing columns in order, then its size column if a row has a size
    columns: tuple[Metric | Cost, ...]  # metrics, then costs
    lead: Metric | Cost | None  # the column rows are ranked by: the first metric, else the first cost
    rows: tuple[Row, ...]  # best first by the lead column; rows without a lead value last
    best: Mapping[str, Value]  # each column's best value (the first of equals), by metric or cost id
    source: Source | None
    has_backbone: bool
    has_artefacts: bool
    is_comparison: bool  # it has metrics: a leaderboard and a CSV file
    leaderboard: str | None  # its page
    csv: str | None  # its open-data file
    tradeoffs: tuple[tradeoffs.Tradeoff, ...]  # its lead metric against each cost column (tradeoffs.py)


@dataclass(frozen=True)
class Release:
    version: str
    date: str | None
    url: str


@dataclass(frozen=True)
class Facts:
    """What decides a choice between atlas entries, exactly as the data gives it;
    a fact the data leaves out is None (or empty), and pages show it as unknown."""

    hardware: tuple[Target, ...]  # resolved from data/hardware.yml, in the entry's order
    os: tuple[str, ...]
    api: tuple[str, ...]
    inputs: Text | None
    outputs: Text | None
    status: str | None
    release: Release | None
    licence: str | None
    checked: str | None  # the day the sources showed this state
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """An atlas entry."""

    id: str
    name: Text
    category: str
    data_file: str
    page: str
    parent: str | None
    summary: Text
    features: tuple[Text, ...]
    principles: tuple[Text, ...]
    scenarios: tuple[Text, ...]
    tags: tuple[str, ...]
    links: tuple[Link, ...]
    related: tuple[str, ...]  # entry ids, declared on either side
    model_sections: tuple[str, ...]
    children: tuple["Entry", ...]
    family_tags: tuple[str, ...]  # its tags and those of the entries it contains
    family_kinds: tuple[str, ...]  # the same for its link kinds
    facts: Facts | None


@dataclass(frozen=True)
class Section:
    id: str
    area: str
    data_file: str
    page: str
    title: Text
    summary: Text
    notes: tuple[Text, ...]
    links: tuple[Link, ...]
    tags: tuple[str, ...]
    source: Source | None
    tables: tuple[Table, ...]
    comparisons: tuple[Table, ...]
    cost_tables: tuple[Table, ...]  # times and sizes without metrics
    dataset_lists: tuple[Table, ...]
    models: tuple[Model, ...]
    releases: tuple[Mapping, ...]
    related_entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Area:
    id: str
    name: Text
    summary: Text | None
    links: tuple[Link, ...]
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]  # the comparison tables of its sections


@dataclass(frozen=True)
class Category:
    id: str
    name: Text
    purpose: Text
    data_file: str
    page: str
    entries: tuple[Entry, ...]
    top_entries: tuple[Entry, ...]
    # What its page filters the top entries by: their families' tags (in the
    # order of data/tags.yml) and link kinds (in the schema's order).
    tags: tuple[str, ...]
    kinds: tuple[str, ...]
    guide: tuple[Text, ...]  # which one to choose, point by point
    # The rows of its "which one?" table: each top-level entry, followed by the
    # entries within it that have facts of their own (the deployment engines
    # are sub-entries of one overview entry).
    choices: tuple[Entry, ...]
    choices_with_facts: int


@dataclass(frozen=True)
class Tag:
    id: str
    group: str
    name: Text
    sections: tuple[Section, ...]
    entries: tuple[Entry, ...]

    @property
    def count(self) -> int:
        """How many pages carry the tag."""
        return len(self.sections) + len(self.entries)


@dataclass(frozen=True)
class HardwareRow:
    model: Model
    times: tuple[Value | None, ...]  # one per Hardware.costs


@dataclass(frozen=True)
class HardwareGroup:
    """The models of one section (a task) that run on a target."""

    section: Section
    rows: tuple[HardwareRow, ...]


@dataclass(frozen=True)
class Hardware:
    """A target with the models that run on it: its page."""

    target: Target
    page: str
    costs: tuple[Cost, ...]  # the conditions its models were timed under, as table columns
    groups: tuple[HardwareGroup, ...]  # in the order of the sections
    count: int  # models


@dataclass(frozen=True)
class MatrixRow:
    section: Section
    counts: tuple[int, ...]  # models of the section on each target of Site.hardware


@dataclass(frozen=True)
class Counts:
    models: int
    benchmarks: int  # comparison tables
    entries: int
    links: int  # atlas links


@dataclass(frozen=True)
class Site:
    about: Text | None  # where the Model Zoo comes from
    zoo_links: tuple[Link, ...]
    areas: tuple[Area, ...]
    sections: tuple[Section, ...]
    section: Mapping[str, Section]
    models: tuple[Model, ...]
    tables: tuple[Table, ...]  # every comparison table, in the order of the sections
    table: Mapping[str, Table]  # every table by key, the lists of models trained on a dataset too
    metrics: Mapping[str, Metric]
    datasets: Mapping[str, Dataset]
    targets: Mapping[str, Target]
    conditions: Mapping[str, Condition]
    tags: Mapping[str, Tag]
    tag_groups: tuple[tuple[str, tuple[Tag, ...]], ...]  # groups with tagged pages, in the schema's order
    categories: tuple[Category, ...]
    category: Mapping[str, Category]
    entries: tuple[Entry, ...]
    entry: Mapping[str, Entry]
    hardware: tuple[Hardware, ...]  # the targets some model runs on, in the order of data/hardware.yml
    target_page: Mapping[str, str]  # the page of each of those targets, by target id
    matrix: tuple[MatrixRow, ...]  # the sections with a model on some target: models per target
    counts: Counts
    orders: Mapping[str, tuple[str, ...]]  # enum values in their schema's order: link-kind, split, tag-group


# Where the orders of enum values are defined: the schemas, nowhere else.
ENUMS = {
    "link-kind": ("common.schema.json", ("$defs", "link-kind")),
    "split": ("model-section.schema.json", ("$defs", "benchmark", "properties", "split")),
    "tag-group": ("tags.schema.json", ("properties", "tags", "items", "properties", "group")),
    "unit": ("metrics.schema.json", ("properties", "metrics", "items", "properties", "unit")),
}


def enum_orders(schemas) -> dict[str, tuple[str, ...]]:
    orders = {}
    for name, (document, path) in ENUMS.items():
        node = schemas.documents[document]
        for part in path:
            node = node[part]
        orders[name] = tuple(node["enum"])
    return orders


def build(catalogue, schemas) -> Site:
    """Every view of one build, from the loaded and checked records."""
    return _Builder(catalogue, enum_orders(schemas)).site()


class _Builder:
    def __init__(self, catalogue, orders: dict):
        self.catalogue = catalogue
        self.orders = orders
        self.kinds = link_rules.Rules([r.value for r in catalogue.of("rule")], [r.value for r in catalogue.of("gone")])
        self.metrics = {r.value["id"]: Metric(r.value["id"], both(r.value["name"]), r.value["unit"],
                                              UNIT_SYMBOLS[r.value["unit"]], r.value["higher_is_better"])
                        for r in catalogue.of("metric")}
        self.datasets = {r.value["id"]: Dataset(r.value["id"], both(r.value["name"]), tuple(r.value.get("aliases", ())),
                                                r.value.get("in_house", False))
                         for r in catalogue.of("dataset")}
        self.targets = {r.value["id"]: Target(r.value["id"], both(r.value["name"]), r.value["kind"], r.value["vendor"])
                        for r in catalogue.of("target")}
        self.conditions = {}
        for record in catalogue.of("condition"):
            c = record.value
            self.conditions[c["id"]] = Condition(
                id=c["id"], name=c["name"], target=self.targets[c["target"]], device=c["device"],
                precision=c.get("precision"), threads=c.get("threads"), batch=c.get("batch"), mode=c["mode"],
                backend=both(c.get("backend")), software=c.get("software"), source=self.source(c["source"]))

    def site(self) -> Site:
        catalogue = self.catalogue
        entries = self.entries()
        entry_by_id = {entry.id: entry for entry in entries}
        # The repositories of each entry's own code: the repositories it links to by their home
        # page, and those its facts' release and sources lie in.
        self.repositories = {}
        for record in catalogue.of("entry"):
            value, facts = record.value, record.value.get("facts", {})
            own = [link_rules.repository_home(link["url"]) for link in value["links"] if link.get("url")]
            own += [link_rules.repository_of(url) for url in [facts.get("release", {}).get("url"), *facts.get("sources", [])]
                    if url]
            self.repositories[value["id"]] = set(own) - {None}
        areas_data = sorted((r.value for r in catalogue.of("area")), key=lambda a: (a["order"], a["id"]))
        area_order = [area["id"] for area in areas_data]
        section_records = sorted(catalogue.of("section"),
                                 key=lambda r: (area_order.index(r.value["area"]), r.value["order"], r.value["id"]))
        sections = tuple(self.section(record, entries) for record in section_records)
        areas = []
        for area in areas_data:
            own = tuple(s for s in sections if s.area == area["id"])
            areas.append(Area(area["id"], both(area["name"]), area.get("summary"), self.links(area.get("links", [])),
                              own, tuple(table for s in own for table in s.comparisons)))
        areas = tuple(areas)
        categories = tuple(self.category(r.value, entries) for r in
                           sorted(catalogue.of("category"), key=lambda r: (r.value["order"], r.value["id"])))
        tags = {}
        for record in catalogue.of("tag"):
            tag = record.value
            tags[tag["id"]] = Tag(tag["id"], tag["group"], tag["name"],
                                  tuple(s for s in sections if tag["id"] in s.tags),
                                  tuple(e for e in entries if tag["id"] in e.tags))
        groups = {}
        for tag in tags.values():
            if tag.sections or tag.entries:
                groups.setdefault(tag.group, []).append(tag)
        tag_groups = tuple((group, tuple(groups[group])) for group in self.orders["tag-group"] if group in groups)
        models = tuple(model for section in sections for model in section.models)
        tables = tuple(table for section in sections for table in section.comparisons)
        hardware = self.hardware(sections)
        zoo = catalogue.of("zoo")[0].value
        return Site(
            about=zoo.get("about"),
            zoo_links=self.links(zoo.get("links", [])),
            areas=areas,
            sections=sections,
            section=frozen({s.id: s for s in sections}),
            models=models,
            tables=tables,
            table=frozen({table.key: table for section in sections for table in section.tables}),
            metrics=frozen(self.metrics),
            datasets=frozen(self.datasets),
            targets=frozen(self.targets),
            conditions=frozen(self.conditions),
            tags=frozen(tags),
            tag_groups=tag_groups,
            categories=categories,
            category=frozen({c.id: c for c in categories}),
            entries=entries,
            entry=frozen(entry_by_id),
            hardware=hardware,
            target_page=frozen({h.target.id: h.page for h in hardware}),
            matrix=self.matrix(sections, hardware),
            counts=Counts(models=len(models), benchmarks=len(tables), entries=len(entries),
                          links=sum(len(entry.links) for entry in entries)),
            orders=frozen(self.orders),
        )

    # -- links and sources --------------------------------------------------

    def link(self, link: dict) -> Link:
        """A link with its kind (its own, or the rule's for its address), host and gone status."""
        url = link.get("url")
        host = link_rules.host_of(url) if url else ""
        kind = link.get("kind") or (self.kinds.kind_for(url) if url else "other")
        gone_note = self.kinds.gone.get(host)
        return Link(
            title=link["title"], gloss=link.get("gloss"), url=url, address=link.get("address"), kind=kind,
            host=host, gone=bool(link.get("gone")) or gone_note is not None, gone_note=gone_note,
        )

    def links(self, items: list) -> tuple[Link, ...]:
        return tuple(self.link(item) for item in items)

    @staticmethod
    def source(value: dict | None) -> Source | None:
        if not value:
            return None
        return Source(value["url"], value["title"], value["kind"], value.get("date"), value.get("hardware"),
                      value.get("settings"), value.get("commit"), value.get("path"))

    # -- the Model Zoo ---------------------------------------------------------

    def section(self, record, entries: tuple[Entry, ...]) -> Section:
        data = record.value
        data_file = record.document.path
        page = f"models/{data['id']}.md"
        section_source = self.source(data.get("source"))
        # The section's own file first, then its part files in path order.
        documents = [record.document] + sorted((r.document for r in self.catalogue.of_section("part", data["id"])),
                                               key=lambda document: document.path)
        benchmarks = []  # (benchmark, its table's source)
        for document in documents:
            file_source = self.source(document.data.get("source")) if document is not record.document else None
            for benchmark in document.data.get("benchmarks", []):
                benchmarks.append((benchmark, self.source(benchmark.get("source")) or file_source or section_source))
        # Results, grouped by benchmark, with the digits of the file that holds them.
        found = {benchmark["id"]: [] for benchmark, _ in benchmarks}
        owned = {}  # model id -> its results, in file order
        for document in documents:
            part = document is not record.document
            for field in ("models", "extends"):
                for i, model in enumerate(document.data.get(field, [])):
                    model_id = model.get("id") or model["model"]
                    for j, result in enumerate(model.get("results", [])):
                        at = (field, i, "results", j)
                        written = partial(written_at, document, at)
                        source = (self.source(result.get("source"))
                                  or (self.source(document.data["source"]) if part else None))
                        found[result["benchmark"]].append((model_id, result, written, source))
                        owned.setdefault(model_id, []).append((result["benchmark"], result.get("backbone")))
        results, plans = {}, []
        for benchmark, table_source in benchmarks:
            metrics = tuple(self.metrics[m] for m in benchmark["metrics"])
            rows = found[benchmark["id"]]
            costs = tuple(Cost(f"time-{c}", "time", self.conditions[c].name, "ms", "ms", condition=self.conditions[c])
                          for c in benchmark.get("timings", []))
            units = [result["size"]["unit"] for _, result, _, _ in rows if "size" in result]
            if units:
                # A column in one unit names it in its heading; otherwise each cell names its own.
                symbol = units[0] if len(set(units)) == 1 else ""
                costs += (Cost("size", "size", SIZE_NAME, "MB", symbol),)
            columns = metrics + costs
            numbered = [(model_id, result, self.cells(columns, result, written), source)
                        for model_id, result, written, source in rows]
            best = {}
            for k, column in enumerate(columns):
                present = [cells[k][0] for _, _, cells, _ in numbered if cells[k]]
                if present:
                    best[column.id] = (max if column.higher_is_better else min)(present)
            lead = columns[0] if columns else None
            if lead:
                sign = -1 if lead.higher_is_better else 1
                numbered.sort(key=lambda row: (row[2][0] is None, sign * row[2][0][0] if row[2][0] else 0))
            ranks, previous = [], None
            for position, (_, _, cells, _) in enumerate(numbered):
                number = cells[0][0] if lead and cells[0] else None
                ranks.append(None if number is None else ranks[-1] if position and number == previous else position + 1)
                previous = number
            ranked = sum(rank is not None for rank in ranks) if metrics else None
            anchor = f"benchmark-{benchmark['id']}"
            dataset = self.datasets.get(benchmark.get("dataset"))
            key = f"{data['id']}/{benchmark['id']}"
            for (model_id, result, cells, source), rank in zip(numbered, ranks):
                values = tuple(None if cell is None else
                               Value(column, cell[0], cell[1], cell[0] == best[column.id], cell[2])
                               for column, cell in zip(columns, cells))
                results[model_id, benchmark["id"], result.get("backbone")] = Result(
                    table=key, benchmark=benchmark["id"], anchor=anchor, dataset=dataset,
                    backbone=result.get("backbone"), values=tuple(v for v in values[:len(metrics)] if v),
                    costs=values[len(metrics):], cells=values, note=result.get("note"),
                    source=source or table_source, own_source=(source or table_source) != table_source, rank=rank,
                    ranked=ranked)
            plans.append((benchmark, key, anchor, dataset, metrics, costs, lead, table_source, numbered))
        extensions = {}
        for document in documents[1:]:
            for extension in document.data.get("extends", []):
                extensions.setdefault(extension["model"], []).append(extension)
        related_entries = tuple(e for e in entries if data["id"] in e.model_sections)
        models = tuple(self.model(model, data["id"], page, document.path,
                                  [results[(model["id"], *k)] for k in owned.get(model["id"], [])],
                                  extensions.get(model["id"], []), related_entries)
                       for document in documents for model in document.data.get("models", []))
        model_by_id = {model.id: model for model in models}
        tables = []
        for benchmark, key, anchor, dataset, metrics, costs, lead, source, rows in plans:
            # Older commits' data (read by make diff and What's new) may leave it out: the source gave none.
            split = benchmark.get("split", "unstated") if dataset else None
            table_rows = tuple(Row(model_by_id[model_id], results[model_id, benchmark["id"], result.get("backbone")])
                               for model_id, result, _, _ in rows)
            best = {}  # each column's first best value, in row order
            for row in table_rows:
                for value in row.result.cells:
                    if value and value.best:
                        best.setdefault(value.metric.id, value)
            comparison = bool(metrics)
            tables.append(Table(
                key=key, id=benchmark["id"], section=data["id"], section_title=data["title"], section_page=page,
                data_file=data_file, anchor=anchor, dataset=dataset, split=split, split_stated=split not in (None, "unstated"),
                label=both(benchmark.get("label")), note=benchmark.get("note"), metrics=metrics, costs=costs,
                columns=metrics + costs, lead=lead, rows=table_rows, best=frozen(best),
                source=source, has_backbone=any(row.result.backbone for row in table_rows),
                has_artefacts=any(row.model.artefacts for row in table_rows), is_comparison=comparison,
                leaderboard=f"leaderboards/{key}.md" if comparison else None,
                csv=f"data/benchmarks/{key}.csv" if comparison else None,
                tradeoffs=tradeoffs.of_table(key, metrics, costs, table_rows),
            ))
        tables = tuple(tables)
        return Section(
            id=data["id"], area=data["area"], data_file=data_file, page=page, title=data["title"],
            summary=data["summary"], notes=tuple(data.get("notes", [])), links=self.links(data.get("links", [])),
            tags=tuple(data.get("tags", [])), source=section_source, tables=tables,
            comparisons=tuple(t for t in tables if t.is_comparison),
            cost_tables=tuple(t for t in tables if not t.is_comparison and t.costs),
            dataset_lists=tuple(t for t in tables if not t.metrics and not t.costs), models=models,
            releases=tuple(frozen(release) for release in data.get("releases", [])),
            related_entries=related_entries,
        )

    @staticmethod
    def cells(columns, result: dict, written) -> list[tuple[float, str, str | None] | None]:
        """(number, as written, a size's unit) for each column, None where the result has no number."""
        cells = []
        for column in columns:
            if column.kind == "metric":
                number = result["values"].get(column.id)
                cells.append(None if number is None else
                             (number, written("values", column.id, number=number), None))
            elif column.kind == "time":
                number = result.get("time", {}).get(column.condition.id)
                cells.append(None if number is None else
                             (number, written("time", column.condition.id, number=number), None))
            else:
                size = result.get("size")
                cells.append(None if size is None else (size["value"] * MEGABYTES[size["unit"]],
                                                        written("size", "value", number=size["value"]), size["unit"]))
        return cells

    def model(self, model: dict, section: str, section_page: str, data_file: str, results: list, extensions: list,
              related_entries: tuple[Entry, ...]) -> Model:
        """A model with its own results and those of the part files that extend it; the entries
        related to its section that ship it are those its numbers or downloads come from."""
        aliases = list(model.get("aliases", []))
        artefacts = [Artefact(a["kind"], a["url"]) for a in model.get("artefacts", [])]
        supported = list(model.get("supported_on", []))
        for extension in extensions:
            aliases += [alias for alias in extension.get("aliases", []) if alias not in aliases]
            artefacts += [Artefact(a["kind"], a["url"]) for a in extension.get("artefacts", [])]
            supported += [target for target in extension.get("supported_on", []) if target not in supported]
        costs = [cost for result in results for cost in result.costs if cost]
        sizes = [cost for cost in costs if cost.metric.kind == "size"]
        first_times = {}
        for cost in costs:
            if cost.metric.kind == "time":
                first_times.setdefault(cost.metric.condition.id, cost)
        times = tuple(first_times[c] for c in self.conditions if c in first_times)
        timed = {time.metric.condition.target.id for time in times}
        repositories = {link_rules.repository_of(url) for url in
                        [a.url for a in artefacts] + [r.source.url for r in results if r.source]} - {None}
        paper = citations.paper(model.get("paper"))
        return Model(
            id=model["id"], name=both(model["name"]), full_name=both(model.get("full_name")),
            aliases=tuple(aliases), task=model.get("task"), description=model.get("description"),
            paper=paper, citation=citations.of(paper) if paper else None,
            links=self.links(model.get("links", [])), results=tuple(results),
            artefacts=tuple(artefacts), supported_on=tuple(self.targets[target] for target in supported),
            withdrawn=model.get("withdrawn"), size=sizes[0] if sizes else None, times=times,
            runs_on=tuple(t for t in self.targets.values() if t.id in timed or t.id in supported),
            shipped_by=tuple(e for e in related_entries if repositories & self.repositories[e.id]), section=section, page=f"models/{section}/{model['id']}.md",
            section_page=section_page, data_file=data_file,
        )

    def hardware(self, sections: tuple[Section, ...]) -> tuple[Hardware, ...]:
        """Each target some model runs on, with those models by section and their times measured there."""
        pages = []
        for target in self.targets.values():
            groups = [(section, [m for m in section.models if target in m.runs_on]) for section in sections]
            groups = [(section, models) for section, models in groups if models]
            if not groups:
                continue
            measured = {time.metric.condition.id for _, models in groups for m in models for time in m.times}
            conditions = [c for c in self.conditions.values() if c.target is target and c.id in measured]
            costs = tuple(Cost(f"time:{c.id}", "time", c.name, "ms", "ms", condition=c) for c in conditions)
            pages.append(Hardware(
                target=target, page=f"hardware/{target.id}.md", costs=costs,
                groups=tuple(HardwareGroup(section, tuple(
                    HardwareRow(m, tuple(next((t for t in m.times if t.metric.condition is c), None) for c in conditions))
                    for m in models)) for section, models in groups),
                count=sum(len(models) for _, models in groups),
            ))
        return tuple(pages)

    @staticmethod
    def matrix(sections: tuple[Section, ...], hardware: tuple[Hardware, ...]) -> tuple[MatrixRow, ...]:
        """Models per section and target, for the sections with a model on some target."""
        rows = []
        for section in sections:
            counts = tuple(sum(len(group.rows) for group in h.groups if group.section is section) for h in hardware)
            if any(counts):
                rows.append(MatrixRow(section, counts))
        return tuple(rows)

    # -- the atlas -------------------------------------------------------------

    def entries(self) -> tuple[Entry, ...]:
        records = self.catalogue.of("entry")
        data = {r.value["id"]: r for r in records}
        children = {}
        for record in records:
            children.setdefault(record.value.get("parent"), []).append(record.value["id"])
        # Relations are declared once and shown on both sides, in the order met.
        related = {identifier: [] for identifier in data}
        for record in records:
            for other in record.value.get("related", []):
                for a, b in ((record.value["id"], other), (other, record.value["id"])):
                    if b not in related[a]:
                        related[a].append(b)
        tag_order = [r.value["id"] for r in self.catalogue.of("tag")]
        built = {}

        def entry(identifier: str) -> Entry:
            if identifier not in built:
                record = data[identifier]
                value = record.value
                kids = tuple(entry(child) for child in children.get(identifier, []))
                links = self.links(value["links"])
                family = [value["tags"], *(kid.family_tags for kid in kids)]
                kinds = [[link.kind for link in links], *(kid.family_kinds for kid in kids)]
                built[identifier] = Entry(
                    id=identifier, name=both(value["name"]), category=record.document.data["category"],
                    data_file=record.document.path, page=f"atlas/{identifier}.md", parent=value.get("parent"),
                    summary=value["summary"], features=tuple(value.get("features", [])),
                    principles=tuple(value.get("principles", [])), scenarios=tuple(value.get("scenarios", [])),
                    tags=tuple(value["tags"]), links=links, related=tuple(related[identifier]),
                    model_sections=tuple(value.get("model_sections", [])), children=kids,
                    family_tags=tuple(sorted({t for tags in family for t in tags}, key=tag_order.index)),
                    family_kinds=tuple(sorted({k for group in kinds for k in group})),
                    facts=self.facts(value.get("facts")),
                )
            return built[identifier]

        return tuple(entry(record.value["id"]) for record in records)

    def category(self, category: dict, entries: tuple[Entry, ...]) -> Category:
        own = tuple(e for e in entries if e.category == category["id"])
        top = tuple(e for e in own if not e.parent)
        data_file = next(r.document.path for r in self.catalogue.of("category-file")
                         if r.value["category"] == category["id"])
        tag_order = [r.value["id"] for r in self.catalogue.of("tag")]
        choices = self.choices(top)
        return Category(
            id=category["id"], name=both(category["name"]), purpose=category["purpose"], data_file=data_file,
            page=f"atlas/{category['id']}.md", entries=own, top_entries=top,
            tags=tuple(t for t in tag_order if any(t in e.family_tags for e in top)),
            kinds=tuple(k for k in self.orders["link-kind"] if any(k in e.family_kinds for e in top)),
            guide=tuple(category.get("guide", [])), choices=choices,
            choices_with_facts=sum(entry.facts is not None for entry in choices),
        )

    def facts(self, facts: dict | None) -> Facts | None:
        if not facts:
            return None
        release = facts.get("release")
        return Facts(
            hardware=tuple(self.targets[target] for target in facts.get("hardware", [])),
            os=tuple(facts.get("os", [])), api=tuple(facts.get("api", [])),
            inputs=facts.get("inputs"), outputs=facts.get("outputs"), status=facts.get("status"),
            release=Release(release["version"], release.get("date"), release["url"]) if release else None,
            licence=facts.get("licence"), checked=facts.get("checked"), sources=tuple(facts["sources"]),
        )

    @staticmethod
    def choices(top: tuple[Entry, ...]) -> tuple[Entry, ...]:
        """Each top-level entry, then the entries within it (at any depth) that have facts."""
        def within(entry: Entry):
            for child in entry.children:
                if child.facts:
                    yield child
                yield from within(child)

        return tuple(row for entry in top for row in (entry, *within(entry)))
