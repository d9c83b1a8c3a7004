"""Read a YAML data file strictly, keeping the line and column of every value.

PyYAML's safe_load silently keeps the last of two duplicate keys, turns `NO`
into False and `1.10` into 1.1, and expands aliases (an alias bomb grows ~9x
per level). Contributors cannot see any of that, so this reader refuses it.
It builds the data from the parser's event stream itself: anchors fail at the
first event, before anything is expanded.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

# The largest real data file is well under 100 KiB; a file far beyond that is a
# mistake (or an attack) that should fail before it is parsed.
MAX_BYTES = 512 * 1024

Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Plain scalars that keep their YAML 1.2 meaning. Everything else that YAML 1.1
# would turn into a non-string (yes, on, 017, 1_000, 1:30, 2020-01-01, .inf) is
# refused rather than silently converted.
INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
# Longer numbers are a mistake, and Python refuses to read ints of over 4300
# digits; 1e999 would become infinity, which JSON cannot hold.
NUMBER_CHARACTERS = 30
# Real data nests about 7 levels deep. Deeper nesting is refused before it can
# exhaust the recursion of the code that walks the data.
MAX_DEPTH = 20
NULL = {"", "~", "null"}
BOOL = {"true": True, "false": False}
YAML11 = yaml.resolver.Resolver()

# Characters no data file needs, refused anywhere in the file and in every value
# (escapes such as "\0" or "\u202e" included): C0 and C1 controls other than
# tab, line feed and carriage return, which YAML folds away or the schema's
# patterns refuse in text; bidirectional embeddings, overrides and isolates,
# which reorder how the text around them is shown (Trojan Source); lone
# surrogates, which cannot be written as UTF-8; and the non-characters U+FFFE
# and U+FFFF. A zero-width joiner (emoji sequences) is not among them.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")

# Messages quote at most this many characters of a contributor's value.
EXCERPT = 40
VISIBLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def excerpt(text: str) -> str:
    """A contributor's text as a message quotes it: cut short, on one line, nothing invisible."""
    short = text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
    return "".join(VISIBLE.get(c) or (f"\\u{ord(c):04x}" if unicodedata.category(c) in INVISIBLE else c) for c in short)


class Suggestions:
    """"Did you mean …?" for the first LIMIT unknown names of one check. Each
    compares a name with every known one, and a hostile file can hold tens of
    thousands of unknown names: without a limit, that alone stalls CI."""

    LIMIT = 20

    def __init__(self):
        self.left = self.LIMIT

    def hint(self, name: str, known) -> str:
        if self.left == 0:
            return ""
        self.left -= 1
        close = difflib.get_close_matches(name, list(known), n=1)
        return f" (did you mean '{close[0]}'?)" if close else ""


def character_name(character: str) -> str:
    """U+202E (RIGHT-TO-LEFT OVERRIDE); controls, surrogates and non-characters have no name of their own."""
    name = unicodedata.name(character, "") or {"Cs": "a lone surrogate", "Cn": "a non-character"}.get(
        unicodedata.category(character), "a control character")
    return f"U+{ord(character):04X} ({name})"


def forbidden_message(character: str) -> str:
    return (f"{character_name(character)} is not allowed: control and text-direction characters are invisible "
            "or change how the text around them is shown; remove it")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass
class Document:
    """A data file's content and where each value and key stands in the file.

    `marks` maps a location such as ("models", 3, "name") to (line, column);
    `key_marks` does the same for the mapping key at that location, and
    `plain` keeps the source text of unquoted values that became numbers,
    booleans or nulls, so that an error can say what YAML did with them.
    """

    path: str
    data: object
    marks: dict = field(default_factory=dict)
    key_marks: dict = field(default_factory=dict)
    plain: dict = field(default_factory=dict)

    def mark(self, location, *, key=False) -> tuple[int, int]:
        """The position of a location, or of its nearest enclosing one."""
        location = tuple(location)
        table = self.key_marks if key else self.marks
        while location not in table and location:
            location = location[:-1]
        return table.get(location) or self.marks.get(location, (1, 1))


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def read(path: str, display: str | None = None) -> Document:
    """Read one YAML file of the project (not a contributor's: see data_files); raise YamlProblem."""
    with open(path, "rb") as stream:
        return parse(stream.read(MAX_BYTES + 1), display or path)


