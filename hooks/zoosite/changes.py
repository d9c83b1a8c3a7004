"""How the data of two commits differ: the engine of `make diff` (tools/diff.py) and of
What's new (news.py).

Each side is loaded with its own schemas, by the build's strict loader, and seen
through the views. Records are paired across the sides (a record that vanished
while the same record appeared under a new id was renamed), then each kind of
change has its function, which yields Changes: what make diff prints (a line of
Markdown, in English, for the reviewer of a pull request) together with what a
page needs to say it in either language (names, the page, the values as written).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path

from . import catalogue, views
from .schema import Schemas


@dataclass(frozen=True)
class Change:
    noun: str  # model, entry, result, time, size, source, download, link, text, record…
    verb: str  # added, removed, renamed, changed, withdrawn, returned, otherwise changed
    line: str  # as make diff prints it
    kind: str | None = None  # the kind of record it is about
    name: dict | None = None  # that record's name ({zh, en}); a result's is its model's
    page: str | None = None  # where that record is shown, when it still is
    anchor: str = ""
    fields: tuple[str, ...] = ()  # the fields an "otherwise changed" record changed
    benchmark: dict | None = None  # a result's benchmark and metric (or cost column), {zh, en}
    metric: dict | None = None
    backbone: str | None = None
    before: str | None = None  # a result's number as written before and after
    after: str | None = None


# The kinds of record compared one by one, in the order the summary lists them,
# and the word a reviewer knows each by.
KINDS = ("area", "section", "part", "benchmark", "model", "extension", "entry", "category", "metric", "dataset", "tag",
         "target", "condition", "rule", "gone")
WORDS = {"rule": "link rule", "gone": "gone host", "part": "part file", "extension": "extension",
         "target": "hardware target"}

# A name may be one string for both languages (common.schema.json#/$defs/name).
NAMES = ("name", "full_name")
# A change of name (or of a section's title) is reported as a rename, not as a text change.
RENAMING = ("name", "title")
# Fields that the summary reports in their own part, or as records of their own.
COVERED = {"links", "results", "models", "extends", "benchmarks", "values", "time", "size", "artefacts", "supported_on",
           "withdrawn"}

# Contributor text goes into a Markdown job summary: escape what Markdown would
# read as markup (emphasis, links, HTML, code, table cells), so that it stays text.
MARKUP = str.maketrans({c: "\\" + c for c in "\\`*_[]<>&|~"})


def md(text) -> str:
    return " ".join(str(text).split()).translate(MARKUP)


def english(name) -> str:
    return name if isinstance(name, str) else name["en"]


def bilingual(name) -> dict:
    return {"zh": name, "en": name} if isinstance(name, str) else name


def key_of(kind: str, record: catalogue.Record) -> tuple:
    """What identifies a record on both sides."""
    value = record.value
    if kind == "benchmark":  # benchmark ids are unique within their section only
        return kind, catalogue.Catalogue.section_of(record.document), value["id"]
    if kind == "part":
        return kind, record.document.path.rsplit("data/", 1)[-1]
    if kind == "extension":  # one file's results for a model of another file
        return kind, record.document.path.rsplit("data/", 1)[-1], value["model"]
    if kind == "rule":
        return kind, value["host"], value.get("path")
    if kind == "gone":
        return kind, value["host"]
    return kind, value["id"]


class Side:
    """The data of one side: its records by key, the page each is shown on, and every comparison
    table's numbers as written."""

    def __init__(self, data: catalogue.Catalogue, site: views.Site):
        self.metrics, self.datasets, self.counts = site.metrics, site.datasets, site.counts
        self.models = {model.id: model for model in site.models}
        self.records = {key_of(kind, r): r for kind in KINDS for r in data.of(kind)}
        # (page, anchor) of the records that have one
        self.pages = {("model", m.id): (m.page, "") for m in site.models}
        self.pages.update({("entry", e.id): (e.page, "") for e in site.entries})
        self.pages.update({("section", s.id): (s.page, "") for s in site.sections})
        self.pages.update({("category", c.id): (c.page, "") for c in site.categories})
        self.pages.update({("benchmark", t.section, t.id): (t.section_page, t.anchor) for t in site.table.values()})
        # (section, benchmark, column) -> {(model, backbone): (number, its text in the file)}, the column's best,
        # and the column (a metric, or an inference time or size)
        self.tables, self.best, self.columns = {}, {}, {}
        for table in site.tables:
            for k, column in enumerate(table.columns):
                key = (table.section, table.id, column.id)
                self.columns[key] = column
                self.tables[key] = {(row.model.id, row.result.backbone): (row.result.cells[k].number,
                                                                          shown(row.result.cells[k]))
                                    for row in table.rows if row.result.cells[k]}
                best = table.best.get(column.id)
                self.best[key] = (best.number, shown(best)) if best else None

    def name(self, key: tuple) -> dict:
        """A record's name in both languages; a benchmark's is its dataset's, with its split where the source gives one."""
        value = self.records[key].value
        if key[0] == "benchmark":
            if "dataset" not in value:
                return {"zh": f"{value['id']}（时间与大小）", "en": f"{value['id']} (times and sizes)"}
            split = value.get("split") if value.get("split") not in (None, "unstated") else None
            label = views.both(value.get("label"))
            return {lang: (f"{text} {split}" if split else text) + (f" ({label[lang]})" if label else "")
                    for lang, text in self.datasets[value["dataset"]].name.items()}
        if key[0] == "part":
            return bilingual(key[1])
        if key[0] == "extension":
            return {"zh": f"{key[1]} 中的 {key[2]}", "en": f"{key[2]} in {key[1]}"}
        if key[0] in ("rule", "gone"):
            return bilingual(value["host"] + (value.get("path") or ""))
        return bilingual(value.get("name") or value.get("title") or value["id"])

    def short(self, key: tuple) -> str:
        """A record's name, as the summary writes it."""
        return md(self.name(key)["en"])

    def change(self, key: tuple, noun: str, verb: str, line: str, **more) -> "Change":
        """A change to the record `key` of this side, with its name and page."""
        page, anchor = self.pages.get(key, (None, ""))
        return Change(noun, verb, line, kind=key[0], name=self.name(key), page=page, anchor=anchor, **more)

    def label(self, key: tuple) -> str:
        """A record's kind, name and place: `model ResNet50 (classification)`."""
        record = self.records[key]
        place = None
        if key[0] in ("benchmark", "model"):
            place = catalogue.Catalogue.section_of(record.document)  # the section whose file holds it
        elif key[0] == "entry":
            place = record.document.data["category"]
        return f"{WORDS.get(key[0], key[0])} {self.short(key)}" + (f" ({md(place)})" if place else "")


