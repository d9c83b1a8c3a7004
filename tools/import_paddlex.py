"""Import PaddleX's model lists into the Model Zoo: `make import-paddlex SRC=<checkout> [COMMIT=<sha>] [DATE=<day>]`.

usage: python tools/import_paddlex.py SRC [--commit SHA] [--date YYYY-MM-DD] [--config FILE] [--data DIR]

SRC is a PaddleX checkout, or its docs/support_list folder (then --commit is
needed, since the folder does not say which commit it is). tools/paddlex_lists.py
reads both languages and the accelerator lists; tools/paddlex.yml, reviewed by a
person, says where each module's tables go (section, benchmark, dataset, split,
metrics), which timing columns are which measurement conditions, which upstream
models are the same network as a model the section already lists, and which
upstream defects are known. Anything else that does not read cleanly stops the
import with `file:line: reason`; nothing is guessed.

It writes one part file per section, data/models/<section>/paddlex.yml, and
never touches the sections' own files. On every run it rewrites what it owns
(benchmarks, names, tasks, results, downloads, accelerators) and keeps what
people added to an imported model (description, full_name, aliases, paper,
links). A model upstream no longer lists is kept, marked withdrawn, with its
numbers credited to the commit they came from. The files are checked with the
build's own schemas and rules before anything is written, and running it twice
on the same input changes nothing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

TOOLS = Path(__file__).resolve().parent
REPOSITORY = TOOLS.parent
sys.path.insert(0, str(REPOSITORY / "hooks"))
sys.path.insert(0, str(TOOLS))
from paddlex_lists import REPO_FOLDER, ListsError, Number, Parts, Size, Text, read_lists, suggest_id  # noqa: E402
from yaml_writer import Written, dump  # noqa: E402
from zoosite import catalogue  # noqa: E402
from zoosite.schema import Schemas  # noqa: E402
from zoosite.yaml_strict import YamlProblem, read  # noqa: E402

CONFIG = TOOLS / "paddlex.yml"
COMMIT = re.compile(r"[0-9a-f]{40}")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# What the import writes on a model; every other field of an imported model is a person's and is kept.
OWNED = ("id", "name", "task", "results", "artefacts", "supported_on", "withdrawn")
# A model's fields in the order the part file writes them (the schema's order).
ORDER = ("id", "name", "full_name", "aliases", "task", "description", "paper", "links", "results", "artefacts",
         "supported_on", "withdrawn")
BENCHMARK_ORDER = ("id", "dataset", "split", "metrics", "timings", "label", "note")
EXTENSION_ORDER = ("model", "aliases", "results", "artefacts", "supported_on", "withdrawn")
ARTEFACT_ORDER = ("inference", "weights", "config")
# A line number in a problem moves whenever upstream edits the lines above it; known defects are matched without it.
LINE_NUMBER = re.compile(r"\s*\((?:at )?line \d+\)|\s+at line \d+")
HEADER_COMMENTS = [
    "yaml-language-server: $schema=../../../schemas/model-part.schema.json",
    "Written by tools/import_paddlex.py (make import-paddlex) from PaddleX's model lists; the next import",
    "rewrites it. By hand, edit only a model's description, full_name, aliases, paper and links: they are kept.",
]


class ImportError_(Exception):
    """The import stops: every message, one per line."""


@dataclass(frozen=True)
class Problem:
    path: str     # as shown: the upstream file's repository path, or the config's
    line: int
    message: str
    model: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# -- the reviewed configuration ----------------------------------------------------


@dataclass
class Config:
    path: str
    data: dict
    defects: list[dict] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> "Config":
        try:
            document = read(str(path))
        except (YamlProblem, OSError) as error:
            raise ImportError_(str(getattr(error, "problem", error))) from None
        data = document.data
        missing = [key for key in ("repository", "source", "part", "conditions", "accelerators", "modules")
                   if key not in data]
        if missing:
            raise ImportError_(f"{path}:1: missing {', '.join(missing)}; expected the keys tools/paddlex.yml documents")
        return cls(str(path), data, data.get("defects", []))

    def module(self, key: str) -> dict | None:
        return self.data["modules"].get(key)


def module_key(link: str) -> str:
    """A module's tutorial link without the folders before it: cv_modules/image_classification.md."""
    return re.sub(r"^.*?tutorials/+", "", link.replace("\\", "/"))


