"""The site as its pages show it: every derived value, computed once per build.

catalogue.py loads the data files and checks them; its records stay exactly as
the files wrote them. This module reads those records once, after the rules
passed, and builds frozen views: the comparison table of each benchmark (its
key, addresses, metrics, rows best first with the numbers as written, ranks
and best marks), the models, sections, areas, atlas entries and categories,
tags, links and sources. Templates, charts, the open data, the data diff and
the compare view read these views and nothing else, so each derived value has
one definition, here.

Relations that run both ways (related atlas entries) are kept as ids, looked up
in Site.entry; everything else holds the views it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Mapping

from . import citations
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


@dataclass(frozen=True)
class Source:
    """Where numbers come from."""

    url: str
    title: str
    kind: str  # reported or reproduced
    date: str | None
    hardware: str | None
    settings: Text | None


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


@dataclass(frozen=True)
class Metric:
    id: str
    name: Text
    unit: str
    symbol: str  # UNIT_SYMBOLS
    higher_is_better: bool


@dataclass(frozen=True)
class Dataset:
    id: str
    name: Text
    aliases: tuple[str, ...]  # other ids readers look it up by (imagenet for imagenet-2012)


@dataclass(frozen=True)
class Value:
    """One number of a result: as the data file writes it, and whether it is its column's best."""

    metric: Metric
    number: float
    written: str
    best: bool


@dataclass(frozen=True)
class Result:
    """One model's result on one benchmark."""

    table: str  # the key of the benchmark's table
    benchmark: str
    anchor: str  # the table's heading on the section page
    dataset: Dataset
    backbone: str | None
    values: tuple[Value, ...]  # in the benchmark's column order
    source: Source | None
    own_source: bool  # a source other than its table's
    rank: int | None  # on the leaderboard; equal first values share a rank
    # Measured costs (inference time, size), in the order of the table's costs;
    # the data holds none yet.
    costs: tuple[Value, ...] = ()


@dataclass(frozen=True)
class Model:
    id: str
    name: Text
    full_name: Text | None
    aliases: tuple[str, ...]
    task: Text | None
    description: Text
    paper: citations.Paper | None  # the paper that introduced it
    citation: citations.Citation | None  # its BibTeX, from paper only
    links: tuple[Link, ...]
    results: tuple[Result, ...]
    section: str
    page: str  # the page that lists it; the model id is its anchor there


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
    dataset: Dataset
    split: str  # a split id, or "unstated" when the source does not say
    split_stated: bool
    note: Text | None
    metrics: tuple[Metric, ...]
    rows: tuple[Row, ...]  # best first by the first metric
    best: Mapping[str, Value]  # each metric's best value (the first of equals)
    source: Source | None
    has_backbone: bool
    is_comparison: bool
    leaderboard: str | None  # its page
    csv: str | None  # its open-data file
    # Cost columns after the metrics (inference time, size); the data holds none yet.
    costs: tuple = ()


@dataclass(frozen=True)
class Hardware:
    """A hardware target of data/hardware.yml."""

    id: str
    name: Text
    kind: str
    vendor: str


@dataclass(frozen=True)
class Release:
    version: str
    date: str | None
    url: str