class Comparison:
    """Both sides, with each record paired with its counterpart."""

    def __init__(self, old: Side, new: Side):
        self.old, self.new = old, new
        gone = [k for k in old.records if k not in new.records]
        came = [k for k in new.records if k not in old.records]
        # A record that vanished while the same record appeared under a new id was renamed.
        moved, candidates = {}, {k: without_id(new.records[k]) for k in came}
        for key in gone:
            same = without_id(old.records[key])
            twin = next((k for k, v in candidates.items() if k[0] == key[0] and v == same), None)
            if twin:
                moved[key] = twin
                del candidates[twin]
        self.pairs = ([(k, k) for k in old.records if k in new.records] + [(k, moved.get(k)) for k in gone]
                      + [(None, k) for k in came if k not in moved.values()])
        self.moved = moved

    def both(self):
        """Pairs of records present on both sides: (old key, new key, old written, new written)."""
        for before, after in self.pairs:
            if before and after:
                yield before, after, self.old.records[before].value, self.new.records[after].value


def without_id(record: catalogue.Record) -> dict:
    return {k: v for k, v in record.value.items() if k != "id"}


def shown(value: views.Value) -> str:
    """A number as written, with a size's own unit (1.04 GB)."""
    return f"{value.written} {value.unit}" if value.unit else value.written


# -- one function per kind of change; each yields Changes --