def header_text(header: str) -> str:
    return " ".join(header.split())


# -- one run ------------------------------------------------------------------------


@dataclass
class Section:
    benchmarks: dict = field(default_factory=dict)   # id -> benchmark
    models: dict = field(default_factory=dict)       # id -> model, upstream order
    extends: dict = field(default_factory=dict)      # seed model id -> extension


class Import:
    def __init__(self, lists, config: Config, commit: str, seeds: dict[str, tuple[str, str]]):
        self.lists, self.config, self.commit, self.seeds = lists, config, commit, seeds
        self.problems: list[Problem] = []
        self.sections: dict[str, Section] = {}
        self.placed: dict[str, str] = {}       # upstream name -> section
        self.takes = {}                        # (model, role) -> zh, en or none, from known mismatches
        self.refused: list[tuple[Problem, str]] = []   # known defects met, with why
        self.report: list[str] = []

    # problems and the defects known to be upstream's

    def shown(self, path: str) -> str:
        return f"{REPO_FOLDER}/{Path(path).name}"

    def problem(self, path: str, line: int, message: str, model: str = "") -> None:
        self.problems.append(Problem(self.shown(path), line, message, model))

    def sort_problems(self, found) -> list[Problem]:
        """The problems no known defect explains; the known ones are kept for the report."""
        unknown, used = [], []
        for problem in found:
            defect = self.known(problem)
            if defect is None:
                unknown.append(problem)
            else:
                used.append(defect)
                self.refused.append((problem, defect.get("why", "")))
        for defect in self.config.defects:
            if not any(defect is known for known in used):
                self.report.append(f"known defect no longer met (remove it from {self.config.path}): "
                                   f"{defect.get('file')}: {defect.get('model', '')}: {defect.get('message')}")
        return unknown

    def known(self, problem: Problem) -> dict | None:
        message = LINE_NUMBER.sub("", problem.message)
        return next((defect for defect in self.config.defects if defect.get("file") == problem.path
                     and defect.get("model", "") == problem.model
                     and LINE_NUMBER.sub("", defect.get("message", "")) == message), None)

    def run(self) -> list[Problem]:
        lists = self.lists
        parsed = []
        for found in lists.problems:
            problem = Problem(self.shown(found.path), found.line, found.message, found.model)
            parsed.append(problem)
            defect = self.known(problem)
            if defect and "take" in defect:
                # The two languages disagree on one cell; the reviewed list says which to believe.
                self.takes[found.model, found.role] = defect["take"]
        self.check_environment()
        for pair in lists.modules:
            self.module(pair)
        self.accelerators()
        return self.sort_problems(parsed + self.problems)

    def check_environment(self) -> None:
        """The stated test environment must still be the one the conditions in data/hardware.yml describe."""
        expected = self.config.data.get("environment")
        if not expected:
            return
        zh = self.lists.main["zh"]
        stated = zh.environments[0] if zh.environments else None
        if stated is None:
            self.problem(zh.path, 0, "the list states no test environment; expected the one tools/paddlex.yml "
                                     "describes (environment), which the timing conditions rely on")
            return
        for key in ("gpu", "cpu", "cpu_threads", "precision"):
            if key in expected and str(expected[key]) != getattr(stated, key):
                self.problem(zh.path, stated.line, f"the test environment's {key} is now {getattr(stated, key)!r}, "
                                                   f"not {expected[key]!r}; review the conditions in data/hardware.yml "
                                                   f"and environment in {self.config.path}")
        if "software" in expected and list(expected["software"]) != stated.software:
            self.problem(zh.path, stated.line, f"the test environment's software is now {stated.software}, not "
                                               f"{expected['software']}; review the conditions in data/hardware.yml "
                                               f"and environment in {self.config.path}")

    # modules and tables

    def module(self, pair) -> None:
        module = pair.zh or pair.en
        key = module_key(module.link)
        path = (self.lists.main["zh"] if pair.zh else self.lists.main["en"]).path
        setting = self.config.module(key)
        rows = sum(len(list(tables.rows())) for tables in pair.tables())
        if setting is None:
            self.problem(path, module.line, f"the module {module.title!r} ({key}) is not in {self.config.path}; "
                                            "map its tables to a section and benchmarks, or skip it with a reason")
            return
        if "skip" in setting:
            if rows:
                self.problem(path, module.line, f"the module {module.title!r} is skipped in {self.config.path} "
                                                f"({setting['skip']}), but its tables now hold {rows} readable "
                                                f"row{'s' if rows != 1 else ''}; map it")
            return
        tables = list(pair.tables())
        if len(tables) != len(setting["tables"]):
            self.problem(path, module.line, f"the module {module.title!r} has {len(tables)} tables; "
                                            f"{self.config.path} maps {len(setting['tables'])}")
            return
        for tables_pair, table_setting in zip(tables, setting["tables"]):
            self.table(tables_pair, table_setting, setting, path)

    def table(self, pair, setting: dict, module: dict, path: str) -> None:
        table = pair.zh or pair.en
        notes = " ".join(note.text for note in table.notes)
        evidence = setting.get("evidence")
        if evidence and evidence not in notes:
            self.problem(path, table.line, f"the note under this table no longer says {evidence!r}; check its dataset, "
                                           f"split and metrics and update evidence in {self.config.path}")
            return
        benchmarks = setting["benchmarks"]
        # A row refused in either language is left out; a table that does not read at all in one language
        # (no rows, no refusals) is read from the other.
        refused = set((pair.zh.refused if pair.zh else []) + (pair.en.refused if pair.en else []))
        for zh_row, en_row in pair.rows():
            if (zh_row or en_row).name in refused:
                continue
            row, source_table = (zh_row, pair.zh) if zh_row else (en_row, pair.en)
            columns = self.columns(source_table, setting, path)
            if columns is None:
                return
            self.row(row, en_row, source_table, columns, module, benchmarks, path)

    def columns(self, table, setting: dict, path: str) -> dict | None:
        """Column index of each (benchmark, metric), after checking every value column is accounted for."""
        headers = [header_text(column.header) for column in table.columns]
        found, used = {}, set(setting.get("ignore", {}))
        for benchmark in setting["benchmarks"]:
            for metric, spec in benchmark.get("metrics", {}).items():
                spec = spec if isinstance(spec, dict) else {"column": spec}
                names = spec["column"] if isinstance(spec["column"], list) else [spec["column"]]
                index = next((headers.index(name) for name in names if name in headers), None)
                if index is None:
                    self.problem(path, table.line, f"no column {names[0]!r} for {metric} of {benchmark['id']}; "
                                                   f"the table's columns are {headers}")
                    return None
                found[benchmark["id"], metric] = (index, spec.get("part"))
                used.update(names)
        for column, header in zip(table.columns, headers):
            if column.role in ("value", "text") and header not in used:
                self.problem(path, table.line, f"the column {header!r} is neither mapped to a metric nor ignored "
                                               f"in {self.config.path}")
                return None
        return found

    def row(self, row, en_row, table, columns: dict, module: dict, benchmarks: list, path: str) -> None:
        identity = self.config.data.get("identities", {}).get(row.name)
        section = module["section"]
        if identity and self.seeds.get(identity["model"], ("",))[0] != section:
            self.problem(path, row.line, f"{row.name} is the same network as the model {identity['model']!r} in "
                                         f"{self.config.path} (identities), but the section {section} lists no such "
                                         "model", row.name)
            return
        if not identity and suggest_id(row.name) in self.seeds:
            other, _ = self.seeds[suggest_id(row.name)]
            self.problem(path, row.line, f"{row.name} would get the id {suggest_id(row.name)!r}, which a model of "
                                         f"data/models/{other}.yml has; say in {self.config.path} (identities) "
                                         "whether it is the same network", row.name)
            return
        if row.name in self.placed and self.placed[row.name] != section:
            self.problem(path, row.line, f"{row.name} is listed in the sections {self.placed[row.name]} and {section}; "
                                         "expected one", row.name)
            return
        self.placed[row.name] = section
        results = []
        for benchmark in benchmarks:
            result = self.result(row, en_row, table, columns, benchmark, identity, path)
            if result:
                results.append(result)
                self.benchmark(section, benchmark, table)
        part = self.sections.setdefault(section, Section())
        artefacts = self.artefacts(row, en_row)
        if identity:
            model_id = identity["model"]
            entry = part.extends.setdefault(model_id, {"model": model_id})
            if row.name != self.seeds[model_id][1]:
                entry.setdefault("aliases", [row.name])
        else:
            model_id = suggest_id(row.name)
            entry = part.models.setdefault(model_id, {"id": model_id, "name": row.name})
            if "task" in module:
                entry["task"] = module["task"]
        entry.setdefault("results", []).extend(results)
        if artefacts:
            entry["artefacts"] = artefacts

    def benchmark(self, section: str, setting: dict, table) -> None:
        """The benchmark as the part file writes it; its timing columns are those the table has times in."""
        part = self.sections.setdefault(section, Section())
        benchmark = part.benchmarks.setdefault(setting["id"], {
            key: value for key, value in (("id", setting["id"]), ("dataset", setting.get("dataset")),
                                          ("split", setting.get("split", "unstated") if "dataset" in setting else None),
                                          ("metrics", list(setting.get("metrics", {}))),
                                          ("label", self.config.data.get("label")),
                                          ("note", setting.get("note"))) if value is not None})
        timings = [condition for condition in self.order(table)
                   if condition in benchmark.get("timings", [])
                   or any(self.time(row, None, table, condition) is not None for row in table.rows)]
        if timings:
            benchmark["timings"] = timings
            part.benchmarks[setting["id"]] = ordered(benchmark, BENCHMARK_ORDER)

    def order(self, table) -> list[str]:
        return [condition for condition, _, _ in self.timing_columns(table)]

    def timing_columns(self, table):
        """(condition, column index, mode) for every time a table's columns hold, in column order."""
        setting = self.config.data["conditions"]
        for index, column in enumerate(table.columns):
            if column.role in ("gpu", "cpu"):
                for mode in column.modes:
                    yield setting[column.role][mode], index, mode

    def cell(self, row, en_row, table, index: int):
        """A row's cell, or the English row's, or none, as a known mismatch of the two says (zh by default)."""
        take = self.takes.get((row.name, table.columns[index].role), "zh")
        if take == "none":
            return None
        return (en_row if take == "en" and en_row is not None else row).cells[index]

    def time(self, row, en_row, table, condition: str):
        for name, index, mode in self.timing_columns(table):
            cell = self.cell(row, en_row, table, index)
            if name == condition and cell is not None:
                number = cell.get(mode)
                return Written(number.written) if number else None
        return None

    def result(self, row, en_row, table, columns: dict, benchmark: dict, identity: dict | None,
               path: str) -> dict | None:
        values = {}
        note = None
        for metric in benchmark.get("metrics", {}):
            index, part = columns[benchmark["id"], metric]
            cell = self.cell(row, en_row, table, index)
            header = header_text(table.columns[index].header)
            if isinstance(cell, Parts):
                cell = cell.numbers[cell.labels.index(part)] if part in cell.labels else None
            if cell is None:
                continue
            if isinstance(cell, Text) or not isinstance(cell, Number):
                self.problem(path, row.line, f"{row.name}, column {header!r}: {getattr(cell, 'text', cell)!r} is not "
                                             "a number; expected a number, or - where there is none", row.name)
                continue
            values[metric] = Written(cell.written)
            for extra in (cell.qualifier, cell.mark):
                if not extra:
                    continue
                meaning = self.config.data.get("qualifiers", {}).get(extra, "unknown")
                if meaning == "unknown":
                    self.problem(path, row.line, f"{row.name}, column {header!r}: {cell.written} comes with "
                                                 f"{extra!r}; say in {self.config.path} (qualifiers) what it means "
                                                 "for the result, or null where it says nothing new", row.name)
                elif meaning:
                    note = meaning
        result = {"benchmark": benchmark["id"]}
        if identity and identity.get("backbone"):
            result["backbone"] = identity["backbone"]
        result["values"] = values
        times = {}
        for condition in self.order(table):
            time = self.time(row, en_row, table, condition)
            if time is not None:
                times[condition] = time
        if times:
            result["time"] = times
        size = next((self.cell(row, en_row, table, index) for index, column in enumerate(table.columns)
                     if column.role == "size"), None)
        if isinstance(size, Size):
            result["size"] = {"value": Written(size.number), "unit": size.unit}
        if note:
            result["note"] = note
        if not values and not times and "size" not in result:
            return None
        return result

    def artefacts(self, row, en_row) -> list[dict]:
        """Downloads and config, each from the language a known mismatch says to take (none: from neither)."""
        found = []
        for role, kinds in (("download", ("inference", "weights")), ("config", ("config",))):
            take = self.takes.get((row.name, role), "zh")
            source = en_row if take == "en" and en_row else row if take == "zh" else None
            for artefact in (source.artefacts if source else ()):
                if artefact.kind in kinds:
                    # 3.0-beta lists link configs relative to their own folder.
                    url = urljoin(f"https://github.com/{self.config.data['repository']}/blob/{self.commit}/"
                                  f"{REPO_FOLDER}/", artefact.url)
                    found.append({"kind": artefact.kind, "url": url})
        return sorted(found, key=lambda a: (ARTEFACT_ORDER.index(a["kind"]), a["url"]))

    def accelerators(self) -> None:
        targets = self.config.data["accelerators"]
        for accelerator in sorted(self.lists.accelerators):
            if accelerator not in targets:
                document = next(iter(self.lists.accelerators[accelerator].values()))
                self.problem(document.path, 0, f"the {accelerator} list has no target in {self.config.path} "
                                               "(accelerators); map it to a target of data/hardware.yml")
        identities = self.config.data.get("identities", {})
        for name, section in self.placed.items():
            supported = [target for accelerator, target in targets.items()
                         if accelerator in self.lists.accelerators and name in self.lists.supported(accelerator)]
            if not supported:
                continue
            part = self.sections[section]
            entry = (part.extends[identities[name]["model"]] if name in identities
                     else part.models[suggest_id(name)])
            entry["supported_on"] = supported