@dataclass(frozen=True)
class Facts:
    """What decides a choice between atlas entries, exactly as the data gives it;
    a fact the data leaves out is None (or empty), and pages show it as unknown."""

    hardware: tuple[Hardware, ...]  # resolved from data/hardware.yml, in the entry's order
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
    tags: Mapping[str, Tag]
    tag_groups: tuple[tuple[str, tuple[Tag, ...]], ...]  # groups with tagged pages, in the schema's order
    categories: tuple[Category, ...]
    category: Mapping[str, Category]
    entries: tuple[Entry, ...]
    entry: Mapping[str, Entry]
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
        self.datasets = {r.value["id"]: Dataset(r.value["id"], both(r.value["name"]), tuple(r.value.get("aliases", ())))
                         for r in catalogue.of("dataset")}
        self.hardware = {r.value["id"]: Hardware(r.value["id"], both(r.value["name"]), r.value["kind"], r.value["vendor"])
                         for r in catalogue.of("target")}

    def site(self) -> Site:
        catalogue = self.catalogue
        entries = self.entries()
        entry_by_id = {entry.id: entry for entry in entries}
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
            tags=frozen(tags),
            tag_groups=tag_groups,
            categories=categories,
            category=frozen({c.id: c for c in categories}),
            entries=entries,
            entry=frozen(entry_by_id),
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
                      value.get("settings"))

    # -- the Model Zoo ---------------------------------------------------------

    def section(self, record, entries: tuple[Entry, ...]) -> Section:
        data = record.value
        data_file = record.document.path
        page = f"models/{data['id']}.md"
        section_source = self.source(data.get("source"))
        benchmarks = data.get("benchmarks", [])
        # Results, grouped by benchmark, with the digits of the data file.
        found = {benchmark["id"]: [] for benchmark in benchmarks}
        for i, model in enumerate(data.get("models", [])):
            for j, result in enumerate(model.get("results", [])):
                location = ("models", i, "results", j, "values")
                written = {metric: record.document.plain.get(location + (metric,), str(number))
                           for metric, number in result["values"].items()}
                found[result["benchmark"]].append((model["id"], result, written))
        results, tables_plan = {}, []
        for benchmark in benchmarks:
            metrics = tuple(self.metrics[m] for m in benchmark["metrics"])
            source = self.source(benchmark.get("source")) or section_source
            rows = found[benchmark["id"]]
            best = {m.id: (max if m.higher_is_better else min)(r["values"][m.id] for _, r, _ in rows)
                    for m in metrics if rows}
            if metrics:
                first = metrics[0]
                sign = -1 if first.higher_is_better else 1
                rows = sorted(rows, key=lambda row: sign * row[1]["values"][first.id])
            ranks, previous = [], None
            for position, (_, result, _) in enumerate(rows):
                number = result["values"][metrics[0].id] if metrics else None
                ranks.append(None if not metrics else ranks[-1] if position and number == previous else position + 1)
                previous = number
            anchor = f"benchmark-{benchmark['id']}"
            dataset = self.datasets[benchmark["dataset"]]
            key = f"{data['id']}/{benchmark['id']}"
            for (model_id, result, written), rank in zip(rows, ranks):
                own = self.source(result.get("source"))
                values = tuple(Value(m, result["values"][m.id], written[m.id], result["values"][m.id] == best[m.id])
                               for m in metrics)
                results[model_id, benchmark["id"], result.get("backbone")] = Result(
                    table=key, benchmark=benchmark["id"], anchor=anchor, dataset=dataset,
                    backbone=result.get("backbone"), values=values, source=own or source,
                    own_source=own not in (None, source), rank=rank)
            tables_plan.append((benchmark, key, anchor, dataset, metrics, source, rows))
        models = tuple(self.model(model, data["id"], page, results) for model in data.get("models", []))
        model_by_id = {model.id: model for model in models}
        tables = []
        for benchmark, key, anchor, dataset, metrics, source, rows in tables_plan:
            # Older commits' data (read by make diff and What's new) may leave it out: the source gave none.
            split = benchmark.get("split", "unstated")
            table_rows = tuple(Row(model_by_id[model_id], results[model_id, benchmark["id"], result.get("backbone")])
                               for model_id, result, _ in rows)
            comparison = bool(metrics)
            tables.append(Table(
                key=key, id=benchmark["id"], section=data["id"], section_title=data["title"], section_page=page,
                data_file=data_file, anchor=anchor, dataset=dataset, split=split, split_stated=split != "unstated",
                note=benchmark.get("note"), metrics=metrics, rows=table_rows,
                best=frozen({m.id: next(v for row in table_rows for v in row.result.values if v.metric is m and v.best)
                             for m in metrics if table_rows}),
                source=source, has_backbone=any(row.result.backbone for row in table_rows), is_comparison=comparison,
                leaderboard=f"leaderboards/{key}.md" if comparison else None,
                csv=f"data/benchmarks/{key}.csv" if comparison else None,
            ))
        tables = tuple(tables)
        return Section(
            id=data["id"], area=data["area"], data_file=data_file, page=page, title=data["title"],
            summary=data["summary"], notes=tuple(data.get("notes", [])), links=self.links(data.get("links", [])),
            tags=tuple(data.get("tags", [])), source=section_source, tables=tables,
            comparisons=tuple(t for t in tables if t.is_comparison),
            dataset_lists=tuple(t for t in tables if not t.is_comparison), models=models,
            releases=tuple(frozen(release) for release in data.get("releases", [])),
            related_entries=tuple(e for e in entries if data["id"] in e.model_sections),
        )

    def model(self, model: dict, section: str, page: str, results: dict) -> Model:
        paper = citations.paper(model.get("paper"))
        return Model(
            id=model["id"], name=both(model["name"]), full_name=both(model.get("full_name")),
            aliases=tuple(model.get("aliases", [])), task=model.get("task"), description=model["description"],
            paper=paper, citation=citations.of(paper) if paper else None,
            links=self.links(model["links"]),
            results=tuple(results[model["id"], r["benchmark"], r.get("backbone")] for r in model.get("results", [])),
            section=section, page=page,
        )

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
            hardware=tuple(self.hardware[target] for target in facts.get("hardware", [])),
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