def records(comparison: Comparison):
    """Records added, removed or renamed (a new name, or the same record under a new id)."""
    old, new = comparison.old, comparison.new
    for before, after, was, now in comparison.both():
        kind = WORDS.get(before[0], before[0])
        if before != after:
            yield new.change(after, kind, "renamed", f"- renamed {old.label(before)}: id `{before[-1]}` → `{after[-1]}`")
        field = next((f for f in RENAMING if f in was or f in now), None)
        if field and was.get(field) != now.get(field):
            a, b = bilingual(was[field]), bilingual(now[field])
            if isinstance(was[field], str) and isinstance(now[field], str):
                change = f"“{md(a['en'])}” → “{md(b['en'])}”"
            else:
                change = "; ".join(f"{lang} “{md(a[lang])}” → “{md(b[lang])}”" for lang in ("zh", "en") if a[lang] != b[lang])
            yield new.change(after, kind, "renamed", f"- renamed {new.label(after)}: {change}")
    for before, after in comparison.pairs:
        if not after:
            yield replace(old.change(before, WORDS.get(before[0], before[0]), "removed", f"- removed {old.label(before)}"),
                          page=None)
        elif not before:
            yield new.change(after, WORDS.get(after[0], after[0]), "added", f"- added {new.label(after)}")


def results(comparison: Comparison):
    """Every result number, time and size changed, added or removed, and whether it moves its column's best value."""
    old, new = comparison.old, comparison.new
    # A renamed model's or benchmark's results are compared under its new id.
    ids = {key: twin[-1] for key, twin in comparison.moved.items()}
    tables_before, best_before_of, columns = {}, {}, dict(new.columns)
    for (section, benchmark, column), rows in old.tables.items():
        table = (section, ids.get(("benchmark", section, benchmark), benchmark), column)
        tables_before[table] = {(ids.get(("model", model), model), backbone): value
                                for (model, backbone), value in rows.items()}
        best_before_of[table] = old.best[section, benchmark, column]
        columns.setdefault(table, old.columns[section, benchmark, column])
    renamed_from = {twin: key for key, twin in comparison.moved.items()}
    for table in {**tables_before, **new.tables}:
        before, after = tables_before.get(table, {}), new.tables.get(table, {})
        section, benchmark, _ = table
        key = ("benchmark", section, benchmark)
        side, key = (new, key) if key in new.records else (old, renamed_from.get(key, key))
        column = columns[table]
        unit = f" ({column.symbol})" if column.kind != "metric" and column.symbol else ""
        where = f"`{section}` · {side.short(key)} · {md(column.name['en'])}{unit}"
        noun = "result" if column.kind == "metric" else column.kind
        benchmark_name, metric_name = side.name(key), column.name
        best_before, best_after = best_before_of.get(table), new.best.get(table)
        for row in {**before, **after}:
            was, now = before.get(row), after.get(row)
            if was and now and was[0] == now[0]:  # 76.5 rewritten as 76.50 is the same result
                continue
            model = ("model", row[0])
            owner = new if model in new.records else old
            name = owner.short(model) + (f" ({md(row[1])})" if row[1] else "")
            if was and now:
                verb, change = "changed", f"{was[1]} → {now[1]}"
            else:
                verb, change = ("added", f"added {now[1]}") if now else ("removed", f"removed {was[1]}")
            line = f"- {name} · {where}: {change} ({effect(was, now, best_before, best_after)})"
            found = owner.change(model, noun, verb, line)
            yield replace(found, benchmark=benchmark_name, metric=metric_name, backbone=row[1],
                          before=was[1] if was else None, after=now[1] if now else None,
                          page=found.page if owner is new else None)


def sources(comparison: Comparison):
    """A part file read from another commit of its source (an import of a newer upstream)."""
    new = comparison.new
    for before, after, was, now in comparison.both():
        if before[0] != "part" or was.get("source") == now.get("source"):
            continue
        old_source, new_source = was.get("source") or {}, now.get("source") or {}
        then = old_source.get("commit", "")[:10] or md(old_source.get("url", "none"))
        yield new.change(after, "source", "changed", (
            f"- {new.short(after)}: now from {md(new_source.get('path', ''))} at "
            f"{new_source.get('commit', '')[:10] or md(new_source['url'])}"
            f"{' (' + new_source['date'] + ')' if new_source.get('date') else ''}, was {then}"))