# -- merging with what is already there, and writing ------------------------------------


def plain_copy(document, value, location=()):
    """A loaded value with every number or boolean as its file writes it, so that it is written back the same."""
    if isinstance(value, dict):
        return {key: plain_copy(document, item, location + (key,)) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_copy(document, item, location + (i,)) for i, item in enumerate(value)]
    if not isinstance(value, str) and location in document.plain:
        return Written(document.plain[location])
    return value


def ordered(entry: dict, order) -> dict:
    return {key: entry[key] for key in order if key in entry}


class Merge:
    """The new import laid over the part files already in data/: what people added stays, what is gone is withdrawn."""

    def __init__(self, run: Import, config: Config, data: Path, source: dict):
        self.run, self.config, self.data, self.source = run, config, data, source
        self.name = config.data["part"]
        self.report = run.report

    def existing(self) -> dict[str, dict]:
        found = {}
        for path in sorted(self.data.glob(f"models/*/{self.name}")):
            try:
                document = read(str(path))
            except YamlProblem as error:
                raise ImportError_(str(error.problem)) from None
            found[path.parent.name] = plain_copy(document, document.data)
        return found

    def files(self) -> dict[Path, str]:
        old = self.existing()
        current = {model for part in self.run.sections.values() for model in part.models}
        out = {}
        for section in sorted(set(old) | set(self.run.sections)):
            part = self.part(section, old.get(section, {}), self.run.sections.get(section, Section()), current)
            out[self.data / "models" / section / self.name] = dump(part, HEADER_COMMENTS)
        return out

    def part(self, section: str, before: dict, now: Section, current: set) -> dict:
        old_source = before.get("source")
        models = []
        previous = {model["id"]: model for model in before.get("models", [])}
        for model_id, model in now.models.items():
            kept = {key: value for key, value in previous.get(model_id, {}).items() if key not in OWNED}
            if previous.get(model_id, {}).get("withdrawn"):
                self.report.append(f"returned: {model['name']} ({section})")
            elif model_id not in previous:
                self.report.append(f"added: {model['name']} ({section})")
            models.append(ordered({**kept, **model}, ORDER))
        for model_id, model in previous.items():
            if model_id in now.models or model_id in current:
                continue  # still listed, here or (moved) in another section
            models.append(ordered(self.withdraw(model, old_source, section), ORDER))
        extensions = []
        before_extensions = {entry["model"]: entry for entry in before.get("extends", [])}
        for model_id, entry in now.extends.items():
            extensions.append(ordered(entry, EXTENSION_ORDER))
        for model_id, entry in before_extensions.items():
            if model_id not in now.extends:
                extensions.append(ordered(self.withdraw(entry, old_source, section), EXTENSION_ORDER))
        results = [result for entry in models + extensions for result in entry.get("results", [])]
        earlier = {benchmark["id"]: benchmark for benchmark in before.get("benchmarks", [])}
        benchmarks = [self.timed(benchmark, earlier.get(benchmark["id"]), results) for benchmark in now.benchmarks.values()]
        benchmarks += [benchmark for benchmark in earlier.values() if benchmark["id"] not in now.benchmarks
                       and any(result["benchmark"] == benchmark["id"] for result in results)]
        part = {"section": section, "source": self.source, "benchmarks": benchmarks}
        if models:
            part["models"] = models
        if extensions:
            part["extends"] = extensions
        return part

    @staticmethod
    def timed(benchmark: dict, earlier: dict | None, results: list) -> dict:
        """A benchmark keeps the timing columns its withdrawn models still have times in."""
        used = {condition for result in results if result["benchmark"] == benchmark["id"]
                for condition in result.get("time", {})}
        timings = list(benchmark.get("timings", []))
        timings += [c for c in (earlier or {}).get("timings", []) if c in used and c not in timings]
        return ordered({**benchmark, "timings": timings}, BENCHMARK_ORDER) if timings else benchmark

    def withdraw(self, entry: dict, old_source: dict | None, section: str) -> dict:
        """A model upstream no longer lists: kept, marked, and its numbers credited to where they came from."""
        if "withdrawn" not in entry:
            self.report.append(f"withdrawn: {entry.get('name') or entry['model']} ({section}), no longer listed "
                               f"at {self.run.commit}")
            entry = {**entry, "withdrawn": self.run.commit}
            if old_source:
                entry["results"] = [{**result, "source": result.get("source", old_source)}
                                    for result in entry.get("results", [])]
        return entry


