"""Read PaddleX's published model lists (``docs/support_list/``) into plain records.

PaddleX publishes, in Chinese and English, one list of every model with its
accuracy, inference time, size, config and downloads, plus one list per
domestic accelerator naming the models that run on it. This module turns such
a folder into typed, language-paired records and a list of problems; it writes
nothing. Two upstream formats are read: Markdown pipe tables (3.0 beta, one
time per device, ``*_en.md``) and HTML tables (3.0 and later, "normal /
high-performance" time pairs and download links, ``*.en.md``).

Nothing is guessed: a cell that does not read as what its column holds, or a
row whose cells do not line up with the header, is refused and reported as
``path:line: reason``; the importer decides what to do with the problems.

    python tools/paddlex_lists.py SRC   # SRC: a PaddleX checkout or its docs/support_list
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

REPO_FOLDER = "docs/support_list"
LANGUAGES = ("zh", "en")
MAIN_LIST = "models_list"
ACCELERATOR_FILE = re.compile(r"model_list_(?P<accelerator>[a-z0-9]+)(?P<en>\.en|_en)?\.md")
ID_MAX = 60

# Column roles, decided from the header text (lower-cased, spaces removed).
NAME_HEADERS = {"模型", "模型名称", "model", "modelname"}
TEXT_HEADERS = {"方案", "scheme", "输入尺寸", "inputsize", "训练数据", "trainingdata", "介绍", "introduction",
                "description"}
MISSING = {"", "-", "--", "—", "–"}

NUMBER = r"\d+(?:\.\d+)?"
NUMBER_CELL = re.compile(rf"(?P<number>{NUMBER})(?P<mark>\\?\*+|[†‡])?(?:\s*[(（](?P<qualifier>[^()（）]+)[)）])?")
TIMING_VALUE = re.compile(rf"{NUMBER}|-")
SIZE_CELL = re.compile(rf"(?P<number>{NUMBER})\s*(?P<unit>[KMG]B?)?", re.IGNORECASE)
HEADER_UNIT = re.compile(r"[(（]\s*([KMG]B?)\s*[)）]", re.IGNORECASE)
MODE_WORDS = (("high_performance", ("高性能", "high-performance", "high performance")),
              ("normal", ("常规", "normal", "standard")))
ARTEFACT_LABELS = (("inference", ("推理模型", "inference model")),
                   ("weights", ("训练模型", "training model", "trained model", "pretrained model")))
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
NOTE_START = re.compile(r"(注|note)\s*[:：]", re.IGNORECASE)
ENVIRONMENT_START = re.compile(r"测试环境说明|test environment", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    model: str = ""       # the row's model, for a problem with one row
    role: str = ""        # the column's role, for a zh/en mismatch in one cell

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ListsError(Exception):
    """Raised with every problem found, one ``path:line: reason`` per line."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


# typed cell values

@dataclass(frozen=True)
class Number:
    """A number exactly as written; ``value`` is exact (Decimal), never a float."""
    written: str
    mark: str = ""        # a footnote mark written after the number (``*``, ``†``, a <sup>)
    qualifier: str = ""   # a parenthesis after it: "640x640 输入尺寸下", "Librispeech"

    @property
    def value(self) -> Decimal:
        return Decimal(self.written)


@dataclass(frozen=True)
class Parts:
    """Several numbers in one cell (``90.5/88.4/74.9``), named by the header (Easy/Medium/Hard)."""
    labels: tuple[str, ...]
    numbers: tuple[Number | None, ...]


@dataclass(frozen=True)
class Size:
    written: str          # the cell as written: "306.5 M", "1.04 G", "331"
    number: str           # "306.5"
    unit: str             # KB, MB or GB, from the cell or else from the header

    @property
    def value(self) -> Decimal:
        return Decimal(self.number)


@dataclass(frozen=True)
class Timing:
    """Milliseconds per mode, as written; a mode written as ``-`` is absent."""
    written: str
    values: tuple[tuple[str, Number], ...]

    def get(self, mode: str) -> Number | None:
        return dict(self.values).get(mode)


@dataclass(frozen=True)
class Artefact:
    kind: str             # config, inference or weights
    url: str              # as written (old lists link configs relatively)
    label: str


@dataclass(frozen=True)
class Text:
    text: str


# document structure

@dataclass(frozen=True)
class Column:
    header: str           # as written, a <br> read as a line break
    role: str             # name, value, text, gpu, cpu, size, config, download
    unit: str = ""        # size columns: the unit the header states
    modes: tuple[str, ...] = ()       # timing columns: normal, high_performance, or default (one time)
    parts: tuple[str, ...] = ()       # value columns whose header names parts: Easy/Medium/Hard


