"""Write data files the way the build's strict reader reads them back, byte for byte the same every time.

Numbers are written as their source wrote them (84.90 stays 84.90): a `Written`
holds the digits and is emitted unquoted, so the reader's `document.plain` keeps
them. A text is written plain where YAML 1.1 would read it back as that same
text, and in double quotes otherwise ("2025-08-19", "on", "1.10", "a: b").
Short mappings and lists of plain values go on one line ({zh: …, en: …},
[a, b]); everything else is a block. Comments are written only at the top.
"""

from __future__ import annotations

import json
import re

import yaml

WIDTH = 120  # a flow mapping or list longer than this becomes a block
INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
RESOLVER = yaml.resolver.Resolver()


class Written(str):
    """A number (or true/false) exactly as its source writes it: emitted unquoted."""


def dump(data: dict, comments: list[str]) -> str:
    lines = [f"# {comment}" if comment else "#" for comment in comments]
    lines += _mapping(data, 0)
    return "\n".join(lines) + "\n"


def _mapping(data: dict, indent: int) -> list[str]:
    lines = []
    for key, value in data.items():
        lines += _entry(f"{' ' * indent}{key}:", value, indent)
    return lines


def _entry(head: str, value, indent: int) -> list[str]:
    """`head` (a key with its colon, or a list's dash) followed by its value; nested blocks indent by two."""
    flow = _flow(value)
    if flow is not None and len(head) + 1 + len(flow) <= WIDTH:
        return [f"{head} {flow}"]
    if isinstance(value, dict):
        return [head] + _mapping(value, indent + 2)
    if not isinstance(value, list):
        return [f"{head} {_scalar(value, flow=False)}"]
    lines = [head]
    dash = f"{' ' * (indent + 2)}-"
    for item in value:
        flow = _flow(item)
        if isinstance(item, dict) and (flow is None or len(dash) + 1 + len(flow) > WIDTH):
            # A mapping item as a block: its first key on the dash's line, the others under it.
            (key, first), *rest = item.items()
            lines += _entry(f"{dash} {key}:", first, indent + 4)
            lines += _mapping(dict(rest), indent + 4)
        else:
            lines += _entry(dash, item, indent + 2)
    return lines


def _flow(value) -> str | None:
    """The value on one line, where it is a scalar or holds scalars only; else None."""
    if isinstance(value, dict):
        if any(isinstance(item, (dict, list)) for item in value.values()):
            return None
        return "{" + ", ".join(f"{key}: {_scalar(item, flow=True)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        if any(isinstance(item, (dict, list)) for item in value):
            return None
        return "[" + ", ".join(_scalar(item, flow=True) for item in value) + "]"
    return _scalar(value, flow=False)


def _scalar(value, flow: bool) -> str:
    if isinstance(value, Written):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} {value!r}; numbers must be Written as their source writes them")
    return value if _plain(value, flow) else json.dumps(value, ensure_ascii=False)


def _plain(text: str, flow: bool) -> bool:
    """Whether YAML reads the text back, unquoted, as this very text."""
    if not text or text != text.strip() or text[0] in INDICATORS or any(c in text for c in "\n\r\t"):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    kind = RESOLVER.resolve(yaml.ScalarNode, text, (True, False)).rsplit(":", 1)[-1]
    return kind == "str" and not re.fullmatch(r"[-+]?[0-9][0-9_.:eE+-]*|~|null|true|false", text, re.IGNORECASE)