def revision(source: Path, commit: str | None, date: str | None) -> tuple[str, str | None]:
    """The commit the lists come from, and its date. In a checkout it is the last commit that changed
    docs/support_list, so that upstream commits elsewhere change nothing here."""
    folder = source / REPO_FOLDER if (source / REPO_FOLDER).is_dir() else source
    root = folder.parent.parent if folder.name == "support_list" else folder

    def git(*args) -> str | None:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    checkout = top is not None and Path(top).resolve() == root.resolve()
    if checkout:
        if git("status", "--porcelain", "--", REPO_FOLDER):
            raise ImportError_(f"{source} has uncommitted changes in {REPO_FOLDER}; import a clean checkout")
        changed = git("log", "-1", "--format=%H %cs", "--", REPO_FOLDER) or git("log", "-1", "--format=%H %cs")
        last, day = changed.split()
        if commit not in (None, last):
            raise ImportError_(f"{source}'s lists last changed at {last}, not {commit}")
        commit, date = last, date or day
    elif commit is None:
        raise ImportError_(f"{source} is not a git checkout of PaddleX; pass the commit its files come from "
                           "(COMMIT=<40 hex digits>)")
    if not COMMIT.fullmatch(commit):
        raise ImportError_(f"the commit {commit!r} is not 40 lower-case hex digits; expected a full git commit id")
    if date is not None and not DAY.fullmatch(date):
        raise ImportError_(f"the date {date!r} is not a day; expected YYYY-MM-DD")
    return commit, date


