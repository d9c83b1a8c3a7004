"""Validate data files against the JSON Schemas in schemas/, in the reader's terms.

The schemas are the single description of the data: editors read them through
each file's `# yaml-language-server: $schema=...` line, and this module turns
their `description` texts into the "expected ..." part of every message.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import fastjsonschema

from .yaml_strict import Document, Problem, Suggestions, excerpt


def field_path(location) -> str:
    """("models", 3, "name") -> models[3].name"""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


def shown(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    if isinstance(value, str):
        return f'"{excerpt(value)}"'
    return json.dumps(value)


# A schema's `pattern` is an ECMA-262 regular expression, as editors read it:
# there `$` matches only at the very end, while Python's `$` also matches before
# a final newline, so `id: |` would pass as "resnet50\n". Both validators get
# `\Z` instead (the rewrite fastjsonschema also makes), so they agree, and the
# value the site uses is exactly the value that was checked.
DOLLAR = re.compile(r"(?<!\\)\$")


def python_patterns(node):
    if isinstance(node, list):
        return [python_patterns(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: DOLLAR.sub(r"\\Z", value) if key == "pattern" and isinstance(value, str) else python_patterns(value)
            for key, value in node.items()}


def draft7(documents: dict, name: str, pointer: str = "") -> dict:
    """One schema (or the part of it at a JSON pointer) as a self-contained
    draft-07 document, which fastjsonschema compiles.

    Our schemas are Draft 2020-12 and refer across files. The keywords they use
    mean the same in draft 07, except that 2020-12 applies the keywords next
    to a $ref while draft 07 ignores them; those go into an allOf with the $ref.
    Other files' $defs are copied in under definitions/<file name>.
    """
    definitions = {}

    def convert(node, file):
        if isinstance(node, list):
            return [convert(item, file) for item in node]
        if not isinstance(node, dict):
            return node
        converted = {key: convert(value, file) for key, value in node.items() if key not in ("$ref", "$schema", "$defs")}
        if "$ref" not in node:
            return converted
        target, _, pointer = node["$ref"].partition("#")
        target = target or file
        if target not in definitions:
            definitions[target] = {}
            definitions[target] = convert(documents[target].get("$defs", {}), target)
        reference = {"$ref": "#/definitions/" + target.removesuffix(".schema.json") + pointer.removeprefix("/$defs")}
        if any(key not in ("description", "title") for key in converted):
            return {"allOf": [reference, converted]}
        return {**converted, **reference}

    root = convert(value_at(documents[name], pointer_parts(pointer)), name)
    if "$ref" in root:  # draft 07 ignores what stands next to a $ref, definitions included
        root = {"allOf": [root]}
    root["definitions"] = {target.removesuffix(".schema.json"): value for target, value in definitions.items()}
    root["$schema"] = "http://json-schema.org/draft-07/schema#"
    return root


# Which complaint wins when several hit the same value; rank 0 ones all stay
# (each names a different missing or unknown field).
PRIORITY = {"required": 0, "additionalProperties": 0, "type": 1, "enum": 2, "minLength": 3, "minItems": 3, "maxLength": 3}


@dataclass
class Verdict:
    """What the schema says about one file.

    `readable` is the file without the records (mappings in lists: a model, a
    result, an entry, a link…) that hold a problem, or None when the problem is
    in the file's own fields; the cross-file rules check what is readable.
    `withheld` holds the ids found in what was left out: references to them are
    not checked, so that one typo is not echoed as a dozen unknown ids.
    """

    problems: list[Problem]
    readable: Document | None
    withheld: set[str] = field(default_factory=set)


# jsonschema explains a few hundred records a second here, and a refused file
# of 512 KiB can hold thousands of them. The fast check finds the records that
# fail, and only those are explained, at most EXPLAINED of them per file, so
# that any file is refused within seconds.
EXPLAINED = 50


class Schemas:
    """All schemas of one folder, loaded once.

    A place in them is an address: "tags.schema.json#" for a whole file,
    "common.schema.json#/$defs/links/items" for a part. Each address gets a
    fast check (fastjsonschema), and an explanation (jsonschema) when it fails.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.documents = {path.name: python_patterns(json.loads(path.read_text(encoding="utf-8")))
                          for path in sorted(folder.glob("*.schema.json"))}
        self.compiled = {}
        self.explainers = {}
        self.record_lists = {}
        self._registry = None

    def first_error(self, address: str, value) -> fastjsonschema.JsonSchemaValueException | None:
        """The fast check: the schema compiled to Python (about 20x faster than
        jsonschema, which is only asked to explain a failure)."""
        if address not in self.compiled:
            name, _, pointer = address.partition("#")
            self.compiled[address] = fastjsonschema.compile(draft7(self.documents, name, pointer))
        try:
            self.compiled[address](value)
        except fastjsonschema.JsonSchemaValueException as error:
            return error
        return None

    def explain(self, address: str, value, prefix: tuple = ()) -> list:
        """jsonschema's errors about a value, each placed in the file by `prefix`."""
        if address not in self.explainers:
            from jsonschema import Draft202012Validator
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT202012

            if self._registry is None:
                self._registry = Registry().with_resources(
                    (name, Resource.from_contents(contents, default_specification=DRAFT202012))
                    for name, contents in self.documents.items())
            self.explainers[address] = Draft202012Validator({"$ref": address}, registry=self._registry)
        errors = list(self.explainers[address].iter_errors(value))
        for error in errors:
            error.path.extendleft(reversed(prefix))
        return errors

    def lists(self, kind: str) -> dict[str, str]:
        """The file's top-level lists of records (mappings), with the address of their items."""
        if kind not in self.record_lists:
            name, found = f"{kind}.schema.json", {}
            for key in self.documents[name].get("properties", {}):
                file, pointer, node = self.resolve(name, f"/properties/{key}")
                if "items" in node and self.resolve(file, f"{pointer}/items")[2].get("type") == "object":
                    found[key] = f"{file}#{pointer}/items"
            self.record_lists[kind] = found
        return self.record_lists[kind]

    def resolve(self, name: str, pointer: str) -> tuple[str, str, dict]:
        """The schema node at a pointer, following $ref: (file, pointer, node)."""
        node = value_at(self.documents[name], pointer_parts(pointer))
        while "$ref" in node:
            target, _, pointer = node["$ref"].partition("#")
            name = target or name
            node = value_at(self.documents[name], pointer_parts(pointer))
        return name, pointer, node

    def check(self, kind: str, document: Document) -> Verdict:
        whole, data = f"{kind}.schema.json#", document.data
        if self.first_error(whole, data) is None:
            return Verdict([], document)
        lists = self.lists(kind) if isinstance(data, dict) else {}
        failing = [(key, i) for key, address in lists.items() if isinstance(data.get(key), list)
                   for i, item in enumerate(data[key]) if self.first_error(address, item)]
        # The file's own fields, with each list of records kept as long as it is
        # but emptied (the records that fail are explained on their own).
        skeleton, bad = (dict(data) if lists else data), set(failing)
        for key in lists:
            if isinstance(data.get(key), list):
                skeleton[key] = [None] * len(data[key])
        errors = [error for error in self.explain(whole, skeleton)
                  if not (len(error.path) > 1 and error.path[0] in lists and isinstance(error.path[1], int))]
        # Where jsonschema finds nothing that the fast check refused, the two
        # disagree: the fast check's own complaint is reported, so the file is
        # refused all the same (tests/test_hostile.py shows that they agree on
        # the corpus and on thousands of generated files).
        unexplained = [] if errors or failing else [(whole, ())]
        for key, i in failing[:EXPLAINED]:
            found = self.explain(lists[key], data[key][i], (key, i))
            errors += found
            if not found:
                unexplained.append((lists[key], (key, i)))
        problems = self._problems(errors, document) + [self._unexplained(address, document, prefix)
                                                       for address, prefix in unexplained]
        if len(failing) > EXPLAINED:
            first = failing[EXPLAINED]
            problems.append(Problem(document.path, *document.mark(first),
                                    f"{field_path(first)} and {len(failing) - EXPLAINED - 1} more records after it have "
                                    "problems too; fix the ones above and check again to see them"))
        cut = {record_of(tuple(error.absolute_path), data) for error in errors}
        cut |= {prefix or None for _, prefix in unexplained} | set(failing[EXPLAINED:])
        readable, withheld = self._readable(kind, document, cut, bad)
        return Verdict(problems, readable, withheld)

    def _problems(self, errors, document: Document) -> list[Problem]:
        # One complaint per place: an empty string breaks both minLength and
        # pattern, and the reader needs to hear it once.
        best, suggestions = {}, Suggestions()
        for error in errors:
            rank = PRIORITY.get(error.validator, len(PRIORITY))
            for problem in self._describe(error, document, suggestions):
                place = (problem.line, problem.column, problem.message if rank == 0 else "")
                if place not in best or rank < best[place][0]:
                    best[place] = (rank, problem)
        return sorted((p for _, p in best.values()), key=lambda p: (p.line, p.column, p.message))

    def _unexplained(self, address: str, document: Document, prefix: tuple) -> Problem:
        error = self.first_error(address, value_at(document.data, prefix))
        location = prefix + tuple(int(part) if part.isdigit() else part for part in error.path[1:])
        expected = error.definition.get("description") or f"what the schema's rule {error.rule} allows"
        return Problem(document.path, *document.mark(location), f"{field_path(location)} does not fit; expected {expected}")

    def _readable(self, kind: str, document: Document, cut: set, failing: set) -> tuple[Document | None, set[str]]:
        """The document without the records at `cut` (None: without all of it),
        and the ids in what was left out."""
        whole = f"{kind}.schema.json#"
        for attempt in (cut, cut | failing):
            # A failing record may still fail without its failing part (a list
            # left empty): then it is left out whole.
            if None in attempt:
                break
            readable = without(document, attempt)
            if self.first_error(whole, readable.data) is None:
                return readable, set().union(*(ids_in(value_at(document.data, location)) for location in attempt))
        return None, ids_in(document.data)

    def _describe(self, error, document: Document, suggestions: Suggestions) -> list[Problem]:
        location = tuple(error.absolute_path)
        where = field_path(location)
        expected = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
        line, column = document.mark(location)

        def problem(message, at=None):
            at_line, at_column = at or (line, column)
            return Problem(document.path, at_line, at_column, message)

        keyword = error.validator
        # jsonschema's own message quotes the whole value, which may be long.
        rule = f"what the schema's rule {keyword} allows"
        if keyword in ("additionalProperties", "unevaluatedProperties"):
            allowed = list(error.schema.get("properties", {}))
            out = []
            for key in sorted(set(error.instance) - set(allowed)):
                hint = suggestions.hint(key, allowed)
                listing = ", ".join(allowed) if allowed else "none"
                out.append(problem(f"unknown field '{excerpt(key)}' in {where}{hint}; expected one of: {listing}",
                                   document.mark(location + (key,), key=True)))
            return out
        if keyword == "required":
            out = []
            for key in error.validator_value:
                if isinstance(error.instance, dict) and key not in error.instance:
                    about = error.schema.get("properties", {}).get(key, {}).get("description", expected)
                    out.append(problem(f"{where} is missing the field '{key}'" + (f": {about}" if about else "")))
            return out
        value = error.instance
        if keyword == "type" and document.plain.get(location):
            raw = document.plain[location]
            return [problem(f"{where} is {shown(value)}, because YAML reads the unquoted {excerpt(raw)} as "
                            f"{'a number' if isinstance(value, (int, float)) and not isinstance(value, bool) else 'that'}; "
                            f"expected {expected or error.validator_value}: write it in quotes (\"{excerpt(raw)}\")")]
        if keyword == "type":
            wanted = error.validator_value if isinstance(error.validator_value, str) else " or ".join(error.validator_value)
            wanted = {"string": "text", "object": "a mapping of fields", "array": "a list", "number": "a number",
                      "integer": "a whole number", "boolean": "true or false"}.get(wanted, wanted)
            # The description may already start with the type ("a number, such as 76.5").
            detail = expected if expected.startswith(wanted) else f"{wanted}" + (f" ({expected})" if expected else "")
            return [problem(f"{where} is {shown(value)}; expected {detail}")]
        if keyword == "enum":
            return [problem(f"{where} is {shown(value)}; expected one of: {', '.join(map(str, error.validator_value))}")]
        if keyword == "maxLength":
            return [problem(f"{where} is {len(value)} characters long; expected at most {error.validator_value}")]
        if keyword == "maxItems":
            return [problem(f"{where} has {len(value)} items; expected {expected or f'at most {error.validator_value}'}")]
        if keyword in ("minItems", "minLength") and not value:
            return [problem(f"{where} is empty; expected {expected or 'a value'}")]
        if keyword == "uniqueItems":
            return [problem(f"{where} lists the same value twice; expected {expected or 'each value once'}")]
        if keyword in ("oneOf", "anyOf"):
            # When exactly one alternative has the right shape (a name given as
            # {zh: …} without en), its own complaint is the useful one.
            near = [e for e in error.context if e.validator != "type"]
            if near and len({e.relative_schema_path[0] for e in near}) == 1:
                return [p for e in near for p in self._describe(e, document, suggestions)]
            return [problem(f"{where} does not fit; expected {expected or rule}")]
        if keyword == "not":
            return [problem(f"{where} has fields that cannot go together; expected {expected or rule}")]
        return [problem(f"{where} is {shown(value)}; expected {expected or rule}")]