@dataclass(frozen=True)
class Row:
    name: str
    line: int
    cells: tuple            # one typed value (or None when absent) per column
    artefacts: tuple[Artefact, ...]

    @property
    def id(self) -> str:
        return suggest_id(self.name)


@dataclass(frozen=True)
class Note:
    line: int
    raw: str
    text: str               # markup removed
    links: tuple[tuple[str, str], ...]   # (text, url), usually the dataset
    split: str | None       # val or test where the note says so plainly


@dataclass
class Table:
    line: int
    columns: tuple[Column, ...]
    rows: list[Row] = field(default_factory=list)
    caption: str = ""       # the line above the table (a sub-group: "中文识别模型", "3类版面检测模型")
    notes: list[Note] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)    # names of the rows reported as problems


@dataclass
class Module:
    title: str
    link: str               # the tutorial the heading links to, as written
    line: int
    tables: list[Table] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)   # text under the heading that is no table's note

    @property
    def key(self) -> str:
        """Pairs a module across languages: its tutorial link without the language suffix."""
        return re.sub(r"(\.en|_en)\.md$", ".md", self.link) if self.link else ""


@dataclass(frozen=True)
class RunMode:
    name: str
    key: str                # normal or high_performance
    gpu: str
    cpu: str
    backend: str


@dataclass
class Environment:
    """The stated measurement conditions, as written."""
    line: int
    text: str
    gpu: str = ""
    cpu: str = ""
    cpu_threads: str = ""
    precision: str = ""
    software: list[str] = field(default_factory=list)
    modes: list[RunMode] = field(default_factory=list)


@dataclass
class Document:
    path: str               # as read from disk, for messages
    repo_path: str          # docs/support_list/<file>, for crediting the source
    language: str
    title: str = ""
    modules: list[Module] = field(default_factory=list)
    environments: list[Environment] = field(default_factory=list)

    def rows(self):
        for module in self.modules:
            for table in module.tables:
                yield from table.rows

    def names(self) -> set[str]:
        """Every model name the list shows, refused rows included."""
        return {row.name for row in self.rows()} | {
            name for module in self.modules for table in module.tables for name in table.refused}


@dataclass(frozen=True)
class TablePair:
    zh: Table | None
    en: Table | None

    def rows(self):
        """(zh row, en row) pairs by model name, zh order first; either may be None."""
        english = {row.name: row for row in self.en.rows} if self.en else {}
        chinese = {row.name for row in self.zh.rows} if self.zh else set()
        for row in self.zh.rows if self.zh else ():
            yield row, english.get(row.name)
        for row in self.en.rows if self.en else ():
            if row.name not in chinese:
                yield None, row


@dataclass(frozen=True)
class ModulePair:
    zh: Module | None
    en: Module | None

    def tables(self):
        zh = self.zh.tables if self.zh else []
        en = self.en.tables if self.en else []
        for index in range(max(len(zh), len(en))):
            yield TablePair(zh[index] if index < len(zh) else None, en[index] if index < len(en) else None)


@dataclass
class Lists:
    folder: Path
    main: dict[str, Document]                         # language -> the CPU/GPU list
    accelerators: dict[str, dict[str, Document]]      # accelerator -> language -> list
    modules: list[ModulePair] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def supported(self, accelerator: str) -> set[str]:
        """Model names listed for an accelerator, in either language."""
        return {row.name for document in self.accelerators[accelerator].values() for row in document.rows()}

    def check(self) -> None:
        if self.problems:
            raise ListsError(self.problems)