def source_of(config: Config, commit: str, date: str | None, data: Path) -> dict:
    """The source every number of this import is credited to; a date missing here is kept from the last import
    of the same commit."""
    main = config.data["source"]
    path = f"{REPO_FOLDER}/models_list.md"
    if date is None:
        for part in sorted(data.glob(f"models/*/{config.data['part']}")):
            earlier = read(str(part)).data.get("source", {})
            if earlier.get("commit") == commit and earlier.get("date"):
                date = earlier["date"]
                break
    source = {"title": main["title"], "url": f"https://github.com/{config.data['repository']}/blob/{commit}/{path}",
              "kind": main["kind"]}
    if date:
        source["date"] = date
    source.update(commit=commit, path=path)
    return source


def seeds(data: Path) -> dict[str, tuple[str, str]]:
    """Every model of the sections' own files: id -> (section, name as written in English)."""
    found = {}
    for path in sorted(data.glob("models/*.yml")):
        try:
            section = read(str(path)).data
        except YamlProblem as error:
            raise ImportError_(str(error.problem)) from None
        for model in section.get("models", []):
            name = model["name"] if isinstance(model["name"], str) else model["name"]["en"]
            found[model["id"]] = (section["id"], name)
    return found


def check(files: dict[Path, str], data: Path) -> None:
    """The new files, with the rest of data/, must pass the build's schemas and rules."""
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch)
        shutil.copytree(data, project / "data")
        shutil.copytree(data.parent / "schemas", project / "schemas")
        for path, text in files.items():
            target = project / path.relative_to(data.parent)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            catalogue.load(project / "data", Schemas(project / "schemas"), project)
        except catalogue.DataError as error:
            raise ImportError_("the imported files do not pass the build's checks; nothing was written:\n"
                               + "\n".join(str(problem) for problem in error.problems)) from None


