"""Write the field reference of CONTRIBUTING.md from the schemas.

usage: python tools/fields.py          rewrite the reference in CONTRIBUTING.md
       python tools/fields.py --check  exit 1 if it is out of date (the tests run this)

The schemas are the one description of the data; this keeps the guide from
describing a field a second time, by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
GUIDE = REPOSITORY / "CONTRIBUTING.md"
START, END = "<!-- fields:start -->", "<!-- fields:end -->"
# The data files, in the order a contributor meets them.
FILES = [
    ("data/models/<section>.yml", "model-section"),
    ("data/models/<section>/<source>.yml", "model-part"),
    ("data/atlas/<category>.yml", "atlas-category"),
    ("data/atlas-categories.yml", "atlas-categories"),
    ("data/hardware.yml", "hardware"),
    ("data/tags.yml", "tags"),
    ("data/metrics.yml", "metrics"),
    ("data/datasets.yml", "datasets"),
    ("data/model-areas.yml", "model-areas"),
    ("data/link-rules.yml", "link-rules"),
]
# Shared shapes, described once at the end instead of under every field.
SHARED = {"text": "zh and en", "texts": "a list of {zh, en}", "name": "text, or zh and en",
          "link": "a link (see Links)", "links": "a list of links (see Links)", "id": "an id",
          "ids": "a list of ids", "line": "one line of text", "web-url": "a web address"}


def load(name: str) -> dict:
    return json.loads((REPOSITORY / "schemas" / name).read_text(encoding="utf-8"))


def resolve(schema: dict, document: dict) -> tuple[dict, dict, str | None]:
    """Follow $refs (a part file's fields refer to the section file's, which refer to common ones); return
    the target, its document, and a shared shape's name."""
    if "$ref" not in schema:
        return schema, document, None
    file, _, pointer = schema["$ref"].partition("#")
    target_document = load(file) if file else document
    target = target_document
    for part in pointer.strip("/").split("/"):
        target = target[part]
    if "$ref" in target:
        # The nearer schema's description says more than the shared shape's.
        found, found_document, shared = resolve(target, target_document)
        return {**found, "description": target.get("description") or found.get("description", "")}, found_document, shared
    shared = pointer.rsplit("/", 1)[-1] if file == "common.schema.json" else None
    return target, target_document, shared


def rows(schema: dict, document: dict, prefix: str = ""):
    required = set(schema.get("required", []))
    for name, field in schema.get("properties", {}).items():
        target, target_document, shared = resolve(field, document)
        description = field.get("description") or target.get("description", "")
        path = f"{prefix}{name}"
        items = target.get("items", {})
        if shared in SHARED:
            shape = SHARED[shared]
        elif "enum" in target:
            shape = "one of " + ", ".join(f"`{v}`" for v in target["enum"])
        elif "enum" in items:
            shape = "a list of " + ", ".join(f"`{v}`" for v in items["enum"])
        else:
            shape = target.get("type", "")
        yield path, name in required, shape, description
        if target.get("type") == "object" and shared is None:
            yield from rows(target, target_document, f"{path}.")
        if target.get("type") == "array" and items and shared is None:
            item, item_document, item_shared = resolve(items, target_document)
            if item_shared is None and item.get("type") == "object":
                yield from rows(item, item_document, f"{path}[].")


def plain(text: str) -> str:
    """Schema prose as Markdown text: <id> must not read as an HTML tag."""
    return text.replace("<", "&lt;")


def table(schema: dict, document: dict) -> list[str]:
    lines = ["| field | required | shape | what it is |", "|---|---|---|---|"]
    for path, required, shape, description in rows(schema, document):
        lines.append(f"| `{path}` | {'yes' if required else ''} | {shape} | {plain(description).replace('|', '/')} |")
    return lines


def reference() -> str:
    out = [START, "", "_Generated from `schemas/` by `python tools/fields.py`; edit the schemas, not this list._", ""]
    for path, kind in FILES:
        schema = load(f"{kind}.schema.json")
        out += [f"#### `{path}`", "", plain(schema["description"]), "", *table(schema, schema), ""]
    common = load("common.schema.json")
    link = common["$defs"]["link"]
    out += ["#### Links", "", plain(link["description"]), "", *table(link, common), ""]
    out += ["Text fields are one line of plain text: " + plain(common["$defs"]["line"]["description"]) + ".", "", END]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    text = GUIDE.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    fresh = before + reference() + after
    if "--check" in argv:
        if fresh != text:
            print("CONTRIBUTING.md's field reference is out of date; run: python tools/fields.py", file=sys.stderr)
            return 1
        return 0
    GUIDE.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
