"""The rules of data/link-rules.yml: the kind of a link's address, and the hosts that are gone."""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def host_matches(pattern: str, host: str) -> bool:
    if pattern.startswith("*."):
        return host.endswith(pattern[1:])
    return host == pattern


class Rules:
    def __init__(self, rules: list[dict], gone: list[dict]):
        self.rules = [(r["host"], re.compile(r["path"]) if "path" in r else None, r["kind"]) for r in rules]
        self.gone = {g["host"]: g["note"] for g in gone}

    def kind_for(self, url: str) -> str | None:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        for pattern, path, kind in self.rules:
            if host_matches(pattern, host) and (path is None or path.match(target)):
                return kind
        return None
