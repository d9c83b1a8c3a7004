"""Validate data files against the JSON Schemas in schemas/, in the reader's terms.

The schemas are the single description of the data: editors read them through
each file's `# yaml-language-server: $schema=...` line, and this module turns
their `description` texts into the "expected ..." part of every message.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import fastjsonschema

from .yaml_strict import Document, Problem


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
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…\""


def draft7(documents: dict, name: str) -> dict:
    """One schema as a self-contained draft-07 document, which fastjsonschema compiles.

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

    root = convert(documents[name], name)
    root["definitions"] = {target.removesuffix(".schema.json"): value for target, value in definitions.items()}
    root["$schema"] = "http://json-schema.org/draft-07/schema#"
    return root


# Which complaint wins when several hit the same value; rank 0 ones all stay
# (each names a different missing or unknown field).
PRIORITY = {"required": 0, "additionalProperties": 0, "type": 1, "enum": 2, "minLength": 3, "minItems": 3}


class Schemas:
    """All schemas of one folder, loaded once, with one validator per data kind."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.documents = {path.name: json.loads(path.read_text(encoding="utf-8"))
                          for path in sorted(folder.glob("*.schema.json"))}
        self.compiled = {}
        self._validators = None

    @property
    def validators(self) -> dict:
        """jsonschema's validators, which explain a failure; built only when one is needed."""
        if self._validators is None:
            from jsonschema import Draft202012Validator
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT202012

            registry = Registry().with_resources(
                (name, Resource.from_contents(contents, default_specification=DRAFT202012))
                for name, contents in self.documents.items())
            self._validators = {name.removesuffix(".schema.json"): Draft202012Validator({"$ref": name}, registry=registry)
                                for name in self.documents}
        return self._validators

    def passes(self, kind: str, data) -> bool:
        """The fast check: the same schema compiled to Python (about 20x faster
        than jsonschema, which is only asked to explain a failure)."""
        if kind not in self.compiled:
            self.compiled[kind] = fastjsonschema.compile(draft7(self.documents, f"{kind}.schema.json"))
        try:
            self.compiled[kind](data)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    def problems(self, kind: str, document: Document) -> list[Problem]:
        if self.passes(kind, document.data):
            return []
        # One complaint per place: an empty string breaks both minLength and
        # pattern, and the reader needs to hear it once.
        best = {}
        for error in self.validators[kind].iter_errors(document.data):
            rank = PRIORITY.get(error.validator, len(PRIORITY))
            for problem in self._describe(error, document):
                place = (problem.line, problem.column, problem.message if rank == 0 else "")
                if place not in best or rank < best[place][0]:
                    best[place] = (rank, problem)
        return sorted((p for _, p in best.values()), key=lambda p: (p.line, p.column, p.message))

    def _describe(self, error, document: Document) -> list[Problem]:
        location = tuple(error.absolute_path)
        where = field_path(location)
        expected = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
        line, column = document.mark(location)

        def problem(message, at=None):
            at_line, at_column = at or (line, column)
            return Problem(document.path, at_line, at_column, message)

        keyword = error.validator
        if keyword in ("additionalProperties", "unevaluatedProperties"):
            allowed = list(error.schema.get("properties", {}))
            out = []
            for key in sorted(set(error.instance) - set(allowed)):
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                listing = ", ".join(allowed) if allowed else "none"
                out.append(problem(f"unknown field '{key}' in {where}{hint}; expected one of: {listing}",
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
        if keyword == "type" and location in document.plain:
            raw = document.plain[location]
            return [problem(f"{where} is {shown(value)}, because YAML reads the unquoted {raw} as "
                            f"{'a number' if isinstance(value, (int, float)) and not isinstance(value, bool) else 'that'}; "
                            f"expected {expected or error.validator_value}: write it in quotes (\"{raw}\")")]
        if keyword == "type":
            wanted = error.validator_value if isinstance(error.validator_value, str) else " or ".join(error.validator_value)
            wanted = {"string": "text", "object": "a mapping of fields", "array": "a list", "number": "a number",
                      "integer": "a whole number", "boolean": "true or false"}.get(wanted, wanted)
            # The description may already start with the type ("a number, such as 76.5").
            detail = expected if expected.startswith(wanted) else f"{wanted}" + (f" ({expected})" if expected else "")
            return [problem(f"{where} is {shown(value)}; expected {detail}")]
        if keyword == "enum":
            return [problem(f"{where} is {shown(value)}; expected one of: {', '.join(map(str, error.validator_value))}")]
        if keyword in ("minItems", "minLength") and not value:
            return [problem(f"{where} is empty; expected {expected or 'a value'}")]
        if keyword == "uniqueItems":
            return [problem(f"{where} lists the same value twice; expected {expected or 'each value once'}")]
        if keyword in ("oneOf", "anyOf"):
            # When exactly one alternative has the right shape (a name given as
            # {zh: …} without en), its own complaint is the useful one.
            near = [e for e in error.context if e.validator != "type"]
            if near and len({e.relative_schema_path[0] for e in near}) == 1:
                return [p for e in near for p in self._describe(e, document)]
            return [problem(f"{where} does not fit; expected {expected or error.message}")]
        if keyword == "not":
            return [problem(f"{where} has fields that cannot go together; expected {expected or error.message}")]
        return [problem(f"{where} is {shown(value)}; expected {expected or error.message}")]