def models(comparison: Comparison):
    """Downloads, accelerators and withdrawals of the models on both sides (as the pages show them)."""
    old, new = comparison.old, comparison.new
    for model_id in dict.fromkeys([*old.models, *new.models]):
        was, now = old.models.get(model_id), new.models.get(model_id)
        if not (was and now):
            continue
        key, name = ("model", model_id), md(now.name["en"])
        before = {(a.kind, a.url) for a in was.artefacts}
        after = {(a.kind, a.url) for a in now.artefacts}
        for kind, url in sorted(after - before):
            yield new.change(key, "download", "added", f"- {name}: {kind} {md(url)} added")
        for kind, url in sorted(before - after):
            yield new.change(key, "download", "removed", f"- {name}: {kind} {md(url)} removed")
        gained = [t.name["en"] for t in now.supported_on if t not in was.supported_on]
        lost = [t.name["en"] for t in was.supported_on if t not in now.supported_on]
        if gained or lost:
            change = "; ".join(part for part in (f"now also {', '.join(gained)}" if gained else "",
                                                 f"no longer {', '.join(lost)}" if lost else "") if part)
            yield new.change(key, "accelerator list", "changed", f"- {name}: {md(change)}")
        if now.withdrawn and not was.withdrawn:
            yield new.change(key, "model", "withdrawn",
                             f"- {name}: withdrawn by its source at {now.withdrawn[:10]}; its numbers stay")
        elif was.withdrawn and not now.withdrawn:
            yield new.change(key, "model", "returned", f"- {name}: listed by its source again")


def effect(was, now, best_before, best_after) -> str:
    """What one result's change does to its table's best value."""
    number_before = best_before[0] if best_before else None
    number_after = best_after[0] if best_after else None
    if number_before == number_after:
        return f"best stays {best_after[1]}" if best_after else "the table has no results"
    if now and now[0] == number_after:
        return f"new best, was {best_before[1]}" if best_before else "the table's first result"
    if was and was[0] == number_before:
        return f"was the best; best now {best_after[1]}" if best_after else "was the table's only result"
    shown_before, shown_after = (value[1] if value else "none" for value in (best_before, best_after))
    return f"best {shown_before} → {shown_after} through another result"


def links(comparison: Comparison):
    """Links added, removed or changed, per section, model, area or atlas entry."""
    old, new = comparison.old, comparison.new
    for before, after in comparison.pairs:
        side, key = (new, after) if after else (old, before)
        owner = side.label(key)
        was = {target(link): link for link in (old.records[before].value.get("links", []) if before else [])}
        now = {target(link): link for link in (new.records[after].value.get("links", []) if after else [])}
        for address, link in was.items():
            if address not in now:
                yield side.change(key, "link", "removed", f"- {owner}: removed “{md(link['title'])}” {md(address)}")
            elif link != now[address]:
                fields = ", ".join(f for f in {**link, **now[address]} if link.get(f) != now[address].get(f))
                yield side.change(key, "link", "changed", f"- {owner}: “{md(now[address]['title'])}” {md(address)}: {fields} changed")
        for address, link in now.items():
            if address not in was:
                yield side.change(key, "link", "added", f"- {owner}: added “{md(link['title'])}” {md(address)}")


def target(link: dict) -> str:
    return link.get("url") or link.get("address")


def texts(comparison: Comparison):
    """Texts changed per language, as short excerpts around what changed."""
    new = comparison.new
    for before, after, was, now in comparison.both():
        owner = new.short(after)
        fields_before, fields_after = text_fields(was), text_fields(now)
        for field in {**fields_before, **fields_after}:
            if field in RENAMING:
                continue
            points_before, points_after = fields_before.get(field, []), fields_after.get(field, [])
            single = not isinstance(was.get(field, now.get(field)), list)
            removed = [p for p in points_before if p not in points_after]
            added = [p for p in points_after if p not in points_before]
            edited, removed, added = edits(removed, added, 0 if single else 0.5)
            for a, b in edited:
                place = field if single else f"{field} {points_after.index(b) + 1}"
                for lang in ("zh", "en"):
                    if a[lang] != b[lang]:
                        yield new.change(after, "text", "changed", f"- {owner} · {place} · {lang}: {excerpt(a[lang], b[lang])}")
            for a in removed:
                place = field if single else f"{field} {points_before.index(a) + 1}"
                yield new.change(after, "text", "removed", f"- {owner} · {place} · removed: “{md(shorten(a['en']))}”")
            for b in added:
                place = field if single else f"{field} {points_after.index(b) + 1}"
                yield new.change(after, "text", "added", f"- {owner} · {place} · added: “{md(shorten(b['en']))}”")