def suggest_id(name: str) -> str:
    """A stable id for an upstream name: PP-LCNet_x1_0 -> pp-lcnet-x1-0."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if len(slug) > ID_MAX:
        slug = slug[:ID_MAX].rstrip("-")
    return slug


# reading

def read_lists(source) -> Lists:
    """Read a PaddleX checkout, or its docs/support_list folder, in both languages."""
    source = Path(source)
    folder = source / REPO_FOLDER if (source / REPO_FOLDER).is_dir() else source
    problems: list[Problem] = []
    files = _list_files(folder, problems)
    if (MAIN_LIST, "zh") not in files:
        raise ListsError([Problem(str(folder), 0, f"no {MAIN_LIST}.md here; expected a PaddleX checkout "
                                                   f"or its {REPO_FOLDER} folder")])
    documents = {key: read_document(path, key[1], problems) for key, path in sorted(files.items())}
    lists = Lists(folder=folder,
                  main={language: document for (kind, language), document in documents.items()
                        if kind == MAIN_LIST},
                  accelerators={}, problems=problems)
    for (kind, language), document in documents.items():
        if kind != MAIN_LIST:
            lists.accelerators.setdefault(kind, {})[language] = document
    lists.modules = _pair_modules(lists.main, problems)
    for accelerator, languages in sorted(lists.accelerators.items()):
        _compare_names(languages, f"the {accelerator} list", problems)
    _check_accelerator_names(lists, problems)
    _check_ids(lists, problems)
    return lists


def _list_files(folder: Path, problems) -> dict[tuple[str, str], Path]:
    """(kind, language) -> file; kind is ``models_list`` or an accelerator (dcu, mlu, ...)."""
    files: dict[tuple[str, str], Path] = {}
    for path in sorted(folder.glob("*.md")):
        if path.name == f"{MAIN_LIST}.md":
            key = (MAIN_LIST, "zh")
        elif path.name in (f"{MAIN_LIST}.en.md", f"{MAIN_LIST}_en.md"):
            key = (MAIN_LIST, "en")
        elif match := ACCELERATOR_FILE.fullmatch(path.name):
            key = (match["accelerator"], "en" if match["en"] else "zh")
        else:
            continue
        if key in files:
            problems.append(Problem(str(path), 0, f"{files[key].name} is here too; keep one file per language"))
            continue
        files[key] = path
    return files


def read_document(path: Path, language: str, problems: list[Problem]) -> Document:
    document = Document(path=str(path), repo_path=f"{REPO_FOLDER}/{path.name}", language=language)
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError as error:
        problems.append(Problem(document.path, 0, f"not UTF-8 ({error.reason} at byte {error.start}); "
                                                  "expected the lists as PaddleX publishes them"))
        return document
    module: Module | None = None
    table: Table | None = None        # the last table read, whose notes may follow
    caption = ""
    environment: Environment | None = None
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        number = index + 1
        if line.startswith("# ") and not document.title:
            document.title = _plain(line[2:])
            index += 1
        elif line.startswith("## "):
            module = _module(line[3:], number)
            document.modules.append(module)
            table, caption, environment = None, "", None
            index += 1
        elif line.startswith("<table"):
            end = _html_table_end(lines, index)
            grid = _html_grid(lines[index:end], number, document.path, problems)
            index = end
            if environment is not None:
                environment.modes.extend(_run_modes(grid))
            elif module is not None and grid is not None:
                table = _table(grid, caption, document.path, problems)
                module.tables.append(table)
                caption = ""
        elif line.startswith("|") and index + 1 < len(lines) and _is_pipe_separator(lines[index + 1]):
            end = index + 2
            while end < len(lines) and lines[end].strip().startswith("|"):
                end += 1
            grid = _pipe_grid(lines[index:end], number)
            index = end
            if module is not None:
                table = _table(grid, caption, document.path, problems)
                module.tables.append(table)
                caption = ""
        elif not line or line.startswith("---") or module is None:
            index += 1
        else:
            # Notes and captions are one line each; upstream sometimes leaves no blank line between them.
            raw = line
            index += 1
            text = _plain(re.sub(r"^(&gt;|[>*\-\s])+(?=\S)", "", raw))
            if ENVIRONMENT_START.match(text) or environment is not None:
                if environment is None:
                    environment = Environment(line=number, text="")
                    document.environments.append(environment)
                environment.text = f"{environment.text}\n{text}".strip()
                _environment_items(environment, raw)
            elif NOTE_START.match(text):
                note = _note(raw, text, number)
                (table.notes if table is not None else module.notes).append(note)
                if conditions := _stated_conditions(text, number):
                    document.environments.append(conditions)
            else:
                caption = text
    return document


def _module(heading: str, line: int) -> Module:
    match = MARKDOWN_LINK.fullmatch(heading.strip())
    if match:
        return Module(title=match[1].strip(), link=match[2], line=line)
    return Module(title=_plain(heading), link="", line=line)


def _plain(markup: str) -> str:
    """Text without Markdown or HTML markup: links keep their text, entities are decoded."""
    text = MARKDOWN_LINK.sub(r"\1", markup)
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = unescape(text).replace("**", "")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _note(raw: str, text: str, line: int) -> Note:
    links = tuple((_plain(label), url) for label, url in MARKDOWN_LINK.findall(raw))
    links += tuple((_plain(label), _address(url)) for url, label in
                   re.findall(r'<a\s[^>]*href="([^"]*)"[^>]*>(.*?)</a>', raw, re.S))
    return Note(line=line, raw=raw, text=text, links=links, split=_split(text))


def _split(text: str) -> str | None:
    lowered = text.lower()
    val = "验证集" in text or "val2017" in lowered or "validation" in lowered or " val " in lowered
    test = "测试集" in text or "test数据集" in text or re.search(r"test (data)?set|test\.csv", lowered) is not None
    if val == test:
        return None
    return "val" if val else "test"


def _stated_conditions(text: str, line: int) -> Environment | None:
    """The 3.0-beta closing note: "GPU 推理耗时基于 NVIDIA Tesla T4 机器，精度类型为 FP32 ..."."""
    zh = re.search(r"GPU\s*推理耗时基于\s*(?P<gpu>.+?)\s*机器，\s*精度类型为\s*(?P<precision>\w+)"
                   r".*?CPU\s*推理速度基于\s*(?P<cpu>.+?)，\s*线程数为\s*(?P<threads>\d+)", text)
    en = re.search(r"GPU inference times .*? based on an? (?P<gpu>.+?) machine with (?P<precision>\w+) precision"
                   r".*?CPU inference speeds are based on an? (?P<cpu>.+?) with (?P<threads>\d+) threads", text)
    match = zh or en
    if not match:
        return None
    return Environment(line=line, text=text, gpu=match["gpu"], cpu=match["cpu"],
                       cpu_threads=match["threads"], precision=match["precision"])


def _environment_items(environment: Environment, raw: str) -> None:
    """The 3.0 "测试环境说明" list: GPU, CPU and software lines."""
    for item in re.findall(r"<li>(.*?)</li>", raw):
        if re.fullmatch(r"\s*<(b|strong)>.*</\1>\s*", item):
            continue      # a heading inside the list ("推理模式说明")
        text = _plain(item)
        match = re.fullmatch(r"(GPU|CPU|其他环境|Other Environments?)\s*[：:]\s*(.+)", text, re.IGNORECASE)
        if match and match[1].upper() == "GPU":
            environment.gpu = match[2]
        elif match and match[1].upper() == "CPU":
            environment.cpu = match[2]
        elif text:
            environment.software.append(match[2] if match else text)


def _run_modes(grid) -> list[RunMode]:
    modes = []
    for cells in (grid.rows if grid else []):
        texts = [cell.text for cell in cells]
        if len(texts) >= 4:
            modes.append(RunMode(name=texts[0], key=_mode_key(texts[0]), gpu=texts[1], cpu=texts[2],
                                 backend=texts[3]))
    return modes


def _mode_key(text: str) -> str:
    lowered = text.lower()
    for key, words in MODE_WORDS:
        if any(word in lowered for word in words):
            return key
    return ""


# tables

@dataclass(frozen=True)
class RawCell:
    text: str                       # text content, <br> as a line break, links as their text
    links: tuple[tuple[str, str], ...]   # (label, href)
    marks: tuple[str, ...]          # <sup> contents
    line: int


@dataclass
class Grid:
    line: int
    header: list[RawCell]
    rows: list[list[RawCell]]
    row_lines: list[int]


def _html_table_end(lines, start) -> int:
    depth, index = 0, start
    while index < len(lines):
        depth += len(re.findall(r"<table\b", lines[index])) - len(re.findall(r"</table>", lines[index]))
        index += 1
        if depth <= 0:
            break
    return index


class _TableReader(HTMLParser):
    """Collects rows of cells (with rowspan/colspan) from one HTML table."""

    def __init__(self, first_line: int):
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.rows: list[tuple[int, list[tuple[str, int, int, RawCell]]]] = []
        self.cell: dict | None = None
        self.link: list | None = None
        self.in_sup = False
        self.row_open = False

    def _line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.rows.append((self._line(), []))
            self.row_open = True
        elif tag in ("td", "th"):
            if not self.row_open:
                # As in a browser, a cell outside any row starts a row of its own.
                self.rows.append((self._line(), []))
                self.row_open = True
            self.cell = {"tag": tag, "text": [], "links": [], "marks": [], "line": self._line(),
                         "rowspan": _span(attrs.get("rowspan")), "colspan": _span(attrs.get("colspan"))}
        elif self.cell is not None and tag == "br":
            self.cell["text"].append("\n")
        elif self.cell is not None and tag == "a":
            self.link = [_address(attrs.get("href") or ""), []]
        elif self.cell is not None and tag == "sup":
            self.in_sup = True

    def handle_endtag(self, tag):
        if tag == "tr":
            self.row_open = False
        elif tag in ("td", "th") and self.cell is not None:
            cell = self.cell
            text = "\n".join(line.strip() for line in "".join(cell["text"]).strip().split("\n"))
            raw = RawCell(text=text, links=tuple(cell["links"]), marks=tuple(cell["marks"]), line=cell["line"])
            self.rows[-1][1].append((cell["tag"], cell["rowspan"], cell["colspan"], raw))
            self.cell = None
        elif tag == "a" and self.link is not None and self.cell is not None:
            self.cell["links"].append(("".join(self.link[1]).strip(), self.link[0]))
            self.link = None
        elif tag == "sup":
            self.in_sup = False

    def handle_data(self, data):
        if self.cell is None:
            return
        if self.in_sup:
            self.cell["marks"].append(data.strip())
            return
        self.cell["text"].append(re.sub(r"\s+", " ", data))
        if self.link is not None:
            self.link[1].append(data)


def _span(value) -> int:
    return int(value) if value and value.strip().isdigit() else 1


def _html_grid(lines, first_line, path, problems) -> Grid | None:
    reader = _TableReader(first_line)
    reader.feed("\n".join(lines))
    reader.close()
    rows = [(line, cells) for line, cells in reader.rows if cells]
    if not rows:
        return None
    # Lay the cells out on a grid: a rowspan or colspan repeats the cell where it reaches.
    pending: dict[tuple[int, int], tuple[str, RawCell]] = {}
    laid: list[tuple[int, list[str], list[RawCell]]] = []
    for row_index, (line, cells) in enumerate(rows):
        out: list[RawCell] = []
        tags: list[str] = []
        column = 0
        for tag, rowspan, colspan, cell in cells:
            while (row_index, column) in pending:
                spanned_tag, spanned = pending.pop((row_index, column))
                out.append(spanned)
                tags.append(spanned_tag)
                column += 1
            for offset in range(colspan):
                out.append(cell)
                tags.append(tag)
                for below in range(1, rowspan):
                    pending[(row_index + below, column + offset)] = (tag, cell)
            column += colspan
        while (row_index, column) in pending:
            spanned_tag, spanned = pending.pop((row_index, column))
            out.append(spanned)
            tags.append(spanned_tag)
            column += 1
        laid.append((line, tags, out))
    header_rows = [cells for _, tags, cells in laid if all(tag == "th" for tag in tags)]
    body = [(line, cells) for line, tags, cells in laid if not all(tag == "th" for tag in tags)]
    if not header_rows:
        problems.append(Problem(path, first_line, "a table without a header row (<th> cells); "
                                                  "expected the column names first"))
        return None
    header = [RawCell(text="\n".join(dict.fromkeys(row[index].text for row in header_rows if index < len(row))),
                      links=(), marks=(), line=header_rows[0][index].line)
              for index in range(len(header_rows[-1]))]
    return Grid(line=first_line, header=header, rows=[cells for _, cells in body],
                row_lines=[line for line, _ in body])


def _is_pipe_separator(line: str) -> bool:
    return bool(re.fullmatch(r"\s*\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*\|?\s*", line))


def _pipe_cells(line: str, number: int) -> list[RawCell]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells = []
    for part in re.split(r"(?<!\\)\|", body):
        part = part.strip().replace("\\|", "|")
        links = tuple((_plain(label), url) for label, url in MARKDOWN_LINK.findall(part))
        marks = tuple(re.findall(r"<sup>(.*?)</sup>", part))
        text = _plain(re.sub(r"<sup>.*?</sup>", "", part))
        cells.append(RawCell(text=text, links=links, marks=marks, line=number))
    return cells


def _pipe_grid(lines, first_line) -> Grid:
    rows = [_pipe_cells(line, first_line + offset) for offset, line in enumerate(lines) if offset != 1]
    return Grid(line=first_line, header=rows[0], rows=rows[1:],
                row_lines=[first_line + offset for offset in range(2, len(lines))])


def _column(cell: RawCell, index: int) -> Column:
    header = cell.text
    key = re.sub(r"\s+", "", header).lower()
    bare = HEADER_UNIT.sub("", key)
    if index == 0 and bare in NAME_HEADERS:
        return Column(header, "name")
    if re.search(r"gpu|cpu", key) and re.search(r"耗时|速度|time|speed|latency", key):
        modes = tuple(mode for mode, words in MODE_WORDS if any(word.replace(" ", "") in key for word in words))
        role = "gpu" if "gpu" in key else "cpu"
        return Column(header, role, modes=tuple(sorted(modes, key=["normal", "high_performance"].index))
                      or ("default",))
    if "存储" in key or "storage" in key or bare in ("模型大小", "modelsize"):
        unit = HEADER_UNIT.search(header)
        return Column(header, "size", unit=_unit(unit[1]) if unit else "")
    if "yaml" in key:
        return Column(header, "config")
    if "下载" in key or "download" in key:
        return Column(header, "download")
    if bare in TEXT_HEADERS:
        return Column(header, "text")
    last = header.split("\n")[-1]
    parts = tuple(part.strip() for part in last.split("/")) if "\n" in header and "/" in last else ()
    return Column(header, "value", parts=parts)


def _unit(written: str) -> str:
    return written.upper().rstrip("B") + "B"


def _table(grid: Grid, caption: str, path: str, problems) -> Table:
    columns = tuple(_column(cell, index) for index, cell in enumerate(grid.header))
    table = Table(line=grid.line, columns=columns, caption=caption)
    roles = [column.role for column in columns]
    if "name" not in roles:
        problems.append(Problem(path, grid.line, f"no model-name column in {[c.header for c in columns]}; "
                                                 "expected the first header to be 模型/模型名称/Model/Model Name"))
        return table
    for role in ("gpu", "cpu", "size", "config", "download"):
        if roles.count(role) > 1:
            headers = [column.header.replace("\n", " ") for column in columns if column.role == role]
            problems.append(Problem(path, grid.line, f"{roles.count(role)} columns read as {role}: {headers}; "
                                                     "expected one"))
            return table
    seen: set[str] = set()
    for line, cells in zip(grid.row_lines, grid.rows):
        if not any(cell.text or cell.links for cell in cells):
            continue
        try:
            row = _row(columns, cells, line)
        except ValueError as error:
            problems.append(Problem(path, line, str(error), model=cells[0].text if cells else ""))
            table.refused.append(cells[0].text if cells else "")
            continue
        if row.name in seen:
            problems.append(Problem(path, line, f"{row.name} is listed twice in this table", model=row.name))
            continue
        seen.add(row.name)
        table.rows.append(row)
    return table


def _row(columns, cells, line) -> Row:
    name = cells[0].text if cells else ""
    if len(cells) != len(columns):
        raise ValueError(f"{name or 'a row'} has {len(cells)} cells for {len(columns)} columns; "
                         "expected one cell per column")
    if not name or "\n" in name:
        raise ValueError(f"the model name {name!r} is not one name")
    values, artefacts = [], []
    for column, cell in zip(columns, cells):
        try:
            if column.role in ("config", "download"):
                found = _artefacts(column, cell)
                artefacts.extend(found)
                values.append(found or None)
            else:
                values.append(_value(column, cell))
        except ValueError as error:
            raise ValueError(f"{name}, column {column.header.splitlines()[0]!r}: {error}") from None
    return Row(name=name, line=line, cells=tuple(values), artefacts=tuple(artefacts))


def _value(column: Column, cell: RawCell):
    text = cell.text.strip()
    if column.role == "name":
        return text
    if column.role == "text":
        return Text(text) if text not in MISSING else None
    if text in MISSING:
        return None
    if column.role in ("gpu", "cpu"):
        return _timing(column, text)
    if column.role == "size":
        return _size(column, text)
    if column.parts:
        return _parts(column, text)
    if "/" in text and TIMING_VALUE.fullmatch(text.split("/")[0].strip()):
        raise ValueError(f"{text!r} is a '/' pair in a column that holds one value")
    return _number(text, cell.marks) or Text(text)


def _number(text: str, marks=()) -> Number | None:
    match = NUMBER_CELL.fullmatch(text)
    if not match:
        return None
    mark = (match["mark"] or "").lstrip("\\") or "".join(marks)
    return Number(written=match["number"], mark=mark, qualifier=(match["qualifier"] or "").strip())


def _timing(column: Column, text: str) -> Timing | None:
    parts = [part.strip() for part in text.split("/")]
    if len(parts) != len(column.modes) or not all(TIMING_VALUE.fullmatch(part) for part in parts):
        shape = " / ".join(["<ms or ->"] * len(column.modes))
        raise ValueError(f"{text!r} is not a time; expected {shape}")
    values = tuple((mode, Number(part)) for mode, part in zip(column.modes, parts) if part != "-")
    return Timing(written=text, values=values) if values else None


def _size(column: Column, text: str) -> Size:
    match = SIZE_CELL.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a size; expected a number with K, M or G (or the header's unit)")
    unit = _unit(match["unit"]) if match["unit"] else column.unit
    if not unit:
        raise ValueError(f"{text!r} has no unit, and neither has the header {column.header!r}")
    return Size(written=text, number=match["number"], unit=unit)


def _parts(column: Column, text: str) -> Parts:
    written = [part.strip() for part in text.split("/")]
    if len(written) != len(column.parts):
        raise ValueError(f"{text!r} has {len(written)} parts; the header names {len(column.parts)}: "
                         f"{'/'.join(column.parts)}")
    numbers = []
    for part in written:
        number = None if part in MISSING else _number(part)
        if number is None and part not in MISSING:
            raise ValueError(f"{part!r} in {text!r} is not a number")
        numbers.append(number)
    return Parts(labels=column.parts, numbers=tuple(numbers))


def _address(href: str) -> str:
    """A link's address. A few long links end a line with a backslash and go on at the next one (a Markdown
    habit that HTML attributes do not know): the address is the two lines joined."""
    return re.sub(r"\\[ \t]*\r?\n[ \t]*", "", href)


def _artefacts(column: Column, cell: RawCell) -> list[Artefact]:
    found = []
    for label, url in cell.links:
        if not url:
            continue      # upstream writes <a href=""> where it has no file yet
        kind = "config" if column.role == "config" else _artefact_kind(label)
        if not kind:
            raise ValueError(f"a link labelled {label!r} ({url}) is neither an inference model nor weights")
        found.append(Artefact(kind=kind, url=url, label=label))
    leftover = re.sub(r"[/\s]", "", cell.text)
    for label, _ in cell.links:
        leftover = leftover.replace(re.sub(r"[/\s]", "", label), "", 1)
    if leftover and leftover not in MISSING:
        raise ValueError(f"{cell.text!r} is text where links are expected")
    return found


def _artefact_kind(label: str) -> str:
    lowered = label.lower()
    for kind, words in ARTEFACT_LABELS:
        if any(word in lowered for word in words):
            return kind
    return ""


# pairing the two languages

def _pair_modules(main: dict[str, Document], problems) -> list[ModulePair]:
    zh, en = main.get("zh"), main.get("en")
    if en is None:
        problems.append(Problem(zh.path, 0, f"no English list ({MAIN_LIST}.en.md or {MAIN_LIST}_en.md) beside it"))
        return [ModulePair(module, None) for module in zh.modules]
    english = {module.key: module for module in en.modules}
    pairs = []
    for position, module in enumerate(zh.modules):
        partner = english.pop(module.key, None) if module.key else None
        if partner is None and not module.key and position < len(en.modules) and not en.modules[position].key:
            partner = en.modules[position]
            english.pop(partner.key, None)
        if partner is None:
            problems.append(Problem(zh.path, module.line, f"module {module.title!r} has no English counterpart "
                                                          f"(looked for a heading linking to {module.key or '?'})"))
        pairs.append(ModulePair(module, partner))
    for module in english.values():
        if all(module is not pair.en for pair in pairs):
            problems.append(Problem(en.path, module.line, f"module {module.title!r} has no Chinese counterpart"))
            pairs.append(ModulePair(None, module))
    for pair in pairs:
        if pair.zh and pair.en:
            _compare_module(pair, zh.path, en.path, problems)
    return pairs


def _compare_module(pair: ModulePair, zh_path, en_path, problems) -> None:
    if len(pair.zh.tables) != len(pair.en.tables):
        problems.append(Problem(en_path, pair.en.line, f"module {pair.en.title!r} has {len(pair.en.tables)} "
                                                       f"tables; the Chinese one has {len(pair.zh.tables)}"))
    for tables in pair.tables():
        if not (tables.zh and tables.en):
            continue
        zh_roles = [column.role for column in tables.zh.columns]
        en_roles = [column.role for column in tables.en.columns]
        if zh_roles != en_roles:
            problems.append(Problem(en_path, tables.en.line, f"columns read as {en_roles}; the Chinese table at "
                                                             f"line {tables.zh.line} reads as {zh_roles}"))
            continue
        for zh_row, en_row in tables.rows():
            if (zh_row or en_row).name in tables.zh.refused + tables.en.refused:
                continue      # already reported where it was refused
            if en_row is None:
                problems.append(Problem(zh_path, zh_row.line, f"{zh_row.name} is not in the English table at "
                                                              f"line {tables.en.line}", model=zh_row.name))
            elif zh_row is None:
                problems.append(Problem(en_path, en_row.line, f"{en_row.name} is not in the Chinese table at "
                                                              f"line {tables.zh.line}", model=en_row.name))
            else:
                _compare_rows(tables.en.columns, zh_row, en_row, en_path, problems)


def _compare_rows(columns, zh_row: Row, en_row: Row, en_path, problems) -> None:
    for column, zh_value, en_value in zip(columns, zh_row.cells, en_row.cells):
        if column.role in ("name", "text"):
            continue
        if _comparable(zh_value) != _comparable(en_value):
            problems.append(Problem(en_path, en_row.line, f"{en_row.name}, column {column.header.splitlines()[0]!r}:"
                                                          f" {_shown(en_value)} here, {_shown(zh_value)} in the "
                                                          f"Chinese list (line {zh_row.line})",
                                    model=en_row.name, role=column.role))


def _comparable(value):
    """What must agree across languages: numbers as written, sizes by value and unit, links by target.

    Qualifiers and prose are written in each language, so they are not compared."""
    if isinstance(value, Number):
        return value.written, value.mark
    if isinstance(value, Parts):
        return tuple(_comparable(number) for number in value.numbers)
    if isinstance(value, Size):
        return value.value, value.unit
    if isinstance(value, list):
        return tuple(sorted((artefact.kind, artefact.url) for artefact in value))
    if isinstance(value, Text):
        return None
    return value


def _shown(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (Size, Timing)):
        return repr(value.written)
    if isinstance(value, Number):
        return repr(value.written + value.mark)
    if isinstance(value, list):
        return ", ".join(repr(artefact.url) for artefact in value)     # repr: upstream URLs can hold line breaks
    return repr(value)


def _compare_names(languages: dict[str, Document], what: str, problems) -> None:
    if set(languages) != set(LANGUAGES):
        present = next(iter(languages.values()))
        problems.append(Problem(present.path, 0, f"{what} exists in {present.language} only"))
        return
    names = {language: {row.name: row for row in document.rows()} for language, document in languages.items()}
    for language, other in (("zh", "en"), ("en", "zh")):
        for name, row in names[language].items():
            if name not in languages[other].names():
                problems.append(Problem(languages[language].path, row.line,
                                        f"{name} is in {what} in {language} but not in {other}", model=name))


def _check_accelerator_names(lists: Lists, problems) -> None:
    known = set().union(*(document.names() for document in lists.main.values()))
    for accelerator, languages in sorted(lists.accelerators.items()):
        for document in languages.values():
            for row in document.rows():
                if row.name not in known:
                    problems.append(Problem(document.path, row.line, f"{row.name} is listed for {accelerator} "
                                                                     "but not in the CPU/GPU list", model=row.name))


def _check_ids(lists: Lists, problems) -> None:
    names_by_id: dict[str, dict[str, Row]] = {}
    for document in lists.main.values():
        for row in document.rows():
            names_by_id.setdefault(row.id, {}).setdefault(row.name, row)
    for model_id, rows in sorted(names_by_id.items()):
        if len(rows) > 1 or not model_id:
            first = next(iter(rows.values()))
            problems.append(Problem(lists.main["zh"].path, first.line,
                                    f"the names {sorted(rows)} all become the id {model_id!r}; "
                                    "expected one name per id"))


# command line

def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python tools/paddlex_lists.py SRC  (a PaddleX checkout or its docs/support_list)",
              file=sys.stderr)
        return 2
    try:
        lists = read_lists(argv[0])
    except ListsError as error:
        print(error, file=sys.stderr)
        return 1
    for pair in lists.modules:
        module = pair.zh or pair.en
        rows = sum(len(table.rows) for table in module.tables)
        english = pair.en.title if pair.en else "-"
        print(f"{rows:4}  {module.title} / {english}")
    names = {row.name for document in lists.main.values() for row in document.rows()}
    print(f"{len(names)} models in {len(lists.modules)} modules")
    for accelerator in sorted(lists.accelerators):
        print(f"{accelerator}: {len(lists.supported(accelerator))} models")
    for problem in lists.problems:
        print(problem, file=sys.stderr)
    return 1 if lists.problems else 0


if __name__ == "__main__":
    sys.exit(main())