def parse(raw: bytes, display: str) -> Document:
    """Parse one data file's bytes; raise YamlProblem with the first thing wrong."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(Problem(display, 1, 1, f"the file is larger than {MAX_BYTES // 1024} KiB; split it into several files"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(Problem(display, line, column, f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8")) from None
    text = text.removeprefix("\ufeff")
    if found := FORBIDDEN.search(text):
        before = text[: found.start()]
        line, column = before.count("\n") + 1, found.start() - (before.rfind("\n") + 1) + 1
        raise YamlProblem(Problem(display, line, column, forbidden_message(found.group())))
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlProblem(Problem(display, number, indent.index("\t") + 1, "a tab is used for indentation; indent with spaces"))
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise YamlProblem(Problem(display, 1, 1, "the file is empty; expected a mapping of fields"))
    return _Builder(display, text).build()


class _Builder:
    def __init__(self, path: str, text: str):
        self.path = path
        self.events = yaml.parse(text, Loader=Parser)
        self.document = Document(path, None)

    def fail(self, mark, message: str):
        raise YamlProblem(Problem(self.path, mark.line + 1, mark.column + 1, message))

    def next(self):
        try:
            event = next(self.events)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            problem = error.problem or error.context or "invalid YAML"
            if error.context and error.context_mark and error.problem_mark:
                start = error.context_mark
                problem += f" ({error.context} that starts at line {start.line + 1}, column {start.column + 1})"
            raise YamlProblem(Problem(self.path, mark.line + 1, mark.column + 1, f"YAML syntax error: {problem}")) from None
        except yaml.YAMLError as error:
            # Not expected once FORBIDDEN has been searched for (a ReaderError
            # carries no line), but never a traceback.
            raise YamlProblem(Problem(self.path, 1, 1, f"YAML cannot read this file: {str(error)[:200]}")) from None
        if isinstance(event, ScalarEvent) and (found := FORBIDDEN.search(event.value)):
            self.fail(event.start_mark, forbidden_message(found.group()))
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            self.fail(event.start_mark, "anchors (&name) and aliases (*name) are not allowed; write the value out")
        if getattr(event, "tag", None) is not None:
            self.fail(event.start_mark, f"YAML tags such as {excerpt(event.tag)} are not allowed; remove the tag")
        return event

    def build(self) -> Document:
        assert isinstance(self.next(), StreamStartEvent)
        start = self.next()
        if isinstance(start, StreamEndEvent):
            self.fail(start.start_mark, "the file is empty; expected a mapping of fields")
        assert isinstance(start, DocumentStartEvent)
        self.document.data = self.value(self.next(), ())
        assert isinstance(self.next(), DocumentEndEvent)
        extra = self.next()
        if not isinstance(extra, StreamEndEvent):
            self.fail(extra.start_mark, "a second YAML document (---) is not allowed; keep one document per file")
        return self.document

    def value(self, event, location: tuple):
        if len(location) > MAX_DEPTH:
            self.fail(event.start_mark, f"the data is nested more than {MAX_DEPTH} levels deep; expected at most {MAX_DEPTH}")
        self.document.marks[location] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, ScalarEvent):
            value = self.scalar(event)
            if not isinstance(value, str):
                self.document.plain[location] = event.value
            return value
        if isinstance(event, SequenceStartEvent):
            items = []
            while not isinstance(event := self.next(), SequenceEndEvent):
                items.append(self.value(event, location + (len(items),)))
            return items
        if isinstance(event, MappingStartEvent):
            mapping = {}
            while not isinstance(event := self.next(), MappingEndEvent):
                if not isinstance(event, ScalarEvent):
                    self.fail(event.start_mark, "a key must be a plain name, not a list or mapping")
                key = event.value
                if key in mapping:
                    line, column = self.document.key_marks[location + (key,)]
                    self.fail(event.start_mark, f"duplicate key '{excerpt(key)}' (first at line {line}, column {column}); YAML would silently keep only the last one")
                self.document.key_marks[location + (key,)] = (event.start_mark.line + 1, event.start_mark.column + 1)
                mapping[key] = self.value(self.next(), location + (key,))
            return mapping
        self.fail(event.start_mark, "unexpected YAML structure")

    def scalar(self, event: ScalarEvent):
        text = event.value
        if not event.implicit[0]:  # quoted or block scalars are always text
            return text
        if text in NULL:
            return None
        if text in BOOL:
            return BOOL[text]
        kind = YAML11.resolve(yaml.ScalarNode, text, (True, False)).rsplit(":", 1)[-1]
        number = INT.fullmatch(text) or FLOAT.fullmatch(text)
        if kind == "str" and not number:
            return text
        shown = excerpt(text)
        if (number or kind in ("int", "float")) and len(text) > NUMBER_CHARACTERS:
            self.fail(event.start_mark, f"'{shown}' is read by YAML as a number of {len(text)} characters; "
                                        f"expected at most {NUMBER_CHARACTERS}, or quotes if you mean text")
        if number:
            value = int(text) if INT.fullmatch(text) else float(text)
            if not math.isfinite(value):
                self.fail(event.start_mark, f"'{text}' is too large a number; expected a finite number")
            return value
        if kind == "bool":
            value = str(yaml.safe_load(text)).lower()
            meaning, otherwise = f"the boolean {value}", f"or write {value}"
        elif kind in ("int", "float"):
            value = yaml.safe_load(text)
            meaning, otherwise = f"the number {value}", f"or write {value}"
        else:
            meaning, otherwise = ("a date" if kind == "timestamp" else "a special value"), ""
        self.fail(event.start_mark, f"'{shown}' is read by YAML 1.1 as {meaning}: quote it (\"{shown}\") if you mean text{', ' + otherwise if otherwise else ''}")