def record_of(location: tuple, data) -> tuple | None:
    """The innermost record around a location: a mapping that is an item of a list.
    None when there is none (the problem is in the file's own fields)."""
    record, value = None, data
    for depth, part in enumerate(location):
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(value, dict):
            record = location[: depth + 1]
    return record


def value_at(data, location):
    for part in location:
        data = data[part]
    return data


def pointer_parts(pointer: str) -> list[str]:
    """A JSON pointer's parts: "/properties/tags" -> ["properties", "tags"]."""
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]]


def ids_in(value) -> set[str]:
    """Every id in a part of a file."""
    if isinstance(value, list):
        return set().union(*map(ids_in, value))
    if not isinstance(value, dict):
        return set()
    found = {value["id"]} if isinstance(value.get("id"), str) else set()
    return found.union(*map(ids_in, value.values()))


def without(document: Document, cut: set[tuple]) -> Document:
    """A copy of a document without the list items at `cut`, with every position
    moved to the item's new place (a later item's index goes down)."""
    marks, key_marks, plain = {}, {}, {}

    def copy(value, old: tuple, new: tuple):
        for table, copied in ((document.marks, marks), (document.key_marks, key_marks), (document.plain, plain)):
            if old in table:
                copied[new] = table[old]
        if isinstance(value, dict):
            return {key: copy(item, old + (key,), new + (key,)) for key, item in value.items()}
        if isinstance(value, list):
            kept = [(i, item) for i, item in enumerate(value) if old + (i,) not in cut]
            return [copy(item, old + (i,), new + (j,)) for j, (i, item) in enumerate(kept)]
        return value

    return Document(document.path, copy(document.data, (), ()), marks, key_marks, plain)