def edits(removed: list, added: list, likeness: float):
    """Pair each removed point with the added point most like it, if at least that alike: it was edited.

    Returns the pairs, and the points left removed and left added."""
    pairs, left, added = [], [], list(added)
    for a in removed:
        scores = [(SequenceMatcher(None, f"{a['zh']}\n{a['en']}", f"{b['zh']}\n{b['en']}").ratio(), i)
                  for i, b in enumerate(added)]
        score, i = max(scores, default=(0, None))
        if i is not None and score >= likeness:
            pairs.append((a, added.pop(i)))
        else:
            left.append(a)
    return pairs, left, added


def text_fields(value: dict) -> dict[str, list[dict]]:
    """A record's texts by field, each a list of {zh, en} points (one point for a single text)."""
    found = {}
    for field, text in value.items():
        if field in NAMES and isinstance(text, str):
            found[field] = [bilingual(text)]
        elif is_text(text):
            found[field] = [text]
        elif isinstance(text, list) and text and all(map(is_text, text)):
            found[field] = text
    return found


def is_text(value) -> bool:
    return isinstance(value, dict) and set(value) == {"zh", "en"}


# A reviewer needs to see what changed, not the whole paragraph.
LIMIT = 80


def shorten(text: str) -> str:
    return text if len(text) <= LIMIT else text[: LIMIT - 1] + "…"


def excerpt(old: str, new: str, context: int = 20) -> str:
    """The changed part of a text with a little context either side: “before” → “after”."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1

    def cut(text):
        left, right = max(start - context, 0), min(len(text) - end + context, len(text))
        return shorten(("…" if left else "") + text[left:right] + ("…" if right < len(text) else ""))

    return f"“{md(cut(old))}” → “{md(cut(new))}”"


def fields(comparison: Comparison):
    """Any other field changed: tags, order, metrics, higher_is_better, and fields of a result besides its values."""
    new = comparison.new
    for before, after, was, now in comparison.both():
        owner = new.label(after)
        # A part file's source has a report of its own (sources).
        skip = COVERED | set(text_fields(was)) | set(text_fields(now)) | {"id"} | ({"source"} if before[0] == "part" else set())
        changed = changed_fields(was, now, skip)
        if changed:
            yield new.change(after, "record", "otherwise changed", f"- {owner}: {', '.join(map(md, changed))} changed",
                             fields=tuple(changed))
        results_before = {(r["benchmark"], r.get("backbone")): r for r in was.get("results", [])}
        for result in now.get("results", []):
            earlier = results_before.get((result["benchmark"], result.get("backbone")))
            changed = changed_fields(earlier, result, {"values", "time", "size"}) if earlier else []
            if changed:
                line = f"- {owner}, result on `{result['benchmark']}`: {', '.join(map(md, changed))} changed"
                yield new.change(after, "result", "otherwise changed", line, fields=tuple(changed))


def changed_fields(was: dict, now: dict, skip: set) -> list[str]:
    return [f for f in {**was, **now} if f not in skip and was.get(f) != now.get(f)]


def load(folder: Path) -> Side:
    """One side from a folder holding data/ and schemas/; raise catalogue.DataError."""
    schemas = Schemas(folder / "schemas")
    data = catalogue.load(folder / "data", schemas, folder)
    return Side(data, views.build(data, schemas))


def load_commit(root: Path, commit: str, shown: str | None = None) -> Side:
    """One side from a commit of the repository at root, with that commit's own schemas;
    raise catalogue.DataError, or ValueError when the commit has no data/ and schemas/."""
    archive = subprocess.run(["git", "archive", "--format=tar", commit, "data", "schemas"], cwd=root,
                             capture_output=True)
    if archive.returncode != 0:
        raise ValueError(f"'{shown or commit}' has no data/ and schemas/ folders to compare with")
    with tempfile.TemporaryDirectory() as snapshot, tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(snapshot, filter="data")
        return load(Path(snapshot))


REPORTS = (("Added, removed and renamed", records), ("Results, times and sizes", results), ("Sources", sources),
           ("Downloads, accelerators and withdrawals", models), ("Links", links), ("Texts", texts),
           ("Other changes", fields))


def changes(old: Side, new: Side) -> list[tuple[str, list[Change]]]:
    """Every change from old to new, by report: [(heading, changes)]."""
    comparison = Comparison(old, new)
    return [(heading, list(report(comparison))) for heading, report in REPORTS]