def write(files: dict[Path, str], data: Path) -> list[str]:
    changed = []
    for path, text in files.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(f"wrote {path.relative_to(data.parent)}")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path, help="a PaddleX checkout, or its docs/support_list folder")
    parser.add_argument("--commit", help="the commit the files come from (needed when SRC is not a checkout)")
    parser.add_argument("--date", help="the day of that commit, YYYY-MM-DD (a checkout gives it)")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--data", type=Path, default=REPOSITORY / "data")
    args = parser.parse_args(argv)
    try:
        config = Config.load(args.config)
        commit, date = revision(args.src, args.commit, args.date)
        try:
            lists = read_lists(args.src)
        except ListsError as error:
            raise ImportError_(str(error)) from None
        run = Import(lists, config, commit, seeds(args.data))
        unknown = run.run()
        if unknown:
            raise ImportError_("\n".join(str(problem) for problem in unknown) + f"\n{len(unknown)} problem"
                               f"{'s' if len(unknown) != 1 else ''} not among the known defects of {config.path}; "
                               "nothing was written")
        files = Merge(run, config, args.data, source_of(config, commit, date, args.data)).files()
        check(files, args.data)
        changed = write(files, args.data)
    except ImportError_ as error:
        print(error, file=sys.stderr)
        return 1
    models = sum(len(part.models) + len(part.extends) for part in run.sections.values())
    print(f"PaddleX {commit}: {models} models in {len(run.sections)} sections")
    for problem, why in run.refused:
        print(f"known upstream defect, left out: {problem}" + (f" ({why})" if why else ""))
    for line in run.report + (changed or ["no changes"]):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
